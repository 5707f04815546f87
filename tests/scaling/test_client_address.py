"""Behind nginx, the client's address comes from the header nginx sets (SECURITY.md B1).

The audit row of a document download records the address the rate limits use too.
"""

import pytest
from django.urls import reverse

from governance.models import DocumentDownload
from tests.factories import DocumentFactory, DocumentFileFactory

MIDDLEWARE = "oec_portal.middleware.ClientAddressFromProxyMiddleware"


@pytest.fixture
def public_file(db):
    document = DocumentFactory(symbol="OEC/GA/1/1", access="public")
    return DocumentFileFactory(document=document, language="en")


@pytest.fixture
def behind_nginx(settings):
    settings.OEC_CLIENT_IP_HEADER = "X-Real-IP"
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]


def download(client, **headers):
    url = reverse("governance:document_download", args=["OEC-GA-1-1", "en"])
    assert client.get(url, **headers).status_code == 200
    return DocumentDownload.objects.get()


def test_behind_nginx_the_client_address_is_the_one_nginx_passes(client, public_file, behind_nginx):
    assert download(client, HTTP_X_REAL_IP="203.0.113.7").ip == "203.0.113.7"


def test_a_header_that_is_no_address_leaves_the_peer_address(client, public_file, behind_nginx):
    assert download(client, HTTP_X_REAL_IP="203.0.113.7, 10.0.0.1").ip == "127.0.0.1"


def test_without_the_setting_the_header_is_not_trusted(client, public_file, settings):
    assert settings.OEC_CLIENT_IP_HEADER == ""
    assert MIDDLEWARE not in settings.MIDDLEWARE
    assert download(client, HTTP_X_REAL_IP="203.0.113.7").ip == "127.0.0.1"
