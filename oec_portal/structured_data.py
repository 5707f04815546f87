"""schema.org descriptions of the Organisation, its news, its assembly sessions (issue 16) and
the register: a document as a DigitalDocument, a decision or resolution as Legislation (issue 18).

Each function returns a plain dict; `json_ld_script` writes it into the page as
`<script type="application/ld+json">`. That element is data, not a script the browser runs, so
the CSP (which lets only nonced scripts run) does not concern it, and it carries no nonce: the
anonymous page cache keeps no page with one. Its text is escaped as Django's `json_script` does
it (`<`, `>` and `&` as \\u escapes), so that no title can close the element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries.fields import Country

from .sharing import absolute_url, default_image_url, image_url, page_url

CONTEXT = "https://schema.org"
FOUNDING_DATE = "2020-01-29"  # the Constitutive Agreement, signed in Djibouti
LOGO = "img/icon-512.png"
ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """`data` as a JSON-LD element that no string inside it can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    element = '<script type="application/ld+json">{}</script>'
    return format_html(element, mark_safe(text))  # noqa: S308 (escaped above, as json_script)


def _local(moment):
    """A date as it is, a datetime in the portal's time zone (Geneva's), with its offset."""
    if hasattr(moment, "tzinfo"):
        return timezone.localtime(moment).replace(microsecond=0).isoformat()
    return moment.isoformat()


def _publisher(request):
    """The Organisation as the publisher or organiser of a thing: name, address and logo."""
    return {
        "@type": "Organization",
        "name": _("Organisation of Educational Cooperation"),
        "url": absolute_url(request, reverse("home")),
        "logo": {"@type": "ImageObject", "url": absolute_url(request, static(LOGO))},
    }


def organization(request):
    """The Organisation itself, for its home page, named in the page's language."""
    geneva = {
        "@type": "PostalAddress",
        "addressLocality": _("Geneva"),
        "addressCountry": "CH",
    }
    djibouti = Country("DJ")
    return {
        "@context": CONTEXT,
        **_publisher(request),
        "alternateName": "OEC",
        "description": _(
            "The Organisation of Educational Cooperation: intergovernmental cooperation for "
            "balanced and inclusive education."
        ),
        "email": "contact@oec.example",
        "address": geneva,
        "foundingDate": FOUNDING_DATE,
        "foundingLocation": {
            "@type": "Place",
            "name": djibouti.name,
            "address": {"@type": "PostalAddress", "addressCountry": djibouti.code},
        },
    }


def news_article(request, article):
    """One article of the news, in the language its text is shown in."""
    language = get_language()
    shown_in = language if article.has_translation(language) else settings.LANGUAGE_CODE
    url = page_url(request, article.get_absolute_url())
    data = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary or article.title,
        "image": [image_url(request, article.share_image) or default_image_url(request)],
        "dateModified": _local(article.updated_at),
        "author": {
            "@type": "Organization",
            "name": article.organisation.name,
            "url": absolute_url(request, article.organisation.get_absolute_url()),
        },
        "publisher": _publisher(request),
        "inLanguage": shown_in,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
    }
    if article.publish_at:
        data["datePublished"] = _local(article.publish_at)
    return data


def _at_venue(moment):
    """A moment told in the time of the session's venue, with that zone's offset then."""
    return moment.replace(microsecond=0).isoformat()


def assembly_session(request, session, meetings=()):
    """A session of the General Assembly as an event held in person at its venue. With its
    meetings, it starts when the first starts and ends when the last ends, in the venue's
    time with its offset (daylight saving time included); without, it is kept as days."""
    start, end = _local(session.start_date), _local(session.end_date)
    if meetings:
        start = _at_venue(min(meeting.starts_at for meeting in meetings))
        end = _at_venue(max(meeting.ends_at for meeting in meetings))
    data = {
        "@context": CONTEXT,
        "@type": "Event",
        "name": str(session),
        "startDate": start,
        "endDate": end,
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": session.venue, "address": session.venue},
        "organizer": _publisher(request),
        "inLanguage": get_language(),
        "image": [default_image_url(request)],
        "url": page_url(request, session.get_absolute_url()),
    }
    if session.description:
        data["description"] = session.description
    return data


def digital_document(request, document):
    """A document of the register with its symbol, date, languages and language files.

    Only for one who may read it (its page is "not found" to anyone else); its files are those
    of the document, which share its access class, each linked to the audited download view."""
    files = (
        list(document.files.all())
        if request.user.has_perm("governance.read_document", document)
        else []
    )
    data = {
        "@context": CONTEXT,
        "@type": "DigitalDocument",
        "name": document.title,
        "identifier": document.symbol,
        "datePublished": _local(document.publication_date),
        "inLanguage": [file.language for file in files],
        "publisher": _publisher(request),
        "url": page_url(request, document.get_absolute_url()),
        "associatedMedia": [
            {
                "@type": "MediaObject",
                "contentUrl": absolute_url(request, file.get_absolute_url()),
                "encodingFormat": file.content_type,
                "contentSize": f"{file.size} B",
                "inLanguage": file.language,
                "name": file.download_filename,
            }
            for file in files
        ],
    }
    if document.access != document.Access.PUBLIC:
        data["conditionsOfAccess"] = str(document.get_access_display())
    return data


def legislation(request, decision, languages):
    """A decision or resolution of an organ, with its symbol, its adoption and the Akoma Ntoso
    XML of each language it is written in (`languages`) as its encodings."""
    is_resolution = "/RES/" in decision.symbol
    organ = decision.session.organ
    return {
        "@context": CONTEXT,
        "@type": "Legislation",
        "name": decision.title,
        "legislationIdentifier": decision.symbol,
        "legislationType": _("Resolution") if is_resolution else _("Decision"),
        "legislationDate": _local(decision.adopted_on),
        "datePublished": _local(decision.adopted_on),
        "legislationPassedBy": {"@type": "Organization", "name": organ.name},
        "inLanguage": languages,
        "publisher": _publisher(request),
        "url": page_url(request, decision.get_absolute_url()),
        "encoding": [
            {
                "@type": "LegislationObject",
                "contentUrl": absolute_url(
                    request,
                    reverse("governance:decision_akoma_ntoso", args=[decision.slug, language]),
                ),
                "encodingFormat": "application/akn+xml",
                "inLanguage": language,
            }
            for language in languages
        ],
    }
