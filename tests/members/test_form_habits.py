"""The form habits of issue 14 on members' forms: error summary at the top, kept files,
nothing preselected."""

import io
import re

import pytest
from django.urls import reverse
from PIL import Image

from members.models import TeamMember
from tests.members.test_team import _person

pytestmark = pytest.mark.usefixtures("private_media")


def test_join_form_summarises_its_errors_with_links_to_the_fields(client, member_a):
    page = client.post(
        reverse("members:join", args=[member_a.slug]), {"name": "", "email": "x", "message": ""}
    ).content.decode()
    assert "There is a problem" in page
    links = re.findall(r'<li><a href="#(id_[a-z_]+)">', page)
    assert links == ["id_name", "id_email", "id_support", "id_message"]
    assert '<option value="" selected>Choose…</option>' in page


def test_team_photo_is_kept_when_the_form_comes_back_and_saved_at_the_end(
    client, editor_a, member_a, jpeg_with_gps
):
    client.force_login(editor_a)
    first = client.post(reverse("members:team"), _person(name="", photo=jpeg_with_gps))
    page = first.content.decode()
    assert first.status_code == 200
    assert "holiday.jpg is kept; choose another file to replace it." in page
    token = re.search(r'name="photo__kept" value="([^"]+)"', page).group(1)
    response = client.post(reverse("members:team"), _person(photo__kept=token))
    assert response.status_code == 302
    person = TeamMember.objects.get()
    assert person.photo.name.startswith("organisations/team/")
    with person.photo.open("rb") as stored:
        # Checked again like a fresh upload: re-encoded without its EXIF.
        assert dict(Image.open(io.BytesIO(stored.read())).getexif()) == {}


def test_invitation_role_is_not_preselected(client, focal_a):
    client.force_login(focal_a)
    page = client.get(reverse("members:people")).content.decode()
    select = re.search(r'<select name="role"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert select.lstrip().startswith('<option value="" selected>Choose…</option>')
    response = client.post(reverse("members:people"), {"email": "new@member-a.example"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["This field is required."]
    assert "There is a problem" in response.content.decode()
