"""Focal points and editors keep their organisation's team up to date from the dashboard."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.models import TeamMember
from tests.factories import TeamMemberFactory
from tests.members.conftest import image_bytes


def _person(**fields):
    data = {
        "name": "Awa Ndiaye",
        "role_title_en": "Director",
        "role_title_fr": "Directrice",
        "role_title_es": "",
        "role_title_ar": "",
        "biography_en": "Leads the national programme.",
        "biography_fr": "",
        "biography_es": "",
        "biography_ar": "",
    }
    data.update(fields)
    return data


def test_editor_adds_a_person_with_a_photo_stripped_of_exif(
    client, editor_a, member_a, jpeg_with_gps
):
    client.force_login(editor_a)
    response = client.post(reverse("members:team"), _person(photo=jpeg_with_gps))
    assert response.status_code == 302
    person = TeamMember.objects.get()
    assert (person.organisation, person.name, person.role_title_en, person.role_title_fr) == (
        member_a,
        "Awa Ndiaye",
        "Director",
        "Directrice",
    )
    assert person.photo.name.startswith("organisations/team/")
    assert "holiday" not in person.photo.name
    with person.photo.open("rb") as stored:
        assert dict(Image.open(io.BytesIO(stored.read())).getexif()) == {}


def test_new_people_go_to_the_end_of_the_team(client, focal_a, member_a):
    TeamMemberFactory(organisation=member_a, name="First", order=7)
    client.force_login(focal_a)
    client.post(reverse("members:team"), _person(name="Second"))
    assert list(TeamMember.objects.of(member_a).values_list("name", "order")) == [
        ("First", 7),
        ("Second", 8),
    ]


def test_team_form_requires_name_and_english_role_and_changes_nothing(client, focal_a):
    client.force_login(focal_a)
    response = client.post(reverse("members:team"), _person(name="", role_title_en=""))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "name": ["This field is required."],
        "role_title_en": ["This field is required."],
    }
    assert not TeamMember.objects.exists()


def test_team_form_refuses_a_file_that_is_not_an_image(client, focal_a):
    client.force_login(focal_a)
    fake = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not a picture", content_type="image/jpeg")
    response = client.post(reverse("members:team"), _person(photo=fake))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["photo"]
    assert not TeamMember.objects.exists()


def test_team_form_refuses_a_gif(client, focal_a):
    client.force_login(focal_a)
    gif = SimpleUploadedFile("photo.gif", image_bytes("GIF"), content_type="image/gif")
    response = client.post(reverse("members:team"), _person(photo=gif))
    assert response.context["form"].errors == {"photo": ["Upload a JPEG, PNG or WebP image."]}


def test_editor_edits_a_person(client, editor_a, member_a):
    person = TeamMemberFactory(organisation=member_a, name="Old name")
    client.force_login(editor_a)
    url = reverse("members:team_member_edit", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _person(name="New name", role_title_en="Coordinator"))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.role_title_en, person.role_title_fr) == (
        "New name",
        "Coordinator",
        "Directrice",
    )


def test_editor_removes_a_person(client, editor_a, member_a):
    person = TeamMemberFactory(organisation=member_a)
    client.force_login(editor_a)
    response = client.post(reverse("members:team_member_delete", args=[person.pk]))
    assert response.status_code == 302
    assert not TeamMember.objects.exists()


def test_editor_reorders_the_team(client, editor_a, member_a):
    first = TeamMemberFactory(organisation=member_a, name="A", order=1)
    TeamMemberFactory(organisation=member_a, name="B", order=2)
    TeamMemberFactory(organisation=member_a, name="C", order=3)
    client.force_login(editor_a)
    client.post(reverse("members:team_member_move", args=[first.pk]), {"direction": "down"})
    assert [p.name for p in TeamMember.objects.of(member_a)] == ["B", "A", "C"]
    client.post(reverse("members:team_member_move", args=[first.pk]), {"direction": "down"})
    assert [p.name for p in TeamMember.objects.of(member_a)] == ["B", "C", "A"]
    # The last one cannot go further down.
    client.post(reverse("members:team_member_move", args=[first.pk]), {"direction": "down"})
    assert [p.name for p in TeamMember.objects.of(member_a)] == ["B", "C", "A"]
    client.post(reverse("members:team_member_move", args=[first.pk]), {"direction": "up"})
    assert [p.name for p in TeamMember.objects.of(member_a)] == ["B", "A", "C"]


def test_moving_in_an_unknown_direction_changes_nothing(client, editor_a, member_a):
    first = TeamMemberFactory(organisation=member_a, name="A", order=1)
    TeamMemberFactory(organisation=member_a, name="B", order=2)
    client.force_login(editor_a)
    client.post(reverse("members:team_member_move", args=[first.pk]), {"direction": "sideways"})
    assert [p.name for p in TeamMember.objects.of(member_a)] == ["A", "B"]


@pytest.mark.parametrize(
    ("url_name", "method"),
    [
        ("members:team_member_edit", "get"),
        ("members:team_member_edit", "post"),
        ("members:team_member_delete", "post"),
        ("members:team_member_move", "post"),
    ],
)
def test_another_organisations_team_member_is_not_found(
    client, focal_a, member_b, url_name, method
):
    theirs = TeamMemberFactory(organisation=member_b, name="Theirs")
    client.force_login(focal_a)
    response = getattr(client, method)(reverse(url_name, args=[theirs.pk]), _person(direction="up"))
    missing = getattr(client, method)(
        reverse(url_name, args=[theirs.pk + 999]), _person(direction="up")
    )
    assert response.status_code == 404
    assert (response.status_code, response.content) == (missing.status_code, missing.content)
    theirs.refresh_from_db()
    assert theirs.name == "Theirs"


def test_a_delegate_may_not_edit_the_team(client, delegate_a, member_a):
    person = TeamMemberFactory(organisation=member_a)
    client.force_login(delegate_a)
    assert client.get(reverse("members:team")).status_code == 403
    assert client.post(reverse("members:team_member_delete", args=[person.pk])).status_code == 403
    assert TeamMember.objects.filter(pk=person.pk).exists()


def test_a_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("members:team"))
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_team_page_query_count_does_not_grow_with_the_team(
    client, editor_a, member_a, django_assert_max_num_queries
):
    TeamMemberFactory.create_batch(30, organisation=member_a)
    client.force_login(editor_a)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("members:team"))
    assert response.status_code == 200
    assert len(response.context["team"]) == 30


def test_replacing_or_removing_a_photo_deletes_the_file(
    client, editor_a, member_a, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    first = SimpleUploadedFile("a.png", image_bytes("PNG"), content_type="image/png")
    client.post(reverse("members:team"), _person(photo=first))
    person = TeamMember.objects.get()
    old_name = person.photo.name
    second = SimpleUploadedFile("b.png", image_bytes("PNG"), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:team_member_edit", args=[person.pk]), _person(photo=second))
    person.refresh_from_db()
    storage = person.photo.storage
    assert not storage.exists(old_name)
    assert storage.exists(person.photo.name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:team_member_delete", args=[person.pk]))
    assert not storage.exists(person.photo.name)
