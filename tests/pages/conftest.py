import pytest

from tests.factories import PageFactory


@pytest.fixture
def about_page(host):
    return PageFactory(
        organisation=host,
        slug="about",
        title_en="Who we are",
        title_fr="Qui sommes-nous",
        body_en="<p>Founded in Djibouti.</p>",
        body_fr="<p>Fondée à Djibouti.</p>",
        meta_description_en="The body, founded in 2020.",
    )


@pytest.fixture
def draft_a(member_a):
    return PageFactory(
        organisation=member_a, slug="plans", title_en="Secret plans of A", status="draft"
    )
