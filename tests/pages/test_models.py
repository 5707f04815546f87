"""pages.models: sanitising on save, slugs, parents, translations, visibility, search."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from members.models import Organisation
from pages.models import Page
from pages.selectors import pages_visible_to
from tests.conftest import READERS
from tests.factories import OrganisationFactory, PageFactory, UserFactory


def test_page_body_keeps_allowed_markup_and_drops_scripts_and_handlers(host):
    page = PageFactory(
        organisation=host,
        body_en=(
            '<h2>Title</h2><p onclick="x()">Hi <strong>all</strong> <a href="https://oec.example"'
            ' onmouseover="steal()">link</a></p><script>alert(1)</script>'
            '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">bad</a>'
        ),
        body_fr='<p style="color:red">Salut</p><iframe src="https://evil.example"></iframe>',
    )
    page.refresh_from_db()
    assert page.body_en == (
        '<h2>Title</h2><p>Hi <strong>all</strong> <a href="https://oec.example" '
        'rel="noopener noreferrer">link</a></p><a rel="noopener noreferrer">bad</a>'
    )
    assert page.body_fr == "<p>Salut</p>"


def test_page_body_of_only_an_empty_paragraph_is_stored_empty(host):
    page = PageFactory(organisation=host, body_en="<p>Text</p>", body_fr="<p></p>")
    page.refresh_from_db()
    assert page.body_fr == ""


def test_page_body_is_sanitised_on_partial_save_too(host):
    page = PageFactory(organisation=host)
    page.body_en = "<p>ok</p><script>bad()</script>"
    page.save(update_fields=["body_en"])
    page.refresh_from_db()
    assert page.body_en == "<p>ok</p>"


@pytest.mark.parametrize("slug", ["news", "join", "members", "dashboard", "search", "team", "api"])
def test_page_slug_reserved_by_another_part_of_the_portal_is_refused(host, slug):
    page = Page(organisation=host, title_en="T", slug=slug)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["slug"] == [
        f"“{slug}” is used by another part of the portal; choose another address."
    ]


def test_page_slug_reserved_is_refused_by_the_database_too(host):
    with pytest.raises(IntegrityError):
        Page.objects.create(organisation=host, title_en="T", slug="news")


def test_page_slug_of_two_letters_is_refused(host):
    page = Page(organisation=host, title_en="T", slug="de")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert list(error.value.message_dict) == ["slug"]


def test_page_slug_is_unique_per_organisation_only(host, member_a):
    PageFactory(organisation=host, slug="vision")
    PageFactory(organisation=member_a, slug="vision")
    with pytest.raises(IntegrityError):
        PageFactory(organisation=member_a, slug="vision")


def test_page_parent_of_another_organisation_is_refused(member_a, member_b):
    parent = PageFactory(organisation=member_b)
    page = Page(organisation=member_a, title_en="T", slug="child", parent=parent)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["parent"] == [
        "The parent page must belong to the same organisation."
    ]


def test_page_cannot_be_placed_under_its_own_child(member_a):
    top = PageFactory(organisation=member_a)
    child = PageFactory(organisation=member_a, parent=top)
    top.parent = child
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert error.value.message_dict["parent"] == ["A page cannot be placed under itself."]


def test_page_translation_is_missing_when_title_or_body_is_empty(host):
    page = PageFactory(
        organisation=host,
        title_en="About",
        body_en="<p>Text</p>",
        title_fr="À propos",
        body_fr="<p>Texte</p>",
        title_es="Acerca",
    )
    assert page.available_languages() == ["en", "fr"]
    assert page.title_falls_back("ar") is True
    assert page.body_falls_back("es") is True
    assert page.title_falls_back("es") is False


def test_page_without_any_body_is_translated_by_its_title_alone(host):
    page = PageFactory(organisation=host, title_en="Contact", body_en="", title_ar="اتصل")
    assert page.available_languages() == ["en", "ar"]


def test_pages_visible_to_anonymous_is_published_pages_of_active_organisations(
    host, member_a, draft_a
):
    from django.contrib.auth.models import AnonymousUser

    public = PageFactory(organisation=member_a, slug="public")
    suspended = PageFactory(
        organisation=OrganisationFactory(slug="suspended", status=Organisation.Status.SUSPENDED)
    )
    visible = set(pages_visible_to(AnonymousUser()))
    assert visible == {public}
    assert draft_a not in visible and suspended not in visible


def test_pages_visible_to_editor_adds_own_drafts_only(
    member_a, member_b, draft_a, editor_a, focal_b
):
    draft_b = PageFactory(organisation=member_b, slug="b-draft", status="draft")
    assert set(pages_visible_to(editor_a)) == {draft_a}
    assert set(pages_visible_to(focal_b)) == {draft_b}


def test_pages_visible_to_delegate_excludes_own_drafts(draft_a, delegate_a):
    assert list(pages_visible_to(delegate_a)) == []


def test_pages_visible_to_communications_officer_is_every_page(draft_a, secretariat_editor):
    assert list(pages_visible_to(secretariat_editor)) == [draft_a]


def test_pages_visible_to_user_without_organisation_is_public_pages(host, draft_a):
    published = PageFactory(organisation=host)
    assert list(pages_visible_to(UserFactory())) == [published]


def test_search_finds_in_the_language_and_respects_the_queryset(host, member_a, draft_a):
    found = PageFactory(
        organisation=host,
        slug="cooperate",
        title_en="How we cooperate",
        title_fr="Comment nous coopérons",
        body_fr="<p>La coopération entre égaux.</p>",
    )
    PageFactory(organisation=host, slug="other", title_en="Governance")
    draft_a.title_en = "How we cooperate (draft)"
    draft_a.save()
    assert list(Page.objects.published().search("coopération", "fr")) == [found]
    assert list(Page.objects.published().search("cooperate", "en")) == [found]
    assert list(Page.objects.published().search("", "en")) == []


@pytest.mark.parametrize("reader", READERS)
def test_read_page_permission_and_pages_visible_to_agree(
    request, host, member_a, member_b, partner, draft_a, reader
):
    suspended = OrganisationFactory(slug="suspended", status=Organisation.Status.SUSPENDED)
    pages = [
        PageFactory(organisation=host, slug="mission"),
        PageFactory(organisation=member_a, slug="public"),
        PageFactory(organisation=member_b, slug="b-draft", status="draft"),
        PageFactory(organisation=partner, slug="partner-draft", status="draft"),
        PageFactory(organisation=suspended, slug="of-a-suspended-member"),
        draft_a,
    ]
    user = AnonymousUser() if reader == "anonymous" else request.getfixturevalue(reader)
    visible = set(pages_visible_to(user))
    for page in pages:
        assert (page in visible) is user.has_perm("pages.read_page", page), page.slug
