"""Countries' flags: members' {% flag %} tag draws the SVG of npm's flag-icons package."""

from django.contrib.staticfiles import finders
from django.template import Context, Template
from django_countries.fields import Country


def flag(country, arguments=""):
    template = Template("{% load flags %}{% flag country " + arguments + " %}")
    return template.render(Context({"country": country}))


def test_a_flag_beside_the_countrys_name_is_hidden_from_screen_readers():
    # The name written beside it is read once, not twice.
    assert flag(Country("DJ")) == (
        '<img class="flag" src="/static/flags/4x3/dj.svg" width="20" height="15" alt=""'
        ' aria-hidden="true" loading="lazy">'
    )


def test_a_flag_standing_alone_is_named_by_its_alt_text():
    assert flag(Country("KE"), "alone=True") == (
        '<img class="flag" src="/static/flags/4x3/ke.svg" width="20" height="15" alt="Kenya"'
        ' loading="lazy">'
    )


def test_an_empty_or_unknown_country_draws_no_flag():
    assert flag(Country("")) == ""
    assert flag(Country("ZZ")) == ""
    assert flag(None) == ""


def test_the_flag_files_are_copied_into_the_static_files():
    # tools/copy_flags.sh (make flags, the Dockerfile's asset stage) puts them there.
    assert finders.find("flags/4x3/dj.svg")
    assert finders.find("flags/4x3/ke.svg")
