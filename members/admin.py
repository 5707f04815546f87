from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Invitation, Membership, Organisation, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "country", "region", "joined_on", "status"]
    list_filter = ["kind", "status", "region"]
    search_fields = ["name", "short_name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [MembershipInline]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name"]}),
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
        # Invitations are made on the people page, which mails the one-time link.
        return False
