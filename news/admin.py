from django import forms
from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

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


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    """Both bases: SimpleHistoryAdmin's history and revert views, the tabbed languages."""

    form = ArticleAdminForm
    list_display = ["title", "organisation", "status", "publish_at", "featured_on_home", "author"]
    list_filter = ["status", "featured_on_home", "organisation__kind", "category"]
    list_select_related = ["organisation", "author"]
    search_fields = ["title", "slug", "organisation__name"]
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["organisation", "author"]
    filter_horizontal = ["tags"]
    history_list_display = ["status"]

    def save_model(self, request, obj, form, change):
        # Through the service, so the image renditions follow a new upload.
        services.article_save(
            article=obj, by=request.user, image_changed="image" in form.changed_data
        )
