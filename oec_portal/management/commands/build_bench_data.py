"""The benchmark's large data set (issue 9), on top of the demo data. Idempotent and quick.

`--scale N` multiplies what grows with the years (issue 19): news articles, documents (each
with its English and French files), partner NGOs with their partnerships, and the ledger of
sent bulletins (100,000 deliveries per unit: --scale 10 is 100,000 articles, 30,000 documents
with 60,000 files, 3,000 partnerships and 1,000,000 deliveries). Rows are written with
bulk_create, the deliveries with one INSERT … SELECT; the file rows all name one small file.
A larger scale adds to a smaller one: give each scale a database of its own (bench/run.py does).

Prints, on its last line, JSON: the row counts and sample paths for `bench/run.py`.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from bulletins.models import Bulletin, Delivery
from governance.models import AssemblySession, Document, DocumentFile, Organ
from governance.selectors import documents_visible_to
from members.models import Organisation
from members.private_files import private_storage
from news.models import Article
from partnerships.models import Partnership

MEMBER_ORGANISATIONS = 60
PARTNER_NGOS = 300
ARTICLES = 10_000
DOCUMENTS = 3_000
SESSIONS = 5
DELIVERIES = 100_000
BULLETIN_MONTHS = 10  # the deliveries are spread over this many sent bulletins
BENCH_DOCUMENT_TITLE = "Working paper on balanced and inclusive education"
BENCH_FILE_NAME = "documents/bench-working-paper.pdf"
BENCH_FILE_LANGUAGES = ("en", "fr")
ACCESS_CYCLE = ["public", "public", "members", "restricted", "secretariat"]
REGIONS = [region.value for region in Organisation.Region]
COUNTRIES = ["SN", "DJ", "EC", "OM", "FJ", "LK", "PY", "DO", "KE", "BR", "GH", "CL", "JO", "PH"]


def _bulk_organisations(kind, prefix, count):
    existing = set(
        Organisation.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    )
    rows = []
    for number in range(count):
        slug = f"{prefix}{number:04d}"
        if slug in existing:
            continue
        name = f"{kind.label} {number:04d} for education"
        rows.append(
            Organisation(
                kind=kind,
                slug=slug,
                name=name,
                name_en=name,
                name_fr=f"{name} (fr)",
                country=COUNTRIES[number % len(COUNTRIES)],
                region=REGIONS[number % len(REGIONS)],
                status=Organisation.Status.ACTIVE,
                associate_type=(
                    Organisation.AssociateType.CIVIL_SOCIETY
                    if kind == Organisation.Kind.ASSOCIATE_MEMBER
                    else ""
                ),
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=500)


def _bulk_articles(count):
    members = list(Organisation.objects.filter(slug__startswith="bench-").members())
    existing = Article.objects.filter(slug__startswith="bench-news-").count()
    now = timezone.now()
    rows = []
    for number in range(existing, count):
        title = f"Cooperation for inclusive education, report {number:05d}"
        rows.append(
            Article(
                organisation=members[number % len(members)],
                slug=f"bench-news-{number:05d}",
                title=title,
                title_en=title,
                title_fr=f"Coopération éducative, rapport {number:05d}",
                summary_en="Teachers, schools and ministries shared what worked this month.",
                body_en="<p>Member states and associate members met to compare practice.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=now - datetime.timedelta(hours=number),
                # In the portal-wide news, whose pages the benchmark measures.
                acceptance=Article.Acceptance.ACCEPTED,
                acceptance_at=now,
            )
        )
    Article.objects.bulk_create(rows, batch_size=1000)


def _sessions():
    organ = Organ.objects.get(code="GA")
    sessions = []
    for number in range(1, SESSIONS + 1):
        start = datetime.date(2020 + number, 12, 6)
        session, _created = AssemblySession.objects.get_or_create(
            organ=organ,
            number=number,
            defaults={
                "start_date": start,
                "end_date": start + datetime.timedelta(days=2),
                "venue": "Geneva",
                "status": "closed",
            },
        )
        sessions.append(session)
    return sessions


def _bulk_documents(sessions, host, restricted_to, count):
    # Symbols in the body's pattern, numbered from 100 in each session (the demo uses 1 to 99).
    mine = Document.objects.filter(title_en__startswith=BENCH_DOCUMENT_TITLE)
    existing = mine.count()
    rows = []
    for number in range(existing, count):
        title = f"{BENCH_DOCUMENT_TITLE} {number:04d}"
        rows.append(
            Document(
                symbol=f"OEC/GA/{number % len(sessions) + 1}/{100 + number // len(sessions)}",
                title=title,
                title_en=title,
                type="working_paper",
                session=sessions[number % len(sessions)],
                access=ACCESS_CYCLE[number % len(ACCESS_CYCLE)],
                organisation=host,
                publication_date=datetime.date(2021, 1, 1) + datetime.timedelta(days=number % 1500),
            )
        )
    Document.objects.bulk_create(rows, batch_size=1000)
    through = Document.restricted_to.through
    restricted = mine.filter(access="restricted")
    through.objects.bulk_create(
        [
            through(document_id=pk, organisation_id=restricted_to.pk)
            for pk in restricted.values_list("pk", flat=True)
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )
    _bulk_document_files(mine)


def _bulk_document_files(documents):
    """An English and a French file for each bench document, all naming one small file."""
    if not private_storage.exists(BENCH_FILE_NAME):
        private_storage.save(BENCH_FILE_NAME, ContentFile(b"%PDF-1.4\n% bench\n%%EOF\n"))
    without_files = documents.filter(files__isnull=True).values_list("pk", flat=True)
    DocumentFile.objects.bulk_create(
        [
            DocumentFile(
                document_id=pk,
                language=language,
                file=BENCH_FILE_NAME,
                original_filename="working-paper.pdf",
                size=24,
                content_type="application/pdf",
            )
            for pk in without_files.iterator(chunk_size=5000)
            for language in BENCH_FILE_LANGUAGES
        ],
        batch_size=2000,
    )


def _bulk_deliveries(host, count):
    """`count` sent deliveries over BULLETIN_MONTHS sent bulletins, written by the database."""
    per_month = count // BULLETIN_MONTHS
    for month_number in range(BULLETIN_MONTHS):
        month = datetime.date(2010 + month_number // 12, month_number % 12 + 1, 1)
        bulletin, _created = Bulletin.objects.get_or_create(
            month=month,
            defaults={"organisation": host, "status": Bulletin.Status.SENT},
        )
        existing = bulletin.deliveries.count()
        if existing >= per_month:
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                """
                INSERT INTO bulletins_delivery
                    (bulletin_id, email, language, status, attempts, message_id,
                     provider_message_id, possibly_sent, last_error, sent_at)
                SELECT %s, 'reader' || n || '@bench.example', 'en', %s, 1,
                       '<' || n || '.' || %s || '@bench.example>', '', false, '', now()
                FROM generate_series(%s, %s) AS n
                """,
                [bulletin.pk, Delivery.Status.SENT, bulletin.pk, existing + 1, per_month],
            )


def _bulk_partnerships():
    partners = Organisation.objects.filter(
        slug__startswith="bench-partner-", partnership__isnull=True
    )
    Partnership.objects.bulk_create(
        [
            Partnership(
                organisation=organisation,
                status="consultative" if number % 3 else "associate",
                admitted_on=datetime.date(2015 + number % 10, 3, 1),
                headquarters_country=organisation.country,
                geographic_scope="international",
                description=f"Education and literacy programmes of {organisation.name}.",
                description_en=f"Education and literacy programmes of {organisation.name}.",
            )
            for number, organisation in enumerate(partners)
        ],
        batch_size=500,
    )


def _sample_paths():
    article = Article.objects.published().filter(slug__startswith="bench-news-").first()
    delegate = get_user_model().objects.get(email="delegate@djibouti.example")
    document = (
        documents_visible_to(delegate).filter(files__isnull=False).prefetch_related("files").first()
    )
    paths = {}
    if article:
        paths["article"] = article.get_absolute_url()
    if document:
        language = document.files.all()[0].language
        paths["download"] = f"/en/documents/{document.slug}/download/{language}/"
    return paths


class Command(BaseCommand):
    help = (
        "Build the benchmark's data set (60 members, 300 partners, 10,000 news, 3,000 documents"
        " with their files, 100,000 bulletin deliveries; --scale multiplies all but the members)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1)

    @transaction.atomic
    def handle(self, *args, scale=1, **options):
        _bulk_organisations(
            Organisation.Kind.FOUNDING_STATE, "bench-state-", MEMBER_ORGANISATIONS // 2
        )
        _bulk_organisations(
            Organisation.Kind.ASSOCIATE_MEMBER, "bench-associate-", MEMBER_ORGANISATIONS // 2
        )
        _bulk_organisations(Organisation.Kind.PARTNER_NGO, "bench-partner-", PARTNER_NGOS * scale)
        _bulk_partnerships()
        _bulk_articles(ARTICLES * scale)
        host = Organisation.objects.host()
        _bulk_documents(
            _sessions(), host, Organisation.objects.get(slug="djibouti"), DOCUMENTS * scale
        )
        _bulk_deliveries(host, DELIVERIES * scale)
        counts = {
            "member organisations": Organisation.objects.members().count(),
            "partner NGOs": Organisation.objects.partners().count(),
            "partnerships": Partnership.objects.count(),
            "news articles": Article.objects.count(),
            "documents": Document.objects.count(),
            "document files": DocumentFile.objects.count(),
            "bulletin deliveries": Delivery.objects.count(),
            "sessions": AssemblySession.objects.count(),
        }
        paths = _sample_paths()
        # Fresh statistics, so the planner knows the tables' size (autovacuum may be off).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(json.dumps({"counts": counts, "paths": paths}))
