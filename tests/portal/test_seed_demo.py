from django.contrib.auth import get_user_model
from django.core.management import call_command

from members.models import Invitation, Membership, Organisation, Role


def _snapshot():
    return {
        "organisations": sorted(Organisation.objects.values_list("slug", "kind", "name_fr")),
        "users": sorted(get_user_model().objects.values_list("email", "is_staff", "password")),
        "memberships": sorted(
            Membership.objects.values_list("user__email", "organisation__slug", "role")
        ),
        "invitations": Invitation.objects.count(),
    }


def test_seed_demo_twice_gives_the_same_rows(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = _snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    assert _snapshot() == first


def test_seed_demo_meets_the_demo_data_contract(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    kinds = Organisation.objects.values_list("kind", flat=True)
    assert list(kinds).count(Organisation.Kind.HOST) == 1
    assert list(kinds).count(Organisation.Kind.FOUNDING_STATE) >= 6
    assert list(kinds).count(Organisation.Kind.ASSOCIATE_MEMBER) >= 3
    assert list(kinds).count(Organisation.Kind.PARTNER_NGO) >= 4
    roles = dict(Membership.objects.values_list("user__email", "role"))
    assert roles["admin@oec.example"] == Role.ADMINISTRATOR
    assert roles["editor@oec.example"] == Role.COMMUNICATIONS
    assert roles["focal@djibouti.example"] == Role.FOCAL_POINT
    assert roles["delegate@ecuador.example"] == Role.DELEGATE
    assert roles["partner@literacy-trust.example"] == Role.PARTNER_CONTACT
    user = get_user_model().objects.get(email="delegate@djibouti.example")
    assert user.check_password("demo-pass-2026")
    assert user.emailaddress_set.get().verified


def test_demo_user_logs_in_at_once(client, db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    response = client.post(
        "/en/accounts/login/", {"login": "focal@djibouti.example", "password": "demo-pass-2026"}
    )
    assert response["Location"] == "/en/dashboard/"
