"""The main pages of every journey, read right to left: in Arabic, as the same role as in the
journey, axe-core finds no serious or critical violation.

The journeys themselves run in English (or French); this file is their right-to-left half:
the delegate's register and document, the news list and an article, the news and page forms
of a member's editor, the focal point's join requests, the partner pages and profile form.
"""

from members.models import Role
from partnerships.models import FieldOfCompetence
from partnerships.terms import ensure_reference_terms
from tests.e2e.conftest import assert_accessible
from tests.e2e.steps import (
    send_the_join_form_with_a_bad_email,
    sign_in,
    wait_for_rich_text_editor,
)
from tests.factories import (
    ArticleFactory,
    CooperationActivityFactory,
    JoinRequestFactory,
    PageFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    user_with_role,
)


def visit_in_arabic(page, url):
    response = page.goto(url)
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").count() == 1
    assert_accessible(page)
    return response


def visit_form_in_arabic(page, url):
    """A form with a rich-text editor, checked once the editor's scripts have run."""
    page.goto(url)
    wait_for_rich_text_editor(page)
    visit_in_arabic(page, page.url)


def test_delegate_register_and_document_are_accessible_in_arabic(
    live_server, page, screenshot, delegate_a, register
):
    base = live_server.url
    sign_in(page, base, delegate_a.email, language="ar")
    visit_in_arabic(page, f"{base}/ar/dashboard/")

    visit_in_arabic(page, f"{base}/ar/documents/")
    assert page.get_by_text("OEC/GA/1/3").first.is_visible()
    assert page.get_by_text("OEC/GA/1/7").count() == 0
    screenshot(page, "register-ar")
    visit_in_arabic(page, f"{base}/ar/documents/?q=OEC%2FGA%2F1%2F3&language=ar")
    assert page.get_by_text("OEC/GA/1/3").first.is_visible()

    visit_in_arabic(page, f"{base}/ar/documents/OEC-GA-1-3/")
    assert "الميزانية المقترحة" in page.get_by_role("heading", level=1).inner_text()
    screenshot(page, "document-ar")

    # Another member's document is "not found", in Arabic too.
    response = visit_in_arabic(page, f"{base}/ar/documents/OEC-GA-1-7/")
    assert response.status == 404
    assert "Member B" not in page.content()


def test_news_list_and_article_are_accessible_in_arabic(
    live_server, page, screenshot, member_a, host
):
    ArticleFactory(
        organisation=member_a,
        slug="school-garden",
        title_en="Pupils open a school garden",
        title_ar="التلاميذ يفتحون حديقة مدرسية",
        summary_ar="حديقة تديرها تعاونية التلاميذ.",
        body_ar="<p><strong>الفاصوليا</strong> والطماطم.</p>",
    )
    # Not written in Arabic: shown in English, marked as such.
    ArticleFactory(
        organisation=host,
        slug="assembly-news",
        title_en="The Assembly meets",
        summary_en="Delegates from 9 states meet in Geneva.",
    )
    base = live_server.url

    visit_in_arabic(page, f"{base}/ar/news/")
    assert page.get_by_role("link", name="التلاميذ يفتحون حديقة مدرسية").is_visible()
    assert page.get_by_role("link", name="The Assembly meets").is_visible()
    # The English summary is English, isolated and left to right: its full stop is drawn at its
    # logical end, on the right of the sentence, not thrown to its left by the Arabic page.
    summary = page.get_by_text("Delegates from 9 states meet in Geneva.")
    assert summary.get_attribute("lang") == "en"
    assert summary.evaluate("e => getComputedStyle(e).direction") == "ltr"
    assert summary.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    first, full_stop = summary.evaluate(
        """e => [0, e.textContent.length - 1].map(i => {
            const range = document.createRange();
            range.setStart(e.firstChild, i); range.setEnd(e.firstChild, i + 1);
            return range.getBoundingClientRect().x; })"""
    )
    assert full_stop > first
    assert page.locator("h2", has_text="التلاميذ").get_attribute("lang") is None
    screenshot(page, "news-list-ar")

    # The sign-in page's "Remember me" box sits beside its label, at the line's start (right).
    page.goto(f"{base}/ar/accounts/login/")
    box = page.locator("#id_remember").bounding_box()
    label = page.locator("label[for=id_remember]").bounding_box()
    assert abs((box["y"] + box["height"] / 2) - (label["y"] + label["height"] / 2)) < 4
    assert box["x"] > label["x"] + label["width"] - 1

    visit_in_arabic(page, f"{base}/ar/news/school-garden/")
    assert page.get_by_role("heading", level=1).inner_text() == "التلاميذ يفتحون حديقة مدرسية"
    assert page.locator(".news-body strong").inner_text() == "الفاصوليا"
    screenshot(page, "article-ar")

    visit_in_arabic(page, f"{base}/ar/news/assembly-news/")
    assert page.get_by_role("heading", level=1).inner_text() == "The Assembly meets"
    screenshot(page, "article-in-english-ar")


def test_news_dashboard_form_is_accessible_in_arabic(
    live_server, page, screenshot, member_a, editor_a
):
    draft = ArticleFactory(
        organisation=member_a,
        author=editor_a,
        slug="draft-garden",
        title_en="A garden in the making",
        status="draft",
    )
    base = live_server.url
    sign_in(page, base, editor_a.email, language="ar")

    visit_in_arabic(page, f"{base}/ar/dashboard/news/")
    assert page.get_by_role("link", name="A garden in the making").is_visible()

    visit_form_in_arabic(page, f"{base}/ar/dashboard/news/new/")
    screenshot(page, "news-form-ar")

    visit_form_in_arabic(page, f"{base}/ar/dashboard/news/{draft.pk}/")
    assert page.locator("#id_title_en").input_value() == "A garden in the making"
    screenshot(page, "news-edit-ar")


def test_page_editing_form_is_accessible_in_arabic(
    live_server, page, screenshot, member_a, editor_a
):
    vision = PageFactory(
        organisation=member_a,
        slug="our-vision",
        title_en="Our vision",
        title_ar="رؤيتنا",
        body_ar="<p>المدارس مجتمعات.</p>",
        status="draft",
    )
    base = live_server.url
    sign_in(page, base, editor_a.email, language="ar")

    visit_in_arabic(page, f"{base}/ar/dashboard/pages/")
    assert page.get_by_role("link", name="رؤيتنا", exact=True).is_visible()

    visit_form_in_arabic(page, f"{base}/ar/dashboard/pages/new/")
    screenshot(page, "page-new-ar")

    visit_form_in_arabic(page, f"{base}/ar/dashboard/pages/{vision.pk}/")
    # The Arabic title field is written right to left whatever the page's language.
    assert page.locator("#id_title_ar").get_attribute("dir") == "rtl"
    assert page.locator("#id_title_en").get_attribute("dir") == "ltr"
    screenshot(page, "page-edit-ar")

    visit_in_arabic(page, f"{base}/ar/dashboard/pages/{vision.pk}/preview/")
    assert page.get_by_role("heading", level=1).inner_text() == "رؤيتنا"
    screenshot(page, "page-preview-ar")


def test_partner_pages_and_profile_form_are_accessible_in_arabic(
    live_server, page, browser, screenshot, transactional_db
):
    ensure_reference_terms()
    organisation = PartnerOrganisationFactory(
        name="Literacy Trust", name_ar="صندوق محو الأمية", slug="literacy-trust"
    )
    PartnershipFactory(
        organisation=organisation,
        description_en="Community reading programmes.",
        description_ar="برامج القراءة في المجتمعات.",
        fields=[FieldOfCompetence.objects.get(code="education")],
    )
    CooperationActivityFactory(organisation=organisation, title_en="Reading clubs")
    user_with_role(organisation, Role.PARTNER_CONTACT, email="partner@literacy-trust.example")
    base = live_server.url

    # The visitor's pages of the partner database.
    visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    public = visitor.new_page()
    visit_in_arabic(public, f"{base}/ar/partners/")
    assert public.get_by_role("link", name="صندوق محو الأمية").is_visible()
    visit_in_arabic(public, f"{base}/ar/partners/literacy-trust/")
    assert public.locator("h1").inner_text() == "صندوق محو الأمية"
    assert public.locator(".partner-description").inner_text().strip() == (
        "برامج القراءة في المجتمعات."
    )
    screenshot(public, "partner-page-ar")
    visit_in_arabic(public, f"{base}/ar/partners/apply/")
    visit_in_arabic(public, f"{base}/ar/partners/collective/")
    visitor.close()

    # The partner contact's profile form.
    sign_in(page, base, "partner@literacy-trust.example", language="ar")
    visit_in_arabic(page, f"{base}/ar/dashboard/")
    visit_in_arabic(page, f"{base}/ar/dashboard/partner/profile/")
    screenshot(page, "profile-form-ar")


def test_focal_point_join_requests_are_accessible_in_arabic(
    live_server, page, screenshot, member_a, focal_a
):
    join_request = JoinRequestFactory(
        organisation=member_a,
        name="ليلى حسن",
        email="layla.hassan@example.org",
        language="ar",
        message="أرغب في التطوع لدعم التعاونيات المدرسية.",
    )
    base = live_server.url
    sign_in(page, base, focal_a.email, language="ar")
    visit_in_arabic(page, f"{base}/ar/dashboard/join-requests/")
    assert page.get_by_role("link", name="ليلى حسن").is_visible()
    visit_in_arabic(page, f"{base}/ar/dashboard/join-requests/{join_request.pk}/")
    assert page.get_by_text("أرغب في التطوع لدعم التعاونيات المدرسية.").is_visible()
    screenshot(page, "join-request-ar")


def test_join_form_errors_are_accessible_in_arabic(live_server, page, screenshot, member_a):
    visit_in_arabic(page, f"{live_server.url}/ar/members/member-a/join/")
    send_the_join_form_with_a_bad_email(page, "ليس-عنوانا")
    assert page.locator("html").get_attribute("dir") == "rtl"
    screenshot(page, "join-errors-ar")
