"""A signed-out visitor following a link to a members' document is asked to sign in and brought
back; restricted documents stay "not found" for whoever may not see them (SECURITY.md C3)."""

from urllib.parse import quote

from django.urls import reverse

from governance import selectors
from tests.factories import PASSWORD


def download_url(document, language="en"):
    return reverse("governance:document_download", args=[document.slug, language])


def test_signed_out_visitor_is_sent_to_sign_in_for_a_members_document(client, documents):
    members = documents["members"]
    for url in (members.get_absolute_url(), download_url(members)):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('account_login')}?next={quote(url)}"


def test_signing_in_brings_the_delegate_back_to_the_document(client, delegate_a, documents):
    url = documents["members"].get_absolute_url()
    login = client.get(url)["Location"]
    response = client.post(login, {"login": delegate_a.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == url
    assert client.get(url).status_code == 200


def test_members_document_without_the_asked_language_is_simply_not_found(client, documents):
    assert client.get(download_url(documents["members"], "fr")).status_code == 404


def test_restricted_and_secretariat_documents_stay_not_found_like_a_missing_one(client, documents):
    missing = client.get("/en/documents/OEC-GA-1-999/")
    missing_download = client.get(
        reverse("governance:document_download", args=["OEC-GA-1-999", "en"])
    )
    for access in ("restricted", "secretariat"):
        document = documents[access]
        detail = client.get(document.get_absolute_url())
        assert (detail.status_code, detail.content) == (404, missing.content), access
        download = client.get(download_url(document))
        assert (download.status_code, download.content) == (404, missing_download.content)


def test_signed_in_users_who_may_not_see_get_not_found(
    client, partner_contact, delegate_b, documents
):
    for user, access in ((partner_contact, "members"), (delegate_b, "restricted")):
        client.force_login(user)
        document = documents[access]
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(download_url(document)).status_code == 404


def test_the_decision_is_the_selectors(documents, partner_contact):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert selectors.sign_in_would_show_document(anonymous, "OEC-GA-1-2") is True
    assert selectors.sign_in_would_show_document(anonymous, "OEC-GA-1-2", language="en") is True
    assert selectors.sign_in_would_show_document(anonymous, "OEC-GA-1-2", language="ar") is False
    assert selectors.sign_in_would_show_document(anonymous, "OEC-GA-1-3") is False
    assert selectors.sign_in_would_show_document(anonymous, "OEC-GA-1-999") is False
    assert selectors.sign_in_would_show_document(partner_contact, "OEC-GA-1-2") is False
