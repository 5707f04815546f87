"""Badges of a session's accredited participants (issue 18).

Eight to an A4 sheet, coloured by the kind of member, the head of delegation marked; the QR code
carries a signed code that names no one, and `badge_holder()` turns it back into its holder while
the delegation is accredited. Conference services print them, from a page or the back office.
"""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from governance.badges import (
    BADGES_PER_SHEET,
    BadgeSigner,
    badge_holder,
    badge_qr_code,
    badge_qr_svg,
    badge_token,
    badges_pdf,
)
from governance.models import Delegation, DelegationMember
from governance.templatetags.governance_tags import text_direction
from members.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

A4 = (595, 842)  # points, rounded


def _delegation(session, organisation, status, people):
    delegation = Delegation.objects.create(
        session=session, organisation=organisation, status=status
    )
    for index, (name, fields) in enumerate(people):
        DelegationMember.objects.create(
            delegation=delegation,
            is_head=index == 0,
            guest_name=name,
            guest_email=f"person{index}@{organisation.slug}.example",
            **fields,
        )
    return delegation


@pytest.fixture
def delegations(first_session):
    egypt = OrganisationFactory(slug="egypt", name_en="Egypt", name_ar="مصر", country="EG")
    academy = OrganisationFactory(
        slug="academy",
        name_en="Academy of Letters",
        name_ar="أكاديمية الآداب",
        kind=Organisation.Kind.ASSOCIATE_MEMBER,
        associate_type=Organisation.AssociateType.ACADEMIC,
        country="",
    )
    chad = OrganisationFactory(slug="chad", name_en="Chad", name_ar="تشاد", country="TD")
    return {
        "egypt": _delegation(
            first_session,
            egypt,
            Delegation.Status.ACCREDITED,
            [
                ("أمينة سالم", {"title": "H.E. Ms", "name_latin": "Amina Salem"}),
                ("Karim Nour", {"function": DelegationMember.Function.EXPERT}),
                ("Laila Fahmy", {"function": DelegationMember.Function.DEPUTY}),
            ],
        ),
        "academy": _delegation(
            first_session,
            academy,
            Delegation.Status.ACCREDITED,
            [("Jean Dupont", {"title": "Prof."}), ("Marie Curie", {})],
        ),
        "chad": _delegation(
            first_session, chad, Delegation.Status.SUBMITTED, [("Idriss Mahamat", {})]
        ),
    }


def _person(delegation, name):
    return delegation.members.get(guest_name=name)


# --- The code on the badge -----------------------------------------------------------------------


def test_badge_code_gives_back_its_holder(delegations):
    amina = _person(delegations["egypt"], "أمينة سالم")
    holder = badge_holder(badge_token(amina))
    assert holder == amina
    assert holder.delegation.organisation.slug == "egypt"


def test_badge_code_typed_in_small_letters_with_spaces_gives_its_holder(delegations):
    karim = _person(delegations["egypt"], "Karim Nour")
    typed = " ".join(badge_token(karim).lower())
    assert badge_holder(typed) == karim


def test_badge_code_names_no_one(delegations):
    amina = _person(delegations["egypt"], "أمينة سالم")
    token = badge_token(amina)
    assert re.fullmatch(rf"{amina.pk}\.[A-Z2-7]{{12}}", token)
    for detail in ("Amina", "Salem", "سالم", "person0", "egypt", "@"):
        assert detail.lower() not in token.lower()


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda token, other: f"{other.pk}-{token.split('.')[1]}", id="other id"),
        pytest.param(
            lambda token, other: token[:-1] + ("A" if token[-1] != "A" else "B"), id="1 letter"
        ),
        pytest.param(lambda token, other: token[:-1], id="cut short"),
        pytest.param(lambda token, other: f"{other.pk}.AAAAAAAAAAAA", id="made up"),
        pytest.param(lambda token, other: str(other.pk), id="id only"),
        pytest.param(lambda token, other: "", id="empty"),
        pytest.param(lambda token, other: None, id="none"),
        pytest.param(
            lambda token, other: signing.Signer(sep=".", salt="other").sign(str(other.pk)),
            id="other salt",
        ),
        pytest.param(lambda token, other: signing.dumps(other.pk), id="django dumps"),
        pytest.param(
            lambda token, other: BadgeSigner(key="another secret key").sign(str(other.pk)),
            id="other key",
        ),
    ],
)
def test_forged_or_altered_badge_code_gives_no_one(delegations, forge):
    egypt = delegations["egypt"]
    token = badge_token(_person(egypt, "أمينة سالم"))
    assert badge_holder(forge(token, _person(egypt, "Karim Nour"))) is None


def test_badge_code_of_a_delegation_no_longer_accredited_gives_no_one(delegations):
    egypt = delegations["egypt"]
    token = badge_token(_person(egypt, "Karim Nour"))
    egypt.status = Delegation.Status.RETURNED
    egypt.save(update_fields=["status"])
    assert badge_holder(token) is None


def test_badge_code_of_a_person_removed_from_the_delegation_gives_no_one(delegations):
    karim = _person(delegations["egypt"], "Karim Nour")
    token = badge_token(karim)
    karim.delete()
    assert badge_holder(token) is None


def test_badge_holder_reads_one_row(delegations, django_assert_num_queries):
    token = badge_token(_person(delegations["egypt"], "Karim Nour"))
    with django_assert_num_queries(1):
        holder = badge_holder(token)
        assert holder.delegation.session.number == 1
        assert holder.delegation.organisation.name == "Egypt"


def test_qr_code_carries_the_badge_code_and_nothing_else(delegations):
    amina = _person(delegations["egypt"], "أمينة سالم")
    token = badge_token(amina)
    qr = badge_qr_code(token)
    # segno encodes exactly what it is given: the same matrix as the code alone.
    assert qr.matrix == badge_qr_code(token).matrix
    assert qr.matrix != badge_qr_code(f"{token} Amina Salem").matrix
    svg = badge_qr_svg(token)
    assert svg.startswith("<svg") and "Amina" not in svg and token not in svg


# --- The PDF ----------------------------------------------------------------------------------


def _many_people(session, count):
    organisation = OrganisationFactory(slug="bigland", name_en="Bigland")
    return _delegation(
        session,
        organisation,
        Delegation.Status.ACCREDITED,
        [(f"Person {index}", {}) for index in range(count)],
    )


def _text(pdf):
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_badges_fill_a4_sheets_of_eight(first_session):
    _many_people(first_session, BADGES_PER_SHEET + 1)
    reader = PdfReader(io.BytesIO(badges_pdf(first_session.delegations.all())))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(page.mediabox.width), round(page.mediabox.height)) == A4
    assert [
        text.count("Bigland") for text in _text(badges_pdf(first_session.delegations.all()))
    ] == [8, 1]


def test_eight_badges_fill_one_sheet(first_session):
    _many_people(first_session, BADGES_PER_SHEET)
    assert len(PdfReader(io.BytesIO(badges_pdf(first_session.delegations.all()))).pages) == 1


def test_badges_only_for_accredited_delegations(delegations, first_session):
    pages = _text(badges_pdf(first_session.delegations.all()))
    text = "".join(pages)
    assert "Idriss" not in text and "Chad" not in text
    assert "Karim Nour" in text and "Marie Curie" in text
    # Five people: one sheet; the head of delegation's badge says so, with the Latin name.
    assert len(pages) == 1
    assert "Amina Salem" in text and "Head of delegation" in text
    assert "FOUNDING STATE" in text and "ASSOCIATE MEMBER" in text


def test_badge_shows_its_code_under_the_qr_code(delegations, first_session):
    text = "".join(_text(badges_pdf(first_session.delegations.all())))
    assert badge_token(_person(delegations["egypt"], "Karim Nour")) in text


# --- The page and the back office ------------------------------------------------------------


def _url(query=""):
    return reverse("governance:session_badges", args=[1]) + query


def test_conference_services_see_who_gets_badges(client, conference_officer, delegations):
    client.force_login(conference_officer)
    response = client.get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    accredited, skipped = html.split("Not printed: not accredited")
    assert "Academy of Letters" in accredited and "Egypt" in accredited
    assert "Chad" in skipped and "Submitted" in skipped
    assert "Print all 5 badges (PDF, A4)" in accredited


def test_conference_services_print_a_sessions_badges(client, conference_officer, delegations):
    client.force_login(conference_officer)
    response = client.get(_url("?format=pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="GA-1-badges-en.pdf"'
    assert "Marie Curie" in "".join(_text(response.content))


def test_conference_services_print_one_delegations_badges(client, conference_officer, delegations):
    client.force_login(conference_officer)
    response = client.get(_url(f"?format=pdf&delegation={delegations['academy'].pk}"))
    text = "".join(_text(response.content))
    assert "Marie Curie" in text and "Karim Nour" not in text


@pytest.mark.parametrize("query", ["?format=pdf&delegation=chad", "?format=csv"])
def test_badges_of_an_unknown_format_or_delegation_are_not_found(
    client, conference_officer, delegations, query
):
    client.force_login(conference_officer)
    assert client.get(_url(query)).status_code == 404


def test_badges_of_a_delegation_not_accredited_are_not_found(
    client, conference_officer, delegations
):
    client.force_login(conference_officer)
    assert client.get(_url(f"?format=pdf&delegation={delegations['chad'].pk}")).status_code == 404


@pytest.mark.parametrize("query", ["", "?format=pdf"])
def test_a_delegate_cannot_print_badges(client, delegate_a, delegations, query):
    client.force_login(delegate_a)
    assert client.get(_url(query)).status_code == 403


def test_a_visitor_is_asked_to_sign_in_for_badges(client, delegations):
    response = client.get(_url("?format=pdf"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?format=pdf"])
def test_badges_read_as_many_queries_for_more_delegations(
    client, conference_officer, first_session, delegations, query
):
    client.force_login(conference_officer)
    _queries(client, _url(query))  # the first request of a session reads a little more
    before = _queries(client, _url(query))
    _many_people(first_session, 3)
    _delegation(
        first_session,
        OrganisationFactory(slug="more", name_en="More", kind=Organisation.Kind.ASSOCIATE_MEMBER),
        Delegation.Status.ACCREDITED,
        [("Ada Lovelace", {}), ("Alan Turing", {})],
    )
    _queries(client, _url(query))  # new rows: the cached menus and counts are read again
    assert _queries(client, _url(query)) == before


# --- The back office's action ----------------------------------------------------------------


def _print_from_the_back_office(client, delegations):
    return client.post(
        reverse("admin:governance_delegation_changelist"),
        {"action": "print_badges", "_selected_action": [d.pk for d in delegations]},
    )


def test_back_office_prints_the_badges_of_the_selected_accredited_delegations(
    client, conference_officer, delegations
):
    client.force_login(conference_officer)
    response = _print_from_the_back_office(client, [delegations["academy"], delegations["chad"]])
    assert response["Content-Type"] == "application/pdf"
    text = "".join(_text(response.content))
    assert "Marie Curie" in text and "Idriss" not in text and "Karim Nour" not in text
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "No badges for these delegations, not accredited: Chad · General Assembly, session 1."
    ]


def test_back_office_prints_nothing_when_no_selected_delegation_is_accredited(
    client, conference_officer, delegations
):
    client.force_login(conference_officer)
    response = _print_from_the_back_office(client, [delegations["chad"]])
    assert response.status_code == 302
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "No badges for these delegations, not accredited: Chad · General Assembly, session 1."
    ]


# --- In Arabic -----------------------------------------------------------------------------------


def test_badges_print_in_arabic_with_the_latin_name(client, conference_officer, delegations):
    client.force_login(conference_officer)
    assert "الشارات" in client.get("/ar/assembly/1/badges/").content.decode()
    response = client.get("/ar/assembly/1/badges/?format=pdf")
    assert response["Content-Disposition"] == 'inline; filename="GA-1-badges-ar.pdf"'
    text = "".join(_text(response.content))
    # (pypdf reads shaped Arabic back imperfectly: the Latin name and the code are checked.)
    assert "Amina Salem" in text
    assert badge_token(_person(delegations["egypt"], "Karim Nour")) in text


@pytest.mark.parametrize(
    ("text", "direction"),
    [("H.E. Ms", "ltr"), ("أمينة سالم", "rtl"), ("«أمينة» Dr", "rtl"), ("1.", "auto")],
)
def test_each_line_of_a_badge_says_its_direction(text, direction):
    assert text_direction(text) == direction


def test_session_page_links_the_badges_for_conference_services_only(
    client, conference_officer, delegate_a, delegations
):
    badges = 'href="/en/assembly/1/badges/"'
    client.force_login(conference_officer)
    assert badges in client.get("/en/assembly/1/").content.decode()
    client.force_login(delegate_a)
    assert badges not in client.get("/en/assembly/1/").content.decode()
