from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from .bulk_imports import BulkImportExportAdmin
from .images import clean_image
from .models import (
    Invitation,
    JoinRequest,
    Membership,
    Organisation,
    PrivateFileDownload,
    Suppression,
    TeamMember,
    User,
)
from .resources import OrganisationResource


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]

    def get_queryset(self, request):
        # Each row is titled with the membership (its user and organisation): read with it.
        return super().get_queryset(request).select_related("user", "organisation")


class OrganisationAdminForm(forms.ModelForm):
    """An organisation in the back office; its region follows its country.

    The region is derived from the country (Organisation.Region.for_country), as the public
    application derives it, so the directory and the API group states the same way whoever
    typed them in. It stays an editable field rather than a read-only one: an organisation
    without a country (or of a territory of no region) still needs one chosen by hand.
    """

    class Meta:
        model = Organisation
        # The admin derives its fields from this form; the secretariat edits them all.
        fields = "__all__"  # noqa: DJ007
        help_texts = {
            "region": _(
                "Left empty, it follows from the country; choose one by hand only where the "
                "country gives none."
            )
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        return clean_image(logo) if isinstance(logo, UploadedFile) else logo

    def clean(self):
        cleaned = super().clean()
        if "region" not in self.fields or "country" in self.errors:
            return cleaned
        country, region = cleaned.get("country"), cleaned.get("region")
        derived = Organisation.Region.for_country(country)
        if not derived:
            return cleaned
        if not region:
            cleaned["region"] = derived
        elif region != derived:
            self.add_error(
                "region",
                _(
                    "%(country)s is in the region “%(region)s”: choose that region or "
                    "leave the field empty."
                )
                % {"country": countries.name(country), "region": derived.label},
            )
        return cleaned


class TeamMemberAdminForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = "__all__"  # noqa: DJ007  (the inline lists its fields)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        return clean_image(photo) if isinstance(photo, UploadedFile) else photo


class TeamMemberInline(TranslationStackedInline):
    model = TeamMember
    form = TeamMemberAdminForm
    extra = 0
    fields = ["name", "role_title", "biography", "photo", "order"]


@admin.register(Organisation)
class OrganisationAdmin(BulkImportExportAdmin, TabbedTranslationAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "country", "region", "joined_on", "status"]
    list_filter = ["kind", "status", "region"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MembershipInline, TeamMemberInline]
    resource_classes = [OrganisationResource]

    def has_module_permission(self, request):
        # Officers look organisations up (the autocomplete boxes) and Django links the records
        # they keep to them: their list is in the back office for every officer, read-only.
        # The rest of the Members section (people, invitations, join requests) stays the
        # administrators'.
        return request.user.has_perm("members.view_organisation")


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "support", "status", "created_at", "answered_at"]
    list_filter = ["status", "support", "organisation"]
    search_fields = ["name", "email", "affiliation", "organisation__name"]
    list_select_related = ["organisation"]
    date_hierarchy = "created_at"
    # Answers go through the focal point's dashboard, which mails them.
    readonly_fields = [
        "organisation",
        "name",
        "email",
        "country",
        "affiliation",
        "support",
        "message",
        "language",
        "created_at",
        "answer",
        "answered_at",
        "answered_by",
        "closed_at",
    ]

    def has_add_permission(self, request):
        # Nobody, administrators included: a join request comes only from the public form.
        return False


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "language", "notification_mail"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    # Staff and superuser flags follow secretariat memberships (members.services).
    readonly_fields = ["is_staff", "is_superuser", "last_login", "date_joined"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token_hash", "accepted_at", "accepted_by", "invited_by"]

    def has_add_permission(self, request):
        # Nobody, administrators included: invitations are made on the people page, which
        # mails the one-time link.
        return False


class AuditTrailMixin:
    """An audit trail is read, never added to, edited or deleted by hand: refused to everyone,
    superusers too (Django's model backend grants a superuser every permission)."""

    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PrivateFileDownload)
class PrivateFileDownloadAdmin(AuditTrailMixin, admin.ModelAdmin):
    """Who downloaded which credentials letter or partnership file: for administrators."""

    list_display = ["at", "what", "object_id", "owner", "user", "organisation", "ip"]
    fields = ["what", "object_id", "file_name", "owner", "user", "organisation", "at", "ip"]
    list_filter = ["what"]
    search_fields = ["what", "user__email", "owner__name"]


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """The addresses no mail goes to (bulletin, notifications): kept by partnerships officers."""

    list_display = ["email", "reason", "at"]
    list_filter = ["reason"]
    search_fields = ["email"]

    def has_module_permission(self, request):
        # The members section is the administrators'; this one list is also the officers'.
        return self.has_view_permission(request)
