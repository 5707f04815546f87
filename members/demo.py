"""Demo organisations and users (DESIGN.md's demo data contract). Idempotent.

The organisations and the OCCE microsite's team and join requests are in members/demo.toml; the
demo users, whose logins the README and `manage.py seed_demo` list, are here.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .demo_logos import seed_logos
from .demo_seeding import demo_content, translated_fields
from .models import JoinRequest, Organisation, Role, TeamMember
from .services import membership_grant

DEMO_PASSWORD = "demo-pass-2026"

CONTENT = demo_content(__file__)

# (e-mail, first name, last name, organisation slug, role)
DEMO_USERS = [
    ("admin@oec.example", "Amina", "Haddad", "oec", Role.ADMINISTRATOR),
    ("editor@oec.example", "Lucas", "Moreau", "oec", Role.COMMUNICATIONS),
    ("conference@oec.example", "Nadia", "Farouk", "oec", Role.CONFERENCE_SERVICES),
    ("partnerships@oec.example", "Rafael", "Ortiz", "oec", Role.PARTNERSHIPS),
    ("translator@oec.example", "Leila", "Benali", "oec", Role.TRANSLATOR),
    ("focal@djibouti.example", "Idriss", "Omar", "djibouti", Role.FOCAL_POINT),
    ("delegate@djibouti.example", "Hodan", "Ali", "djibouti", Role.DELEGATE),
    ("focal@ecuador.example", "María", "Quispe", "ecuador", Role.FOCAL_POINT),
    ("delegate@ecuador.example", "Andrés", "Vega", "ecuador", Role.DELEGATE),
    ("focal@occe.example", "Maha", "Madu", "occe", Role.FOCAL_POINT),
    ("editor@occe.example", "Claire", "Dupont", "occe", Role.EDITOR),
    ("partner@literacy-trust.example", "Kwame", "Mensah", "literacy-trust", Role.PARTNER_CONTACT),
]


def _organisation(*, slug, kind, name, summary=None, **fields):
    defaults = {"kind": kind, "status": Organisation.Status.ACTIVE, **fields}
    defaults.update(translated_fields("name", name))
    defaults["name"] = name["en"]
    if summary:
        defaults.update(translated_fields("summary", summary))
        defaults["summary"] = summary["en"]
    organisation, _created = Organisation.objects.update_or_create(slug=slug, defaults=defaults)
    return organisation


def seed_organisations():
    """Create or update the demo organisations; returns them by slug."""
    organisations = {}
    for kind, rows in [
        (Organisation.Kind.HOST, [CONTENT["host"]]),
        (Organisation.Kind.FOUNDING_STATE, CONTENT["founding_state"]),
        (Organisation.Kind.ASSOCIATE_MEMBER, CONTENT["associate_member"]),
        (Organisation.Kind.PARTNER_NGO, CONTENT["partner_ngo"]),
    ]:
        for row in rows:
            organisations[row["slug"]] = _organisation(kind=kind, **row)
    return organisations


def seed_users(organisations):
    """Create the demo users (password `demo-pass-2026`, e-mail verified) and their roles."""
    user_model = get_user_model()
    users = {}
    for email, first_name, last_name, slug, role in DEMO_USERS:
        user, created = user_model.objects.get_or_create(
            email=email, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        membership_grant(user=user, organisation=organisations[slug], role=role)
        users[email] = user
    return users


def seed_microsites(organisations):
    """The OCCE microsite's website, team and a couple of join requests (idempotent)."""
    occe = organisations["occe"]
    website = CONTENT["occe"]["website"]
    if occe.website != website:
        occe.website = website
        occe.save(update_fields=["website"])
    for order, person in enumerate(CONTENT["occe"]["team_member"], start=1):
        role_title, biography = person["role_title"], person["biography"]
        defaults = {"order": order, "role_title": role_title["en"], "biography": biography["en"]}
        defaults.update(translated_fields("role_title", role_title))
        defaults.update(translated_fields("biography", biography))
        TeamMember.objects.update_or_create(
            organisation=occe, name=person["name"], defaults=defaults
        )
    for request in CONTENT["occe"]["join_request"]:
        JoinRequest.objects.update_or_create(
            organisation=occe,
            email=request["email"],
            defaults={name: value for name, value in request.items() if name != "email"},
        )


def seed():
    organisations = seed_organisations()
    users = seed_users(organisations)
    seed_microsites(organisations)
    seed_logos(organisations)
    return organisations, users
