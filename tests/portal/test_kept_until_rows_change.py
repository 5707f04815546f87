"""Parts of public pages kept until rows of their models change (issue 19).

`cached_until_rows_change` keeps what a part of a page shows until a row of one of the models it
names is saved or deleted: publishing an article no longer makes the home page read the next
session again. Whatever it keeps must show at once when its own rows change, and it must read no
table it does not name (checked in every test that draws such a part).
"""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from members.content_cache import (
    cached_until_rows_change,
    forget_content,
)
from members.models import Notification, Organisation
from news.models import Article
from partnerships.models import FieldOfCompetence, Partnership
from partnerships.terms import ensure_reference_terms
from tests.factories import (
    ArticleFactory,
    AssemblySessionFactory,
    PartnershipFactory,
)


@pytest.fixture
def terms(db):
    # Made by a data migration, which a browser test's flush takes away.
    ensure_reference_terms()


@pytest.fixture
def computations(terms):
    """A part to keep (the fields of competence's codes) and how many times it was computed."""
    computed = []

    def codes():
        computed.append(1)
        return [term.code for term in FieldOfCompetence.objects.all()]

    def keep():
        return cached_until_rows_change("codes", [FieldOfCompetence], compute=codes)

    keep.count = lambda: len(computed)
    return keep


def test_a_part_is_computed_once_while_its_rows_stay_the_same(db, computations):
    first = computations()
    assert computations() == first
    assert computations.count() == 1


def test_an_edit_of_other_rows_leaves_the_part_kept(db, host, computations):
    computations()
    ArticleFactory(organisation=host)
    host.name_en = "Renamed"
    host.save()
    computations()
    assert computations.count() == 1


def test_a_saved_row_of_its_model_shows_at_once(db, computations):
    computations()
    term = FieldOfCompetence.objects.first()
    term.code = "renamed-code"
    term.save()
    assert "renamed-code" in computations()
    assert computations.count() == 2


def test_a_deleted_row_of_its_model_shows_at_once(db, computations):
    before = computations()
    FieldOfCompetence.objects.filter(code=before[-1]).delete()
    assert computations() == before[:-1]


def test_forgetting_all_content_forgets_the_part(db, computations):
    # As when a scheduled article comes due: no save tells of it (news.services).
    computations()
    forget_content()
    computations()
    assert computations.count() == 2


def test_a_row_saved_while_the_part_is_computed_is_not_hidden(terms):
    # The part computed meanwhile is kept under the older generation: the next reader sees it
    # as stale and reads the saved row.
    term = FieldOfCompetence.objects.first()

    def codes_with_a_save_meanwhile():
        codes = [each.code for each in FieldOfCompetence.objects.all()]
        term.code = "saved-meanwhile"
        term.save()
        return codes

    cached_until_rows_change("codes", [FieldOfCompetence], compute=codes_with_a_save_meanwhile)
    codes = cached_until_rows_change(
        "codes",
        [FieldOfCompetence],
        compute=lambda: [each.code for each in FieldOfCompetence.objects.all()],
    )
    assert "saved-meanwhile" in codes


def test_a_generation_lost_from_the_cache_never_matches_a_part_kept_before(db, computations):
    # An evicted generation starts again from a number never used (the time), not from one a
    # kept part may carry.
    computations()
    cache.delete("rows-generation:partnerships.fieldofcompetence")
    computations()
    assert computations.count() == 2


def test_a_change_of_a_many_to_many_relation_forgets_parts_naming_its_table(terms):
    partnership = PartnershipFactory()
    through = Partnership.fields_of_competence.through

    def chosen():
        return sorted(through.objects.values_list("fieldofcompetence_id", flat=True))

    before = cached_until_rows_change("chosen", [through], compute=chosen)
    partnership.fields_of_competence.add(FieldOfCompetence.objects.exclude(pk__in=before).first())
    after = cached_until_rows_change("chosen", [through], compute=chosen)
    assert len(after) == len(before) + 1


def test_each_language_and_each_value_varied_on_is_kept_apart(db):
    assert cached_until_rows_change("part", [FieldOfCompetence], 1, compute=lambda: "1") == "1"
    assert cached_until_rows_change("part", [FieldOfCompetence], 2, compute=lambda: "2") == "2"
    with translation.override("fr"):
        assert (
            cached_until_rows_change("part", [FieldOfCompetence], 1, compute=lambda: "fr") == "fr"
        )


def test_a_part_reading_a_table_it_does_not_name_is_refused(db, member_a):
    # Its rows' saves would not forget it: it would show stale content.
    with pytest.raises(ImproperlyConfigured, match="members_organisation"):
        cached_until_rows_change(
            "terms-and-members",
            [FieldOfCompetence],
            compute=lambda: (list(FieldOfCompetence.objects.all()), Organisation.objects.count()),
        )


def test_a_part_kept_by_rows_no_save_tells_of_is_refused(db):
    # Saving a notification does not empty the caches (content_cache.NOT_SHOWN_ON_PUBLIC_PAGES).
    with pytest.raises(ImproperlyConfigured, match="members.notification"):
        cached_until_rows_change(
            "notifications", [Notification], compute=lambda: Notification.objects.count()
        )


# The home page's parts, as a visitor sees them after each kind of edit.


@pytest.fixture
def kept_parts(settings):
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 300


def test_the_home_page_shows_a_published_article_at_once(client, host, kept_parts):
    ArticleFactory(organisation=host, title_en="First news")
    assert "First news" in client.get("/en/").content.decode()
    ArticleFactory(organisation=host, title_en="Second news")
    assert "Second news" in client.get("/en/").content.decode()


def test_the_home_page_shows_a_renamed_organisation_in_its_news_at_once(client, host, kept_parts):
    ArticleFactory(organisation=host, title_en="News of the body")
    client.get("/en/")
    host.name_en = "Renamed Organisation"
    host.save()
    assert "Renamed Organisation" in client.get("/en/").content.decode()


def test_the_home_page_shows_a_changed_session_at_once(client, db, kept_parts, travel_to):
    travel_to("2027-03-01T10:00")
    session = AssemblySessionFactory(
        start_date=datetime.date(2027, 5, 3),
        end_date=datetime.date(2027, 5, 5),
        status="planned",
        venue_en="Palais des Nations",
    )
    assert "Palais des Nations" in client.get("/en/").content.decode()
    session.venue_en = "Geneva"
    session.save()
    assert "Geneva" in client.get("/en/").content.decode()


def test_the_home_page_leaves_a_session_the_day_after_it_ends(
    client, db, kept_parts, travel_to, settings
):
    # No save tells of the day: the part is kept by the day too.
    travel_to("2027-05-05T18:00")
    AssemblySessionFactory(
        start_date=datetime.date(2027, 5, 3),
        end_date=datetime.date(2027, 5, 5),
        status="planned",
        venue_en="Palais des Nations",
    )
    assert "Palais des Nations" in client.get("/en/").content.decode()
    travel_to("2027-05-06T09:00")
    settings.OEC_ANONYMOUS_PAGE_CACHE_SECONDS = 0  # the page itself, as its timeout would
    assert "Palais des Nations" not in client.get("/en/").content.decode()


def test_the_home_page_stops_counting_a_suspended_member_at_once(
    client, host, member_a, kept_parts
):
    before = client.get("/en/").context["founding_state_count"]
    member_a.status = Organisation.Status.SUSPENDED
    member_a.save()
    assert client.get("/en/").context["founding_state_count"] == before - 1


def test_the_partner_database_offers_a_new_field_of_competence_at_once(client, db, kept_parts):
    client.get("/en/partners/")
    FieldOfCompetence.objects.create(code="space", name_en="Outer space", position=99)
    assert "Outer space" in client.get("/en/partners/").content.decode()


def test_an_article_edit_leaves_the_next_session_unread(
    client, host, kept_parts, django_assert_num_queries, travel_to
):
    travel_to("2027-03-01T10:00")
    AssemblySessionFactory(
        start_date=datetime.date(2027, 5, 3), end_date=datetime.date(2027, 5, 5), status="planned"
    )
    article = ArticleFactory(organisation=host)
    client.get("/en/")
    article.title_en = "Edited"
    article.save()
    # The latest news alone: the figures, the featured members and the next session are kept.
    with django_assert_num_queries(1) as queries:
        client.get("/en/")
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert "news_article" in tables
    assert "governance_assemblysession" not in tables
    assert Article.objects.filter(title_en="Edited").exists()


def test_the_partner_database_filter_shows_each_query_its_own_data_and_errors(
    client, terms, kept_parts
):
    # Its HTML is kept by the query and the terms it offers, without building the form.
    refused = client.get("/en/partners/?year=12").content.decode()
    chosen = client.get("/en/partners/?year=2020").content.decode()

    assert "greater than or equal to 1900" in refused
    assert "greater than or equal to 1900" not in chosen
    assert 'value="2020"' in chosen
    assert "greater than or equal to 1900" in client.get("/en/partners/?year=12").content.decode()
