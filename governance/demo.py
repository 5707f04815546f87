"""Demo data of the governance app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The first General Assembly (Geneva, 6-8 December 2021) with its agenda, documents of every
access class, its decisions and the Secretary-General's taking of office, told in our words, and
the second session, always a few months ahead with its registration open. Idempotent: rows are
found by their natural keys, saved only when something differs, files are written only once.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from members.demo_seeding import month_from_now, translated_fields, update_or_create_if_changed
from members.uploads import PDF, storage_name

from .models import (
    AgendaItem,
    AssemblySession,
    Decision,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    OfficeHolder,
    Organ,
)


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def minimal_pdf(title, lines=()):
    """A small, valid one-page PDF (Helvetica, Latin-1 text) written by hand, with its xref."""
    text_ops = ["BT", "/F1 16 Tf", "72 760 Td", f"({_escape(title)}) Tj", "/F1 11 Tf"]
    for line in lines:
        text_ops += ["0 -22 Td", f"({_escape(line)}) Tj"]
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref_at,
    )
    return bytes(out)


GA_NAME = {
    "en": "General Assembly",
    "fr": "Assemblée générale",
    "es": "Asamblea General",
    "ar": "الجمعية العامة",
}

AGENDA = [
    ("1", {"en": "Opening of the session", "fr": "Ouverture de la session"}),
    ("2", {"en": "Adoption of the agenda", "fr": "Adoption de l'ordre du jour"}),
    ("3", {"en": "Programmes of activities and budget", "fr": "Programmes d'activités et budget"}),
    ("3.a", {"en": "Main programmes of activities", "fr": "Principaux programmes d'activités"}),
    ("3.b", {"en": "Budget and contributions", "fr": "Budget et contributions"}),
    ("4", {"en": "Strategic plan for eight years", "fr": "Plan stratégique sur huit ans"}),
    ("5", {"en": "Secretary-General", "fr": "Secrétaire général"}),
    ("6", {"en": "Associate members", "fr": "Membres associés"}),
    ("7", {"en": "Closing of the session", "fr": "Clôture de la session"}),
]

# symbol, revises, item, type, access, restricted to (slugs), titles
DOCUMENTS = [
    (
        "OEC/GA/1/1",
        None,
        "2",
        Document.Type.INFORMATION,
        Document.Access.PUBLIC,
        [],
        {
            "en": "Provisional agenda",
            "fr": "Ordre du jour provisoire",
            "es": "Programa provisional",
        },
    ),
    (
        "OEC/GA/1/1/Rev.1",
        "OEC/GA/1/1",
        "2",
        Document.Type.INFORMATION,
        Document.Access.PUBLIC,
        [],
        {
            "en": "Provisional agenda (revised)",
            "fr": "Ordre du jour provisoire (révisé)",
            "es": "Programa provisional (revisado)",
        },
    ),
    (
        "OEC/GA/1/2",
        None,
        "3.a",
        Document.Type.PROGRAMME_AND_BUDGET,
        Document.Access.PUBLIC,
        [],
        {
            "en": "Main programmes of activities",
            "fr": "Principaux programmes d'activités",
            "es": "Principales programas de actividades",
        },
    ),
    (
        "OEC/GA/1/3",
        None,
        "3.b",
        Document.Type.PROGRAMME_AND_BUDGET,
        Document.Access.MEMBERS,
        [],
        {
            "en": "Proposed budget of the first programme period",
            "fr": "Projet de budget de la première période de programmation",
            "es": "Proyecto de presupuesto del primer período de programación",
        },
    ),
    (
        "OEC/GA/1/4",
        None,
        "4",
        Document.Type.STRATEGIC_PLAN,
        Document.Access.PUBLIC,
        [],
        {
            "en": "Strategic plan for eight years",
            "fr": "Plan stratégique sur huit ans",
            "es": "Plan estratégico de ocho años",
        },
    ),
    (
        "OEC/GA/1/5",
        None,
        "6",
        Document.Type.REPORT,
        Document.Access.MEMBERS,
        [],
        {
            "en": "Report on the applications for associate membership",
            "fr": "Rapport sur les demandes d'adhésion en qualité de membre associé",
        },
    ),
    (
        "OEC/GA/1/6",
        None,
        "3.b",
        Document.Type.WORKING_PAPER,
        Document.Access.RESTRICTED,
        ["djibouti"],
        {
            "en": "Contribution arrangements: Republic of Djibouti",
            "fr": "Modalités de contribution : République de Djibouti",
        },
    ),
    (
        "OEC/GA/1/7",
        None,
        "3.b",
        Document.Type.WORKING_PAPER,
        Document.Access.RESTRICTED,
        ["ecuador"],
        {
            "en": "Contribution arrangements: Republic of Ecuador",
            "es": "Modalidades de contribución: República del Ecuador",
        },
    ),
    (
        "OEC/GA/1/L/1",
        None,
        "4",
        Document.Type.RESOLUTION_TEXT,
        Document.Access.MEMBERS,
        [],
        {
            "en": "Draft decision on the strategic plan",
            "fr": "Projet de décision sur le plan stratégique",
        },
    ),
    (
        "OEC/GA/1/INF/1",
        None,
        "1",
        Document.Type.INFORMATION,
        Document.Access.MEMBERS,
        [],
        {
            "en": "Practical information for delegations",
            "fr": "Informations pratiques à l'intention des délégations",
        },
    ),
    (
        "OEC/GA/1/CRP/1",
        None,
        "7",
        Document.Type.INFORMATION,
        Document.Access.SECRETARIAT,
        [],
        {"en": "Secretariat note on the conduct of the session"},
    ),
]

DECISIONS = [
    (
        "OEC/GA/1/DEC/1",
        "3",
        datetime.date(2021, 12, 7),
        Decision.AdoptionMethod.UNANIMOUS,
        {
            "en": "Main programmes of activities and budget",
            "fr": "Principaux programmes d'activités et budget",
            "es": "Principales programas de actividades y presupuesto",
        },
        {
            "en": "The founding states and the associate members approve the main programmes "
            "of activities of the Organisation and the budget that funds them.",
            "fr": "Les États fondateurs et les membres associés approuvent les principaux "
            "programmes d'activités de l'Organisation et le budget qui les finance.",
        },
    ),
    (
        "OEC/GA/1/DEC/2",
        "4",
        datetime.date(2021, 12, 8),
        Decision.AdoptionMethod.UNANIMOUS,
        {
            "en": "Strategic plan for eight years",
            "fr": "Plan stratégique sur huit ans",
            "es": "Plan estratégico de ocho años",
        },
        {
            "en": "On the last day of its first session, the General Assembly approves "
            "without dissent the strategic plan that guides the Organisation for eight years.",
            "fr": "Au dernier jour de sa première session, l'Assemblée générale approuve sans "
            "opposition le plan stratégique qui guidera l'Organisation pendant huit ans.",
        },
    ),
    (
        "OEC/GA/1/DEC/3",
        "5",
        datetime.date(2021, 12, 7),
        Decision.AdoptionMethod.CONSENSUS,
        {
            "en": "Taking of office of the first Secretary-General",
            "fr": "Prise de fonctions du premier Secrétaire général",
            "es": "Toma de posesión del primer Secretario General",
            "ar": "تولّي الأمين العام الأول مهامه",
        },
        {
            "en": "The General Assembly takes note that His Excellency Manssour Bin Mussallam "
            "takes office as the first Secretary-General of the Organisation.",
            "fr": "L'Assemblée générale prend acte de la prise de fonctions de Son Excellence "
            "Manssour Bin Mussallam, premier Secrétaire général de l'Organisation.",
            "es": "La Asamblea General toma nota de que Su Excelencia Manssour Bin Mussallam "
            "asume el cargo de primer Secretario General de la Organización.",
            "ar": "تحيط الجمعية العامة علماً بتولّي معالي منصور بن مسلم مهامه بصفته أول أمين "
            "عام للمنظمة.",
        },
    ),
]


def _store_pdf(document, language, lines):
    if DocumentFile.objects.filter(document=document, language=language).exists():
        return
    title = getattr(document, f"title_{language}") or document.title_en
    content = minimal_pdf(f"{document.symbol}  {title}", lines)
    DocumentFile.objects.create(
        document=document,
        language=language,
        file=ContentFile(content, name=storage_name(PDF)),
        original_filename=f"{document.slug}-{language}.pdf",
        size=len(content),
        content_type=PDF.content_type,
    )


def next_session_dates():
    """The second session: on the first Monday of the month four months ahead, for three days,
    with registration closing three weeks before. Always ahead of the day the demo is seeded."""
    month = month_from_now(4)
    start = month + datetime.timedelta(days=(7 - month.weekday()) % 7)
    deadline = start - datetime.timedelta(days=21)
    return (
        start,
        start + datetime.timedelta(days=2),
        timezone.make_aware(datetime.datetime(deadline.year, deadline.month, deadline.day, 18)),
    )


def seed(*, organisations, users):
    """Create or update this app's demo rows idempotently; `organisations` are by slug."""
    host = organisations["oec"]
    start, end, deadline = next_session_dates()
    organ, _ = Organ.objects.update_or_create(
        code="GA", defaults=translated_fields("name", GA_NAME)
    )
    first, _ = AssemblySession.objects.update_or_create(
        organ=organ,
        number=1,
        defaults={
            "kind": AssemblySession.Kind.ORDINARY,
            "start_date": datetime.date(2021, 12, 6),
            "end_date": datetime.date(2021, 12, 8),
            "status": AssemblySession.Status.CLOSED,
            "registration_deadline": timezone.make_aware(datetime.datetime(2021, 11, 22, 18)),
            **translated_fields(
                "venue",
                {
                    "en": "Geneva, Switzerland",
                    "fr": "Genève, Suisse",
                    "es": "Ginebra, Suiza",
                    "ar": "جنيف، سويسرا",
                },
            ),
            **translated_fields(
                "description",
                {
                    "en": "The first session of the General Assembly met in Geneva over three "
                    "days. On its opening night the city lit its lake fountain in the colours "
                    "of the Organisation.",
                    "fr": "La première session de l'Assemblée générale s'est tenue à Genève "
                    "pendant trois jours. Le soir de l'ouverture, la ville a illuminé son jet "
                    "d'eau aux couleurs de l'Organisation.",
                },
            ),
        },
    )
    second, _ = AssemblySession.objects.update_or_create(
        organ=organ,
        number=2,
        defaults={
            "kind": AssemblySession.Kind.ORDINARY,
            "start_date": start,
            "end_date": end,
            "status": AssemblySession.Status.PLANNED,
            "registration_deadline": deadline,
            **translated_fields(
                "venue",
                {
                    "en": "To be announced",
                    "fr": "À annoncer",
                    "es": "Por anunciar",
                    "ar": "يُعلن لاحقاً",
                },
            ),
            **translated_fields(
                "description",
                {
                    "en": "A demonstration session, open for delegation registration.",
                    "fr": "Une session de démonstration, ouverte à l'inscription des délégations.",
                    "es": "Una sesión de demostración, abierta a la inscripción de delegaciones.",
                    "ar": "دورة تجريبية، باب تسجيل الوفود فيها مفتوح.",
                },
            ),
        },
    )
    items = {}
    for order, (number, titles) in enumerate(AGENDA, start=1):
        items[number], _ = AgendaItem.objects.update_or_create(
            session=first,
            number=number,
            defaults={"order": order, **translated_fields("title", titles)},
        )
    for symbol, revises, item, type_, access, restricted, titles in DOCUMENTS:
        document, _changed = update_or_create_if_changed(
            Document,
            symbol=symbol,
            defaults={
                "revises": Document.objects.get(symbol=revises) if revises else None,
                "type": type_,
                "access": access,
                "session": first,
                "agenda_item": items[item],
                "publication_date": datetime.date(2021, 11, 15),
                "organisation": host,
                **translated_fields("title", titles),
            },
        )
        document.restricted_to.set([organisations[slug] for slug in restricted])
        for language in titles:
            _store_pdf(
                document,
                language,
                [
                    "Organisation of Educational Cooperation - General Assembly, first session",
                    "Geneva, 6-8 December 2021",
                    f"Access: {document.get_access_display()}",
                    "Demonstration document of the OEC Portal.",
                ],
            )
    for symbol, item, adopted_on, method, titles, texts in DECISIONS:
        update_or_create_if_changed(
            Decision,
            symbol=symbol,
            defaults={
                "session": first,
                "agenda_item": items[item],
                "adopted_on": adopted_on,
                "adoption_method": method,
                "is_public": True,
                **translated_fields("title", titles),
                **translated_fields("text", texts),
            },
        )
    OfficeHolder.objects.update_or_create(
        post=OfficeHolder.Post.SECRETARY_GENERAL,
        person_name="Manssour Bin Mussallam",
        defaults={
            "term_start": datetime.date(2021, 12, 7),
            "organisation": host,
            **translated_fields(
                "title",
                {
                    "en": "His Excellency",
                    "fr": "Son Excellence",
                    "es": "Su Excelencia",
                    "ar": "معالي",
                },
            ),
        },
    )
    for slug in ("djibouti", "ecuador"):
        _seed_delegation(first, organisations[slug], users)


def _seed_delegation(session, organisation, users):
    focal = users[f"focal@{organisation.slug}.example"]
    delegate = users[f"delegate@{organisation.slug}.example"]
    delegation, _ = Delegation.objects.update_or_create(
        session=session,
        organisation=organisation,
        defaults={"status": Delegation.Status.ACCREDITED, "return_reason": ""},
    )
    if not delegation.credentials_letter:
        content = minimal_pdf(f"Credentials of the delegation of {organisation.name_en}")
        delegation.credentials_letter.save(storage_name(PDF), ContentFile(content), save=False)
        delegation.credentials_original_filename = f"credentials-{organisation.slug}.pdf"
        delegation.submitted_at = timezone.make_aware(datetime.datetime(2021, 11, 20, 10))
        delegation.decided_at = timezone.make_aware(datetime.datetime(2021, 11, 25, 10))
        delegation.save()
    DelegationMember.objects.update_or_create(
        delegation=delegation, is_head=True, defaults={"user": focal}
    )
    DelegationMember.objects.update_or_create(
        delegation=delegation, user=delegate, defaults={"is_head": False}
    )
