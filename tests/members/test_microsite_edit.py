"""Focal points and editors change their microsite's overview: summary, website and logo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.members.conftest import image_bytes


def _details(**fields):
    data = {
        "summary_en": "We run school cooperatives.",
        "summary_fr": "Nous animons des coopératives scolaires.",
        "summary_es": "",
        "summary_ar": "",
        "website": "https://member-a.example/",
    }
    data.update(fields)
    return data


def test_editor_changes_summary_website_and_logo(client, editor_a, member_a, jpeg_with_gps):
    client.force_login(editor_a)
    url = reverse("members:microsite_edit")
    assert client.get(url).status_code == 200
    response = client.post(url, _details(logo=jpeg_with_gps))
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert (member_a.summary_en, member_a.summary_fr, member_a.website) == (
        "We run school cooperatives.",
        "Nous animons des coopératives scolaires.",
        "https://member-a.example/",
    )
    assert member_a.logo.name.startswith("organisations/logos/")
    with member_a.logo.open("rb") as stored:
        assert dict(Image.open(io.BytesIO(stored.read())).getexif()) == {}


def test_replacing_the_logo_deletes_the_old_file(
    client, editor_a, member_a, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    url = reverse("members:microsite_edit")
    first = SimpleUploadedFile("a.png", image_bytes("PNG"))
    client.post(url, _details(logo=first))
    member_a.refresh_from_db()
    old_name = member_a.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _details(logo=SimpleUploadedFile("b.png", image_bytes("PNG"))))
    member_a.refresh_from_db()
    assert member_a.logo.name != old_name
    assert not member_a.logo.storage.exists(old_name)
    assert member_a.logo.storage.exists(member_a.logo.name)


def test_bad_overview_input_is_refused_and_changes_nothing(client, editor_a, member_a):
    member_a.summary_en = "Before."
    member_a.save(update_fields=["summary_en"])
    client.force_login(editor_a)
    response = client.post(
        reverse("members:microsite_edit"),
        _details(
            website="ftp://member-a.example/",
            summary_fr="x" * 1001,
            logo=SimpleUploadedFile("logo.svg", b"<svg onload='alert(1)'/>"),
        ),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["website"] == ["Give a web address starting with https://."]
    assert errors["summary_fr"] == ["Ensure this value has at most 1000 characters (it has 1001)."]
    assert list(errors) == ["summary_fr", "website", "logo"]
    member_a.refresh_from_db()
    assert (member_a.summary_en, member_a.website, member_a.logo.name) == ("Before.", "", "")


def test_a_delegate_may_not_change_the_overview(client, delegate_a, member_a):
    client.force_login(delegate_a)
    response = client.post(reverse("members:microsite_edit"), _details())
    assert response.status_code == 403
    member_a.refresh_from_db()
    assert member_a.website == ""


def test_the_overview_form_changes_only_the_acting_organisation(
    client, editor_a, member_a, member_b
):
    client.force_login(editor_a)
    client.post(reverse("members:microsite_edit"), _details(website="https://mine.example/"))
    member_b.refresh_from_db()
    member_a.refresh_from_db()
    assert (member_a.website, member_b.website) == ("https://mine.example/", "")
