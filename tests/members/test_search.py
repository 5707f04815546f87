"""members.search: language-aware full-text search (PostgreSQL), substring match (SQLite)."""

from members.models import Organisation
from members.search import search
from tests.factories import OrganisationFactory


def test_search_finds_by_translated_field_and_never_outside_the_queryset(db):
    OrganisationFactory(
        slug="occe",
        name_en="Office for Cooperation at School",
        name_fr="Office central de la coopération à l'école",
    )
    OrganisationFactory(slug="other", name_en="Literacy Trust", name_fr="Fondation pour la lecture")
    hidden = OrganisationFactory(
        slug="hidden", name_en="Cooperation Hidden", status=Organisation.Status.PENDING
    )
    found = search(Organisation.objects.public(), "coopération", fields=["name_fr"], language="fr")
    assert [o.slug for o in found] == ["occe"]
    found_en = search(
        Organisation.objects.public(), "cooperation", fields=["name_en"], language="en"
    )
    assert hidden not in found_en
    assert [o.slug for o in found_en] == ["occe"]


def test_empty_query_finds_nothing(db):
    OrganisationFactory()
    assert not search(Organisation.objects.all(), "  ", fields=["name_en"], language="en").exists()


def test_rows_of_equal_rank_come_in_a_stable_order_so_pages_neither_repeat_nor_skip(db):
    names = ["Education Alliance", "Education Alliance", "Education Alliance"]
    made = [OrganisationFactory(name_en=name) for name in names]
    # An update writes the first row anew after the others: the table no longer reads in order.
    Organisation.objects.filter(pk=made[0].pk).update(name_fr="Alliance pour l'éducation")

    found = search(Organisation.objects.all(), "education", fields=["name_en"], language="en")

    assert [o.pk for o in found] == sorted(o.pk for o in made)
    assert [o.pk for o in found[1:3]] == sorted(o.pk for o in made)[1:3]
