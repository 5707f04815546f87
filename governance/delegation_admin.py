"""The back office of delegations: registration by members, credentials, accreditation,
badges (registered with the admin site by governance/admin.py, which imports it)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from members.bulk_imports import BulkImportExportAdmin
from members.private_file_admin import private_file_link

from . import services
from .badges import badges_pdf
from .models import Credentials, Delegation, DelegationMember
from .resources import DelegationMemberResource


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["user"]
    fields = [
        "is_head",
        "function",
        "title",
        "user",
        "guest_name",
        "guest_email",
        "name_latin",
        "position",
    ]


class DelegationAdminForm(forms.ModelForm):
    class Meta:
        model = Delegation
        fields = [
            "session",
            "organisation",
            "status",
            "return_reason",
            "credentials_received",
            "credentials_received_on",
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("status") == Delegation.Status.RETURNED
            and not (cleaned.get("return_reason") or "").strip()
        ):
            self.add_error("return_reason", _("Say why the delegation is returned."))
        if cleaned.get("credentials_received") == Credentials.NONE and cleaned.get(
            "credentials_received_on"
        ):
            self.add_error(
                "credentials_received_on", _("Say what was received on that date, or clear it.")
            )
        return cleaned


@admin.register(Delegation)
class DelegationAdmin(BulkImportExportAdmin, admin.ModelAdmin):
    form = DelegationAdminForm
    list_display = [
        "organisation",
        "session",
        "status",
        "credentials_received",
        "submitted_at",
        "decided_at",
    ]
    list_filter = ["session", "status", "credentials_received"]
    search_fields = ["organisation__name"]
    fields = [
        "session",
        "organisation",
        "status",
        "return_reason",
        "credentials",
        "credentials_received",
        "credentials_received_on",
    ]
    readonly_fields = ["credentials"]
    inlines = [DelegationMemberInline]
    actions = ["accredit", "print_badges"]
    # The people of the delegations listed, one row each (governance/resources.py).
    resource_classes = [DelegationMemberResource]
    # A delegation's page is its focal point's form: nothing the secretariat could view on site.
    view_on_site = False

    @admin.display(description=_("credentials letter"))
    def credentials(self, obj):
        # Private files have no URL: the link is the audited download view.
        if obj is None or not obj.credentials_letter:
            return _("none yet")
        return private_file_link(obj.credentials_letter)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        return [*self.readonly_fields, "session", "organisation"]

    @admin.action(description=_("Accredit the selected delegations"))
    def accredit(self, request, queryset):
        for delegation in queryset.select_related("session", "organisation"):
            services.delegation_accredit(delegation=delegation, by=request.user)
        self.message_user(request, _("Accredited; the focal points are told by e-mail."))

    @admin.action(description=_("Print badges for the selected delegations"))
    def print_badges(self, request, queryset):
        """The badges of the accredited ones (a PDF); the others are named in a message."""
        skipped = [
            str(delegation)
            for delegation in queryset.exclude(status=Delegation.Status.ACCREDITED)
            .select_related("organisation", "session__organ")
            .order_by("organisation__name")
        ]
        if skipped:
            self.message_user(
                request,
                _("No badges for these delegations, not accredited: %(names)s.")
                % {"names": "; ".join(skipped)},
                messages.WARNING,
            )
        if not queryset.filter(status=Delegation.Status.ACCREDITED).exists():
            return None
        response = HttpResponse(badges_pdf(queryset, request=request), "application/pdf")
        response["Content-Disposition"] = 'inline; filename="badges.pdf"'
        return response

    def save_model(self, request, obj, form, change):
        """A change of status to accredited or returned goes through the service (e-mail)."""
        status = obj.status
        if (
            change
            and "status" in form.changed_data
            and status
            in (
                Delegation.Status.ACCREDITED,
                Delegation.Status.RETURNED,
            )
        ):
            obj.status = form.initial["status"]
            super().save_model(request, obj, form, change)
            try:
                if status == Delegation.Status.ACCREDITED:
                    services.delegation_accredit(delegation=obj, by=request.user)
                else:
                    services.delegation_return(
                        delegation=obj, reason=obj.return_reason, by=request.user
                    )
            except ValidationError as error:
                self.message_user(request, error.messages[0], level=messages.ERROR)
            return
        super().save_model(request, obj, form, change)
