"""The partnership mails in the Organisation's layout (members/mail.py): the applicant's
acknowledgement in the language of the form, the officers' notifications in theirs."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from partnerships.tasks import email_reviews_due
from tests.factories import PartnerOrganisationFactory, PartnershipFactory
from tests.mail_checks import assert_branded
from tests.partnerships.test_application import form_data

OFFICERS_REASON = "You receive this e-mail because of your role in the OEC Portal."


@pytest.fixture
def terms(education, advocacy):
    return {"fields_of_competence": [str(education.pk)], "functional_areas": [str(advocacy.pk)]}


def test_application_mails_are_branded_the_acknowledgement_in_the_forms_language(
    client, terms, partnerships_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/ar" + reverse("partnerships:apply")[3:], form_data(**terms))

    notice, acknowledgement = mail.outbox
    html = assert_branded(notice, language="en")
    assert OFFICERS_REASON in html
    assert ">Open it in the portal</a>" in html
    html = assert_branded(acknowledgement, language="ar")
    assert "تصلك هذه الرسالة لأن هذا العنوان ذُكر بوصفه جهة الاتصال في طلب شراكة رسمية." in html


def test_reviews_due_mail_is_branded_for_the_officers(
    partnerships_officer, django_capture_on_commit_callbacks
):
    organisation = PartnerOrganisationFactory(name="Soon", slug="soon")
    PartnershipFactory(
        organisation=organisation,
        next_review_on=timezone.localdate() + datetime.timedelta(days=10),
        status="consultative",
    )
    with django_capture_on_commit_callbacks(execute=True):
        email_reviews_due.delay().get()

    (message,) = mail.outbox
    html = assert_branded(message, language="en")
    assert OFFICERS_REASON in html
    assert "/admin/partnerships/partnership/" in html
