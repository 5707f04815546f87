"""The inclusion tags other pages use show only what the viewer may read."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory

from tests.factories import AssemblySessionFactory, DocumentFactory


def test_latest_documents_tag_shows_only_public_documents_to_a_visitor(host, first_session):
    DocumentFactory(symbol="OEC/GA/1/1", title_en="Programme", organisation=host)
    DocumentFactory(symbol="OEC/GA/1/2", access="members", title_en="Budget", organisation=host)
    request = RequestFactory().get("/en/")
    request.user = AnonymousUser()
    html = Template("{% load governance_tags %}{% latest_documents 5 %}").render(
        Context({"request": request})
    )
    assert '<span class="symbol" dir="ltr">OEC/GA/1/1</span> Programme' in html
    assert "OEC/GA/1/2" not in html


def test_upcoming_sessions_tag_skips_closed_sessions(host, first_session):
    AssemblySessionFactory(
        number=2,
        start_date=datetime.date(2099, 12, 6),
        end_date=datetime.date(2099, 12, 8),
        status="planned",
        venue_en="Djibouti",
    )
    html = Template("{% load governance_tags %}{% upcoming_sessions %}").render(Context({}))
    assert "/en/assembly/2/" in html
    assert "/en/assembly/1/" not in html
