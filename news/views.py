from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from members.content_cache import reads_query_parameters
from members.content_languages import languages_with_text
from members.kept_uploads import UploadKeeper
from members.permissions import access_acting_organisation
from members.selectors import organisations_visible_to

from . import services
from .forms import ArticleForm, RestoreForm, TransitionForm
from .models import Article, Category
from .permissions import transitions_for
from .selectors import articles_visible_to

PAGE_SIZE = settings.OEC_NEWS_PAGE_SIZE


# Past this page a list is a crawler's walk, not a reader's (and the OFFSET stays an integer).
LAST_PAGE = 10_000


class NewerOlderPage:
    """A page of a news list, without the total: it reads one article more than it shows, to
    know whether older ones follow. Counting the portal's news for "page 3 of 834" read every
    article (50 ms over 100,000, issue 19); a news list needs only "Previous" and "Next", and
    the archive by year reaches further back.
    """

    def __init__(self, articles, number, size):
        self.number = number
        start = (number - 1) * size
        rows = list(articles[start : start + size + 1])
        self.object_list = rows[:size]
        self.has_next = len(rows) > size
        self.has_previous = number > 1

    def __iter__(self):
        return iter(self.object_list)

    def has_other_pages(self):
        return self.has_previous or self.has_next

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1


def _page(request, articles):
    """The asked page (?page=, the first one when it is not a number); 404 past the last."""
    try:
        number = max(int(request.GET.get("page", 1)), 1)
    except ValueError:
        number = 1
    if number > LAST_PAGE:
        raise Http404
    page = NewerOlderPage(articles, number, PAGE_SIZE)
    if not page.object_list and number > 1:
        raise Http404
    return page


def _cards(portal_news):
    """The cards of a list of the Organisation's own news (Article.objects.portal_news())."""
    return portal_news.for_cards().newest_first()


# Each view builds the Organisation's news (its articles, and its members' once accepted) once
# for its list and its archive: the condition costs a rebuilt page as much as a query's rows.


@reads_query_parameters("page")
def article_list(request):
    """The portal-wide news: the body's articles and the members' ones it accepted."""
    portal_news = Article.objects.portal_news()
    page = _page(request, _cards(portal_news))
    context = {"page": page, "heading": _("News"), "archive_years": portal_news.publication_years()}
    return render(request, "news/article_list.html", context)


@reads_query_parameters("page")
def category_archive(request, slug):
    category = get_object_or_404(Category, slug=slug)
    page = _page(request, _cards(Article.objects.portal_news()).filter(category=category))
    return render(
        request,
        "news/article_list.html",
        {"page": page, "heading": category.name, "category": category},
    )


@reads_query_parameters("page")
def year_archive(request, year):
    portal_news = Article.objects.portal_news()
    page = _page(request, _cards(portal_news).filter(publish_at__year=year))
    if not page.object_list and page.number == 1:
        raise Http404
    context = {
        "page": page,
        "heading": _("News of %(year)s") % {"year": year},
        "archive_years": portal_news.publication_years(),
        "year": year,
    }
    return render(request, "news/article_list.html", context)


@reads_query_parameters("page")
def organisation_news(request, organisation_slug):
    organisation = get_object_or_404(organisations_visible_to(request.user), slug=organisation_slug)
    # The organisation's microsite: its published news at once, accepted for the portal or not.
    articles = Article.objects.published().for_cards().newest_first()
    page = _page(request, articles.for_organisation(organisation))
    context = {
        "page": page,
        "heading": _("News of %(organisation)s") % {"organisation": organisation},
        "organisation": organisation,
    }
    return render(request, "news/article_list.html", context)


@reads_query_parameters()
def article_detail(request, slug):
    # Drafts are visible to those who write for their organisation; to anyone else, 404.
    article = get_object_or_404(articles_visible_to(request.user).with_related(), slug=slug)
    language = get_language()
    context = {
        "article": article,
        "missing_translation": not article.has_translation(language),
        "canonical_url": request.build_absolute_uri(article.get_absolute_url()),
        "content_languages": languages_with_text(article, "title", "body"),
    }
    return render(request, "news/article_detail.html", context)


# --- Dashboard: the acting organisation's articles ------------------------------------------


def _article_of(request, pk):
    """The acting organisation's article; another organisation's answers 404."""
    organisation = access_acting_organisation(request, "news.write_for_organisation")
    return get_object_or_404(
        articles_visible_to(request.user).for_organisation(organisation), pk=pk
    )


@login_required
def dashboard_list(request):
    organisation = access_acting_organisation(request, "news.write_for_organisation")
    articles = (
        articles_visible_to(request.user)
        .for_organisation(organisation)
        .select_related("author", "category")
        .order_by("-updated_at")
    )
    page = Paginator(articles, 30).get_page(request.GET.get("page"))
    return render(request, "news/dashboard_list.html", {"page": page, "organisation": organisation})


def _editor_media(request, form):
    """The rich-text editor's scripts, with this response's CSP nonce on its inline import map."""
    return {"editor_media": form.media.with_nonce(get_nonce(request))}


def _save_form(request, form, article):
    try:
        services.article_save(
            article=form.instance,
            by=request.user,
            tags=services.tags_from_text(form.cleaned_data.get("tags_text")),
            image_changed=form.image_changed,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    form.discard_kept_uploads()
    return form.instance


@login_required
def dashboard_create(request):
    organisation = access_acting_organisation(request, "news.write_for_organisation")
    article = Article(organisation=organisation)
    may_feature = request.user.has_perm("news.feature_article", article)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        instance=article,
        may_feature=may_feature,
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST" and form.is_valid():
        if _save_form(request, form, article):
            messages.success(request, _("The draft was saved."))
            return redirect("news:dashboard_edit", pk=form.instance.pk)
    context = {"form": form, "organisation": organisation, **_editor_media(request, form)}
    return render(request, "news/dashboard_form.html", context)


@login_required
def dashboard_edit(request, pk):
    article = _article_of(request, pk)
    may_edit = request.user.has_perm("news.edit_article", article)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        instance=article,
        may_feature=request.user.has_perm("news.feature_article", article),
        upload_keeper=UploadKeeper(request.session),
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid() and _save_form(request, form, article):
            messages.success(request, _("The article was saved."))
            return redirect("news:dashboard_edit", pk=article.pk)
    context = {
        "form": form,
        "article": article,
        "organisation": article.organisation,
        "may_edit": may_edit,
        **_editor_media(request, form),
        "transitions": [
            (status, Article.Status(status).label)
            for status in transitions_for(request.user, article)
        ],
        "history": article.history.select_related("history_user")[:20]
        if request.user.has_perm("news.view_history", article)
        else [],
    }
    return render(request, "news/dashboard_form.html", context)


@login_required
@require_POST
def dashboard_transition(request, pk):
    article = _article_of(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid status and date."))
        return redirect("news:dashboard_edit", pk=article.pk)
    publish_at = form.cleaned_data["publish_at"]
    to_status = form.cleaned_data["to_status"]
    try:
        services.article_transition(
            article=article,
            to_status=to_status,
            by=request.user,
            publish_at=publish_at if to_status == Article.Status.PUBLISHED else None,
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if article.is_scheduled:
            messages.success(request, _("The article is scheduled."))
        else:
            messages.success(
                request,
                _("The article is now “%(status)s”.") % {"status": article.get_status_display()},
            )
    return redirect("news:dashboard_edit", pk=article.pk)


@login_required
@require_POST
def dashboard_restore(request, pk):
    article = _article_of(request, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        raise Http404
    try:
        services.article_restore(
            article=article, history_id=form.cleaned_data["history_id"], by=request.user
        )
    except ValidationError:
        raise Http404 from None
    messages.success(request, _("The earlier version was restored."))
    return redirect("news:dashboard_edit", pk=article.pk)
