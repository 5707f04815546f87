"""Governance fixtures: a private store per test, a session, a document per access class."""

import pytest
from django.contrib.auth.models import AnonymousUser

from members.models import Role
from tests.factories import (
    AgendaItemFactory,
    AssemblySessionFactory,
    DocumentFactory,
    DocumentFileFactory,
)


@pytest.fixture(autouse=True)
def _private_root(private_media):
    """Every governance test writes its files to its own directory."""


@pytest.fixture
def first_session(host):
    return AssemblySessionFactory(number=1, venue_en="Geneva")


@pytest.fixture
def budget_item(first_session):
    return AgendaItemFactory(session=first_session, number="3", title_en="Budget", order=3)


@pytest.fixture
def documents(host, member_a, first_session, budget_item):
    """One document of each access class, each with an English PDF; "restricted" is A's."""

    def make(symbol, access, title, **kwargs):
        document = DocumentFactory(
            symbol=symbol,
            access=access,
            title_en=title,
            session=first_session,
            agenda_item=budget_item,
            organisation=host,
            **kwargs,
        )
        DocumentFileFactory(document=document, language="en", original_filename=f"{title}.pdf")
        return document

    return {
        "public": make("OEC/GA/1/1", "public", "Programme of activities"),
        "members": make("OEC/GA/1/2", "members", "Budget proposal"),
        "restricted": make(
            "OEC/GA/1/3", "restricted", "Contributions of Member A", restricted_to=[member_a]
        ),
        "secretariat": make("OEC/GA/1/4", "secretariat", "Secretariat note"),
    }


@pytest.fixture
def conference_officer(officer_with_totp):
    return officer_with_totp(Role.CONFERENCE_SERVICES, "conference@oec.example")


@pytest.fixture
def roles(delegate_a, focal_a, delegate_b, partner_contact, secretariat_editor, with_totp):
    """Every viewer of the authorization matrix, by name (secretariat users pass the 2FA gate)."""
    with_totp(secretariat_editor)
    return {
        "anonymous": AnonymousUser(),
        "delegate_a": delegate_a,
        "focal_a": focal_a,
        "delegate_b": delegate_b,
        "partner_contact": partner_contact,
        "secretariat": secretariat_editor,
    }
