"""Every autocomplete box of the back office answers the officer who keeps that record.

An autocomplete field (the article's organisation, a delegation member's user) asks the admin of
the *other* model for its rows; Django refuses with 403 when the officer may not view that
model, and the box then stays empty while the form looks fine. The models and fields come from
`admin.site._registry`: a new autocomplete field is checked without anyone adding it here.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from members.models import Role

# The secretariat role that keeps each app's records in the back office.
KEEPER_OF_APP = {
    "members": Role.ADMINISTRATOR,
    "news": Role.COMMUNICATIONS,
    "pages": Role.COMMUNICATIONS,
    "governance": Role.CONFERENCE_SERVICES,
    "partnerships": Role.PARTNERSHIPS,
    "bulletins": Role.PARTNERSHIPS,
}


def autocomplete_fields():
    """(app label, model name, field) of every autocomplete box, on change forms and inlines."""
    found = set()
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in KEEPER_OF_APP:
            continue
        for form_model, fields in [(model, model_admin.autocomplete_fields)] + [
            (inline.model, inline.autocomplete_fields) for inline in model_admin.inlines
        ]:
            found.update(
                (form_model._meta.app_label, form_model._meta.model_name, f) for f in fields
            )
    return sorted(found)


AUTOCOMPLETE_FIELDS = autocomplete_fields()


def test_the_back_office_has_autocomplete_fields_to_check():
    assert ("news", "article", "organisation") in AUTOCOMPLETE_FIELDS
    assert ("governance", "delegationmember", "user") in AUTOCOMPLETE_FIELDS


@pytest.mark.parametrize(("app_label", "model_name", "field"), AUTOCOMPLETE_FIELDS)
def test_the_keeper_of_a_record_can_search_its_autocomplete_fields(
    client, officer_with_totp, member_a, app_label, model_name, field
):
    officer = officer_with_totp(KEEPER_OF_APP[app_label], "keeper@oec.example")
    client.force_login(officer)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field, "term": ""},
    )

    assert response.status_code == 200
    assert "results" in response.json()
