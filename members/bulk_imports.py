"""Bulk import and export in the back office (django-import-export), the portal's way.

Every app's `resources.py` builds on these. An import is all or nothing: the preview is a dry
run in a transaction that is rolled back, and the confirmed import runs in one transaction that
is rolled back as soon as one row is wrong (a validation error included, which the library would
otherwise let through once confirmed). Rows are checked by the models' own rules (`full_clean`,
constraints included) and by the services that write them; every row names exactly one
organisation by its slug, and an unknown slug is an error of that row.

Who may import or export is the policy's: the admin asks `<app>.import_<model>` and
`<app>.export_<model>` (settings.IMPORT_EXPORT_*_PERMISSION_CODE), which each app's
permissions.py registers for the secretariat role that keeps those records.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX

from .models import Organisation

NO_ORGANISATION = _("Name the organisation by its slug.")


class OrganisationSlugWidget(widgets.ForeignKeyWidget):
    """An organisation named by its slug, of the kinds the import allows."""

    def __init__(self, *kinds):
        super().__init__(Organisation, field="slug")
        self.kinds = kinds

    def get_queryset(self, value, row, *args, **kwargs):
        organisations = Organisation.objects.all()
        return organisations.filter(kind__in=self.kinds) if self.kinds else organisations

    def clean(self, value, row=None, **kwargs):
        slug = str(value or "").strip()
        if not slug:
            raise ValueError(NO_ORGANISATION)
        try:
            return self.get_queryset(slug, row).get(slug=slug)
        except Organisation.DoesNotExist:
            raise ValueError(
                _("No organisation of the right kind has the slug “%(slug)s”.") % {"slug": slug}
            ) from None


class CodesWidget(widgets.ManyToManyWidget):
    """Reference terms named by their codes, separated by commas; an unknown code is an error
    (the library's widget would drop it without a word)."""

    def __init__(self, model):
        super().__init__(model, separator=",", field="code")

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip() for code in str(value or "").split(",") if code.strip()]
        found = self.model.objects.filter(code__in=codes)
        unknown = sorted(set(codes) - {term.code for term in found})
        if unknown:
            raise ValueError(_("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)})
        return found


class BulkResource(resources.ModelResource):
    """A resource that checks rows by the models' rules and keys them by natural identifiers.

    `export_select_related` / `export_prefetch_related` keep an export to a fixed number of
    queries whatever its length. Keys that identify a row (`import_id_fields`) are checked
    before the row is looked up, so that an unknown slug reads as that row's error.
    """

    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()
    # A resource offered on its parent's list (a delegation's people on the delegations'
    # list) exports the rows of the parents listed: the lookup from its model to the parent.
    export_parent_lookup = ""

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def filter_export(self, queryset, **kwargs):
        model = self._meta.model
        if queryset.model is not model:
            queryset = model.objects.filter(**{f"{self.export_parent_lookup}__in": queryset})
        return queryset.select_related(*self.export_select_related).prefetch_related(
            *self.export_prefetch_related
        )

    def before_import_row(self, row, **kwargs):
        errors = {}
        for name in self._meta.import_id_fields:
            field = self.fields[name]
            try:
                field.clean(row)
            except KeyError:
                raise ValidationError(
                    {
                        name: _("The file has no “%(column)s” column.")
                        % {"column": field.column_name}
                    }
                ) from None
            except (ValueError, ValidationError) as error:
                errors[name] = ValidationError(getattr(error, "messages", [str(error)]))
        if errors:
            raise ValidationError(errors)

    def import_instance(self, instance, row, **kwargs):
        nullable = [
            field.attname
            for field in instance._meta.concrete_fields
            if field.null and not field.is_relation and getattr(instance, field.attname) is None
        ]
        try:
            super().import_instance(instance, row, **kwargs)
        finally:
            # An empty cell of a field that is NULL (a missing translation) leaves it NULL, so
            # that an exported file imports again without a change.
            for name in nullable:
                if getattr(instance, name) == "":
                    setattr(instance, name, None)
            # Excel gives a date cell as a date and time (the library keeps it so).
            for field in instance._meta.concrete_fields:
                value = getattr(instance, field.attname)
                if type(field) is models.DateField and isinstance(value, datetime.datetime):
                    setattr(instance, field.attname, value.date())

    def import_data(self, dataset, dry_run=False, raise_errors=False, **kwargs):
        # One wrong row, validation errors included, and nothing at all is written.
        kwargs["rollback_on_validation_errors"] = True
        kwargs["use_transactions"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, **kwargs)


class BulkImportExportAdmin(ImportExportMixin):
    """The import and export buttons of a back-office list: CSV and Excel, previewed first."""

    formats = [CSV, XLSX]
    import_error_display = ("message",)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # The rows changed between the preview and the confirmation (another officer's
            # work): nothing was written, and the preview will say why.
            self.message_user(
                request,
                _(
                    "Nothing was imported: the file no longer passes the checks. "
                    "Import it again to see which rows are wrong."
                ),
                messages.ERROR,
            )
            info = (self.opts.app_label, self.opts.model_name)
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*info)))
        return super().process_result(result, request)
