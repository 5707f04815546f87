"""Bulk import and export of the bulletin's subscribers (members/bulk_imports.py has the rules).

Each row of an import must record the person's consent (where and how, and when); an address
that unsubscribed, complained or bounced is a row error. Imported addresses receive the
confirmation link, as sign-ups on the portal do (bulletins/consent.py).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, widgets

from members.bulk_imports import BulkResource
from members.models import normalise_email

from .consent import subscriber_import, subscriber_import_check
from .models import Subscriber


def _exported(attribute, widget=None):
    return fields.Field(attribute=attribute, column_name=attribute, readonly=True, widget=widget)


class SubscriberResource(BulkResource):
    # The consent record and the confirmation are exported, never imported.
    consent_source = _exported("consent_source")
    recorded_by = fields.Field(
        attribute="consent_recorded_by__email", column_name="recorded_by", readonly=True
    )
    confirmed_at = _exported("confirmed_at", widgets.DateTimeWidget())
    created_at = _exported("created_at", widgets.DateTimeWidget())

    export_select_related = ("consent_recorded_by",)

    class Meta(BulkResource.Meta):
        model = Subscriber
        name = _("Subscribers")
        fields = (
            "email",
            "language",
            "consent_evidence",
            "consented_on",
            "consent_source",
            "recorded_by",
            "confirmed_at",
            "created_at",
        )
        import_id_fields = ("email",)

    def before_import_row(self, row, **kwargs):
        if row.get("email"):
            row["email"] = normalise_email(str(row["email"]))
        super().before_import_row(row, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        if instance.confirmed_at is None:
            super().import_instance(instance, row, **kwargs)
        else:
            # Confirmed by its owner: the consent on record stays; only the language changes.
            self.import_field(self.fields["language"], instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            subscriber_import_check(subscriber=instance)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        super().validate_instance(instance, errors, validate_unique)

    def do_instance_save(self, instance, is_create):
        subscriber_import(subscriber=instance, recorded_by=self._recorded_by)

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        self._recorded_by = kwargs.get("user")
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)
