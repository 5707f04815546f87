"""Use cases of the news app: saving an article (with its image renditions), moving it through
its workflow, restoring an earlier version."""

import io
import uuid
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from members.content_cache import forget_content
from members.content_languages import language_codes
from members.models import Organisation, Role
from members.notifications import notify

from .models import Article, Tag
from .permissions import TRANSITIONS
from .pictures import RENDITION_WIDTHS

ORIGINAL_MAX_WIDTH = 2400
# Quality 80, progressive: about 15% lighter than 85 for no difference seen at the sizes shown
# (the home page's first view stays under its 250 KB budget, `make lighthouse`).
JPEG_QUALITY = 80
RESERVED_SLUGS = {"feed", "category"}


class TransitionNotAllowed(PermissionDenied):
    """The user may not move this article to that status (or the move does not exist)."""


def unique_slug(text, *, exclude_pk=None):
    base = slugify(text)[:100] or "article"
    if base.isdigit() or base in RESERVED_SLUGS:
        # /news/2021/ is the year archive, /news/feed/ and /news/category/ are taken too.
        base = f"article-{base}"
    slug, number = base, 2
    others = Article.objects.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _encode_jpeg(image, max_width):
    """A JPEG re-encoding of the image, at most `max_width` wide, and its (width, height); EXIF
    and other metadata are dropped because only the pixels are written (photos can carry GPS
    positions)."""
    from PIL import Image, ImageOps  # see article_image_renditions

    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        converted = image.convert("RGBA")
        background.paste(converted, mask=converted.getchannel("A"))
        image = background
    if image.width > max_width:
        height = round(image.height * max_width / image.width)
        image = image.resize((max_width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(buffer.getvalue()), image.size


def article_image_renditions(*, article: Article) -> None:
    """Re-encode the uploaded image without metadata, measure it and make its renditions.

    Runs synchronously inside the save: a few hundred milliseconds for a photo, and the
    article's page never shows an image before its renditions exist.
    """
    for field in RENDITION_WIDTHS:
        getattr(article, field).delete(save=False)
    article.image_width = article.image_height = None
    if not article.image:
        return
    # Imported here, where images are handled: Pillow costs every web worker ~2 MB otherwise.
    from PIL import Image

    article.image.open("rb")
    with Image.open(article.image) as source:
        source.load()
        name = uuid.uuid4().hex
        original, (article.image_width, article.image_height) = _encode_jpeg(
            source, ORIGINAL_MAX_WIDTH
        )
        renditions = {
            field: _encode_jpeg(source, width)[0] for field, width in RENDITION_WIDTHS.items()
        }
    article.image.close()
    article.image.save(f"{name}.jpg", original, save=False)
    for field, content in renditions.items():
        getattr(article, field).save(f"{name}-{RENDITION_WIDTHS[field]}.jpg", content, save=False)


def tags_from_text(text):
    """Tag rows for a comma-separated list of names (created when new)."""
    tags = []
    for name in (part.strip() for part in (text or "").split(",")):
        if not name:
            continue
        slug = slugify(name)[:80]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name[:60]})
        tags.append(tag)
    return tags


@transaction.atomic
def article_save(*, article: Article, by, tags=None, image_changed=False) -> Article:
    """Create or update an article (its body sanitised on save); `by` authors a new one."""
    if article.pk is None and article.author_id is None:
        article.author = by
    if not article.slug:
        article.slug = unique_slug(article.title_en or article.title, exclude_pk=article.pk)
    article.full_clean(exclude=["tags"])
    if image_changed:
        article_image_renditions(article=article)
    article._change_reason = _("Edited")
    article._history_user = by
    article.save()
    if tags is not None:
        article.tags.set(tags)
    return article


@transaction.atomic
def article_transition(*, article: Article, to_status, by, publish_at=None) -> Article:
    """Move the article to `to_status` if the policy lets `by` do it; else TransitionNotAllowed.

    Publishing without a date publishes now; a future date schedules the article, which becomes
    public by itself at that time (the querysets compare with the clock).
    """
    permission = TRANSITIONS.get((article.status, to_status))
    if permission is None:
        raise TransitionNotAllowed(
            _("An article cannot go from “%(from)s” to “%(to)s”.")
            % {
                "from": Article.Status(article.status).label,
                "to": Article.Status(to_status).label if to_status in Article.Status else to_status,
            }
        )
    if not by.has_perm(permission, article):
        raise TransitionNotAllowed(
            _("You may not move this article from “%(from)s” to “%(to)s”.")
            % {
                "from": Article.Status(article.status).label,
                "to": Article.Status(to_status).label,
            }
        )
    fields = ["status", "updated_at"]
    if to_status == Article.Status.PUBLISHED:
        article.publish_at = publish_at or timezone.now()
        fields.append("publish_at")
        if not article.organisation.is_host:
            # Published (again): on the member's microsite at once, in the Organisation's own
            # news once a communications officer accepts what is published now.
            article.acceptance = Article.Acceptance.PENDING
            article.acceptance_by = None
            article.acceptance_at = None
            fields += ["acceptance", "acceptance_by", "acceptance_at"]
    elif publish_at is not None:
        raise ValidationError(_("Only publishing takes a date."), code="date_without_publish")
    article.status = to_status
    article._change_reason = Article.Status(to_status).label
    article._history_user = by
    article.save(update_fields=fields)
    if to_status == Article.Status.IN_REVIEW:
        article_submitted_notify(article=article, by=by)
    if to_status == Article.Status.PUBLISHED and not article.organisation.is_host:
        member_article_published_notify(article=article, by=by)
    return article


def member_article_published_notify(*, article: Article, by) -> None:
    """A member published an article: the communications officers decide whether it goes into
    the Organisation's own news too (the back office's queue of articles awaiting acceptance)."""
    host = Organisation.objects.filter(kind=Organisation.Kind.HOST).first()
    if host is None:
        return
    notify(
        event="news.member_article_awaiting_acceptance",
        organisation=host,
        roles=[Role.COMMUNICATIONS],
        obj=article,
        url=reverse("admin:news_article_changelist") + "?portal=pending",
        actor=by,
        context={"title": str(article.title), "name": str(article.organisation)},
    )


def article_submitted_notify(*, article: Article, by) -> None:
    """Those who publish for the article's organisation hear that it waits for them: its focal
    points, or, for the body's own news, the communications officers."""
    organisation = article.organisation
    notify(
        event="news.article_submitted",
        organisation=organisation,
        roles=[Role.COMMUNICATIONS] if organisation.is_host else [Role.FOCAL_POINT],
        obj=article,
        url=reverse("news:dashboard_edit", kwargs={"pk": article.pk}),
        actor=by,
        context={"title": str(article.title), "author": str(by)},
    )


@transaction.atomic
def article_feature(*, article: Article, featured: bool, by) -> Article:
    """Feature the article on the home page (the secretariat's choice), or stop featuring it."""
    if not by.has_perm("news.feature_article", article):
        raise PermissionDenied(_("Only the secretariat features articles on the home page."))
    article.featured_on_home = featured
    article._history_user = by
    article.save(update_fields=["featured_on_home", "updated_at"])
    return article


@transaction.atomic
def article_decide_acceptance(*, article: Article, accept: bool, by) -> Article:
    """A communications officer accepts a member's published article into the Organisation's
    own news (news list, home page, feeds, sitemap, search), or declines it. Either way it
    stays on the member's microsite; the decision can be changed later.
    """
    if not by.has_perm("news.accept_article", article):
        raise PermissionDenied(
            _("Only the secretariat's communications officers accept members' news.")
        )
    if article.organisation.is_host:
        raise ValidationError(
            _("The Organisation's own news needs no acceptance."), code="host_article"
        )
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError(
            _("Only a published article can be accepted or declined."), code="not_published"
        )
    acceptance = Article.Acceptance.ACCEPTED if accept else Article.Acceptance.DECLINED
    article.acceptance = acceptance
    article.acceptance_by = by
    article.acceptance_at = timezone.now()
    article._change_reason = Article.Acceptance(acceptance).label
    article._history_user = by
    article.save(update_fields=["acceptance", "acceptance_by", "acceptance_at", "updated_at"])
    return article


@transaction.atomic
def article_restore(*, article: Article, history_id: int, by) -> Article:
    """Bring back the texts of an earlier version of the article (its status stays as it is).

    The restore is itself a new version, so nothing is lost by restoring.
    """
    if not by.has_perm("news.edit_article", article):
        raise PermissionDenied(_("You may not change this article."))
    record = article.history.filter(history_id=history_id).first()
    if record is None:
        raise ValidationError(_("There is no such version of this article."), code="no_version")
    earlier = record.instance
    restored = ["title", "summary", "body", "image_alt"]
    for name in restored:
        for code in language_codes():
            setattr(article, f"{name}_{code}", getattr(earlier, f"{name}_{code}"))
    article.category_id = earlier.category_id
    article._history_user = by
    # The notes are kept as text in the language of whoever writes them (as "Edited" and the
    # status notes are): the date too, as that language writes it, on the portal's clock.
    article._change_reason = _("Restored the version of %(date)s") % {
        "date": date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    }
    article.save()
    return article


# Beat checks every minute; the window overlaps the previous one so that no minute is missed.
DUE_WINDOW = timedelta(minutes=2)


def articles_come_due_announce(*, now=None) -> int:
    """Scheduled articles whose time came in the last minutes: forget cached pages.

    A scheduled article becomes public when the clock passes its publish_at, without any save,
    so no signal tells the caches (members.content_cache). Returns how many came due.
    """
    now = now or timezone.now()
    due = Article.objects.filter(
        status=Article.Status.PUBLISHED, publish_at__gt=now - DUE_WINDOW, publish_at__lte=now
    ).count()
    if due:
        forget_content()
    return due
