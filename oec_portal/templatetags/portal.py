import functools

from django import template
from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language_info

register = template.Library()


# Every page asks for its address in each language (resolving it, then reversing it four
# times): the answers are kept for the addresses asked most (any may be asked: bounded).
@functools.lru_cache(maxsize=4096)
def _translated_path(urlconf, path, code):
    return translate_url(path, code)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """This page in each of the portal's languages: [{code, name, url, is_current, has_content}].

    Error pages (Django passes them `request_path` or `exception`) offer each language's home
    page instead, so that "not found" reads the same whatever the URL asked for.

    `has_content` is False for a language in which the row a page shows has no text of its own
    (the view put `content_languages` in the context, members.content_languages): the page
    would show the English text there, so it is not advertised as an hreflang alternate. The
    language switcher still offers it (the interface is translated). Lists and other generic
    pages set nothing and advertise every language.
    """
    request = context["request"]
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    is_error_page = "request_path" in context or "exception" in context
    content_languages = context.get("content_languages")
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": f"/{code}/"
            if is_error_page
            else _translated_path(get_urlconf() or settings.ROOT_URLCONF, path, code),
            "is_current": code == current,
            "has_content": content_languages is None or code in content_languages,
        }
        for code, _name in settings.LANGUAGES
    ]
