"""An editor submits an article; the focal point is notified, finds it on the dashboard's to-do
list, publishes it, and the to-do empties (issue 17)."""

from django.core import mail

from news.models import Article
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import sign_in, sign_out
from tests.factories import ArticleFactory

TITLE = "A reading week in every school"


def test_editor_submits_focal_point_sees_the_to_do_and_publishes(
    live_server, page, screenshot, editor_a, focal_a, member_a
):
    base = live_server.url
    article = ArticleFactory(
        organisation=member_a, status="draft", publish_at=None, title_en=TITLE, author=editor_a
    )

    # The editor submits the draft for review.
    sign_in(page, base, editor_a.email)
    page.goto(f"{base}/en/dashboard/news/{article.pk}/")
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("The article is now “In review”.").wait_for()
    sign_out(page)

    # The focal point of the member (nobody else) got a mail with the link that does the work.
    assert [message.to for message in mail.outbox] == [[focal_a.email]]
    assert mail.outbox[0].subject == f"Article to review for Member A: {TITLE}"
    assert f"/en/dashboard/news/{article.pk}/" in mail.outbox[0].body

    # Their dashboard's to-do says it, and leads to the page that does it.
    sign_in(page, base, focal_a.email)
    page.goto(f"{base}/en/dashboard/")
    todo = page.locator("#todo-articles-to-review")
    assert todo.inner_text() == "1 article to review"
    assert_accessible(page)
    screenshot(page, "to-do")
    todo.get_by_role("link").click()
    page.wait_for_url(f"{base}/en/dashboard/news/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The article is now “Published”.").wait_for()
    assert Article.objects.get(pk=article.pk).status == "published"

    # Done when the work is done: the to-do is empty; the notification stays in the inbox.
    page.goto(f"{base}/en/dashboard/")
    assert page.locator("#todo-articles-to-review").count() == 0
    page.get_by_text("Nothing waits for you.").wait_for()
    page.get_by_role("link", name="Your notifications").first.click()
    page.wait_for_url(f"{base}/en/dashboard/notifications/")
    page.get_by_role("link", name=f"Article to review for Member A: {TITLE}").wait_for()
    assert_accessible(page)
    screenshot(page, "inbox")


def test_the_notification_pages_fit_a_phone_in_arabic(live_server, browser, focal_a):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    base = live_server.url
    sign_in(page, base, focal_a.email, language="ar")
    for path in ("/ar/dashboard/notifications/settings/", "/ar/dashboard/notifications/"):
        page.goto(base + path)
        assert page.locator("html").get_attribute("dir") == "rtl"
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
        assert_accessible(page)
    context.close()
