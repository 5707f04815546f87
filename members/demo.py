"""Demo organisations and users (DESIGN.md's demo data contract). Idempotent.

The body's facts come from its seed document, told in our own words; the other members are
invented but plausible.
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from .demo_seeding import translated_fields
from .models import JoinRequest, Organisation, Role, TeamMember
from .services import membership_grant

DEMO_PASSWORD = "demo-pass-2026"
FOUNDING_DATE = datetime.date(2020, 1, 29)

HOST = {
    "slug": "oec",
    "kind": Organisation.Kind.HOST,
    "short_name": "OEC",
    "name": {
        "en": "Organisation of Educational Cooperation",
        "fr": "Organisation de coopération éducative",
        "es": "Organización de Cooperación Educativa",
        "ar": "منظمة التعاون التربوي",
    },
    "summary": {
        "en": "An intergovernmental body founded in Djibouti in January 2020 by countries of the "
        "Global South to advance balanced and inclusive education through cooperation between "
        "equals.",
        "fr": "Organisation intergouvernementale fondée à Djibouti en janvier 2020 par des pays "
        "du Sud pour faire progresser une éducation équilibrée et inclusive par la coopération "
        "entre égaux.",
    },
    "joined_on": FOUNDING_DATE,
}

FOUNDING_STATES = [
    (
        "djibouti",
        "DJ",
        Organisation.Region.AFRICA,
        {
            "en": "Republic of Djibouti",
            "fr": "République de Djibouti",
            "es": "República de Yibuti",
            "ar": "جمهورية جيبوتي",
        },
    ),
    (
        "ecuador",
        "EC",
        Organisation.Region.LATIN_AMERICA_CARIBBEAN,
        {
            "en": "Republic of Ecuador",
            "fr": "République de l'Équateur",
            "es": "República del Ecuador",
            "ar": "جمهورية الإكوادور",
        },
    ),
    (
        "oman",
        "OM",
        Organisation.Region.ARAB_STATES,
        {
            "en": "Sultanate of Oman",
            "fr": "Sultanat d'Oman",
            "es": "Sultanato de Omán",
            "ar": "سلطنة عُمان",
        },
    ),
    (
        "senegal",
        "SN",
        Organisation.Region.AFRICA,
        {
            "en": "Republic of Senegal",
            "fr": "République du Sénégal",
            "es": "República del Senegal",
            "ar": "جمهورية السنغال",
        },
    ),
    (
        "dominican-republic",
        "DO",
        Organisation.Region.LATIN_AMERICA_CARIBBEAN,
        {
            "en": "Dominican Republic",
            "fr": "République dominicaine",
            "es": "República Dominicana",
            "ar": "جمهورية الدومينيكان",
        },
    ),
    (
        "fiji",
        "FJ",
        Organisation.Region.ASIA_PACIFIC,
        {
            "en": "Republic of Fiji",
            "fr": "République des Fidji",
            "es": "República de Fiyi",
            "ar": "جمهورية فيجي",
        },
    ),
    (
        "sri-lanka",
        "LK",
        Organisation.Region.ASIA_PACIFIC,
        {
            "en": "Democratic Socialist Republic of Sri Lanka",
            "fr": "République socialiste démocratique de Sri Lanka",
            "es": "República Democrática Socialista de Sri Lanka",
            "ar": "جمهورية سريلانكا الديمقراطية الاشتراكية",
        },
    ),
    (
        "paraguay",
        "PY",
        Organisation.Region.LATIN_AMERICA_CARIBBEAN,
        {
            "en": "Republic of Paraguay",
            "fr": "République du Paraguay",
            "es": "República del Paraguay",
            "ar": "جمهورية باراغواي",
        },
    ),
]

ASSOCIATE_MEMBERS = [
    (
        "occe",
        "FR",
        Organisation.Region.EUROPE_NORTH_AMERICA,
        Organisation.AssociateType.CIVIL_SOCIETY,
        datetime.date(2021, 12, 7),
        {
            "en": "Central Office for Cooperation at School (OCCE)",
            "fr": "Office central de la coopération à l'école (OCCE)",
            "es": "Oficina Central de Cooperación en la Escuela (OCCE)",
            "ar": "المكتب المركزي للتعاون في المدرسة",
        },
        {
            "en": "A national association that helps schools set up pupil-run cooperatives, "
            "so that children practise democracy, solidarity and responsibility by running "
            "real projects.",
            "fr": "Association nationale qui aide les écoles à créer des coopératives "
            "d'élèves, pour que les enfants pratiquent la démocratie, la solidarité et la "
            "responsabilité.",
        },
    ),
    (
        "inclusive-learning-institute",
        "KE",
        Organisation.Region.AFRICA,
        Organisation.AssociateType.ACADEMIC,
        datetime.date(2021, 12, 7),
        {
            "en": "Institute for Inclusive Learning Research",
            "fr": "Institut de recherche sur l'apprentissage inclusif",
            "es": "Instituto de Investigación sobre el Aprendizaje Inclusivo",
            "ar": "معهد أبحاث التعلم الشامل",
        },
        {"en": "A university institute that studies how school systems include every learner."},
    ),
    (
        "south-south-education-network",
        "BR",
        Organisation.Region.LATIN_AMERICA_CARIBBEAN,
        Organisation.AssociateType.CIVIL_SOCIETY,
        datetime.date(2022, 6, 1),
        {
            "en": "South-South Education Network",
            "fr": "Réseau Sud-Sud pour l'éducation",
            "es": "Red Sur-Sur de Educación",
            "ar": "شبكة التعليم بين بلدان الجنوب",
        },
        {
            "en": "A network of teachers' and parents' associations sharing practice across the "
            "Global South."
        },
    ),
]

PARTNER_NGOS = [
    (
        "literacy-trust",
        "GH",
        Organisation.Region.AFRICA,
        {
            "en": "Global Literacy Trust",
            "fr": "Fondation mondiale pour l'alphabétisation",
            "es": "Fundación Mundial para la Alfabetización",
            "ar": "الصندوق العالمي لمحو الأمية",
        },
    ),
    (
        "teachers-without-borders",
        "CL",
        Organisation.Region.LATIN_AMERICA_CARIBBEAN,
        {
            "en": "Teachers Without Borders Alliance",
            "fr": "Alliance Enseignants sans frontières",
            "es": "Alianza Docentes sin Fronteras",
            "ar": "تحالف معلمون بلا حدود",
        },
    ),
    (
        "youth-learning-forum",
        "JO",
        Organisation.Region.ARAB_STATES,
        {
            "en": "Youth Learning Forum",
            "fr": "Forum de la jeunesse pour l'apprentissage",
            "es": "Foro Juvenil del Aprendizaje",
            "ar": "منتدى الشباب للتعلم",
        },
    ),
    (
        "open-schools-foundation",
        "SN",
        Organisation.Region.AFRICA,
        {
            "en": "Open Schools Foundation",
            "fr": "Fondation Écoles ouvertes",
            "es": "Fundación Escuelas Abiertas",
            "ar": "مؤسسة المدارس المفتوحة",
        },
    ),
]

# (e-mail, first name, last name, organisation slug, role)
DEMO_USERS = [
    ("admin@oec.example", "Amina", "Haddad", "oec", Role.ADMINISTRATOR),
    ("editor@oec.example", "Lucas", "Moreau", "oec", Role.COMMUNICATIONS),
    ("conference@oec.example", "Nadia", "Farouk", "oec", Role.CONFERENCE_SERVICES),
    ("partnerships@oec.example", "Rafael", "Ortiz", "oec", Role.PARTNERSHIPS),
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
    organisations = {HOST["slug"]: _organisation(**HOST)}
    for slug, country, region, name in FOUNDING_STATES:
        organisations[slug] = _organisation(
            slug=slug,
            kind=Organisation.Kind.FOUNDING_STATE,
            name=name,
            country=country,
            region=region,
            joined_on=FOUNDING_DATE,
        )
    for slug, country, region, associate_type, joined_on, name, summary in ASSOCIATE_MEMBERS:
        organisations[slug] = _organisation(
            slug=slug,
            kind=Organisation.Kind.ASSOCIATE_MEMBER,
            name=name,
            summary=summary,
            country=country,
            region=region,
            associate_type=associate_type,
            joined_on=joined_on,
            featured=slug == "occe",
        )
    for slug, country, region, name in PARTNER_NGOS:
        organisations[slug] = _organisation(
            slug=slug,
            kind=Organisation.Kind.PARTNER_NGO,
            name=name,
            country=country,
            region=region,
            joined_on=datetime.date(2022, 3, 1),
        )
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


# The school-cooperation association's microsite: its team and web address (seed 001, in our
# own words). Its pages (journey, vision, values, ...) are seeded by the pages app.
OCCE_WEBSITE = "https://occe.coop/"
OCCE_TEAM = [
    (
        "Maha Madu",
        {"en": "Organisation Director", "fr": "Directrice de l'organisation"},
        {
            "en": "Heads the association, drawing on more than fifteen years of work in youth "
            "education and community development.",
            "fr": "Dirige l'association et s'appuie sur plus de quinze ans d'expérience dans "
            "l'éducation des jeunes et le développement local.",
        },
    ),
    (
        "Claire Dupont",
        {"en": "Programme Coordinator", "fr": "Coordinatrice des programmes"},
        {
            "en": "Builds the learning programmes through which pupils practise civic "
            "engagement and take on leadership.",
            "fr": "Conçoit les programmes éducatifs qui permettent aux élèves de s'engager "
            "dans la vie civique et d'apprendre à mener des projets.",
        },
    ),
]
# (e-mail, name, country, affiliation, support, language, message)
OCCE_JOIN_REQUESTS = [
    (
        "amadou.diallo@example.org",
        "Amadou Diallo",
        "SN",
        "École élémentaire de Thiès",
        JoinRequest.Support.PARTNER,
        "fr",
        "Notre école voudrait créer une coopérative d'élèves. Pourriez-vous nous aider à "
        "démarrer et nous mettre en relation avec une école partenaire ?",
    ),
    (
        "laura.mendez@example.org",
        "Laura Méndez",
        "EC",
        "",
        JoinRequest.Support.VOLUNTEER,
        "en",
        "I am a retired teacher and would like to volunteer to run workshops on pupil-led "
        "projects, online or during a visit.",
    ),
]


def seed_microsites(organisations):
    """The OCCE microsite's website, team and a couple of join requests (idempotent)."""
    occe = organisations["occe"]
    if occe.website != OCCE_WEBSITE:
        occe.website = OCCE_WEBSITE
        occe.save(update_fields=["website"])
    for order, (name, role_title, biography) in enumerate(OCCE_TEAM, start=1):
        defaults = {"order": order, "role_title": role_title["en"], "biography": biography["en"]}
        defaults.update(translated_fields("role_title", role_title))
        defaults.update(translated_fields("biography", biography))
        TeamMember.objects.update_or_create(organisation=occe, name=name, defaults=defaults)
    for email, name, country, affiliation, support, language, message in OCCE_JOIN_REQUESTS:
        JoinRequest.objects.update_or_create(
            organisation=occe,
            email=email,
            defaults={
                "name": name,
                "country": country,
                "affiliation": affiliation,
                "support": support,
                "language": language,
                "message": message,
            },
        )


def seed():
    organisations = seed_organisations()
    users = seed_users(organisations)
    seed_microsites(organisations)
    return organisations, users
