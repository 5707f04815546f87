"""A body never carries a script or an event handler to a page, whoever typed it."""

from django.urls import reverse

from members.rich_text import sanitise_html
from tests.factories import ArticleFactory

HOSTILE = (
    "<p>Hello<script>alert('x')</script></p>"
    '<img src="x" onerror="alert(1)">'
    '<p onclick="steal()">Click</p>'
    '<a href="javascript:alert(1)">link</a>'
    '<h2>Title</h2><a href="https://oec.example/">site</a>'
)


def test_sanitiser_keeps_the_allowed_markup_only():
    assert sanitise_html(HOSTILE) == (
        '<p>Hello</p><p>Click</p><a rel="noopener noreferrer">link</a>'
        '<h2>Title</h2><a href="https://oec.example/" rel="noopener noreferrer">site</a>'
    )


def test_body_is_sanitised_in_every_language_on_save(member_a):
    article = ArticleFactory(organisation=member_a, body_en=HOSTILE, body_fr=HOSTILE)
    article.refresh_from_db()
    for body in (article.body_en, article.body_fr):
        assert "<script" not in body
        assert "onerror" not in body
        assert "onclick" not in body
        assert "javascript:" not in body


def test_script_and_onerror_never_reach_the_article_page(client, member_a):
    article = ArticleFactory(organisation=member_a, body_en=HOSTILE)
    content = client.get(article.get_absolute_url()).content.decode()
    assert "alert(" not in content
    assert "onerror" not in content
    assert "<h2>Title</h2>" in content


def test_script_typed_in_the_dashboard_form_never_reaches_the_page(client, focal_a, member_a):
    client.force_login(focal_a)
    response = client.post(
        reverse("news:dashboard_create"),
        {"title_en": "Hostile", "body_en": HOSTILE, "body_fr": HOSTILE},
    )
    assert response.status_code == 302
    content = client.get(reverse("news:article", kwargs={"slug": "hostile"})).content.decode()
    assert "alert(" not in content
    assert "onerror" not in content


def test_title_is_escaped_on_the_page(client, member_a):
    article = ArticleFactory(organisation=member_a, title_en="<script>alert(1)</script>")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_body_of_only_an_empty_paragraph_is_stored_empty(member_a):
    # The editor leaves an empty paragraph behind; stored empty, the English body shows instead.
    article = ArticleFactory(organisation=member_a, body_en="<p>Text</p>", body_fr="<p></p>")
    article.refresh_from_db()
    assert article.body_en == "<p>Text</p>"
    assert article.body_fr == ""
