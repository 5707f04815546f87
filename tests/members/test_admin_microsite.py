"""The back office shows an organisation's team inline and the join requests read-only."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from members.admin import OrganisationAdminForm
from tests.factories import AssociateMemberFactory, JoinRequestFactory, TeamMemberFactory
from tests.members.conftest import image_bytes


def test_admin_organisation_page_lists_the_team_and_join_requests_are_listed(
    client, secretariat_admin, with_totp
):
    occe = AssociateMemberFactory(slug="occe", name_en="OCCE")
    TeamMemberFactory(organisation=occe, name="Maha Madu")
    JoinRequestFactory(organisation=occe, name="Amadou Diallo")
    with_totp(secretariat_admin)
    client.force_login(secretariat_admin)
    change = client.get(reverse("admin:members_organisation_change", args=[occe.pk]))
    assert change.status_code == 200
    assert 'value="Maha Madu"' in change.content.decode()
    listing = client.get(reverse("admin:members_joinrequest_changelist"))
    assert listing.status_code == 200
    assert "Amadou Diallo" in listing.content.decode()
    assert client.get(reverse("admin:members_joinrequest_add")).status_code == 403


def test_admin_logo_is_re_encoded_without_metadata(jpeg_with_gps):
    form = OrganisationAdminForm()
    form.cleaned_data = {"logo": jpeg_with_gps}
    cleaned = form.clean_logo()
    assert dict(Image.open(io.BytesIO(cleaned.read())).getexif()) == {}


def test_admin_logo_refuses_a_gif():
    form = OrganisationAdminForm()
    form.cleaned_data = {"logo": SimpleUploadedFile("logo.gif", image_bytes("GIF"))}
    with pytest.raises(ValidationError) as error:
        form.clean_logo()
    assert error.value.messages == ["Upload a JPEG, PNG or WebP image."]


def test_an_officer_reads_the_organisations_and_nothing_else_of_the_members_section(
    client, secretariat_editor, with_totp
):
    with_totp(secretariat_editor)
    client.force_login(secretariat_editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:app_list", args=["news"]) in index
    # The section's index exists for them (the breadcrumbs of an organisation link it) and
    # lists the organisations alone, to read.
    members = client.get(reverse("admin:app_list", args=["members"])).content.decode()
    assert reverse("admin:members_organisation_changelist") in members
    assert reverse("admin:members_organisation_add") not in members
    for name in ("user", "invitation", "joinrequest"):
        assert reverse(f"admin:members_{name}_changelist") not in members
    for name in ("joinrequest", "invitation"):
        assert client.get(reverse(f"admin:members_{name}_changelist")).status_code == 403
    # Organisations and people are only looked up (the autocomplete boxes), never changed.
    for name in ("organisation", "user"):
        assert client.get(reverse(f"admin:members_{name}_add")).status_code == 403
