"""The portal's mails, all made the same way: branded, in the reader's language, text and HTML.

Every mail the portal sends goes through `branded_message` (the bulletin, which sends its
rendered parts itself, through `branded_parts`). A mail's own templates write its subject and
its text; the HTML part is that text in the Organisation's layout (templates/email/base.html),
or, for a mail that needs more than paragraphs, links and buttons (the bulletin, the quoted
message of a join answer), an HTML template of its own in the same layout. Mostly one source for
both parts, so the text part does not say something the HTML part does not.

The layout has no outside resources: inline CSS only (mail clients drop <style> and <link>),
and one picture, the Organisation's mark, by an absolute URL of the portal's own static files.
The wordmark is text, so the brand shows in clients that block pictures, and in every language.

Languages: everything is rendered under `translation.override(language)`, Arabic with
dir="rtl". A mail to a user goes in the language they chose (`language_of(user)`, their
notification settings); a mail to a visitor in the language of the page they used (the
request's, or the one stored on the row they made: JoinRequest.language, Subscriber.language,
Contact.preferred_language).
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

DEFAULT_REASON = _(
    "You receive this message because this address is known to the portal of the "
    "Organisation of Educational Cooperation."
)
LOGO_PATH = "img/icon-192.png"

# The inline styles of the tags an HTML body may hold (mail clients ignore style sheets, and many
# logical properties: "{start}" is left or right). The site's palette (static/css/site.css).
LINK = "#11528f"
TAG_STYLES = {
    "p": "margin:0 0 16px;",
    "h2": "margin:24px 0 8px;font-size:19px;line-height:1.3;color:#0b3d6e;",
    "h3": "margin:20px 0 6px;font-size:16px;line-height:1.3;color:#0b3d6e;",
    "ul": "margin:0 0 16px;padding:0;padding-{start}:22px;",
    "ol": "margin:0 0 16px;padding:0;padding-{start}:22px;",
    "li": "margin:0 0 6px;",
    "a": f"color:{LINK};text-decoration:underline;",
    "blockquote": "margin:0 0 16px;padding:10px 16px;border-{start}:3px solid #c8961e;"
    "background:#f4f6f9;color:#1b2330;",
}
OPENING_TAG = re.compile(r"<(" + "|".join(TAG_STYLES) + r")(?=[\s>])(?![^>]*\sstyle=)")
LONE_URL = re.compile(r"^https?://\S+$")
# SMTP allows lines of 998 bytes, and the bulletin goes out in 8bit (bulletins/sending.py): a
# line break after each block keeps a long list on short lines, and changes nothing on screen.
BLOCK_END = re.compile(r"(</(?:p|li|ul|ol|h[1-6]|div|blockquote|td|tr|table)>)(?!\n)")


@dataclass(frozen=True)
class MailParts:
    subject: str
    text: str
    html: str


def language_of(user) -> str:
    """The language to write to a user in: theirs, or the portal's default language."""
    return user.mail_language


def site_url() -> str:
    return settings.OEC_SITE_URL.rstrip("/")


def logo_url() -> str:
    """The mark by an absolute URL, without the manifest's hash: a mail is read for years,
    and collectstatic keeps the unhashed copy of every file."""
    static = settings.STATIC_URL
    if not urlsplit(static).scheme:
        static = site_url() + "/" + static.lstrip("/")
    return static.rstrip("/") + "/" + LOGO_PATH


def one_line(text) -> str:
    """A subject on one line whatever a template or a visitor's input put in it (Django refuses
    a line break in a header)."""
    return " ".join(str(text).split())


def render_plain(template_name, context) -> str:
    """A subject or text template rendered as plain text: nothing HTML-escaped ("Eve &lt;b&gt;"
    in a subject, "&amp;" in a name), whether or not the template says autoescape off. The
    HTML part escapes the text itself (text_to_html)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def inline_styles(body, *, rtl=False) -> str:
    """`body` with the layout's style on each of its bare paragraphs, headings, lists and links."""
    start = "right" if rtl else "left"
    return OPENING_TAG.sub(
        lambda match: f'<{match[1]} style="{TAG_STYLES[match[1]].format(start=start)}"', body
    )


def button(url, label) -> str:
    """A link drawn as a button (a table cell: the one shape every mail client draws), with the
    address below it for a client that shows no links."""
    url, label = html.escape(url), html.escape(str(label))
    return (
        '<table role="presentation" cellpadding="0" cellspacing="0" style="margin:4px 0 20px;">'
        '<tr><td style="background:#0b3d6e;border-radius:6px;">'
        f'<a href="{url}" style="display:inline-block;padding:11px 22px;color:#ffffff;'
        f'font-weight:700;text-decoration:none;border-radius:6px;">{label}</a></td></tr></table>'
        '<p style="margin:0 0 16px;font-size:13px;color:#4a5568;word-break:break-all;" dir="ltr">'
        f'<a href="{url}" style="color:#4a5568;">{url}</a></p>'
    )


def text_to_html(text, *, action_label=None) -> str:
    """The text part as HTML: escaped, its paragraphs kept, its links clickable, and a link on
    the last line of a paragraph (the action a mail asks for) drawn as a button."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.strip().splitlines()]
        link = lines.pop() if lines and LONE_URL.match(lines[-1]) else None
        if lines:
            linked = (urlize(line, autoescape=True) for line in lines)
            blocks.append("<p>" + "<br>\n".join(linked) + "</p>")
        if link:
            blocks.append(button(link, action_label or _("Open this link")))
    return "\n".join(blocks)


def branded_parts(
    *,
    subject,
    text,
    html_body=None,
    language,
    reason=None,
    action_label=None,
    footer_links=(),
    heading=None,
) -> MailParts:
    """The subject, the text and the HTML of a mail in the brand's layout, in `language`.

    `text` is the mail's text without the footer; `html_body` its HTML (trusted: our own
    templates' output) or None to draw it from `text`, its lone links drawn as buttons named
    `action_label`. `footer_links` are (label, url) pairs the footer offers (the bulletin's
    unsubscribe and language links). `heading` is the title above the message (the subject
    unless told otherwise).
    """
    with translation.override(language):
        if html_body is None:
            html_body = text_to_html(text, action_label=action_label)
        rtl = translation.get_language_bidi()
        body = BLOCK_END.sub(r"\1\n", inline_styles(html_body, rtl=rtl))
        context = {
            "subject": one_line(subject),
            "heading": one_line(heading or subject),
            "language": language,
            "direction": "rtl" if rtl else "ltr",
            "reason": reason or DEFAULT_REASON,
            "footer_links": [(str(label), url) for label, url in footer_links],
            "site_url": site_url(),
            "site_host": urlsplit(site_url()).netloc,
            "logo_url": logo_url(),
        }
        return MailParts(
            subject=context["subject"],
            text=render_to_string("email/base.txt", {**context, "body": text.strip()}),
            html=render_to_string("email/base.html", {**context, "body": mark_safe(body)}),  # noqa: S308 (ours, escaped above)
        )


def branded_message(
    *,
    to,
    text_template,
    context,
    language,
    subject_template=None,
    subject=None,
    html_template=None,
    reason=None,
    action_label=None,
    heading=None,
    headers=None,
    from_email=None,
    reply_to=None,
    connection=None,
) -> EmailMultiAlternatives:
    """A mail to `to` (a list of addresses) rendered from its templates in `language`.

    The subject template (or `subject`, a string made in `language`) gives one line; the text
    template the message without the footer (the layout adds it); `html_template`, when given,
    the HTML of the message instead of the text's paragraphs. `reason` says why the recipient
    receives it; `action_label` names the button a link alone on its line becomes.
    """
    with translation.override(language):
        if subject_template:
            subject = render_plain(subject_template, context)
        text = render_plain(text_template, context)
        html_body = render_to_string(html_template, context) if html_template else None
        parts = branded_parts(
            subject=subject,
            text=text,
            html_body=html_body,
            language=language,
            reason=reason,
            action_label=action_label,
            heading=heading,
        )
    message = EmailMultiAlternatives(
        subject=parts.subject,
        body=parts.text,
        from_email=from_email,
        to=list(to),
        headers=headers,
        reply_to=reply_to,
        connection=connection,
    )
    message.attach_alternative(parts.html, "text/html")
    return message
