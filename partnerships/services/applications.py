"""The public application for official partnership, and the mails it sends."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.models import Organisation
from members.uploads import detect_document_kind

from ..emails import send_application_acknowledgement
from ..models import Contact, Partnership, Status
from .decisions import record_status_change
from .files import store_checked_upload
from .notices import application_received_notify


def _unique_slug(name):
    base = slugify(name)[:70] or "partner"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def partnership_apply(
    *,
    name: str,
    country: str,
    website: str,
    geographic_scope: str,
    description: str,
    language: str,
    fields_of_competence,
    functional_areas,
    contact_name: str,
    contact_email: str,
    statutes,
    activity_report,
    applied_in: str = settings.LANGUAGE_CODE,
) -> Partnership:
    """A public application: a pending partner organisation, an applicant partnership, a contact.

    The organisation's region follows its country (Organisation.Region.for_country). The
    files are checked by content (members.uploads) and stored under server-made names in
    private storage. The partnerships officers are notified (members.notifications), and once
    the application is saved the contact receives an acknowledgement in `applied_in`, the
    language of the form.
    """
    # Checked again here so that no caller can store an unchecked file.
    for uploaded in (statutes, activity_report):
        detect_document_kind(uploaded)
    organisation = Organisation.objects.create(
        kind=Organisation.Kind.PARTNER_NGO,
        name=name,
        # A proper name: kept in the default language too, which every other falls back to
        # (an application sent from /fr/ would otherwise have no English name).
        **{f"name_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}": name},
        slug=_unique_slug(name),
        country=country,
        region=Organisation.Region.for_country(country),
        website=website,
        status=Organisation.Status.PENDING,
    )
    partnership = Partnership(
        organisation=organisation,
        status=Status.APPLICANT,
        geographic_scope=geographic_scope,
        headquarters_country=country,
        website=website,
    )
    setattr(partnership, f"description_{language}", description)
    store_checked_upload(partnership.statutes, statutes)
    store_checked_upload(partnership.activity_report, activity_report)
    partnership.save()
    partnership.fields_of_competence.set(fields_of_competence)
    partnership.functional_areas.set(functional_areas)
    record_status_change(
        partnership=partnership,
        from_status="",
        to_status=Status.APPLICANT,
        decided_on=timezone.localdate(),
        deciding_body=_("Application received"),
    )
    contact = Contact.objects.create(
        organisation=organisation,
        name=contact_name,
        email=contact_email.lower(),
        preferred_language=language,
    )
    application_received_notify(partnership=partnership)
    # After the commit, by the worker: an SMTP server that is down retries there, not here.
    transaction.on_commit(
        lambda: send_application_acknowledgement.delay(contact.pk, language=applied_in)
    )
    return partnership
