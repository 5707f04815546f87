"""A member's focal point or editor edits their acting organisation's pages from the dashboard."""

import pytest

from pages.models import Page
from tests.factories import PageFactory


def _form_data(**overrides):
    data = {
        "title_en": "Our vision",
        "title_fr": "Notre vision",
        "title_es": "",
        "title_ar": "",
        "meta_description_en": "What we see ahead.",
        "meta_description_fr": "",
        "meta_description_es": "",
        "meta_description_ar": "",
        "body_en": "<p>Schools as communities.</p>",
        "body_fr": "<p>L'école comme communauté.</p>",
        "body_es": "",
        "body_ar": "",
        "slug": "vision",
        "parent": "",
        "order": "10",
        "show_in_menu": "on",
    }
    return data | overrides


def test_page_list_shows_only_the_acting_organisations_pages(client, focal_a, member_b):
    PageFactory(organisation=focal_a.memberships.get().organisation, title_en="A's page")
    PageFactory(organisation=member_b, title_en="B's page")
    client.force_login(focal_a)
    html = client.get("/en/dashboard/pages/").content.decode()
    assert "A&#x27;s page" in html
    assert "B&#x27;s page" not in html


def test_page_list_query_count_with_many_pages(
    client, editor_a, member_a, django_assert_max_num_queries
):
    parent = PageFactory(organisation=member_a, slug="parent")
    for number in range(35):
        PageFactory(organisation=member_a, slug=f"page-a-{number}", parent=parent)
    client.force_login(editor_a)
    client.get("/en/dashboard/pages/")
    with django_assert_max_num_queries(9):
        response = client.get("/en/dashboard/pages/")
    assert response.content.decode().count("/preview/") == 36


def test_page_list_is_refused_to_a_delegate(client, delegate_a):
    client.force_login(delegate_a)
    assert client.get("/en/dashboard/pages/").status_code == 403


def test_page_list_sends_a_visitor_to_sign_in(client, db):
    response = client.get("/en/dashboard/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/dashboard/pages/"


def test_dashboard_links_to_pages_for_editors_only(client, editor_a, delegate_b):
    client.force_login(editor_a)
    assert 'href="/en/dashboard/pages/"' in client.get("/en/dashboard/").content.decode()
    client.force_login(delegate_b)
    assert 'href="/en/dashboard/pages/"' not in client.get("/en/dashboard/").content.decode()


def test_page_create_saves_a_draft_of_the_acting_organisation(client, editor_a, member_a):
    client.force_login(editor_a)
    response = client.post("/en/dashboard/pages/new/", _form_data())
    page = Page.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/dashboard/pages/{page.pk}/preview/"
    assert (page.organisation, page.status, page.slug) == (member_a, "draft", "vision")
    assert (page.title_en, page.title_fr, page.title_es) == ("Our vision", "Notre vision", "")
    assert page.body_fr == "<p>L'école comme communauté.</p>"


def test_page_create_makes_the_address_from_the_english_title(client, editor_a):
    client.force_login(editor_a)
    client.post("/en/dashboard/pages/new/", _form_data(slug="", title_en="What We Do"))
    assert Page.objects.get().slug == "what-we-do"


def test_page_create_sanitises_the_body(client, editor_a):
    client.force_login(editor_a)
    client.post(
        "/en/dashboard/pages/new/",
        _form_data(body_en='<p>ok</p><script>x()</script><img src=x onerror="alert(1)">'),
    )
    assert Page.objects.get().body_en == "<p>ok</p>"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_en": ""}, "title_en", "This field is required."),
        (
            {"slug": "news"},
            "slug",
            "“news” is used by another part of the portal; choose another address.",
        ),
        ({"slug": "not a slug"}, "slug", "Enter a valid “slug”"),
        ({"order": "-1"}, "order", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_page_create_with_bad_input_changes_nothing(client, editor_a, overrides, field, message):
    client.force_login(editor_a)
    response = client.post("/en/dashboard/pages/new/", _form_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Page.objects.count() == 0


def test_page_create_refuses_a_second_page_with_the_same_address(client, editor_a, member_a):
    PageFactory(organisation=member_a, slug="vision")
    client.force_login(editor_a)
    response = client.post("/en/dashboard/pages/new/", _form_data())
    assert response.context["form"].errors["slug"] == [
        "Another page of your organisation has this address; choose another one."
    ]
    assert Page.objects.count() == 1


def test_page_create_accepts_an_address_another_organisation_uses(client, editor_a, member_b):
    PageFactory(organisation=member_b, slug="vision")
    client.force_login(editor_a)
    assert client.post("/en/dashboard/pages/new/", _form_data()).status_code == 302
    assert Page.objects.count() == 2


def test_page_create_refuses_a_parent_of_another_organisation(client, editor_a, member_b):
    foreign = PageFactory(organisation=member_b, slug="foreign")
    client.force_login(editor_a)
    response = client.post("/en/dashboard/pages/new/", _form_data(parent=str(foreign.pk)))
    assert response.context["form"].errors["parent"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Page.objects.count() == 1


def test_page_edit_changes_content_and_keeps_status(client, editor_a, member_a):
    page = PageFactory(organisation=member_a, slug="vision", status="published")
    client.force_login(editor_a)
    response = client.post(
        f"/en/dashboard/pages/{page.pk}/", _form_data(title_en="Vision, revised")
    )
    page.refresh_from_db()
    assert response["Location"] == f"/en/dashboard/pages/{page.pk}/preview/"
    assert (page.title_en, page.status) == ("Vision, revised", "published")


def test_page_edit_form_shows_the_editor_with_its_csp_nonce(client, editor_a, member_a):
    page = PageFactory(organisation=member_a, slug="vision")
    client.force_login(editor_a)
    response = client.get(f"/en/dashboard/pages/{page.pk}/")
    html = response.content.decode()
    nonce = response.wsgi_request._csp_nonce
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert 'data-django-prose-editor-configurable="' in html
    assert 'name="body_fr"' in html


def test_page_preview_shows_the_draft_with_a_publish_button(client, editor_a, member_a):
    page = PageFactory(organisation=member_a, slug="vision", title_en="Vision", status="draft")
    client.force_login(editor_a)
    html = client.get(f"/en/dashboard/pages/{page.pk}/preview/").content.decode()
    assert "<h1>Vision</h1>" in html
    assert f'action="/en/dashboard/pages/{page.pk}/publish/"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_page_publish_makes_it_public(client, editor_a, member_a):
    page = PageFactory(organisation=member_a, slug="vision", status="draft")
    assert client.get("/en/members/member-a/vision/").status_code == 404
    client.force_login(editor_a)
    response = client.post(f"/en/dashboard/pages/{page.pk}/publish/")
    assert response["Location"] == "/en/dashboard/pages/"
    page.refresh_from_db()
    assert page.status == "published"
    client.logout()
    assert client.get("/en/members/member-a/vision/").status_code == 200


def test_page_unpublish_hides_it_again(client, focal_a, member_a):
    page = PageFactory(organisation=member_a, slug="vision", status="published")
    client.force_login(focal_a)
    client.post(f"/en/dashboard/pages/{page.pk}/unpublish/")
    page.refresh_from_db()
    assert page.status == "draft"
    client.logout()
    assert client.get("/en/members/member-a/vision/").status_code == 404


def test_page_publish_refuses_get(client, editor_a, member_a):
    page = PageFactory(organisation=member_a, status="draft")
    client.force_login(editor_a)
    assert client.get(f"/en/dashboard/pages/{page.pk}/publish/").status_code == 405
    page.refresh_from_db()
    assert page.status == "draft"


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("get", ""),
        ("post", ""),
        ("get", "preview/"),
        ("post", "publish/"),
        ("post", "unpublish/"),
    ],
)
def test_page_of_another_organisation_is_not_found(client, editor_a, member_b, method, suffix):
    page = PageFactory(organisation=member_b, slug="b-page", title_en="B", status="draft")
    client.force_login(editor_a)
    response = getattr(client, method)(f"/en/dashboard/pages/{page.pk}/{suffix}", _form_data())
    assert response.status_code == 404
    page.refresh_from_db()
    assert (page.title_en, page.status) == ("B", "draft")
