"""The secretariat's back office for partnerships: the application queue, decisions, approvals.

Access is the model permissions that partnerships/permissions.py registers (partnerships
officers and administrators). Status changes go through the service, so the rules and the
history always apply.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from members import services as member_services
from members.bulk_imports import BulkImportExportAdmin
from members.private_file_admin import (
    CheckedPrivateUploadsForm,
    PrivateFilesAdminMixin,
    private_file_link,
)

from . import services
from .forms import ContactInvitationForm, DecisionForm
from .models import (
    Contact,
    CooperationActivity,
    FieldOfCompetence,
    FunctionalArea,
    LiaisonSeat,
    NgoConference,
    Partnership,
    PartnershipStatusChange,
    Status,
)
from .resources import ContactResource, PartnershipResource, StatusChangeResource

SECRETARIAT_DECISION = _("Secretariat (partnerships officer)")


class StatusChangeInline(admin.TabularInline):
    model = PartnershipStatusChange
    extra = 0
    can_delete = False
    fields = [
        "decided_on",
        "from_status",
        "to_status",
        "deciding_body",
        "decision_reference",
        "note",
        "recorded_by",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        # The history is written by the decisions, never by hand (for everyone).
        return False


def _decide(modeladmin, request, queryset, to_status):
    done = 0
    for partnership in queryset.select_related("organisation"):
        try:
            services.partnership_change_status(
                partnership=partnership,
                to_status=to_status,
                decided_on=timezone.localdate(),
                deciding_body=str(SECRETARIAT_DECISION),
                recorded_by=request.user,
            )
        except ValidationError as error:
            modeladmin.message_user(
                request, f"{partnership.organisation}: {error.messages[0]}", messages.ERROR
            )
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, _("%(count)d partnerships changed.") % {"count": done}, messages.SUCCESS
        )


@admin.action(description=_("Admit as consultative partner"))
def admit_consultative(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, Status.CONSULTATIVE)


@admin.action(description=_("Reject the application / end the partnership"))
def end_partnership(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, Status.ENDED)


@admin.action(description=_("Grant associate status"))
def grant_associate(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, Status.ASSOCIATE)


@admin.action(description=_("Suspend"))
def suspend(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, Status.SUSPENDED)


@admin.register(Partnership)
class PartnershipAdmin(BulkImportExportAdmin, PrivateFilesAdminMixin, TabbedTranslationAdmin):
    list_display = [
        "organisation",
        "status",
        "admitted_on",
        "next_review_on",
        "headquarters_country",
        "created_at",
    ]
    list_filter = ["status", "geographic_scope", "fields_of_competence", "functional_areas"]
    search_fields = ["organisation__name", "organisation__slug"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["fields_of_competence", "functional_areas"]
    form = CheckedPrivateUploadsForm
    # The status, admission and review dates follow the decisions (actions below). The files
    # came with the application: shown as links to their audited download.
    readonly_fields = [
        "status",
        "admitted_on",
        "statutes_file",
        "activity_report_file",
        "created_at",
    ]
    actions = [admit_consultative, grant_associate, suspend, end_partnership]
    inlines = [StatusChangeInline]
    resource_classes = [PartnershipResource, StatusChangeResource]

    change_form_template = "admin/partnerships/partnership/change_form.html"

    def view_on_site(self, partnership):
        """A partner's public page, once it has one (admitted, not ended or suspended)."""
        return partnership.get_absolute_url() if partnership.is_public else None

    def get_urls(self):
        decide = self.admin_site.admin_view(self.decide_view)
        invite = self.admin_site.admin_view(self.invite_contacts_view)
        return [
            path("<int:pk>/decide/", decide, name="partnerships_partnership_decide"),
            path("<int:pk>/invite/", invite, name="partnerships_partnership_invite"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        """Record a decision (date, deciding body, reference) through the lifecycle service."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk)
        form = DecisionForm(request.POST or None, initial={"decided_on": timezone.localdate()})
        if request.method == "POST" and form.is_valid():
            try:
                services.partnership_change_status(
                    partnership=partnership, recorded_by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.message_user(request, _("The decision was recorded."), messages.SUCCESS)
                return redirect("admin:partnerships_partnership_change", partnership.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": partnership,
            "title": _("Record a decision on %(name)s") % {"name": partnership.organisation},
            "form": form,
        }
        return TemplateResponse(request, "admin/partnerships/partnership/decide.html", context)

    def invite_contacts_view(self, request, pk):
        """Invite an admitted partner's contacts to sign in for it, or withdraw an invitation.

        The partnerships officer stays in the back office: no switching organisation, and only
        for a partner the policy allows (members.invite_partner_contacts).
        """
        partnership = get_object_or_404(Partnership.objects.select_related("organisation"), pk=pk)
        organisation = partnership.organisation
        if not request.user.has_perm("members.invite_partner_contacts", organisation):
            raise PermissionDenied
        here = redirect("admin:partnerships_partnership_invite", partnership.pk)
        form = ContactInvitationForm(request.POST or None)
        if request.method == "POST" and "withdraw" in request.POST:
            withdraw = request.POST["withdraw"]
            invitation = get_object_or_404(
                organisation.invitations.pending(), pk=int(withdraw) if withdraw.isdigit() else 0
            )
            member_services.invitation_revoke(invitation=invitation)
            self.message_user(request, _("The invitation was withdrawn."), messages.SUCCESS)
            return here
        if request.method == "POST" and form.is_valid():
            try:
                member_services.partner_contact_invite(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    invited_by=request.user,
                )
            except ValidationError as error:
                form.add_error("email", error)
            else:
                self.message_user(
                    request,
                    _("An invitation was sent to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                    messages.SUCCESS,
                )
                return here
        memberships = organisation.memberships.select_related("user").order_by("user__email")
        invitations = organisation.invitations.pending().select_related("invited_by")
        member_emails = {membership.user.email.lower() for membership in memberships}
        invited = {invitation.email.lower(): invitation for invitation in invitations}
        contacts = [
            {
                "contact": contact,
                "has_account": contact.email.lower() in member_emails,
                "invitation": invited.get(contact.email.lower()),
            }
            for contact in organisation.partner_contacts.order_by("name")
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": partnership,
            "title": _("Invite the contacts of %(name)s") % {"name": organisation},
            "form": form,
            "contacts": contacts,
            "memberships": memberships,
            "invitations": invitations,
        }
        return TemplateResponse(
            request, "admin/partnerships/partnership/invite_contacts.html", context
        )

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["status", "admitted_on", "created_at"]
        return self.readonly_fields

    def get_exclude(self, request, obj=None):
        # On a change page the files are read-only links (above), not inputs.
        return ["statutes", "activity_report"] if obj is not None else None

    @admin.display(description=_("statutes"))
    def statutes_file(self, obj):
        return private_file_link(obj.statutes) or "—"

    @admin.display(description=_("latest activity report"))
    def activity_report_file(self, obj):
        return private_file_link(obj.activity_report) or "—"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.partnership_record_creation(
                partnership=obj, deciding_body=str(SECRETARIAT_DECISION), recorded_by=request.user
            )


@admin.register(Contact)
class ContactAdmin(BulkImportExportAdmin, admin.ModelAdmin):
    resource_classes = [ContactResource]
    list_display = ["name", "email", "organisation", "preferred_language", "receives_bulletin"]
    list_filter = ["preferred_language", "receives_bulletin"]
    search_fields = ["name", "email", "organisation__name"]
    autocomplete_fields = ["organisation", "user"]


@admin.action(description=_("Approve (publish on the partner's page)"))
def approve_activities(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, approve=True)


@admin.action(description=_("Reject"))
def reject_activities(modeladmin, request, queryset):
    _review(modeladmin, request, queryset, approve=False)


def _review(modeladmin, request, queryset, *, approve):
    done = 0
    for activity in queryset:
        try:
            services.cooperation_activity_review(
                activity=activity, approve=approve, reviewed_by=request.user
            )
        except ValidationError as error:
            modeladmin.message_user(request, f"{activity}: {error.messages[0]}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(
            request, _("%(count)d activities reviewed.") % {"count": done}, messages.SUCCESS
        )


@admin.register(CooperationActivity)
class CooperationActivityAdmin(PrivateFilesAdminMixin, TabbedTranslationAdmin):
    form = CheckedPrivateUploadsForm
    list_display = ["title", "organisation", "kind", "status", "starts_on", "submitted_at"]
    list_filter = ["status", "kind", "thematic_field", "functional_area"]
    search_fields = ["title", "organisation__name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["status", "submitted_at", "reviewed_at", "reviewed_by", "created_by"]
    actions = [approve_activities, reject_activities]


@admin.register(FieldOfCompetence, FunctionalArea)
class TermAdmin(TabbedTranslationAdmin):
    list_display = ["name", "code", "position"]


class LiaisonSeatInline(admin.TabularInline):
    model = LiaisonSeat
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(NgoConference)
class NgoConferenceAdmin(TabbedTranslationAdmin):
    list_display = ["number", "starts_on", "ends_on", "venue"]
    filter_horizontal = ["participants"]
    inlines = [LiaisonSeatInline]


@admin.register(LiaisonSeat)
class LiaisonSeatAdmin(admin.ModelAdmin):
    list_display = ["member_name", "organisation", "role", "mandate_starts_on", "mandate_ends_on"]
    list_filter = ["role", "conference"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
