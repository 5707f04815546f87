"""An editor of a member drafts news and submits it; the focal point publishes it; a visitor
reads it on the member's news at once, and on /news/ and in the RSS feed once the
Organisation's communications officer accepts it."""

import xml.etree.ElementTree as ET

from news.models import Article
from news.services import article_decide_acceptance
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import rich_text_body, sign_in, sign_out, type_bold_then_plain

TITLE = "Pupils open a school garden in Djibouti"


def test_editor_drafts_focal_point_publishes_visitor_reads(
    live_server, page, screenshot, editor_a, focal_a, secretariat_editor
):
    base = live_server.url
    # Console errors: a CSP refusal is one (the rich-text editor's styles included).
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))

    # The editor drafts the article from the dashboard and submits it for review.
    sign_in(page, base, editor_a.email)
    page.get_by_role("link", name="Write and publish news").click()  # the dashboard's News tile
    page.wait_for_url(f"{base}/en/dashboard/news/")
    page.get_by_role("link", name="Write an article").click()
    page.get_by_label("Title (English)").fill(TITLE)
    page.get_by_label("Title (French)").fill("Les élèves ouvrent un jardin d'école à Djibouti")
    page.get_by_label("Summary (English)").fill("A garden run by the pupils' cooperative.")
    # The body is a rich-text editor: type into it, with a word in bold.
    body = rich_text_body(page)
    type_bold_then_plain(body, "Beans", " and tomatoes.")
    assert_accessible(page)
    screenshot(page, "editor-drafts")
    # tiptap's base styles came from our static files, not an inline <style> the CSP refuses.
    assert body.evaluate("e => getComputedStyle(e).whiteSpace") == "break-spaces"
    assert errors == []
    page.get_by_role("button", name="Save").click()
    page.get_by_text("The draft was saved.").wait_for()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("The article is now “In review”.").wait_for()
    assert page.get_by_role("button", name="Publish").count() == 0
    screenshot(page, "editor-submitted")
    article = Article.objects.get(title_en=TITLE)
    assert (article.status, article.author) == ("in_review", editor_a)
    # (The editor writes the space after the bold word as &nbsp;.)
    assert article.body_en.replace("&nbsp;", " ") == "<p><strong>Beans</strong> and tomatoes.</p>"

    # Not public yet.
    sign_out(page)
    page.goto(f"{base}/en/news/")
    assert page.get_by_text(TITLE).count() == 0

    # The focal point publishes it now.
    sign_in(page, base, focal_a.email)
    page.goto(f"{base}/en/dashboard/news/")
    page.get_by_role("link", name=TITLE).click()
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The article is now “Published”.").wait_for()
    screenshot(page, "focal-point-published")
    assert errors == []

    # A visitor reads it on the member's news at once; the Organisation's news page shows it
    # once the communications officer accepts it.
    sign_out(page)
    page.goto(f"{base}/en/members/{article.organisation.slug}/news/")
    page.get_by_role("link", name=TITLE).wait_for()
    page.goto(f"{base}/en/news/")
    assert page.get_by_text(TITLE).count() == 0
    article.refresh_from_db()
    article_decide_acceptance(article=article, accept=True, by=secretariat_editor)
    page.goto(f"{base}/en/news/")
    assert_accessible(page)
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("heading", level=1, name=TITLE).wait_for()
    assert page.locator(".news-body strong").inner_text() == "Beans"
    assert_accessible(page)
    screenshot(page, "visitor-reads")
    feed = page.request.get(f"{base}/en/news/feed/rss/")
    assert feed.status == 200
    titles = [item.findtext("title") for item in ET.fromstring(feed.body()).iter("item")]
    assert titles == [TITLE]
