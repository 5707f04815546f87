from django.contrib import admin
from django.middleware.csp import get_nonce
from django.utils.translation import gettext_lazy as _
from js_asset import Media
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Organisation

from .models import Page


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """The secretariat's communications officers edit the body's (and any member's) pages.

    One tab per language; the body uses the rich-text editor, and whatever it sends is
    sanitised on save (members.rich_text).
    """

    list_display = ["title", "organisation", "slug", "parent", "order", "status", "updated_at"]
    list_filter = ["status", "organisation__kind", "show_in_menu"]
    list_select_related = ["organisation", "parent"]
    search_fields = ["title_en", "title_fr", "slug", "organisation__name"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["updated_at"]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["organisation", "title", "slug", "status"]}),
        (_("Menu"), {"fields": ["parent", "order", "show_in_menu"]}),
        (_("Content"), {"fields": ["meta_description", "body"]}),
        (_("Dates"), {"fields": ["updated_at"]}),
    ]

    def get_changeform_initial_data(self, request):
        # The body's own pages are what the secretariat writes here most.
        initial = super().get_changeform_initial_data(request)
        host = Organisation.objects.filter(kind=Organisation.Kind.HOST).first()
        if host and "organisation" not in initial:
            initial["organisation"] = host.pk
        return initial

    def render_change_form(self, request, context, *args, **kwargs):
        # The editor's import map is an inline script; the admin templates give it no CSP
        # nonce, so the strict policy would block it and leave a bare textarea.
        nonce = get_nonce(request)
        if nonce is not None and "media" in context:
            context["media"] = Media.from_media(context["media"], nonce=str(nonce))
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.action(description=_("Publish the selected pages"))
    def publish(self, request, queryset):
        from .services import page_publish

        for page in queryset:
            page_publish(page=page)

    @admin.action(description=_("Unpublish the selected pages"))
    def unpublish(self, request, queryset):
        from .services import page_unpublish

        for page in queryset:
            page_unpublish(page=page)
