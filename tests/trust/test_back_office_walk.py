"""The secretariat's back office after real submissions with files (issue 14).

A partnership application comes in through the public form with its statutes and activity
report, a partner contact reports an activity with a file, a focal point registers a delegation
with its credentials letter, and the administrator enters a document with two language files
through the admin. Then the administrator, signed in as a person (password and TOTP through
allauth), opens every changelist, add, change and history page of every ModelAdmin registered
on the admin site, and downloads every private file the change pages link.

The models come from `admin.site._registry`: a new ModelAdmin is walked without anyone adding it
here; it only needs a row (from the submissions or a factory below) for its change page.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)

from bulletins.models import Delivery
from governance.demo import minimal_pdf
from governance.models import Attendance, Delegation, DelegationMember, Document, DocumentDownload
from members.models import PrivateFileDownload, Role, Suppression
from members.services import invitation_create
from news.models import Tag
from partnerships.models import CooperationActivity, Partnership
from partnerships.terms import ensure_reference_terms
from tests.cast import totp_code
from tests.factories import (
    PASSWORD,
    ArticleFactory,
    AssemblySessionFactory,
    BulletinFactory,
    CategoryFactory,
    CooperationActivityFactory,
    DecisionFactory,
    JoinRequestFactory,
    LiaisonSeatFactory,
    MeetingFactory,
    NgoConferenceFactory,
    OfficeHolderFactory,
    PageFactory,
    PartnershipFactory,
    SubscriberFactory,
    user_with_role,
)

# A link to one of the audited download views, as the admin's file widgets write them.
DOWNLOAD_LINK = re.compile(
    r'href="(/[a-z]{2}/(?:documents/[^"]+/download/[a-z]{2}'
    r"|dashboard/delegations/credentials/\d+"
    r"|dashboard/partnerships/(?:applications/\d+/[a-z_]+|activities/\d+/file))/)"
)


ASSET = re.compile(r"<(?:script|link)\b[^>]*\b(?:src|href)=\"([^\"]+)\"")
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>")


def assets_outside_our_static(page):
    """What the strict CSP would block on an admin page: scripts and stylesheets from outside
    (modeltranslation's tabs once came from a CDN), static files that do not exist, inline
    scripts without the nonce."""
    problems = []
    for url in ASSET.findall(page):
        if url.startswith("//") or "://" in url:
            problems.append(f"outside asset {url}")
        elif url.startswith(settings.STATIC_URL) and not finders.find(
            url.removeprefix(settings.STATIC_URL)
        ):
            problems.append(f"missing static file {url}")
    for attributes in INLINE_SCRIPT.findall(page):
        if "application/json" not in attributes and "nonce=" not in attributes:
            problems.append(f"inline script without nonce: <script{attributes}>")
    return problems


def pdf(name, title):
    return SimpleUploadedFile(name, minimal_pdf(title), content_type="application/pdf")


pytestmark = pytest.mark.usefixtures("private_media")


@pytest.fixture
def administrator(host, with_totp):
    user = user_with_role(host, Role.ADMINISTRATOR, email="admin@oec.example")
    return user, with_totp(user)


def sign_in(client, user, secret):
    """Sign in as a person does: e-mail and password, then a TOTP code, through allauth."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    # The code goes to the server at once, in this process: two seconds left in its step are
    # plenty (the default's ten are for a person, or a browser, typing it; waiting for the next
    # step cost each of these tests 1.7 s on average, up to 10).
    code = totp_code(secret, seconds_needed=2)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert client.get("/admin/").status_code == 200


def apply_for_partnership(client):
    ensure_reference_terms()
    from partnerships.models import FieldOfCompetence, FunctionalArea

    response = client.post(
        reverse("partnerships:apply"),
        {
            "name": "Reading Bridges",
            "country": "KE",
            "website": "https://reading-bridges.example",
            "geographic_scope": "regional",
            "description": "Libraries on wheels for East African schools.",
            "fields_of_competence": [str(FieldOfCompetence.objects.first().pk)],
            "functional_areas": [str(FunctionalArea.objects.first().pk)],
            "contact_name": "Amina Otieno",
            "contact_email": "amina@reading-bridges.example",
            "language": "fr",
            "statutes": pdf("statutes.pdf", "Statutes of Reading Bridges"),
            "activity_report": pdf("report-2025.pdf", "Activity report 2025"),
            "nickname": "",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return Partnership.objects.get(organisation__name="Reading Bridges")


def report_activity(client, partner_contact):
    from partnerships.models import FieldOfCompetence, FunctionalArea

    client.force_login(partner_contact)
    response = client.post(
        reverse("partnerships:activity_create"),
        {
            "kind": "publication",
            "thematic_field": FieldOfCompetence.objects.first().pk,
            "functional_area": FunctionalArea.objects.first().pk,
            "starts_on": "2026-09-01",
            "title_en": "Reading in the mother tongue",
            "description_en": "A guide for teachers.",
            "programme": "",
            "upload": pdf("guide.pdf", "Reading in the mother tongue"),
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return CooperationActivity.objects.get(title_en="Reading in the mother tongue")


def register_delegation(client, focal_point, session):
    client.force_login(focal_point)
    response = client.post(
        reverse("governance:delegation", args=[session.number]),
        {
            "action": "save",
            "head-user": focal_point.pk,
            "head-credentials_letter": pdf("lettre-de-creance.pdf", "Credentials"),
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
            "members-MIN_NUM_FORMS": "0",
            "members-MAX_NUM_FORMS": "30",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    client.logout()
    return Delegation.objects.get(
        session=session, organisation=focal_point.memberships.get().organisation
    )


def enter_document(client, session):
    """The administrator enters a document with its English and French files in the admin."""
    response = client.post(
        reverse("admin:governance_document_add"),
        {
            "symbol": "OEC/GA/2/7",
            "title_en": "Programme and budget",
            "title_fr": "Programme et budget",
            "type": Document.Type.choices[0][0],
            "session": session.pk,
            "access": "members",
            "publication_date": "2026-11-02",
            "files-TOTAL_FORMS": "2",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
            "files-0-language": "en",
            "files-0-file": pdf("budget.pdf", "Programme and budget"),
            "files-1-language": "fr",
            "files-1-file": pdf("budget-fr.pdf", "Programme et budget"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return Document.objects.get(symbol="OEC/GA/2/7")


def rows_of_every_other_kind(host, member_a, partner):
    """One row for each registered model the submissions do not make."""
    Group.objects.create(name="Translators")
    interval = IntervalSchedule.objects.create(every=5, period=IntervalSchedule.MINUTES)
    CrontabSchedule.objects.create(minute="0", hour="6")
    SolarSchedule.objects.create(event="sunrise", latitude=46.2, longitude=6.15)
    ClockedSchedule.objects.create(clocked_time=timezone.now() + datetime.timedelta(days=1))
    PeriodicTask.objects.get_or_create(
        name="walk: every five minutes",
        defaults={"task": "celery.backend_cleanup", "interval": interval},
    )
    Tag.objects.create(name="Literacy", slug="literacy")
    CategoryFactory()
    ArticleFactory(organisation=host)
    PageFactory(organisation=host)
    JoinRequestFactory(organisation=member_a)
    invitation_create(
        organisation=member_a, email="invitee@member-a.example", role=Role.DELEGATE, invited_by=None
    )
    session = AssemblySessionFactory(number=1)
    DecisionFactory(session=session)
    # A check-in at one of its meetings (conference services make them on the check-in page).
    delegation = Delegation.objects.create(
        session=session, organisation=member_a, status=Delegation.Status.ACCREDITED
    )
    Attendance.objects.create(
        meeting=MeetingFactory(session=session),
        delegation_member=DelegationMember.objects.create(
            delegation=delegation, guest_name="Amina Salem", guest_email="amina@a.example"
        ),
    )
    OfficeHolderFactory(organisation=host)
    PartnershipFactory(organisation=partner)
    CooperationActivityFactory(organisation=partner)
    conference = NgoConferenceFactory()
    LiaisonSeatFactory(conference=conference, organisation=partner)
    bulletin = BulletinFactory()
    subscriber = SubscriberFactory()
    Delivery.objects.create(
        bulletin=bulletin, email=subscriber.email, language="en", subscriber=subscriber
    )
    Suppression.objects.create(
        email="bounced@public.example", reason=Suppression.Reason.choices[0][0]
    )


@pytest.fixture
def back_office(client, host, member_a, partner, focal_a, partner_contact, administrator):
    user, secret = administrator
    rows_of_every_other_kind(host, member_a, partner)
    session = AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )
    submitted = {
        "application": apply_for_partnership(client),
        "activity": report_activity(client, partner_contact),
        "delegation": register_delegation(client, focal_a, session),
    }
    sign_in(client, user, secret)
    submitted["document"] = enter_document(client, session)
    return client, submitted


def _get(client, url):
    client.raise_request_exception = False
    return client.get(url)


def submitted_file_urls(submitted):
    application, activity = submitted["application"], submitted["activity"]
    return {
        application.private_file_url("statutes"),
        application.private_file_url("activity_report"),
        activity.private_file_url("file"),
        submitted["delegation"].private_file_url("credentials_letter"),
        *(file.get_absolute_url() for file in submitted["document"].files.all()),
    }


def test_administrator_opens_every_back_office_page_after_submissions_with_files(back_office):
    client, submitted = back_office
    # Downloads first: the audit trails get rows, whose pages are walked too.
    for url in submitted_file_urls(submitted):
        assert client.get(url).status_code == 200, url
    registry = admin.site._registry
    failures, walked, files = [], 0, set()
    for model in registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls = [
            reverse("admin:{}_{}_changelist".format(*info)),
            reverse("admin:{}_{}_add".format(*info)),
        ]
        row = model._default_manager.order_by("-pk").first()
        if row is None:
            failures.append(f"{model._meta.label}: no row to open; make one above")
        else:
            urls += [
                reverse("admin:{}_{}_change".format(*info), args=[row.pk]),
                reverse("admin:{}_{}_history".format(*info), args=[row.pk]),
            ]
        for url in urls:
            response = _get(client, url)
            if response.status_code >= 500:
                failures.append(f"{url}: {response.status_code}")
            elif response.status_code == 200:
                page = response.content.decode()
                failures += [f"{url}: {problem}" for problem in assets_outside_our_static(page)]
                files.update(DOWNLOAD_LINK.findall(page))
        walked += 1
    assert failures == [], "\n".join(failures)
    assert walked >= len(registry) > 30
    # The change pages of the submitted rows link every submitted file.
    assert submitted_file_urls(submitted) - files == set()


@pytest.mark.parametrize(
    ("model", "field", "title"),
    [
        ("partnership", "statutes", b"Statutes of Reading Bridges"),
        ("partnership", "activity_report", b"Activity report 2025"),
        ("cooperationactivity", "file", b"Reading in the mother tongue"),
        ("delegation", "credentials_letter", b"Credentials"),
    ],
)
def test_administrator_downloads_each_submitted_file_from_its_change_page(
    back_office, model, field, title
):
    client, submitted = back_office
    row = {
        "partnership": submitted["application"],
        "cooperationactivity": submitted["activity"],
        "delegation": submitted["delegation"],
    }[model]
    app = row._meta.app_label
    page = client.get(reverse(f"admin:{app}_{model}_change", args=[row.pk])).content.decode()
    url = row.private_file_url(field)
    assert f'href="{url}"' in page
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == getattr(row, field).open("rb").read()
    assert title in body
    audit = PrivateFileDownload.objects.get()
    assert (audit.what, audit.object_id, audit.user.email) == (
        f"{app}.{model}.{field}",
        row.pk,
        "admin@oec.example",
    )


def test_administrator_downloads_a_document_file_from_the_document_page(back_office):
    client, submitted = back_office
    document = submitted["document"]
    page = client.get(reverse("admin:governance_document_change", args=[document.pk]))
    french = document.files.get(language="fr")
    url = french.get_absolute_url()
    assert f'href="{url}"' in page.content.decode()
    response = client.get(url)
    assert b"".join(response.streaming_content) == french.file.open("rb").read()
    assert DocumentDownload.objects.get().language == "fr"
