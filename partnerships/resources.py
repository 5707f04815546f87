"""Bulk import and export of partner contacts, partnerships and their status history
(the partnerships officers' back office; members/bulk_imports.py has the common rules).

A partnership's status changes only through decisions: an import of partnerships sets the
status of a new one (its history starts with the import) and refuses a different status for
an existing one; the status history file adds decisions, each checked by the framework's rules
(`services.partnership_change_status`), and skips the lines already recorded, so that an
exported history imports again without a change.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from members.bulk_imports import BulkResource, CodesWidget, OrganisationSlugWidget
from members.models import Organisation

from . import services
from .models import (
    Contact,
    FieldOfCompetence,
    FunctionalArea,
    Partnership,
    PartnershipStatusChange,
)

PARTNER = Organisation.Kind.PARTNER_NGO


def _organisation_field():
    return fields.Field(
        attribute="organisation",
        column_name="organisation",
        widget=OrganisationSlugWidget(PARTNER),
    )


class ContactResource(BulkResource):
    """Partner contacts, one per organisation and e-mail address."""

    organisation = _organisation_field()
    receives_bulletin = fields.Field(
        attribute="receives_bulletin",
        column_name="receives_bulletin",
        widget=widgets.BooleanWidget(),
        default=True,
    )
    user = fields.Field(attribute="user__email", column_name="user_account", readonly=True)

    export_select_related = ("organisation", "user")

    class Meta(BulkResource.Meta):
        model = Contact
        name = _("Partner contacts")
        fields = (
            "organisation",
            "name",
            "email",
            "preferred_language",
            "receives_bulletin",
            "user",
        )
        import_id_fields = ("organisation", "email")

    def before_import_row(self, row, **kwargs):
        if row.get("email"):
            row["email"] = str(row["email"]).strip().lower()
        super().before_import_row(row, **kwargs)


class PartnershipResource(BulkResource):
    """Partnership records, named by their organisation's slug."""

    organisation = _organisation_field()
    fields_of_competence = fields.Field(
        attribute="fields_of_competence",
        column_name="fields_of_competence",
        widget=CodesWidget(FieldOfCompetence),
    )
    functional_areas = fields.Field(
        attribute="functional_areas",
        column_name="functional_areas",
        widget=CodesWidget(FunctionalArea),
    )

    export_select_related = ("organisation",)
    export_prefetch_related = ("fields_of_competence", "functional_areas")

    class Meta(BulkResource.Meta):
        model = Partnership
        name = _("Partnerships")
        fields = (
            "organisation",
            "status",
            "admitted_on",
            "next_review_on",
            "geographic_scope",
            "headquarters_country",
            "website",
            "description_en",
            "description_fr",
            "description_es",
            "description_ar",
            "fields_of_competence",
            "functional_areas",
        )
        import_id_fields = ("organisation",)

    def import_instance(self, instance, row, **kwargs):
        recorded = instance.status if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The library sets the terms after saving: checked here, so that the preview says.
        for name in ("fields_of_competence", "functional_areas"):
            if self.fields[name].column_name in row:
                try:
                    self.fields[name].clean(row)
                except ValueError as error:
                    errors[name] = [str(error)]
        if recorded is not None and instance.status != recorded:
            errors["status"] = [
                _(
                    "A change of status is a decision: import it with the status history, "
                    "or record it on the partnership's page."
                )
            ]
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        super().save_instance(instance, is_create, row, **kwargs)
        if is_create:
            services.partnership_record_import(partnership=instance, recorded_by=kwargs.get("user"))


class PartnershipWidget(widgets.ForeignKeyWidget):
    """A partnership named by its organisation's slug."""

    def __init__(self):
        super().__init__(Partnership, field="organisation__slug")

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        try:
            return Partnership.objects.select_related("organisation").get(organisation__slug=slug)
        except Partnership.DoesNotExist:
            raise ValueError(
                _("No partnership belongs to an organisation with the slug “%(slug)s”.")
                % {"slug": slug}
            ) from None


class StatusChangeResource(BulkResource):
    """The decisions of every partnership, oldest first; an import adds new decisions."""

    partnership = fields.Field(
        attribute="partnership", column_name="organisation", widget=PartnershipWidget()
    )
    recorded_by = fields.Field(
        attribute="recorded_by__email", column_name="recorded_by", readonly=True
    )

    export_select_related = ("partnership__organisation", "recorded_by")
    export_parent_lookup = "partnership"

    class Meta(BulkResource.Meta):
        model = PartnershipStatusChange
        name = _("Status history of partnerships")
        fields = (
            "partnership",
            "decided_on",
            "from_status",
            "to_status",
            "deciding_body",
            "decision_reference",
            "note",
            "recorded_by",
        )
        import_id_fields = ("partnership", "decided_on", "from_status", "to_status")

    def filter_export(self, queryset, **kwargs):
        return (
            super()
            .filter_export(queryset, **kwargs)
            .order_by("partnership__organisation__slug", "decided_on", "recorded_at", "pk")
        )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # A decision already in the history is never edited: the line is left as it is.
        return instance.pk is not None and not import_validation_errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        super().validate_instance(instance, import_validation_errors, validate_unique)
        current = Partnership.objects.values_list("status", flat=True).get(
            pk=instance.partnership_id
        )
        if instance.from_status != current:
            raise ValidationError(
                {
                    "from_status": _(
                        "The partnership's status is “%(status)s” when this decision would "
                        "apply, not “%(from)s”."
                    )
                    % {"status": current, "from": instance.from_status or "—"}
                }
            )

    def do_instance_save(self, instance, is_create):
        change = services.partnership_change_status(
            partnership=instance.partnership,
            to_status=instance.to_status,
            decided_on=instance.decided_on,
            deciding_body=instance.deciding_body,
            decision_reference=instance.decision_reference,
            note=instance.note,
            recorded_by=self._recorded_by,
        )
        instance.pk = change.pk

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        self._recorded_by = kwargs.get("user")
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
