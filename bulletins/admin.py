"""The partnerships officers' back office for the bulletin: introduction, preview and approval,
delivery counts, resending failures; subscribers (the suppressed addresses are members').

Access is the model permissions that bulletins/permissions.py registers (partnerships
officers); every change goes through the services.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from members.bulk_imports import BulkImportExportAdmin

from . import content, services
from .models import Bulletin, BulletinEdition, Delivery, Subscriber
from .permissions import four_eyes_forbid
from .resources import SubscriberResource


def _delivery_count(annotation, description):
    """A sortable list column showing one of `Bulletin.objects.with_delivery_counts()`'s counts."""

    @admin.display(description=description, ordering=annotation)
    def column(modeladmin, bulletin):
        return getattr(bulletin, annotation)

    return column


class EditionInline(admin.TabularInline):
    model = BulletinEdition
    extra = 0
    can_delete = False
    fields = ["language", "subject"]
    readonly_fields = fields

    def has_add_permission(self, request, *args):
        # Editions are composed from the month's items, never written by hand (for everyone).
        return False


@admin.register(Bulletin)
class BulletinAdmin(TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "status",
        "queued",
        "pending",
        "sent",
        "failed",
        "bounced",
        "uncertain",
        "possibly_sent_twice",
        "sent_at",
    ]
    list_filter = ["status"]
    readonly_fields = [
        "introduction_languages",
        "status",
        "composed_at",
        "composed_by",
        "approved_by",
        "approved_at",
        "sent_at",
        "preview_link",
    ]
    # The officers write the month and the introduction; the rest follows the services.
    fields = ["month", "introduction", *readonly_fields]
    inlines = [EditionInline]
    actions = ["compose", "resend_failures", "resend_possibly_sent"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_delivery_counts()

    queued = _delivery_count("queued", _("queued"))
    # Not sent yet: waiting for a task, or claimed by one that is sending it.
    pending = _delivery_count("pending_count", _("pending"))
    sent = _delivery_count("sent_count", _("sent"))
    failed = _delivery_count("failed_count", _("failed"))
    bounced = _delivery_count("bounced_count", _("bounced"))
    # Their worker died while the server may have been accepting them: held, not sent again
    # (bulletins/sending.py); the officers decide.
    uncertain = _delivery_count("uncertain_count", _("possibly sent, not sent again"))
    # Sent again by an officer after that.
    possibly_sent_twice = _delivery_count("possibly_sent_twice_count", _("possibly sent twice"))

    @admin.display(description=_("introduction in each language"))
    def introduction_languages(self, obj):
        fallbacks = content.introduction_fallbacks(obj) if obj.pk else []
        if not fallbacks:
            return _("Each edition has its own introduction (or none has one).")
        return format_html(
            '<strong class="errornote">{}</strong>',
            _("No introduction of their own, these editions show the English one: %(languages)s.")
            % {"languages": content.language_names(fallbacks)},
        )

    @admin.display(description=_("preview"))
    def preview_link(self, obj):
        if not obj.pk or not obj.composed_at:
            return _("Compose the bulletin to preview it.")
        url = reverse("admin:bulletins_bulletin_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Preview each language and approve"))

    def save_model(self, request, obj, form, change):
        if not change:
            from members.models import Organisation

            obj.organisation = Organisation.objects.host()
        super().save_model(request, obj, form, change)
        introduction_changed = any(name.startswith("introduction") for name in form.changed_data)
        if introduction_changed:
            # Its writer is its composer (four eyes), and the editions are snapshots: without
            # composing again, an introduction written now (a translation that came late) would
            # not reach the preview nor the readers.
            bulletin = services.bulletin_introduction_written(bulletin=obj, by=request.user)
            if change and obj.composed_at and bulletin.status == Bulletin.Status.AWAITING_APPROVAL:
                self.message_user(request, _("The editions were composed again with this text."))

    @admin.action(description=_("Compose (or compose again) the selected bulletins"))
    def compose(self, request, queryset):
        for bulletin in queryset:
            bulletin = services.bulletin_compose(month=bulletin.month, by=request.user)
            self.message_user(
                request,
                _("%(bulletin)s: %(status)s")
                % {
                    "bulletin": bulletin,
                    "status": bulletin.get_status_display(),
                },
            )

    @admin.action(description=_("Resend the failed deliveries"))
    def resend_failures(self, request, queryset):
        if not request.user.has_perm("bulletins.resend"):
            raise PermissionDenied
        total = sum(services.bulletin_resend_failures(bulletin=bulletin) for bulletin in queryset)
        self.message_user(
            request, _("%(count)d failed deliveries queued again.") % {"count": total}
        )

    @admin.action(
        description=_("Send again the deliveries possibly sent (their recipients may receive two)")
    )
    def resend_possibly_sent(self, request, queryset):
        if not request.user.has_perm("bulletins.resend"):
            raise PermissionDenied
        total = sum(
            services.bulletin_resend_possibly_sent(bulletin=bulletin) for bulletin in queryset
        )
        self.message_user(
            request, _("%(count)d possibly sent deliveries queued again.") % {"count": total}
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="bulletins_bulletin_preview",
            ),
        ] + super().get_urls()

    def preview_view(self, request, pk):
        """Each language's edition as recipients will read it; POST approves and sends."""
        if not request.user.has_perm("bulletins.approve"):
            raise PermissionDenied
        bulletin = get_object_or_404(
            Bulletin.objects.with_delivery_counts().prefetch_related("editions"), pk=pk
        )
        if request.method == "POST":
            if bulletin.status != Bulletin.Status.AWAITING_APPROVAL:
                self.message_user(
                    request, _("Only a composed bulletin can be approved."), messages.ERROR
                )
                return redirect("admin:bulletins_bulletin_change", bulletin.pk)
            try:
                services.bulletin_approve(
                    bulletin=bulletin,
                    by=request.user,
                    english_introduction_confirmed=request.POST.get("english_introduction")
                    == "confirmed",
                )
            except (services.MissingIntroductionError, services.FourEyesError) as error:
                # Back to the preview, which names the editions and asks for the confirmation,
                # or says that another officer approves.
                self.message_user(request, error.message, messages.ERROR)
                return redirect("admin:bulletins_bulletin_preview", bulletin.pk)
            self.message_user(request, _("Approved: the bulletin is being sent."))
            return redirect("admin:bulletins_bulletin_change", bulletin.pk)
        awaiting = bulletin.status == Bulletin.Status.AWAITING_APPROVAL
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview of %(bulletin)s") % {"bulletin": bulletin},
            "bulletin": bulletin,
            "editions": bulletin.editions.all(),
            "opts": self.model._meta,
            "may_approve": awaiting and request.user.has_perm("bulletins.approve", bulletin),
            "kept_out_by_four_eyes": awaiting and four_eyes_forbid(request.user, bulletin),
            "introduction_fallbacks": content.language_names(
                content.introduction_fallbacks(bulletin)
            ),
        }
        return TemplateResponse(request, "admin/bulletins/bulletin/preview.html", context)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "bulletin",
        "language",
        "status",
        "attempts",
        "possibly_sent",
        "sent_at",
    ]
    list_filter = ["status", "possibly_sent", "language", "bulletin"]
    search_fields = ["email", "message_id"]
    list_select_related = ["bulletin"]
    readonly_fields = [
        "bulletin",
        "email",
        "language",
        "contact",
        "subscriber",
        "status",
        "attempts",
        "possibly_sent",
        "message_id",
        "last_error",
        "queued_at",
        "claimed_at",
        "sent_at",
    ]

    def has_add_permission(self, request, *args):
        # The ledger is written by the sending, never by hand (for everyone).
        return False


@admin.register(Subscriber)
class SubscriberAdmin(BulkImportExportAdmin, admin.ModelAdmin):
    list_display = ["email", "language", "confirmed_at", "consent_source", "created_at"]
    list_filter = ["language", "consent_source"]
    search_fields = ["email"]
    resource_classes = [SubscriberResource]
    # How the person subscribed is recorded by the form or the import, never typed in later.
    readonly_fields = [
        "confirmed_at",
        "consent_source",
        "consent_evidence",
        "consented_on",
        "consent_recorded_by",
    ]
