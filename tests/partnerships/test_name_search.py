"""The partner database's name search reads each organisation's stored search vector (issue 19).

On PostgreSQL members' migration 0011 keeps, per language, a generated tsvector column of the
very vector the search parsed at every request before: the same rows, ranked the same, but
no name is parsed again. SQLite has no such column and searches by substring.
"""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import translation

from members.models import Organisation
from members.search import StoredVector, search_vector
from partnerships.filters import PartnerFilter, name_search_fields
from partnerships.models import Partnership
from tests.factories import PartnerOrganisationFactory, PartnershipFactory


def partner(slug, **names):
    return PartnershipFactory(organisation=PartnerOrganisationFactory(slug=slug, **names))


def selection(query, language="en"):
    request = RequestFactory().get(f"/{language}/partners/", {"q": query})
    with translation.override(language):
        return PartnerFilter(request.GET, queryset=Partnership.objects.public(), request=request).qs


def found(client, query, language="en"):
    response = client.get(f"/{language}/partners/", {"q": query})
    return [partnership.organisation.slug for partnership in response.context["page"]]


def test_an_edited_name_is_found_by_its_new_words_only(client, db):
    organisation = partner("teachers", name="Teachers Union").organisation
    organisation.name_en = "Ministers Forum"
    organisation.save()
    assert found(client, "ministers") == ["teachers"]
    assert found(client, "teachers") == []


def test_a_name_written_without_save_is_found_too(client, db):
    # PostgreSQL itself keeps the column up to date, whatever writes the row.
    partner("readers", name="Readers")
    Organisation.objects.filter(slug="readers").update(name_es="Lectores de la escuela")
    assert found(client, "lectores", "es") == ["readers"]


def test_the_search_reads_the_stored_vector_and_parses_no_name(db):
    sql = str(selection("education").query)
    if connection.vendor != "postgresql":
        assert "name_search_en" not in sql, sql
        return
    assert '"members_organisation"."name_search_en" @@' in sql, sql
    assert "to_tsvector" not in sql, sql


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_stored_vector_is_the_vector_the_search_parsed_before(db, language):
    # Same vector, same ranks: the order of the results cannot change.
    partner(
        "occe",
        name="Office for Cooperation at School",
        name_fr="Office central de la coopération à l'école",
        name_es="Oficina de cooperación escolar",
        name_ar="مكتب التعاون المدرسي",
        short_name="OCCE",
    )
    if connection.vendor != "postgresql":
        assert [p.organisation.slug for p in selection("OCCE", language)] == ["occe"]
        return
    fields = [field.removeprefix("organisation__") for field in name_search_fields(language)]
    parsed, stored = (
        Organisation.objects.annotate(
            parsed=search_vector(fields, language), stored=StoredVector(f"name_search_{language}")
        )
        .values_list("parsed", "stored")
        .get()
    )
    assert stored == parsed
    assert "'occ" in stored  # The short name's word, stemmed in English ('occ').


def test_a_search_inside_a_subquery_reads_its_own_tables_vector(db):
    partner("literacy", name="Literacy Trust")
    partner("sport", name="Sport for All")
    # Not joined to members_organisation itself: only the subquery's own alias reaches it.
    outer = Partnership.objects.order_by("pk").filter(pk__in=selection("literacy").values("pk"))
    assert [partnership.organisation.slug for partnership in outer] == ["literacy"]
