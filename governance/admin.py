"""The back office of conference services: sessions, agenda, documents, decisions, delegations.

Who may open, add, change and delete what is the policy's: governance/permissions.py registers
the admin's model permissions (conference services officers and administrators).
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from members.admin import AuditTrailMixin
from members.bulk_imports import BulkImportExportAdmin
from members.models import Organisation
from members.private_file_admin import PrivateFilesAdminMixin

from . import (
    alerts,
    delegation_admin,  # noqa: F401 (it registers the delegations' admins)
    services,
)
from .document_batches import document_batch_upload
from .forms import DocumentBatchForm, DocumentFileAdminForm
from .models import (
    AgendaItem,
    AssemblySession,
    Attendance,
    Deadline,
    Decision,
    Document,
    DocumentDownload,
    DocumentFile,
    Meeting,
    OfficeHolder,
    Organ,
    Vote,
)
from .resources import OfficeHolderResource


@admin.register(Organ)
class OrganAdmin(TabbedTranslationAdmin):
    list_display = ["code", "name"]


class AgendaItemInline(TranslationTabularInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "order"]


class MeetingInline(TranslationTabularInline):
    model = Meeting
    extra = 0
    fields = ["date", "start_time", "end_time", "title", "room", "is_closed"]


class DeadlineInline(TranslationTabularInline):
    model = Deadline
    extra = 0
    fields = ["kind", "title", "due_at", "restricted_to"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "restricted_to":
            kwargs["queryset"] = Organisation.objects.filter(kind__in=Organisation.MEMBER_KINDS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(AssemblySession)
class AssemblySessionAdmin(TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "kind",
        "start_date",
        "venue",
        "time_zone",
        "status",
        "registration_deadline",
        "participants_published_at",
    ]
    list_filter = ["organ", "status", "kind"]
    inlines = [AgendaItemInline, MeetingInline, DeadlineInline]
    readonly_fields = ["attendance_pages"]

    @admin.display(description=_("attendance"))
    def attendance_pages(self, obj):
        """The session's check-in page, and each meeting's roll call and check-ins."""
        if obj is None or obj.pk is None or not obj.meetings.exists():
            return _("Add meetings to check participants in.")
        check_in = reverse("governance:check_in", args=[obj.number])
        check_ins = reverse("admin:governance_attendance_changelist")
        rows = format_html_join(
            "",
            '<li>{}: <a href="{}">{}</a> · <a href="{}?meeting__id__exact={}">{}</a></li>',
            (
                (
                    meeting,
                    reverse("governance:roll_call", args=[obj.number, meeting.pk]),
                    _("roll call"),
                    check_ins,
                    meeting.pk,
                    _("check-ins"),
                )
                for meeting in obj.meetings.all()
            ),
        )
        return format_html(
            '<p><a href="{}">{}</a></p><ul>{}</ul>', check_in, _("Check participants in"), rows
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The registration deadline and the deadlines are read and typed in the venue's time,
        # as the session's meetings are (Django's admin shows moments in the active zone).
        session = self.get_object(request, object_id) if object_id else None
        if session is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        with timezone.override(session.zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # A TemplateResponse renders later, outside this zone, unless rendered here.
            if hasattr(response, "render"):
                response.render()
            return response


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    """Who checked in at which meeting: read here, made on the check-in page."""

    list_display = [
        "delegation_member",
        "organisation",
        "meeting",
        "checked_in_at",
        "checked_in_by",
    ]
    list_filter = ["meeting__session", "meeting"]
    list_select_related = [
        "delegation_member__user",
        "delegation_member__delegation__organisation",
        "meeting__session",
        "checked_in_by",
    ]
    search_fields = [
        "delegation_member__guest_name",
        "delegation_member__user__email",
        "delegation_member__delegation__organisation__name",
    ]
    date_hierarchy = "checked_in_at"

    @admin.display(description=_("delegation"), ordering="delegation_member__delegation")
    def organisation(self, obj):
        return obj.delegation_member.delegation.organisation


class DocumentFileInline(PrivateFilesAdminMixin, admin.TabularInline):
    model = DocumentFile
    form = DocumentFileAdminForm
    extra = 1
    fields = ["language", "file", "original_filename", "size", "content_type", "text_status"]
    readonly_fields = ["original_filename", "size", "content_type", "text_status"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["symbol", "title", "type", "session", "access", "publication_date"]
    list_filter = ["access", "type", "session", "files__text_status"]
    search_fields = ["symbol", "title_en", "title_fr", "title_es", "title_ar"]
    autocomplete_fields = ["revises"]
    filter_horizontal = ["restricted_to"]
    exclude = ["organisation", "created_at"]
    readonly_fields = ["issued_at"]
    inlines = [DocumentFileInline]
    actions = ["read_texts_again"]

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not DocumentFile:
            return
        # A new file, or a file now said to be in another language: its text is read (again).
        changed = [
            document_file
            for document_file, fields in formset.changed_objects
            if {"file", "language"} & set(fields)
        ]
        for document_file in [*formset.new_objects, *changed]:
            services.document_file_text_queue(document_file=document_file)

    @admin.action(description=_("Read the text of their files again (full-text search)"))
    def read_texts_again(self, request, queryset):
        files = DocumentFile.objects.filter(document__in=queryset)
        for document_file in files:
            services.document_file_text_queue(document_file=document_file, force=True)
        self.message_user(request, _("The text of the files will be read again shortly."))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "restricted_to":
            kwargs["queryset"] = Organisation.objects.exclude(kind=Organisation.Kind.HOST)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_urls(self):
        batch = self.admin_site.admin_view(self.batch_view)
        return [
            path("batch/", batch, name="governance_document_batch"),
            *super().get_urls(),
        ]

    def batch_view(self, request):
        """Language files uploaded in a ZIP, and the report of what became of each."""
        if not request.user.has_perm("governance.upload_document_batch"):
            raise PermissionDenied
        form = DocumentBatchForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            try:
                report = document_batch_upload(
                    archive=form.cleaned_data["archive"],
                    document_type=form.cleaned_data["document_type"],
                )
            except ValidationError as error:
                form.add_error("archive", error)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Upload document files in a batch"),
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "admin/governance/document/batch.html", context)

    def save_model(self, request, obj, form, change):
        # The body owns every document of its register (the tenancy rule).
        if not obj.organisation_id:
            obj.organisation = Organisation.objects.host()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # With its organisations and files saved: readable beyond the secretariat now, it is
        # issued (once) and its followers are told, in this request's transaction. Opened to
        # more readers later, the followers it now reaches are told then.
        issued = alerts.document_issue(document=form.instance, by=request.user)
        if not issued and {"access", "restricted_to"} & set(form.changed_data):
            alerts.document_access_widen(document=form.instance, by=request.user)


@admin.register(DocumentDownload)
class DocumentDownloadAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = ["at", "symbol", "language", "user", "organisation", "ip"]
    fields = ["document_file", "symbol", "language", "user", "organisation", "at", "ip"]
    list_filter = ["language"]
    search_fields = ["symbol", "user__email"]


class VoteInline(admin.TabularInline):
    model = Vote
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisation":
            kwargs["queryset"] = Organisation.objects.filter(kind=Organisation.Kind.FOUNDING_STATE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    list_display = ["symbol", "title", "session", "adopted_on", "adoption_method", "is_public"]
    list_filter = ["session", "adoption_method", "is_public"]
    search_fields = ["symbol", "title_en", "title_fr"]
    inlines = [VoteInline]


@admin.register(OfficeHolder)
class OfficeHolderAdmin(BulkImportExportAdmin, TabbedTranslationAdmin):
    resource_classes = [OfficeHolderResource]
    list_display = ["post", "person_name", "term_start", "term_end"]
    exclude = ["organisation"]

    def save_model(self, request, obj, form, change):
        if not obj.organisation_id:
            obj.organisation = Organisation.objects.host()
        super().save_model(request, obj, form, change)
