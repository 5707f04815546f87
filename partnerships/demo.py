"""Demo data of the partnerships app for `manage.py seed_demo` (DESIGN.md's demo data contract).

Four partner NGOs with their status histories and contacts, cooperation activities, the first NGO
conference and the liaison committee it elected, from partnerships/demo.toml. Idempotent:
update_or_create on natural keys.
"""

import datetime

from members.demo_seeding import demo_content, translated_fields

from .models import (
    Contact,
    CooperationActivity,
    FieldOfCompetence,
    FunctionalArea,
    LiaisonSeat,
    NgoConference,
    Partnership,
    PartnershipStatusChange,
)
from .terms import ensure_reference_terms

CONTENT = demo_content(__file__)


def _seed_partner(organisation, partner, users):
    partnership, _created = Partnership.objects.update_or_create(
        organisation=organisation,
        defaults={
            "status": partner["status"],
            "admitted_on": partner["admitted_on"],
            "next_review_on": partner["next_review_on"],
            "geographic_scope": partner["geographic_scope"],
            "headquarters_country": partner["headquarters_country"],
            "website": partner["website"],
            **translated_fields("description", partner["description"]),
        },
    )
    partnership.fields_of_competence.set(
        FieldOfCompetence.objects.filter(code__in=partner["fields_of_competence"])
    )
    partnership.functional_areas.set(
        FunctionalArea.objects.filter(code__in=partner["functional_areas"])
    )
    for change in partner["status_change"]:
        PartnershipStatusChange.objects.update_or_create(
            partnership=partnership,
            to_status=change["to_status"],
            decided_on=change["decided_on"],
            defaults={
                "from_status": change["from_status"],
                "deciding_body": change["deciding_body"],
                "decision_reference": change["decision_reference"],
            },
        )
    for contact in partner["contact"]:
        Contact.objects.update_or_create(
            organisation=organisation,
            email=contact["email"],
            defaults={
                "name": contact["name"],
                "preferred_language": contact["preferred_language"],
                "receives_bulletin": contact["receives_bulletin"],
                "user": users.get(contact["email"]),
            },
        )
    return partnership


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    ensure_reference_terms()
    for partner in CONTENT["partner"]:
        _seed_partner(organisations[partner["slug"]], partner, users)
    for activity in CONTENT["activity"]:
        CooperationActivity.objects.update_or_create(
            organisation=organisations[activity["organisation"]],
            title_en=activity["title"]["en"],
            defaults={
                "kind": activity["kind"],
                "thematic_field": FieldOfCompetence.objects.get(code=activity["thematic_field"]),
                "functional_area": FunctionalArea.objects.get(code=activity["functional_area"]),
                "starts_on": activity["starts_on"],
                "ends_on": activity.get("ends_on"),
                "status": activity["status"],
                "programme": activity["programme"],
                **translated_fields("title", activity["title"]),
            },
        )
    conference_content = CONTENT["ngo_conference"]
    conference, _created = NgoConference.objects.update_or_create(
        number=conference_content["number"],
        defaults={
            "starts_on": conference_content["starts_on"],
            "ends_on": conference_content["ends_on"],
            **translated_fields("venue", conference_content["venue"]),
        },
    )
    conference.participants.set([organisations[partner["slug"]] for partner in CONTENT["partner"]])
    for seat in CONTENT["liaison_seat"]:
        LiaisonSeat.objects.update_or_create(
            conference=conference,
            organisation=organisations[seat["organisation"]],
            defaults={
                "member_name": seat["member_name"],
                "role": seat["role"],
                "mandate_starts_on": datetime.date(2025, 1, 1),
                "mandate_ends_on": datetime.date(2028, 12, 31),
            },
        )
