"""A page rebuilt after an edit (a cache miss), timed in one process (issue 19).

Before each request the content generation is bumped (members.content_cache.forget_content),
as an edit does: the page cache and every part kept by generation miss. Prints, per page, the
medians of wall and CPU time (CPU: this process only, not PostgreSQL's or Redis's) and the
number of queries. It reads the bench's database (BENCH_DATABASE_URL, `_x<scale>` after its name
with --scale, as bench/run.py builds it: run `make bench` once first) with production settings.
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
    ("home", "/en/"),
    ("news list", "/en/news/"),
    ("member directory", "/en/members/"),
    ("partner database", "/en/partners/"),
    ("partner database, filtered", "/en/partners/?region=africa"),
    ("partner search", "/en/partners/?q=education"),
]


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

    from members.content_cache import forget_content

    client = Client()
    print(f"{'page':28} {'wall ms':>8} {'CPU ms':>8} {'queries':>8}")
    for label, path in PAGES:
        for _warm_up in range(3):
            forget_content()
            assert client.get(path).status_code == 200, path
        walls, cpus = [], []
        for _round in range(options.rounds):
            forget_content()
            wall, cpu = time.perf_counter(), time.process_time()
            client.get(path)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        forget_content()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(
            f"{label:28} {statistics.median(walls):8.1f} {statistics.median(cpus):8.1f}"
            f" {len(queries):8d}",
            flush=True,
        )


if __name__ == "__main__":
    main()
