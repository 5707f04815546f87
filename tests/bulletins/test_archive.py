"""The public archive: sent bulletins only, each in the visitor's language or English."""

import datetime

import pytest

from bulletins.models import Bulletin
from tests.factories import BulletinEditionFactory, BulletinFactory


def sent_bulletin(year, month, languages=("en",)):
    bulletin = BulletinFactory(month=datetime.date(year, month, 1), status=Bulletin.Status.SENT)
    for language in languages:
        BulletinEditionFactory(
            bulletin=bulletin,
            language=language,
            subject=f"Subject {language} {year}-{month:02d}",
            html=f"<p>Body {language}</p>",
        )
    return bulletin


@pytest.mark.clock
def test_archive_lists_only_sent_bulletins_newest_first(client, db):
    sent_bulletin(2026, 9)
    sent_bulletin(2026, 10)
    BulletinFactory(month=datetime.date(2026, 11, 1), status=Bulletin.Status.SENDING)

    response = client.get("/en/bulletins/")

    assert response.status_code == 200
    assert [bulletin.period for bulletin in response.context["page"]] == ["2026-10", "2026-09"]
    assert b"/en/bulletins/2026-11/" not in response.content


def test_archive_query_count_stays_flat_with_many_bulletins(
    client, db, django_assert_max_num_queries
):
    for number in range(36):
        sent_bulletin(2020 + number // 12, number % 12 + 1)

    with django_assert_max_num_queries(4):
        response = client.get("/en/bulletins/")

    assert response.status_code == 200
    assert len(response.context["page"].object_list) == 24


def test_edition_is_shown_in_the_visitors_language(client, db):
    sent_bulletin(2026, 10, languages=("en", "fr"))

    response = client.get("/fr/bulletins/2026-10/")

    assert response.status_code == 200
    assert b"Subject fr 2026-10" in response.content
    assert b"<p>Body fr</p>" in response.content


def test_edition_falls_back_to_english(client, db):
    sent_bulletin(2026, 10, languages=("en",))

    response = client.get("/es/bulletins/2026-10/")

    assert response.status_code == 200
    assert b"Subject en 2026-10" in response.content


def test_unsent_or_unknown_month_answers_404(client, db):
    BulletinFactory(month=datetime.date(2026, 11, 1), status=Bulletin.Status.AWAITING_APPROVAL)

    assert client.get("/en/bulletins/2026-11/").status_code == 404
    assert client.get("/en/bulletins/2026-13/").status_code == 404
    assert client.get("/en/bulletins/1999-01/").status_code == 404
