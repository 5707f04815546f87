from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from members.models import Organisation

from . import services
from .forms import check_article_image
from .models import Article, Category, Tag


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007  (the admin derives its fields from this form)

    def clean_image(self):
        return check_article_image(self.cleaned_data.get("image"))


class OrganisationNewsFilter(admin.SimpleListFilter):
    """Members' published articles by the communications officers' decision: the queue of
    those awaiting acceptance into the Organisation's own news, and the ones decided."""

    title = _("in the Organisation's news")
    parameter_name = "portal"

    def lookups(self, request, model_admin):
        return Article.Acceptance.choices

    def queryset(self, request, queryset):
        if self.value() == Article.Acceptance.PENDING:
            return queryset.awaiting_acceptance()
        if self.value() in (Article.Acceptance.ACCEPTED, Article.Acceptance.DECLINED):
            return queryset.filter(acceptance=self.value()).exclude(
                organisation__kind=Organisation.Kind.HOST
            )
        return queryset


def _decide_acceptance(modeladmin, request, queryset, *, accept):
    done = 0
    for article in queryset.select_related("organisation"):
        try:
            services.article_decide_acceptance(article=article, accept=accept, by=request.user)
        except (PermissionDenied, ValidationError) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{article}: {text}", messages.ERROR)
        else:
            done += 1
    if done:
        text = (
            _("%(count)d articles accepted into the Organisation's news.")
            if accept
            else _("%(count)d articles declined: they stay on their members' microsites only.")
        )
        modeladmin.message_user(request, text % {"count": done}, messages.SUCCESS)


@admin.action(description=_("Accept into the Organisation's news"))
def accept_into_portal_news(modeladmin, request, queryset):
    _decide_acceptance(modeladmin, request, queryset, accept=True)


@admin.action(description=_("Decline (the member's microsite only)"))
def decline_from_portal_news(modeladmin, request, queryset):
    _decide_acceptance(modeladmin, request, queryset, accept=False)


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Both bases: SimpleHistoryAdmin's history and revert views, the tabbed languages."""

    form = ArticleAdminForm
    list_display = [
        "title",
        "organisation",
        "status",
        "publish_at",
        "acceptance_shown",
        "featured_on_home",
        "author",
    ]
    list_filter = [
        OrganisationNewsFilter,
        "status",
        "featured_on_home",
        "organisation__kind",
        "category",
    ]
    readonly_fields = ["acceptance_shown", "acceptance_by", "acceptance_at"]
    actions = [accept_into_portal_news, decline_from_portal_news]
    list_select_related = ["organisation", "author"]
    search_fields = ["title", "slug", "organisation__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["organisation", "author"]
    filter_horizontal = ["tags"]
    history_list_display = ["status"]

    @admin.display(description=_("in the Organisation's news"), ordering="acceptance")
    def acceptance_shown(self, article):
        if article.organisation.is_host:
            return _("Its own news")
        return article.get_acceptance_display()

    def save_model(self, request, obj, form, change):
        # Through the service, so the image renditions follow a new upload.
        services.article_save(
            article=obj, by=request.user, image_changed="image" in form.changed_data
        )
