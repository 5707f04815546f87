"""News articles of any organisation: draft → in review → published (maybe scheduled) → archived."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.content_languages import language_codes
from members.models import Organisation
from members.rich_text import SanitisesRichText, rich_text_field

from .pictures import article_picture


class CategoryQuerySet(models.QuerySet):
    def usable_by(self, organisation):
        """The categories an article of `organisation` may be filed under: all of them for the
        body's own news, the ones open to members for a member's or partner's news."""
        if organisation is not None and organisation.is_host:
            return self.all()
        return self.filter(members_may_use=True)


def category_refused_message(category):
    return _("“%(category)s” is kept for the secretariat's own news: choose another category.") % {
        "category": category
    }


class Category(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    # "Secretariat" or "General Assembly" speak for the body: a member's news filed there would
    # read as the body's own announcement.
    members_may_use = models.BooleanField(
        _("members may use it"),
        default=True,
        help_text=_("Untick for categories that only the secretariat's own news may use."),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:category", kwargs={"slug": self.slug})


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


def public_now_condition():
    """The Q() of the articles public now: published, their publication time has come
    (scheduling needs no task), and their organisation is active (a suspended member's news
    leaves with its microsite)."""
    return Q(
        status=Article.Status.PUBLISHED,
        publish_at__lte=timezone.now(),
        organisation__status=Organisation.Status.ACTIVE,
    )


def portal_news_condition():
    """The Q() of the articles the Organisation's own news shows (its news list, home page,
    feeds, sitemap and search): public now, and the body's own or a member's that a
    communications officer accepted. A member's article is on its microsite as soon as it is
    public, accepted or not."""
    return public_now_condition() & (
        Q(organisation__kind=Organisation.Kind.HOST) | Q(acceptance=Article.Acceptance.ACCEPTED)
    )


class ArticleQuerySet(models.QuerySet):
    def with_related(self):
        """What a list or a page shows of an article, in a fixed number of queries."""
        return self.select_related("organisation", "category", "author").prefetch_related("tags")

    def for_cards(self):
        """What a card of a list shows (news/_article_card.html and _article_picture.html),
        with its organisation and category, and no other column: building the query of the
        three tables' ~65 columns, and the rows from them, cost a rebuilt list more than
        running it (issue 19). Translated fields come in every language (modeltranslation)."""
        return self.select_related("organisation", "category").only(*CARD_FIELDS)

    def published(self):
        """Public now (public_now_condition)."""
        return self.filter(public_now_condition())

    def portal_news(self):
        """The Organisation's own news (portal_news_condition)."""
        return self.filter(portal_news_condition())

    def awaiting_acceptance(self):
        """Members' published articles (scheduled ones too) that no communications officer
        has accepted or declined yet, oldest first: the officers' queue."""
        return (
            self.filter(status=Article.Status.PUBLISHED, acceptance=Article.Acceptance.PENDING)
            .exclude(organisation__kind=Organisation.Kind.HOST)
            .order_by("publish_at", "pk")
        )

    def published_between(self, start, end):
        """The Organisation's own news (portal_news) published in [start, end), newest first,
        with their organisation (the monthly bulletin's news)."""
        return (
            self.portal_news()
            .filter(publish_at__gte=start, publish_at__lt=end)
            .select_related("organisation")
            .order_by("-publish_at", "-pk")
        )

    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def newest_first(self):
        return self.order_by("-publish_at", "-created_at", "-pk")

    def featured_first(self):
        """Those featured on the home page first, then by date (index news_article_home_latest)."""
        return self.order_by("-featured_on_home", "-publish_at", "-pk")

    def publication_years(self):
        """The years (in the current time zone, as the year archive reads them) in which these
        articles were published, newest first; one query.

        On PostgreSQL it skips from year to year (a "loose index scan"): the newest article,
        then the newest one before the first of its year, and so on, each found through the
        index on (status, publish_at). A DISTINCT over the years read every article: 115 ms
        over 100,000 of them (issue 19).
        """
        if connections[self.db].vendor != "postgresql":
            return [moment.year for moment in self.datetimes("publish_at", "year", order="DESC")]
        # Each step finds the newest article before the first instant of the year found last,
        # from 'infinity' on: one subquery to build, for the first step and the next alike.
        before = self.filter(publish_at__lt=RawSQL("years.starts", []))  # noqa: S611 (constant)
        older = before.order_by("-publish_at").values("publish_at")[:1]
        older_sql, older_params = older.query.sql_with_params()
        zone = timezone.get_current_timezone_name()
        # The subquery is compiled by Django: no input reaches this text.
        sql = (
            "WITH RECURSIVE years(starts) AS ("  # noqa: S608
            " SELECT 'infinity'::timestamptz"
            f" UNION ALL SELECT date_trunc('year', ({older_sql}), %s)"
            " FROM years WHERE starts IS NOT NULL)"
            " SELECT EXTRACT(year FROM starts AT TIME ZONE %s)::integer FROM years"
            " WHERE starts IS NOT NULL AND starts <> 'infinity'"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*older_params, zone, zone])
            return [year for (year,) in cursor.fetchall()]

    def search(self, query, language):
        """Articles whose title, summary or body in `language` match `query` (best first)."""
        from members.search import search

        code = language if language in language_codes() else settings.LANGUAGE_CODE
        return search(
            self, query, fields=search_fields(code), language=code, stored_vector=f"search_{code}"
        )


# What news/_article_card.html shows (and latest_news reads, featured_on_home): a card that
# shows one more column needs it here, or each card costs a query (tests/perf counts them).
CARD_FIELDS = (
    "title",
    "summary",
    "slug",
    "publish_at",
    "featured_on_home",
    "image_alt",
    "image_small",
    "image_medium",
    "image_large",
    "image_width",
    "image_height",
    "organisation__slug",
    "organisation__name",
    "category__slug",
    "category__name",
)


def search_fields(code):
    return [f"title_{code}", f"summary_{code}", f"body_{code}"]


def article_image_path(instance, filename):
    # The uploader's file name never reaches the file system (SECURITY.md D4).
    return f"news/{instance.organisation_id}/{filename}"


class Article(SanitisesRichText, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    class Acceptance(models.TextChoices):
        """Whether a member's published article is in the Organisation's own news too."""

        PENDING = "pending", _("Awaiting acceptance")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=600)
    body = rich_text_field(_("body"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("category"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    image = models.ImageField(_("featured image"), upload_to=article_image_path, blank=True)
    image_alt = models.CharField(
        _("image description (alternative text)"),
        max_length=250,
        blank=True,
        help_text=_(
            "Required with an image: what the picture shows, for people who cannot see it."
        ),
    )
    image_large = models.ImageField(upload_to=article_image_path, blank=True, editable=False)
    image_medium = models.ImageField(upload_to=article_image_path, blank=True, editable=False)
    image_small = models.ImageField(upload_to=article_image_path, blank=True, editable=False)
    # The stored image's size, so that pages give each <img> its width and height without
    # opening the file (news.pictures).
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("A published article becomes public at this time."),
    )
    # A member's article reaches the Organisation's own news once a communications officer
    # accepted it (services.article_decide_acceptance); publishing it again asks again. The
    # body's own news needs no acceptance.
    acceptance = models.CharField(
        _("in the Organisation's news"),
        max_length=10,
        choices=Acceptance.choices,
        default=Acceptance.PENDING,
        editable=False,
    )
    acceptance_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("accepted or declined by"),
    )
    acceptance_at = models.DateTimeField(
        _("accepted or declined at"), null=True, blank=True, editable=False
    )
    featured_on_home = models.BooleanField(
        _("featured on the home page"), default=False, help_text=_("Chosen by the secretariat.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    rich_text_fields = ("body",)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "publish_at"]),
            models.Index(fields=["organisation", "status"]),
            # The home page's latest news (featured first, then the newest), read from its
            # end: without it each rebuilt home page sorted every article (issue 19).
            models.Index(
                fields=["featured_on_home", "publish_at", "id"],
                condition=Q(status="published"),
                name="news_article_home_latest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="news_published_article_has_a_date",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:article", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.image and not any(
            getattr(self, f"image_alt_{code}", "") for code in language_codes()
        ):
            errors["image_alt_en"] = _("Describe the image for people who cannot see it.")
        if (
            self.category_id
            and self.organisation_id
            and not Category.objects.usable_by(self.organisation)
            .filter(pk=self.category_id)
            .exists()
        ):
            errors["category"] = category_refused_message(self.category)
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def has_translation(self, code):
        """Whether the article was written in this language (else English shows instead)."""
        return bool(getattr(self, f"title_{code}", ""))

    @property
    def picture(self):
        """What the pages show: the image's renditions, or the category's illustration."""
        return article_picture(self)

    @property
    def share_image(self):
        """The best rendition to show when the article is shared (og:image), or None: the
        illustrations are SVG, which social networks do not show."""
        return self.image_large or self.image_medium or self.image_small or None
