"""Every mail is branded, in its reader's language, with a text and an HTML part (members/mail.py):
the builder, and the members app's and allauth's mails through it."""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from members.emails import join_request_send_answer
from members.mail import (
    branded_message,
    branded_parts,
    inline_styles,
    logo_url,
    one_line,
    text_to_html,
)
from members.models import JoinRequest, Role
from members.services import invitation_create, join_request_submit
from tests.factories import AssociateMemberFactory, user_with_role
from tests.mail_checks import assert_branded, html_part, outside_resources


@pytest.fixture
def occe(db):
    return AssociateMemberFactory(slug="occe", name_en="OCCE", name_ar="أوكسي")


def join_request(occe, **fields):
    return JoinRequest.objects.create(
        organisation=occe,
        name=fields.pop("name", "Amadou Diallo"),
        email="amadou@example.org",
        support="partner",
        language=fields.pop("language", "en"),
        message=fields.pop("message", "Our school would like to start a pupil cooperative."),
        **fields,
    )


# --- the builder ---------------------------------------------------------------------------


def test_text_becomes_escaped_paragraphs_and_a_lone_link_a_button():
    html = text_to_html(
        "Dear <Amadou> & co,\nsee https://oec.example/a/ today.\n\n"
        "To confirm, open this link:\nhttps://oec.example/confirm/x/",
        action_label="Confirm",
    )
    paragraphs = html.split("\n", 2)
    assert paragraphs[0] == "<p>Dear &lt;Amadou&gt; &amp; co,<br>"
    assert (
        paragraphs[1]
        == 'see <a href="https://oec.example/a/">https://oec.example/a/</a> today.</p>'
    )
    assert "<p>To confirm, open this link:</p>" in paragraphs[2]
    assert (
        '<a href="https://oec.example/confirm/x/" style="display:inline-block;padding:11px 22px;'
        'color:#ffffff;font-weight:700;text-decoration:none;border-radius:6px;">Confirm</a>'
    ) in paragraphs[2]
    # The address under the button, for a client that shows no links.
    assert paragraphs[2].endswith(
        '<a href="https://oec.example/confirm/x/" style="color:#4a5568;">'
        "https://oec.example/confirm/x/</a></p>"
    )


def test_inline_styles_style_bare_tags_and_mirror_lists_in_arabic():
    body = '<p>x</p><a href="/y">y</a><p style="margin:0">kept</p><ul><li>z</li></ul>'
    assert inline_styles(body) == (
        '<p style="margin:0 0 16px;">x</p>'
        '<a style="color:#11528f;text-decoration:underline;" href="/y">y</a>'
        '<p style="margin:0">kept</p>'
        '<ul style="margin:0 0 16px;padding:0;padding-left:22px;">'
        '<li style="margin:0 0 6px;">z</li></ul>'
    )
    assert 'padding-right:22px;"' in inline_styles("<ul></ul>", rtl=True)


def test_html_part_keeps_to_the_line_length_smtp_allows():
    items = "".join(f"<li><a href='/news/{n}/'>{'أخبار المنظمة ' * 8}</a></li>" for n in range(40))
    parts = branded_parts(subject="S", text="t", html_body=f"<ul>{items}</ul>", language="ar")
    assert max(len(line.encode()) for line in parts.html.splitlines()) < 998
    assert parts.html.count("</li>\n") == 40


def test_subject_is_one_line_whatever_the_template_gives():
    assert one_line(" Your\nmessage \r\n to  OCCE ") == "Your message to OCCE"


def test_logo_is_the_portals_own_absolute_url(settings):
    settings.OEC_SITE_URL = "https://portal.oec.example/"
    assert logo_url() == "https://portal.oec.example/static/img/icon-192.png"
    settings.STATIC_URL = "https://static.oec.example/s/"
    assert logo_url() == "https://static.oec.example/s/img/icon-192.png"


def test_resource_check_finds_what_would_load_from_outside(settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    html = (
        '<style>p{}</style><img src="https://tracker.example/p.gif">'
        '<img src="https://portal.oec.example/static/img/icon-192.png">'
        '<td style="background:url(https://cdn.example/bg.png)">'
    )
    assert outside_resources(html) == (
        ["style"],
        ["https://tracker.example/p.gif", "https://cdn.example/bg.png"],
    )


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_builder_renders_every_part_in_the_language_asked(occe, language):
    message = branded_message(
        to=["amadou@example.org"],
        subject_template="members/email/join_answer_subject.txt",
        text_template="members/email/join_answer_body.txt",
        context={"join_request": join_request(occe, answer="Thanks.")},
        language=language,
    )
    assert_branded(message, language=language)
    assert translation.get_language() == "en"  # the language active before is back


# --- the members app's mails -----------------------------------------------------------------


def test_invitation_is_mailed_in_the_language_the_inviter_used(
    client, focal_a, django_capture_on_commit_callbacks
):
    client.force_login(focal_a)
    with translation.override("ar"):
        people = reverse("members:people")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(people, {"email": "new@example.org", "role": "delegate"})
    (message,) = mail.outbox
    html = assert_branded(message, language="ar")
    assert message.subject == "دعوتك إلى بوابة OEC عن Member A"
    assert "/ar/accounts/invitation/" in message.body
    assert ">قبول الدعوة</a>" in html
    assert "تصلك هذه الرسالة لأن Member A دعاك إلى البوابة." in html


def test_invitation_made_without_a_language_is_in_english(
    member_a, focal_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation_create(
            organisation=member_a, email="x@example.org", role=Role.DELEGATE, invited_by=focal_a
        )
    (message,) = mail.outbox
    html = assert_branded(message, language="en")
    assert ">Accept the invitation</a>" in html
    assert "/en/accounts/invitation/" in message.body


def test_join_request_mail_to_focal_points_escapes_the_visitors_words(
    occe, django_capture_on_commit_callbacks
):
    user_with_role(occe, Role.FOCAL_POINT, email="focal@occe.example")
    with django_capture_on_commit_callbacks(execute=True):
        join_request_submit(
            organisation=occe,
            name="Eve <b>",
            email="eve@example.org",
            support="partner",
            message="<script>alert(1)</script>\nHello",
            language="en",
        )
    (message,) = mail.outbox
    html = assert_branded(message, language="en")
    assert "<script>alert(1)</script>" in message.body  # the text part says what was written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>" in html
    assert "<script>" not in html and "<b>" not in html
    assert message.subject == "New join request for OCCE from Eve <b>"
    assert "You receive this e-mail because of your role in the OEC Portal." in html


def test_join_answer_is_in_the_language_the_visitor_wrote_in_quoting_their_message(occe):
    join_request_send_answer(
        join_request=join_request(
            occe, language="fr", answer="Merci, à bientôt.", message="Nous avons <b>240</b> élèves."
        )
    )
    (message,) = mail.outbox
    html = assert_branded(message, language="fr")
    assert message.subject == "Votre message à OCCE"
    assert "Nous avons <b>240</b> élèves." in message.body
    assert (
        '<blockquote style="margin:0 0 16px;padding:10px 16px;border-left:3px solid #c8961e;'
        'background:#f4f6f9;color:#1b2330;" dir="auto">'
        "Nous avons &lt;b&gt;240&lt;/b&gt; élèves.</blockquote>"
    ) in html
    assert (
        "Vous recevez ce message parce que vous avez écrit à OCCE par l’intermédiaire du portail."
        in html
    )


def test_join_answer_in_arabic_is_right_to_left_and_names_the_organisation_in_arabic(occe):
    join_request_send_answer(join_request=join_request(occe, language="ar", answer="شكرًا."))
    (message,) = mail.outbox
    html = assert_branded(message, language="ar")
    assert 'dir="rtl" lang="ar"' in html  # on the outer table too: some clients drop <html>'s
    assert "تصلك هذه الرسالة لأنك راسلت أوكسي عبر البوابة." in html


# --- allauth's mails ------------------------------------------------------------------------


def test_password_reset_mail_in_arabic_is_branded_with_a_button(client, delegate_a, settings):
    settings.OEC_SITE_URL = "https://portal.oec.example"
    client.post("/ar/accounts/password/reset/", {"email": delegate_a.email})
    (message,) = mail.outbox
    html = assert_branded(message, language="ar")
    assert message.subject == "[منظمة التعاون التربوي] رسالة إعادة ضبط كلمة المرور"
    # The heading is the subject without the prefix: the wordmark above names the body.
    assert ">رسالة إعادة ضبط كلمة المرور</h1>" in html
    assert ">اختر كلمة مرور جديدة</a>" in html
    assert html_part(message).count("/ar/accounts/password/reset/key/") == 3  # button, address


# --- one way to send ------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
APPS = ("members", "pages", "news", "governance", "partnerships", "bulletins", "oec_portal")
# The builder, and the two ledgers that send the parts branded_parts made: the bulletin's and
# the notifications' (each with its one-click stop header).
SENDERS = {"members/mail.py", "bulletins/sending.py", "members/notifications/delivery.py"}
MAIL_API = re.compile(
    r"^\s*(from django\.core\.mail import|from django\.core import mail\b"
    r"|import django\.core\.mail)"
    r"|(?<!def )(?<!\.)\bsend_mail\(",
    re.MULTILINE,
)


def test_every_mail_is_made_by_the_branded_builder():
    """A module that sends mail by Django's functions would skip the brand, the HTML part and
    the reader's language: mail goes through members.mail.branded_message."""
    offenders = [
        str(path.relative_to(ROOT))
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts
        and str(path.relative_to(ROOT)) not in SENDERS
        and MAIL_API.search(path.read_text())
    ]
    assert offenders == []
