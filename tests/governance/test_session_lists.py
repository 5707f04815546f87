"""A session's list of participants and the credentials committee's report (issue 18).

The list: by delegation in the alphabetical order of the session's working language, head
first; provisional (submitted and accredited) for members until the secretariat publishes it,
then the accredited delegations for everyone. A page, an A4 PDF and a CSV, in each language.
The report: the registered delegations by what the secretariat received.
"""

import csv
import datetime
import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from governance.models import Credentials, Delegation, DelegationMember
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _delegation(session, organisation, status, credentials=Credentials.NONE, people=()):
    delegation = Delegation.objects.create(
        session=session, organisation=organisation, status=status, credentials_received=credentials
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
    """Three members named so that their French order differs from their English one."""
    egypt = OrganisationFactory(
        slug="egypt", name_en="Egypt", name_fr="Égypte", name_ar="مصر", country="EG"
    )
    germany = OrganisationFactory(
        slug="germany", name_en="Germany", name_fr="Allemagne", name_ar="ألمانيا", country="DE"
    )
    chad = OrganisationFactory(
        slug="chad", name_en="Chad", name_fr="Tchad", name_ar="تشاد", country="TD"
    )
    return {
        "egypt": _delegation(
            first_session,
            egypt,
            Delegation.Status.ACCREDITED,
            Credentials.ORIGINAL,
            people=[
                (
                    "أمينة سالم",
                    {
                        "title": "H.E. Ms",
                        "name_latin": "Amina Salem",
                        "position": "Minister of Education",
                    },
                ),
                ("Karim Nour", {"function": DelegationMember.Function.EXPERT}),
                ("Laila Fahmy", {"function": DelegationMember.Function.DEPUTY}),
            ],
        ),
        "germany": _delegation(
            first_session,
            germany,
            Delegation.Status.ACCREDITED,
            Credentials.COPY,
            people=[("Anna Weber", {"title": "Dr"})],
        ),
        "chad": _delegation(
            first_session, chad, Delegation.Status.SUBMITTED, people=[("Idriss Mahamat", {})]
        ),
        "draft": _delegation(
            first_session,
            OrganisationFactory(slug="draftland", name_en="Draftland"),
            Delegation.Status.DRAFT,
            people=[("Nobody Yet", {})],
        ),
    }


def _publish(session):
    session.participants_published_at = timezone.now()
    session.save(update_fields=["participants_published_at"])


def _headings(html):
    return [
        line.split(">")[1].split("<")[0]
        for line in html.splitlines()
        if '<h2 id="delegation-' in line
    ]


def test_provisional_list_shows_a_member_the_accredited_delegations_only(
    client, first_session, delegations, delegate_a
):
    client.force_login(delegate_a)
    html = client.get("/en/assembly/1/participants/").content.decode()
    assert "Provisional list" in html
    # Chad's delegation is submitted, not accredited: its people are not shown to others.
    assert _headings(html) == ["Egypt", "Germany"]
    assert "Idriss Mahamat" not in html and "Nobody Yet" not in html


def test_list_is_hidden_from_the_public_until_published(client, first_session, delegations):
    assert client.get("/en/assembly/1/participants/").status_code == 404
    _publish(first_session)
    html = client.get("/en/assembly/1/participants/").content.decode()
    assert _headings(html) == ["Egypt", "Germany"]
    assert "Provisional" not in html


def test_list_follows_the_alphabetical_order_of_the_session_language(
    client, first_session, delegations
):
    _publish(first_session)
    first_session.language = "fr"
    first_session.save(update_fields=["language"])
    # Allemagne before Égypte (the accent does not count), whatever the page's language.
    assert _headings(client.get("/fr/assembly/1/participants/").content.decode()) == [
        "Allemagne",
        "Égypte",
    ]
    assert _headings(client.get("/en/assembly/1/participants/").content.decode()) == [
        "Germany",
        "Egypt",
    ]


def test_delegation_lists_its_head_first_then_by_function(client, first_session, delegations):
    _publish(first_session)
    html = client.get("/en/assembly/1/participants/").content.decode()
    egypt = html.split("Egypt</h2>")[1].split("</section>")[0]
    assert egypt.index("أمينة سالم") < egypt.index("Laila Fahmy") < egypt.index("Karim Nour")
    assert '<span class="person-latin" lang="en" dir="ltr">(Amina Salem)</span>' in egypt
    assert (
        'Head of delegation</span><br><span class="person-position" dir="ltr">Minister of Education'
        in egypt
    )
    assert "Deputy head of delegation" in egypt


def test_a_latin_title_before_an_arabic_name_keeps_its_own_direction(
    client, first_session, delegations
):
    # WeasyPrint does not isolate a <bdi>: in the Arabic PDF "H.E. Ms" printed "Ms .H.E" until
    # each part said its direction (print.css isolates every [dir]).
    _publish(first_session)
    html = client.get("/ar/assembly/1/participants/").content.decode()
    assert (
        '<span class="person-name"><span dir="ltr">H.E. Ms</span> <span dir="rtl">أمينة سالم</span>'
        in html
    )


def test_the_venue_keeps_its_direction_inside_the_translated_sentence(
    client, first_session, delegations
):
    _publish(first_session)
    html = client.get("/ar/assembly/1/participants/").content.decode()
    # The Arabic comma, and the venue between Unicode's isolates (no <bdi> inside a sentence).
    assert f"\u2068{first_session.venue}\u2069، " in html


def test_list_is_translated_with_the_page(client, first_session, delegations):
    _publish(first_session)
    html = client.get("/ar/assembly/1/participants/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "مصر" in html


def test_list_as_csv_names_no_e_mail_address(client, first_session, delegations):
    _publish(first_session)
    response = client.get("/en/assembly/1/participants/?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="GA-1-participants-en.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Delegation",
        "Title",
        "Name",
        "Name in the Latin script",
        "Function in the delegation",
        "Post",
    ]
    assert rows[1] == [
        "Egypt",
        "H.E. Ms",
        "أمينة سالم",
        "Amina Salem",
        "Head of delegation",
        "Minister of Education",
    ]
    assert [row[0] for row in rows[1:]] == ["Egypt"] * 3 + ["Germany"]
    assert "@" not in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_list_prints_as_an_a4_pdf(client, first_session, delegations, language):
    _publish(first_session)
    response = client.get(f"/{language}/assembly/1/participants/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Amina Salem" in text and "Anna Weber" in text
    assert "Idriss Mahamat" not in text
    # The site's own fonts, embedded (the Arabic names need Noto Sans Arabic).
    fonts = {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for font in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert {"Noto-Sans", "Noto-Sans-Bold", "Noto-Sans-Arabic-Bold"} <= fonts


def test_unknown_format_is_not_found(client, first_session, delegations):
    _publish(first_session)
    assert client.get("/en/assembly/1/participants/?format=xlsx").status_code == 404


def test_list_takes_the_same_queries_with_more_delegations(
    client, first_session, delegations, django_assert_num_queries
):
    _publish(first_session)
    client.get("/en/assembly/1/participants/")  # the menu, cached for every page after
    with django_assert_num_queries(3) as first:
        client.get("/en/assembly/1/participants/")
    for number in range(5):
        _delegation(
            first_session,
            OrganisationFactory(slug=f"extra-{number}"),
            Delegation.Status.ACCREDITED,
            people=[(f"Person {number}", {}), (f"Other {number}", {})],
        )
    with django_assert_num_queries(len(first.captured_queries)):
        assert (
            client.get("/en/assembly/1/participants/").content.decode().count('<h2 id="delegation-')
            == 7
        )


def test_credentials_report_sorts_delegations_by_what_was_received(
    client, first_session, delegations, delegate_a
):
    client.force_login(delegate_a)
    html = client.get("/en/assembly/1/credentials/").content.decode()
    assert "3 delegations are registered for" in html
    due, provisional, without = html.split("<h2>")[1:4]
    assert due.startswith("Credentials in due form (1)") and "Egypt" in due
    assert provisional.startswith("Provisional information (1)") and "Germany" in provisional
    assert without.startswith("Without credentials (1)") and "Chad" in without
    assert "Draftland" not in html


def test_credentials_report_is_for_members_and_the_secretariat(
    client, first_session, delegations, partner_contact
):
    assert client.get("/en/assembly/1/credentials/").status_code == 404
    client.force_login(partner_contact)
    assert client.get("/en/assembly/1/credentials/").status_code == 404


def test_credentials_report_prints_in_french(client, first_session, delegations, delegate_a):
    client.force_login(delegate_a)
    response = client.get("/fr/assembly/1/credentials/?format=pdf")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Égypte" in text and "Allemagne" in text and "Tchad" in text


def test_session_page_links_the_lists_it_may_show(client, first_session, delegations, delegate_a):
    html = client.get("/en/assembly/1/").content.decode()
    assert "/en/assembly/1/participants/" not in html
    client.force_login(delegate_a)
    html = client.get("/en/assembly/1/").content.decode()
    assert "Provisional list of participants" in html
    assert "/en/assembly/1/credentials/" in html


def _admin_post(client, delegation, **fields):
    from django.urls import reverse

    data = {
        "status": delegation.status,
        "return_reason": "",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
        **fields,
    }
    url = reverse("admin:governance_delegation_change", args=[delegation.pk])
    return client.post(url, data)


def test_secretariat_records_the_credentials_received(
    client, conference_officer, first_session, delegations
):
    client.force_login(conference_officer)
    chad = delegations["chad"]
    response = _admin_post(
        client, chad, credentials_received="provisional", credentials_received_on="2021-12-01"
    )
    assert response.status_code == 302
    chad.refresh_from_db()
    assert (chad.credentials_received, chad.credentials_received_on) == (
        "provisional",
        datetime.date(2021, 12, 1),
    )


def test_a_date_without_credentials_is_refused_and_changes_nothing(
    client, conference_officer, first_session, delegations
):
    client.force_login(conference_officer)
    chad = delegations["chad"]
    response = _admin_post(
        client, chad, credentials_received="none", credentials_received_on="2021-12-01"
    )
    assert response.status_code == 200
    assert "Say what was received on that date, or clear it." in response.content.decode()
    chad.refresh_from_db()
    assert chad.credentials_received_on is None


def test_list_as_csv_neutralises_a_spreadsheet_formula(client, first_session, delegations):
    _publish(first_session)
    DelegationMember.objects.filter(guest_name="Anna Weber").update(position="=HYPERLINK(1)")
    content = client.get("/en/assembly/1/participants/?format=csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in content
