"""Translated pages of any organisation: the body's mission pages and a member's own pages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.content_languages import language_codes
from members.rich_text import SanitisesRichText, rich_text_field

# A page of the body answers at /<lang>/<slug>/ and a member's at /<lang>/members/<org>/<slug>/,
# next to the other apps' URLs: a page may not take a name those URLs use. Slugs have at least
# three characters, so that a two-letter language code is never a page (/de/ stays "not found").
RESERVED_SLUGS = frozenset(
    {
        "accounts",
        "admin",
        "api",
        "assembly",
        "bulletins",
        "dashboard",
        "decisions",
        "documents",
        "join",
        "members",
        "news",
        "partners",
        "search",
        "team",
    }
)


def validate_slug_not_reserved(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is used by another part of the portal; choose another address."),
            code="reserved_slug",
            params={"slug": value},
        )


def search_fields(code):
    return [f"title_{code}", f"body_{code}"]


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Page.Status.PUBLISHED)

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def of_host(self):
        """The body's own pages (its mission pages)."""
        from members.models import Organisation

        return self.filter(organisation__kind=Organisation.Kind.HOST)

    def in_order(self):
        return self.order_by("order", "pk")

    def search(self, query, language):
        """Pages whose title or body in `language` match `query`, best first.

        Visibility is the caller's: search `pages.selectors.pages_visible_to(user)`.
        """
        from members.search import search

        code = language if language in language_codes() else settings.LANGUAGE_CODE
        return search(self, query, fields=search_fields(code), language=code)


class Page(SanitisesRichText, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.CASCADE,
        related_name="pages",
        verbose_name=_("organisation"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent page"),
        help_text=_("Menus show a page under its parent."),
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("address"),
        max_length=80,
        validators=[MinLengthValidator(3), validate_slug_not_reserved],
        help_text=_("The last part of the page's address: lowercase letters, digits, hyphens."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    show_in_menu = models.BooleanField(_("show in the menu"), default=True)
    meta_description = models.CharField(
        _("description for search engines"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences; search engines and social networks show them."),
    )
    body = rich_text_field(_("body"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PageQuerySet.as_manager()

    rich_text_fields = ("body",)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["organisation_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "slug"], name="pages_one_slug_per_organisation"
            ),
            models.CheckConstraint(
                condition=~Q(slug__in=sorted(RESERVED_SLUGS)), name="pages_slug_not_reserved"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status", "order"])]
        # The full-text GIN indexes (PostgreSQL only) are created by migration 0002.

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "updated_at" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.organisation.is_host:
            return reverse("pages:page", kwargs={"slug": self.slug})
        return reverse(
            "pages:member_page",
            kwargs={"organisation_slug": self.organisation.slug, "slug": self.slug},
        )

    def clean(self):
        super().clean()
        if self.parent_id is None:
            return
        if self.parent.organisation_id != self.organisation_id:
            raise ValidationError(
                {"parent": _("The parent page must belong to the same organisation.")}
            )
        ancestor, seen = self.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A page cannot be placed under itself.")})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def title_falls_back(self, code):
        """Whether the title shows in English for lack of one in this language."""
        return code != settings.LANGUAGE_CODE and not getattr(self, f"title_{code}", "")

    def body_falls_back(self, code):
        """Whether the body shows in English for lack of one in this language."""
        if code == settings.LANGUAGE_CODE or getattr(self, f"body_{code}", ""):
            return False
        return bool(getattr(self, f"body_{settings.LANGUAGE_CODE}", ""))

    def has_translation(self, code):
        """Whether the page is written in this language; if not, English shows instead."""
        return not (self.title_falls_back(code) or self.body_falls_back(code))

    def available_languages(self):
        return [code for code in language_codes() if self.has_translation(code)]
