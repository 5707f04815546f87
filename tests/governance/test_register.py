"""The register, the session page, decisions: what they list, search, filter, and at what cost."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from governance.models import Decision, Document, Vote
from members.models import Organisation
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DocumentFactory,
    DocumentFileFactory,
    OfficeHolderFactory,
    OrganisationFactory,
)


@pytest.fixture
def many_documents(host, member_a, member_b, first_session):
    """45 documents over 5 agenda items, every access class, two language files each."""
    items = [AgendaItemFactory(session=first_session, number=str(n), order=n) for n in range(1, 6)]
    accesses = ["public", "members", "restricted", "secretariat"]
    for n in range(45):
        document = DocumentFactory(
            symbol=f"OEC/GA/1/{n + 1}",
            session=first_session,
            agenda_item=items[n % 5],
            access=accesses[n % 4],
            organisation=host,
            restricted_to=[member_a, member_b] if n % 4 == 2 else None,
        )
        DocumentFileFactory(document=document, language="en")
        DocumentFileFactory(document=document, language="fr")
    for n in range(12):
        DecisionFactory(
            symbol=f"OEC/GA/1/DEC/{n + 1}", session=first_session, agenda_item=items[n % 5]
        )


def test_symbol_follows_the_bodys_pattern(host, first_session):
    for good in ["OEC/GA/1/5", "OEC/GA/1/INF/2", "OEC/GA/12/5/Rev.1", "OEC/EC/2/L/3/Add.1"]:
        DocumentFactory.build(symbol=good, session=first_session, organisation=host).clean_fields()
    for bad in ["GA/1/5", "OEC/GA/1/5/rev1", "OEC-GA-1-5", "OEC/GA/1/5/../6", "oec/ga/1/5"]:
        with pytest.raises(ValidationError):
            DocumentFactory.build(
                symbol=bad, session=first_session, organisation=host
            ).clean_fields()


def test_revision_must_revise_the_document_it_is_named_after(host, first_session):
    original = DocumentFactory(symbol="OEC/GA/1/5", session=first_session, organisation=host)
    other = DocumentFactory(symbol="OEC/GA/1/6", session=first_session, organisation=host)
    revision = DocumentFactory.build(
        symbol="OEC/GA/1/5/Rev.1", session=first_session, organisation=host, revises=other
    )
    with pytest.raises(ValidationError) as refused:
        revision.clean()
    assert refused.value.message_dict == {
        "revises": ["A revision of OEC/GA/1/5 must revise OEC/GA/1/5."]
    }
    revision.revises = original
    revision.clean()


def test_register_lists_only_visible_documents_in_few_queries(
    client, delegate_b, many_documents, django_assert_max_num_queries
):
    client.force_login(delegate_b)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("governance:document_list"))
    # public and members: 12 + 11 of 45; restricted ones name A and B, so B sees them too (11).
    assert response.context["page"].paginator.count == 34
    assert len(response.context["page"]) == 30


def test_register_filters_by_session_type_and_language(client, db, host, first_session):
    second = type(first_session).objects.create(
        organ=first_session.organ,
        number=2,
        start_date="2023-12-04",
        end_date="2023-12-06",
        venue_en="Djibouti",
    )
    report = DocumentFactory(symbol="OEC/GA/2/1", session=second, type="report", organisation=host)
    DocumentFileFactory(document=report, language="ar")
    DocumentFactory(symbol="OEC/GA/2/2", session=second, type="strategic_plan", organisation=host)
    DocumentFactory(symbol="OEC/GA/1/1", session=first_session, type="report", organisation=host)

    def symbols(**params):
        response = client.get(reverse("governance:document_list"), params)
        return sorted(d.symbol for d in response.context["page"])

    assert symbols(session="2") == ["OEC/GA/2/1", "OEC/GA/2/2"]
    assert symbols(session="2", type="report") == ["OEC/GA/2/1"]
    assert symbols(language="ar") == ["OEC/GA/2/1"]
    assert symbols(q="OEC/GA/2") == ["OEC/GA/2/1", "OEC/GA/2/2"]


def test_register_searches_titles(client, db, host, first_session):
    DocumentFactory(
        symbol="OEC/GA/1/1",
        title_en="Strategic plan for eight years",
        title_fr="Plan stratégique sur huit ans",
        organisation=host,
        session=first_session,
    )
    DocumentFactory(
        symbol="OEC/GA/1/2", title_en="Budget", organisation=host, session=first_session
    )
    response = client.get(reverse("governance:document_list"), {"q": "strategic"})
    assert [d.symbol for d in response.context["page"]] == ["OEC/GA/1/1"]
    response = client.get("/fr/documents/", {"q": "stratégique"})
    assert [d.symbol for d in response.context["page"]] == ["OEC/GA/1/1"]


def test_register_answers_invalid_filters_with_a_clear_message(client, db, host, first_session):
    DocumentFactory(symbol="OEC/GA/1/1", organisation=host, session=first_session)
    response = client.get(reverse("governance:document_list"), {"session": "99", "type": "poem"})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
    with translation.override("en"):  # the messages are lazy: read them in English
        errors = {
            name: list(messages) for name, messages in response.context["form"].errors.items()
        }
    assert errors == {
        "session": ["Select a valid choice. That choice is not one of the available choices."],
        "type": ["Select a valid choice. poem is not one of the available choices."],
    }
    assert "Please correct the search" in response.content.decode()


def test_session_page_shows_agenda_with_visible_items_in_few_queries(
    client, delegate_a, many_documents, django_assert_max_num_queries
):
    client.force_login(delegate_a)
    # 14: the agenda's documents and decisions, and since issue 18 the session's meetings (one
    # query), the languages of its ZIP downloads and whether the viewer follows the session (one
    # query, signed in only), whatever the number of rows.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("governance:session_detail", args=[1]))
    assert response.status_code == 200
    shown = sum(len(related["documents"]) for _item, related in response.context["agenda"])
    assert shown == 34  # all but the 11 secretariat documents
    decisions = sum(len(related["decisions"]) for _item, related in response.context["agenda"])
    assert decisions == 12
    assert "OEC/GA/1/4 " not in response.content.decode()  # a secretariat document


def test_assembly_page_lists_sessions_and_office_holders(
    client, host, first_session, django_assert_max_num_queries
):
    OfficeHolderFactory(organisation=host)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("governance:session_list"))
    content = response.content.decode()
    assert "Manssour Bin Mussallam" in content
    assert "Secretary-General" in content
    assert first_session.get_absolute_url() in content


def test_decisions_list_shows_public_decisions_to_the_public(
    client, first_session, django_assert_max_num_queries
):
    for n in range(35):
        DecisionFactory(symbol=f"OEC/GA/1/DEC/{n + 1}", session=first_session)
    DecisionFactory(symbol="OEC/GA/1/DEC/99", session=first_session, is_public=False)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("governance:decision_list"))
    assert response.context["page"].paginator.count == 35
    assert client.get("/en/decisions/OEC-GA-1-DEC-99/").status_code == 404
    assert client.get("/en/decisions/OEC-GA-1-DEC-1/").status_code == 200


def test_only_founding_states_vote(first_session, member_a):
    decision = DecisionFactory(
        session=first_session, adoption_method="vote", votes_yes=1, votes_no=0, votes_abstain=0
    )
    Vote.objects.create(decision=decision, organisation=member_a, choice="yes")
    associate = OrganisationFactory(
        slug="occe", name="OCCE", kind=Organisation.Kind.ASSOCIATE_MEMBER
    )
    with pytest.raises(ValidationError) as refused:
        Vote.objects.create(decision=decision, organisation=associate, choice="yes")
    assert refused.value.message_dict == {
        "organisation": ["Only founding states vote; OCCE is not a founding state."]
    }
    assert list(decision.votes.values_list("organisation__slug", flat=True)) == ["member-a"]


def test_tally_only_for_a_decision_adopted_by_vote(first_session):
    by_vote = DecisionFactory.build(session=first_session, adoption_method="vote")
    with pytest.raises(ValidationError):
        by_vote.clean()
    unanimous = DecisionFactory.build(
        session=first_session, adoption_method="unanimous", votes_yes=8
    )
    with pytest.raises(ValidationError):
        unanimous.clean()
    assert Decision.objects.count() == 0


def test_decision_page_shows_recorded_votes(client, first_session, member_a, member_b):
    decision = DecisionFactory(
        symbol="OEC/GA/1/DEC/4",
        session=first_session,
        adoption_method="vote",
        votes_yes=1,
        votes_no=0,
        votes_abstain=1,
    )
    Vote.objects.create(decision=decision, organisation=member_a, choice="yes")
    Vote.objects.create(decision=decision, organisation=member_b, choice="abstain")
    content = client.get("/en/decisions/OEC-GA-1-DEC-4/").content.decode()
    assert "1 in favour, 0 against, 1 abstentions" in content
    assert '<th scope="row">Member A</th><td data-label="Vote">In favour</td>' in content
    assert '<th scope="row">Member B</th><td data-label="Vote">Abstention</td>' in content


def test_revision_link_is_shown_only_when_visible(client, host, first_session):
    original = DocumentFactory(symbol="OEC/GA/1/5", session=first_session, organisation=host)
    DocumentFactory(
        symbol="OEC/GA/1/5/Rev.1", revises=original, session=first_session, organisation=host
    )
    DocumentFactory(
        symbol="OEC/GA/1/5/Corr.1",
        revises=original,
        session=first_session,
        organisation=host,
        access=Document.Access.SECRETARIAT,
    )
    response = client.get("/en/documents/OEC-GA-1-5/")
    assert [d.symbol for d in response.context["revisions"]] == ["OEC/GA/1/5/Rev.1"]
    assert client.get("/en/documents/OEC-GA-1-5-Rev.1/").context["document"].revises == original


@pytest.mark.parametrize(
    ("viewer", "sees_internal"),
    [
        ("anonymous", False),
        ("delegate_a", True),
        ("delegate_b", True),
        ("partner_contact", False),
        ("secretariat", True),
    ],
)
def test_internal_decisions_are_for_members_and_the_secretariat(
    client, roles, first_session, viewer, sees_internal
):
    DecisionFactory(symbol="OEC/GA/1/DEC/1", session=first_session)
    internal = DecisionFactory(symbol="OEC/GA/1/DEC/2", session=first_session, is_public=False)
    user = roles[viewer]
    if user.is_authenticated:
        client.force_login(user)
    listed = [d.symbol for d in client.get(reverse("governance:decision_list")).context["page"]]
    assert ("OEC/GA/1/DEC/2" in listed) is sees_internal
    assert "OEC/GA/1/DEC/1" in listed
    assert client.get(internal.get_absolute_url()).status_code == (200 if sees_internal else 404)
    assert user.has_perm("governance.read_decision", internal) is sees_internal
