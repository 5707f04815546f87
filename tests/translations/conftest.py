import pytest

from members.models import Role
from tests.factories import PageFactory, user_with_role


@pytest.fixture
def translator(host):
    return user_with_role(host, Role.TRANSLATOR, email="translator@oec.example")


@pytest.fixture
def other_translator(host):
    return user_with_role(host, Role.TRANSLATOR, email="other-translator@oec.example")


@pytest.fixture
def staff_client(client, secretariat_editor, with_totp):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    return client


@pytest.fixture
def mission_page(host, english):
    """A mission page written in English, translated into French only."""
    return PageFactory(
        organisation=host,
        slug="mission",
        title_en="Our mission",
        title_fr="Notre mission",
        meta_description_en="",
        body_en="<p>We support balanced education.</p>",
        body_fr="<p>Nous soutenons une éducation équilibrée.</p>",
    )
