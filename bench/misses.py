"""A page rebuilt after an edit (a cache miss), timed in one process (issue 19).

Before each request a row that the page shows is edited and saved (its text changes, and back
again the next round), as an editor would: the page cache misses, and so does every part kept
until rows of that row's model change (members.content_cache); what shows only other models'
rows is still kept. The home page is timed after an edit of each of its models, and once after
`forget_content()` (every kept part forgotten, as when a scheduled article comes due). Prints,
per page, the medians of wall and CPU time (CPU: this process only, not PostgreSQL's or
Redis's) and the number of queries; the edited rows get their texts back at the end. It reads
the bench's database (BENCH_DATABASE_URL, `_x<scale>` after its name with --scale, as
bench/run.py builds it: run `make bench` once first) with production settings.
"""

import argparse
import os
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("home, article edited", "/en/", "article"),
    ("home, organisation edited", "/en/", "organisation"),
    ("home, session edited", "/en/", "session"),
    ("home, everything forgotten", "/en/", None),
    ("news list, article edited", "/en/news/", "article"),
    ("member directory, member edited", "/en/members/", "organisation"),
    ("partner database, partner edited", "/en/partners/", "partnership"),
    ("partners filtered, partner edited", "/en/partners/?region=africa", "partnership"),
    ("partner search, partner edited", "/en/partners/?q=education", "partnership"),
]


def _rows_edited():
    """{what: (row, field)}: a row of each model that the pages show, and a text of it."""
    from governance.models import AssemblySession
    from members.models import Organisation
    from news.models import Article
    from partnerships.models import Partnership

    return {
        "article": (Article.objects.portal_news().featured_first().first(), "title_en"),
        "organisation": (
            Organisation.objects.public().members().order_by("-featured", "name").first(),
            "summary_en",
        ),
        "session": (AssemblySession.objects.general_assembly().upcoming().first(), "venue"),
        "partnership": (
            Partnership.objects.public().order_by("organisation__name", "pk").first(),
            "description",
        ),
    }


class Editor:
    """Edits a row's text and back again, saving it as a form would (its signals sent)."""

    def __init__(self):
        self.rows = _rows_edited()
        self.texts = {what: getattr(row, field) for what, (row, field) in self.rows.items()}
        self.edits = 0

    def edit(self, what):
        if what is None:
            from members.content_cache import forget_content

            forget_content()
            return
        row, field = self.rows[what]
        self.edits += 1
        edited = self.texts[what] + (" (edited)" if self.edits % 2 else "")
        setattr(row, field, edited)
        row.save(update_fields=[field])

    def restore(self):
        for what, (row, field) in self.rows.items():
            setattr(row, field, self.texts[what])
            row.save(update_fields=[field])


def _configure(scale):
    database = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/oec_bench?conn_max_age=600"
    )
    if scale != 1:
        parts = urllib.parse.urlparse(database)
        database = parts._replace(path=f"{parts.path}_x{scale}").geturl()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="oec_portal.settings.production",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="testserver",
        OEC_HTTPS="false",
        DATABASE_URL=database,
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        CACHE_KEY_PREFIX="bench-misses-" + urllib.parse.urlparse(database).path.lstrip("/"),
        LOG_LEVEL="WARNING",
    )
    sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--scale", type=int, default=1)
    options = parser.parse_args()
    _configure(options.scale)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    editor = Editor()
    print(f"{'page':36} {'wall ms':>8} {'CPU ms':>8} {'queries':>8}")
    try:
        for label, path, edited in PAGES:
            for _warm_up in range(3):
                editor.edit(edited)
                assert client.get(path).status_code == 200, path
            walls, cpus = [], []
            for _round in range(options.rounds):
                editor.edit(edited)
                wall, cpu = time.perf_counter(), time.process_time()
                client.get(path)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
            editor.edit(edited)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            print(
                f"{label:36} {statistics.median(walls):8.1f} {statistics.median(cpus):8.1f}"
                f" {len(queries):8d}",
                flush=True,
            )
    finally:
        editor.restore()


if __name__ == "__main__":
    main()
