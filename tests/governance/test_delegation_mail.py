"""The delegation's accreditation, notified in the Organisation's mail layout (members/mail.py)."""

import datetime

from django.core import mail
from django.utils import timezone

from governance import services
from governance.models import Delegation
from tests.factories import AssemblySessionFactory
from tests.mail_checks import assert_branded


def test_accreditation_mail_is_branded_for_each_focal_point(
    host, focal_a, member_a, conference_officer, django_capture_on_commit_callbacks
):
    session = AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        registration_deadline=timezone.now() + datetime.timedelta(days=30),
    )
    delegation = Delegation.objects.create(
        session=session, organisation=member_a, status="submitted"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.delegation_accredit(delegation=delegation, by=conference_officer)

    (message,) = mail.outbox
    html = assert_branded(message, language="en")
    assert message.to == ["focal@member-a.example"]
    assert message.subject == "Your delegation to General Assembly, session 2 is accredited"
    assert ">Open it in the portal</a>" in html
    assert "You receive this e-mail because of your role in the OEC Portal." in html
    # The footer offers the person's settings and a one-click stop (RFC 8058 headers too).
    assert ">Stop these e-mails</a>" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
