"""Demo data of the partnerships app for `manage.py seed_demo` (DESIGN.md's demo data contract).

Four partner NGOs with their status histories (one became associate after more than two years
as consultative partner), contacts in the four languages, approved and pending cooperation
activities, the first NGO conference and the liaison committee it elected. The framework is
the third seed document's, told in our own words. Idempotent: update_or_create on natural keys.
"""

import datetime

from members.demo_seeding import translated_fields

from .models import (
    Contact,
    CooperationActivity,
    FieldOfCompetence,
    FunctionalArea,
    LiaisonSeat,
    NgoConference,
    Partnership,
    PartnershipStatusChange,
    Status,
)
from .terms import ensure_reference_terms

D = datetime.date
EXECUTIVE_BOARD = "Executive Board"
SECRETARIAT = "Secretariat (partnerships officer)"

PARTNERS = {
    "literacy-trust": {
        "status": Status.ASSOCIATE,
        "admitted_on": D(2021, 3, 15),
        "next_review_on": D(2028, 4, 10),
        "scope": Partnership.GeographicScope.INTERNATIONAL,
        "country": "GH",
        "website": "https://literacy-trust.example",
        "fields": ["education", "culture"],
        "areas": ["capacity-building", "advocacy", "standard-setting"],
        "description": {
            "en": "Runs community reading programmes and trains literacy facilitators in "
            "rural schools across West Africa.",
            "fr": "Mène des programmes de lecture communautaires et forme des animateurs "
            "d'alphabétisation dans les écoles rurales d'Afrique de l'Ouest.",
        },
        "history": [
            ("", Status.APPLICANT, D(2020, 9, 1), "Application received", ""),
            (Status.APPLICANT, Status.CONSULTATIVE, D(2021, 3, 15), EXECUTIVE_BOARD, "EB/2/DEC.4"),
            (Status.CONSULTATIVE, Status.ASSOCIATE, D(2024, 4, 10), EXECUTIVE_BOARD, "EB/8/DEC.7"),
        ],
        "contacts": [
            ("Kwame Mensah", "partner@literacy-trust.example", "en", True),
            ("Aïcha Diallo", "programmes@literacy-trust.example", "fr", True),
        ],
    },
    "teachers-without-borders": {
        "status": Status.CONSULTATIVE,
        "admitted_on": D(2022, 6, 20),
        "next_review_on": D(2026, 12, 15),
        "scope": Partnership.GeographicScope.INTERNATIONAL,
        "country": "EC",
        "website": "https://teachers-without-borders.example",
        "fields": ["education", "social-human-sciences"],
        "areas": ["technical-support", "consultation-mechanisms"],
        "description": {
            "en": "A network of teachers who volunteer to mentor colleagues in crisis-affected "
            "and remote areas.",
            "es": "Una red de docentes voluntarios que acompañan a colegas en zonas remotas o "
            "afectadas por crisis.",
        },
        "history": [
            ("", Status.APPLICANT, D(2022, 1, 10), "Application received", ""),
            (Status.APPLICANT, Status.CONSULTATIVE, D(2022, 6, 20), EXECUTIVE_BOARD, "EB/4/DEC.2"),
        ],
        "contacts": [("Lucía Paredes", "contact@teachers-without-borders.example", "es", True)],
    },
    "youth-learning-forum": {
        "status": Status.CONSULTATIVE,
        "admitted_on": D(2023, 11, 5),
        "next_review_on": D(2027, 11, 5),
        "scope": Partnership.GeographicScope.REGIONAL,
        "country": "OM",
        "website": "https://youth-learning-forum.example",
        "fields": ["education", "communication-information"],
        "areas": ["advocacy", "consultation-mechanisms"],
        "description": {
            "en": "Gives young people a voice in education policy through regional forums "
            "and online consultations.",
            "ar": "يمنح الشباب صوتاً في السياسات التعليمية من خلال منتديات إقليمية ومشاورات "
            "عبر الإنترنت.",
        },
        "history": [
            ("", Status.APPLICANT, D(2023, 5, 2), "Application received", ""),
            (Status.APPLICANT, Status.CONSULTATIVE, D(2023, 11, 5), EXECUTIVE_BOARD, "EB/7/DEC.3"),
        ],
        "contacts": [("Salim Al-Harthy", "info@youth-learning-forum.example", "ar", False)],
    },
    "open-schools-foundation": {
        "status": Status.CONSULTATIVE,
        "admitted_on": D(2025, 2, 1),
        "next_review_on": D(2029, 2, 1),
        "scope": Partnership.GeographicScope.NATIONAL,
        "country": "SN",
        "website": "https://open-schools-foundation.example",
        "fields": ["education", "natural-sciences"],
        "areas": ["capacity-building", "technical-support"],
        "description": {
            "en": "Publishes open textbooks and science kits for public schools.",
            "fr": "Publie des manuels libres et des mallettes de sciences pour les écoles "
            "publiques.",
        },
        "history": [
            ("", Status.APPLICANT, D(2024, 8, 30), "Application received", ""),
            (Status.APPLICANT, Status.CONSULTATIVE, D(2025, 2, 1), SECRETARIAT, "DG/NOTE/25/1"),
        ],
        "contacts": [("Fatou Ndiaye", "hello@open-schools-foundation.example", "fr", True)],
    },
}

ACTIVITIES = [
    # (partner, kind, field, area, start, end, status, programme, titles)
    (
        "literacy-trust",
        CooperationActivity.Kind.ACTIVITY,
        "education",
        "capacity-building",
        D(2025, 9, 1),
        D(2026, 6, 30),
        CooperationActivity.Status.APPROVED,
        "Programme 1: foundational learning",
        {"en": "Reading clubs in 40 rural schools", "fr": "Clubs de lecture dans 40 écoles"},
    ),
    (
        "literacy-trust",
        CooperationActivity.Kind.PUBLICATION,
        "education",
        "standard-setting",
        D(2026, 3, 1),
        None,
        CooperationActivity.Status.APPROVED,
        "",
        {"en": "Guide for community reading facilitators"},
    ),
    (
        "teachers-without-borders",
        CooperationActivity.Kind.ACTIVITY,
        "education",
        "technical-support",
        D(2026, 10, 1),
        D(2027, 3, 31),
        CooperationActivity.Status.SUBMITTED,
        "Programme 2: teachers",
        {"en": "Mentoring for newly qualified teachers", "es": "Mentoría para docentes noveles"},
    ),
    (
        "open-schools-foundation",
        CooperationActivity.Kind.PUBLICATION,
        "natural-sciences",
        "capacity-building",
        D(2026, 1, 15),
        None,
        CooperationActivity.Status.DRAFT,
        "",
        {"en": "Open science kit for primary schools"},
    ),
]

LIAISON_COMMITTEE = [
    ("literacy-trust", "Kwame Mensah", LiaisonSeat.Role.CHAIR),
    ("teachers-without-borders", "Lucía Paredes", LiaisonSeat.Role.VICE_CHAIR),
    ("youth-learning-forum", "Salim Al-Harthy", LiaisonSeat.Role.MEMBER),
]


def _seed_partner(organisation, data, users):
    partnership, _created = Partnership.objects.update_or_create(
        organisation=organisation,
        defaults={
            "status": data["status"],
            "admitted_on": data["admitted_on"],
            "next_review_on": data["next_review_on"],
            "geographic_scope": data["scope"],
            "headquarters_country": data["country"],
            "website": data["website"],
            **translated_fields("description", data["description"]),
        },
    )
    partnership.fields_of_competence.set(FieldOfCompetence.objects.filter(code__in=data["fields"]))
    partnership.functional_areas.set(FunctionalArea.objects.filter(code__in=data["areas"]))
    for from_status, to_status, decided_on, body, reference in data["history"]:
        PartnershipStatusChange.objects.update_or_create(
            partnership=partnership,
            to_status=to_status,
            decided_on=decided_on,
            defaults={
                "from_status": from_status,
                "deciding_body": body,
                "decision_reference": reference,
            },
        )
    for name, email, language, bulletin in data["contacts"]:
        Contact.objects.update_or_create(
            organisation=organisation,
            email=email,
            defaults={
                "name": name,
                "preferred_language": language,
                "receives_bulletin": bulletin,
                "user": users.get(email),
            },
        )
    return partnership


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    ensure_reference_terms()
    for slug, data in PARTNERS.items():
        _seed_partner(organisations[slug], data, users)
    for partner, kind, field, area, starts, ends, status, programme, titles in ACTIVITIES:
        CooperationActivity.objects.update_or_create(
            organisation=organisations[partner],
            title_en=titles["en"],
            defaults={
                "kind": kind,
                "thematic_field": FieldOfCompetence.objects.get(code=field),
                "functional_area": FunctionalArea.objects.get(code=area),
                "starts_on": starts,
                "ends_on": ends,
                "status": status,
                "programme": programme,
                **translated_fields("title", titles),
            },
        )
    conference, _created = NgoConference.objects.update_or_create(
        number=1,
        defaults={
            "starts_on": D(2024, 12, 10),
            "ends_on": D(2024, 12, 12),
            **translated_fields("venue", {"en": "Djibouti", "fr": "Djibouti", "ar": "جيبوتي"}),
        },
    )
    conference.participants.set([organisations[slug] for slug in PARTNERS])
    for slug, member_name, role in LIAISON_COMMITTEE:
        LiaisonSeat.objects.update_or_create(
            conference=conference,
            organisation=organisations[slug],
            defaults={
                "member_name": member_name,
                "role": role,
                "mandate_starts_on": D(2025, 1, 1),
                "mandate_ends_on": D(2028, 12, 31),
            },
        )
