"""The secretariat's communications officers edit pages in the Django admin (tabbed, rich text)."""

from pages.models import Page
from tests.factories import PageFactory


def test_admin_page_form_has_a_tab_per_language_and_the_rich_text_editor(
    client, secretariat_editor, with_totp, host
):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    response = client.get("/admin/pages/page/add/")
    html = response.content.decode()
    assert response.status_code == 200
    for code in ("en", "fr", "es", "ar"):
        assert f'name="body_{code}"' in html
        assert f'name="title_{code}"' in html
    assert "data-django-prose-editor-configurable" in html
    nonce = response.wsgi_request._csp_nonce
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert f'<option value="{host.pk}" selected>' in html


def test_admin_saves_a_sanitised_page(client, secretariat_editor, with_totp, host):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    response = client.post(
        "/admin/pages/page/add/",
        {
            "organisation": host.pk,
            "title_en": "Strategic plan",
            "slug": "strategic-plan",
            "status": "published",
            "order": 5,
            "show_in_menu": "on",
            "body_en": "<p>Eight years.</p><script>alert(1)</script>",
        },
    )
    assert response.status_code == 302
    page = Page.objects.get()
    assert (page.slug, page.body_en, page.organisation) == (
        "strategic-plan",
        "<p>Eight years.</p>",
        host,
    )


def test_admin_pages_are_refused_to_other_secretariat_officers(client, host, with_totp):
    from members.models import Role
    from tests.factories import user_with_role

    officer = user_with_role(host, Role.CONFERENCE_SERVICES, email="conf@oec.example")
    with_totp(officer)
    client.force_login(officer)
    PageFactory(organisation=host)
    assert client.get("/admin/pages/page/").status_code == 403
