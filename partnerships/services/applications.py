"""The public application for official partnership, and the mails it sends."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.mail import branded_message
from members.models import Organisation
from members.uploads import detect_document_kind

from ..models import Contact, Partnership, Status
from ..selectors import partnerships_officer_emails
from .decisions import record_status_change
from .files import store_checked_upload
from .reviews import OFFICERS_REASON


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
    private storage. Once the application is saved, the partnerships officers are told, and
    the contact receives an acknowledgement in `applied_in`, the language of the form.
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
    transaction.on_commit(lambda: _notify_officers_of_application(partnership.pk))
    transaction.on_commit(lambda: _acknowledge_application(contact.pk, language=applied_in))
    return partnership


def _acknowledge_application(contact_id, *, language):
    """Tell the applicant, in the language of the form they used, that the application came."""
    contact = Contact.objects.select_related("organisation").get(pk=contact_id)
    branded_message(
        to=[contact.email],
        subject_template="partnerships/email/application_acknowledgement_subject.txt",
        text_template="partnerships/email/application_acknowledgement_body.txt",
        context={"contact": contact, "organisation": contact.organisation},
        language=language,
        reason=gettext_lazy(
            "You receive this message because this address was given as the contact of an "
            "application for official partnership."
        ),
    ).send()


def _notify_officers_of_application(partnership_id):
    partnership = Partnership.objects.select_related("organisation").get(pk=partnership_id)
    recipients = partnerships_officer_emails()
    if not recipients:
        return
    # The secretariat's working language, not the applicant's (the request's): officers do not
    # all read the language an NGO applied in.
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New partnership application: %(name)s") % {"name": partnership.organisation}
    branded_message(
        to=recipients,
        subject=subject,
        text_template="partnerships/email/application_received.txt",
        context={"partnership": partnership, "site_url": settings.OEC_SITE_URL},
        language=settings.LANGUAGE_CODE,
        action_label=gettext_lazy("Review the application"),
        reason=OFFICERS_REASON,
    ).send()
