"""The public partner database as rows for CSV and JSON downloads.

Only public facts: never a contact, an e-mail address, an application file or a review date.
"""

from django.conf import settings

EXPORT_FIELDS = [
    "name",
    "slug",
    "status",
    "admitted_on",
    "country",
    "region",
    "geographic_scope",
    "fields",
    "areas",
    "website",
    "url",
]


def export_rows(partnerships):
    """One dict per partnership (keys: EXPORT_FIELDS); expects `with_profile()` rows."""
    for partnership in partnerships:
        organisation = partnership.organisation
        yield {
            "name": organisation.name,
            "slug": organisation.slug,
            "status": partnership.status,
            "admitted_on": partnership.admitted_on.isoformat() if partnership.admitted_on else "",
            "country": partnership.headquarters_country.code or "",
            "region": organisation.region,
            "geographic_scope": partnership.geographic_scope,
            "fields": [field.code for field in partnership.fields_of_competence.all()],
            "areas": [area.code for area in partnership.functional_areas.all()],
            "website": partnership.website,
            "url": settings.OEC_SITE_URL + partnership.get_absolute_url(),
        }
