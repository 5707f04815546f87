"""Demo data of the governance app for `manage.py seed_demo` (DESIGN.md's demo data contract).

The first General Assembly (Geneva, 6-8 December 2021) with its agenda, documents of every
access class, its decisions and the Secretary-General's taking of office, told in our words, and
the second session, always a few months ahead with its registration open. Idempotent: rows are
found by their natural keys, saved only when something differs, files are written only once.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone, translation

from members.demo_seeding import (
    demo_content,
    month_from_now,
    translated_fields,
    update_or_create_if_changed,
)
from members.uploads import PDF, storage_name

from .document_texts import document_file_text_read
from .models import (
    AgendaItem,
    AssemblySession,
    Attendance,
    Credentials,
    Deadline,
    Decision,
    Delegation,
    DelegationMember,
    Document,
    DocumentFile,
    Meeting,
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


CONTENT = demo_content(__file__)
# When the demo documents readable beyond the secretariat were issued (their followers were told).
DEMO_ISSUED_AT = datetime.datetime(2021, 11, 15, 9, 0, tzinfo=datetime.UTC)


# What the demo's files say besides their title, in their language (Latin-1: minimal_pdf's font),
# so that full-text search finds words that no title holds ("Genève", "démonstration").
FILE_LINES = {
    "en": [
        "Organisation of Educational Cooperation - General Assembly, first session",
        "Geneva, 6-8 December 2021",
        "Access: {access}",
        "Demonstration document of the OEC Portal.",
    ],
    "fr": [
        "Organisation de coopération éducative - Assemblée générale, première session",
        "Genève, 6-8 décembre 2021",
        "Accès : {access}",
        "Document de démonstration du portail de l'OEC.",
    ],
    "es": [
        "Organización de Cooperación Educativa - Asamblea General, primer período de sesiones",
        "Ginebra, 6-8 de diciembre de 2021",
        "Acceso: {access}",
        "Documento de demostración del portal de la OEC.",
    ],
}


def _store_pdf(document, language):
    """The document's file in `language` (written once), its text read for search."""
    document_file = DocumentFile.objects.filter(document=document, language=language).first()
    if document_file is None:
        title = getattr(document, f"title_{language}") or document.title_en
        with translation.override(language):
            access = str(document.get_access_display())
        lines = [line.format(access=access) for line in FILE_LINES.get(language, FILE_LINES["en"])]
        content = minimal_pdf(f"{document.symbol}  {title}", lines)
        document_file = DocumentFile.objects.create(
            document=document,
            language=language,
            file=ContentFile(content, name=storage_name(PDF)),
            original_filename=f"{document.slug}-{language}.pdf",
            size=len(content),
            content_type=PDF.content_type,
        )
    # Idempotent: a file already read is not read again.
    document_file_text_read(document_file_id=document_file.pk, trusted=True)


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
    general_assembly = CONTENT["general_assembly"]
    organ, _ = Organ.objects.update_or_create(
        code=general_assembly["code"], defaults=translated_fields("name", general_assembly["name"])
    )
    first = _seed_session(
        organ,
        CONTENT["first_session"],
        status=AssemblySession.Status.CLOSED,
        participants_published_at=timezone.make_aware(datetime.datetime(2021, 11, 29, 9)),
        start_date=CONTENT["first_session"]["start_date"],
        end_date=CONTENT["first_session"]["end_date"],
        registration_deadline=timezone.make_aware(
            CONTENT["first_session"]["registration_deadline"]
        ),
    )
    start, end, deadline = next_session_dates()
    second = _seed_session(
        organ,
        CONTENT["second_session"],
        status=AssemblySession.Status.PLANNED,
        start_date=start,
        end_date=end,
        registration_deadline=deadline,
    )
    items = {}
    for order, item in enumerate(CONTENT["agenda_item"], start=1):
        items[item["number"]], _ = AgendaItem.objects.update_or_create(
            session=first,
            number=item["number"],
            defaults={"order": order, **translated_fields("title", item["title"])},
        )
    for entry in CONTENT["document"]:
        revises = entry.get("revises")
        document, _changed = update_or_create_if_changed(
            Document,
            symbol=entry["symbol"],
            defaults={
                "revises": Document.objects.get(symbol=revises) if revises else None,
                "type": entry["type"],
                "access": entry["access"],
                "session": first,
                "agenda_item": items[entry["agenda_item"]],
                "publication_date": datetime.date(2021, 11, 15),
                # Issued long ago: editing one in the back office alerts nobody.
                "issued_at": None if entry["access"] == "secretariat" else DEMO_ISSUED_AT,
                "organisation": host,
                **translated_fields("title", entry["title"]),
            },
        )
        document.restricted_to.set([organisations[slug] for slug in entry["restricted_to"]])
        for language in entry["title"]:
            _store_pdf(document, language)
    for entry in CONTENT["decision"]:
        update_or_create_if_changed(
            Decision,
            symbol=entry["symbol"],
            defaults={
                "session": first,
                "agenda_item": items[entry["agenda_item"]],
                "adopted_on": entry["adopted_on"],
                "adoption_method": entry["adoption_method"],
                "is_public": True,
                **translated_fields("title", entry["title"]),
                **translated_fields("text", entry["text"]),
            },
        )
    secretary_general = CONTENT["secretary_general"]
    OfficeHolder.objects.update_or_create(
        post=OfficeHolder.Post.SECRETARY_GENERAL,
        person_name=secretary_general["person_name"],
        defaults={
            "term_start": secretary_general["term_start"],
            "organisation": host,
            **translated_fields("title", secretary_general["title"]),
        },
    )
    # One delegation with its credentials in due form, the other with a copy only: the
    # credentials committee's report has something in two of its three parts.
    for slug, credentials in (("djibouti", Credentials.ORIGINAL), ("ecuador", Credentials.COPY)):
        _seed_delegation(first, organisations[slug], users, credentials=credentials)
    _seed_calendar({1: first, 2: second}, organisations)
    _seed_attendance(first)


def _seed_attendance(session):
    """The heads of the demo delegations checked in at the session's opening meeting, so that
    its roll call has members present. No demo decision is adopted by vote, so none names a
    meeting: their votes (none) stay unchecked."""
    opening = session.meetings.order_by("date", "start_time").first()
    arrived = datetime.datetime.combine(opening.date, datetime.time(9, 40), tzinfo=session.zone)
    for head in DelegationMember.objects.filter(delegation__session=session, is_head=True):
        Attendance.objects.get_or_create(
            meeting=opening, delegation_member=head, defaults={"checked_in_at": arrived}
        )


def _seed_calendar(sessions, organisations):
    """The first session's meetings, and deadlines of both sessions, in the venue's time."""
    first = sessions[1]
    for entry in CONTENT["meeting"]:
        update_or_create_if_changed(
            Meeting,
            session=first,
            date=entry["date"],
            start_time=entry["start"],
            defaults={
                "end_time": entry["end"],
                "is_closed": entry.get("closed", False),
                **translated_fields("title", entry["title"]),
                **translated_fields("room", entry["room"]),
            },
        )
    for entry in CONTENT["deadline"]:
        session = sessions[entry["session"]]
        if "due" in entry:
            due = entry["due"]
        else:
            day = session.start_date - datetime.timedelta(days=entry["days_before"])
            due = datetime.datetime(day.year, day.month, day.day, 18)
        titles = translated_fields("title", entry["title"])
        deadline, _changed = update_or_create_if_changed(
            Deadline,
            session=session,
            title_en=titles.pop("title_en"),
            defaults={"kind": entry["kind"], "due_at": due.replace(tzinfo=session.zone), **titles},
        )
        deadline.restricted_to.set([organisations[slug] for slug in entry["restricted_to"]])


def _seed_session(organ, session, **fields):
    row, _ = AssemblySession.objects.update_or_create(
        organ=organ,
        number=session["number"],
        defaults={
            "kind": AssemblySession.Kind.ORDINARY,
            **fields,
            **translated_fields("venue", session["venue"]),
            **translated_fields("description", session["description"]),
        },
    )
    return row


def _seed_delegation(session, organisation, users, *, credentials):
    focal = users[f"focal@{organisation.slug}.example"]
    delegate = users[f"delegate@{organisation.slug}.example"]
    delegation, _ = Delegation.objects.update_or_create(
        session=session,
        organisation=organisation,
        defaults={
            "status": Delegation.Status.ACCREDITED,
            "return_reason": "",
            "credentials_received": credentials,
            "credentials_received_on": datetime.date(2021, 11, 22),
        },
    )
    if not delegation.credentials_letter:
        content = minimal_pdf(f"Credentials of the delegation of {organisation.name_en}")
        delegation.credentials_letter.save(storage_name(PDF), ContentFile(content), save=False)
        delegation.credentials_original_filename = f"credentials-{organisation.slug}.pdf"
        delegation.submitted_at = timezone.make_aware(datetime.datetime(2021, 11, 20, 10))
        delegation.decided_at = timezone.make_aware(datetime.datetime(2021, 11, 25, 10))
        delegation.save()
    DelegationMember.objects.update_or_create(
        delegation=delegation,
        is_head=True,
        defaults={"user": focal, "title": "H.E.", "position": "Minister of Education"},
    )
    DelegationMember.objects.update_or_create(
        delegation=delegation,
        user=delegate,
        defaults={
            "is_head": False,
            "function": DelegationMember.Function.ADVISER,
            "position": "Ministry of Education",
        },
    )
