"""Which languages a translated row really has (modeltranslation fields `<field>_<code>`).

modeltranslation shows the English text where a translation is missing, so a page in Spanish
may show only English. Pages that show one row tell the base template which languages the row
is written in (`content_languages` in the context); only those are advertised to search engines
as alternates (`<link rel="alternate" hreflang>`, oec_portal.templatetags.portal).
"""

from django.conf import settings


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def languages_with_text(obj, *fields):
    """The languages in which each of `fields` of `obj` has its own text.

    A field left empty in English too has nothing to fall back on, so it does not count
    against a language; the default language is always one of them (it is the original).
    """
    default = settings.LANGUAGE_CODE
    languages = []
    for code in language_codes():
        if code == default or all(
            getattr(obj, f"{field}_{code}", "") or not getattr(obj, f"{field}_{default}", "")
            for field in fields
        ):
            languages.append(code)
    return languages
