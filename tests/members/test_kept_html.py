"""{% keep_html_of %}: a card's HTML kept in the process, drawn again as soon as anything it
shows changes (members/templatetags/kept_html.py)."""

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from members.models import Organisation
from tests.factories import ArticleFactory, CategoryFactory, OrganisationFactory

CARD = Template(
    "{% load i18n kept_html %}{% keep_html_of organisation heading %}"
    "<h{{ heading }}>{{ organisation.name }}</h{{ heading }}> {% translate 'Members' %}"
    "{% endkeep_html_of %}"
)


def card(organisation, heading=3):
    return CARD.render(Context({"organisation": organisation, "heading": heading}))


def test_a_kept_card_is_drawn_again_when_any_column_of_its_row_changes():
    organisation = Organisation(pk=1, name="Alpha", name_en="Alpha", slug="alpha")
    assert card(organisation) == "<h3>Alpha</h3> Members"

    organisation.name = organisation.name_en = "Beta"
    assert card(organisation) == "<h3>Beta</h3> Members"
    organisation.slug = "beta"  # a column the block does not show still draws it again
    assert card(organisation) == "<h3>Beta</h3> Members"


def test_a_kept_card_varies_with_the_values_named_and_the_language():
    organisation = Organisation(pk=1, name="Alpha", name_en="Alpha", slug="alpha")
    assert card(organisation, heading=2) == "<h2>Alpha</h2> Members"
    with translation.override("fr"):
        assert card(organisation, heading=2) == "<h2>Alpha</h2> Membres"


def test_a_kept_block_tells_markup_from_the_same_text_to_escape():
    title = Template("{% load kept_html %}{% keep_html_of title %}{{ title }}{% endkeep_html_of %}")
    assert title.render(Context({"title": mark_safe("<b>Aims</b>")})) == "<b>Aims</b>"
    assert title.render(Context({"title": "<b>Aims</b>"})) == "&lt;b&gt;Aims&lt;/b&gt;"


def test_two_blocks_showing_the_same_row_keep_their_own_html():
    other = Template(
        "{% load kept_html %}{% keep_html_of organisation heading %}<p>{{ organisation.slug }}"
        "</p>{% endkeep_html_of %}"
    )
    organisation = Organisation(pk=1, name="Alpha", name_en="Alpha", slug="alpha")
    assert card(organisation) == "<h3>Alpha</h3> Members"
    assert other.render(Context({"organisation": organisation, "heading": 3})) == "<p>alpha</p>"


def test_the_news_list_shows_an_edit_of_an_articles_category(client, db):
    category = CategoryFactory(name="Before", name_en="Before")
    ArticleFactory(category=category)
    client.get("/en/news/")

    category.name = category.name_en = "After"
    category.save()

    assert ">After</a>" in client.get("/en/news/").content.decode()


def test_the_home_page_shows_an_edit_of_an_articles_organisation(client, db):
    organisation = OrganisationFactory(name="Before", name_en="Before")
    ArticleFactory(organisation=organisation, acceptance="accepted")
    client.get("/en/")

    organisation.name = organisation.name_en = "After"
    organisation.save()

    assert ">After</a>" in client.get("/en/").content.decode()


def test_the_directory_and_the_home_page_show_an_edit_of_a_members_summary(client, db):
    organisation = OrganisationFactory(summary_en="Before the edit.", featured=True)
    for page in ("/en/members/", "/en/"):
        assert "Before the edit." in client.get(page).content.decode()

    organisation.summary_en = "After the edit."
    organisation.save()

    for page in ("/en/members/", "/en/"):
        assert "After the edit." in client.get(page).content.decode()
