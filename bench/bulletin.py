"""`make bench-bulletin`: the monthly bulletin to 10,000 recipients, beside a plain smtplib loop.

`--recipients 100000` (BENCH_BULLETIN_ARGS in make) measures the large send of issue 19.

Both send to the same local SMTP sink (aiosmtpd, in this process). The plain loop sends the
message a recipient of the bulletin receives (its layout and links), one connection, one
`sendmail` per recipient, before the bulletin and again after it (the ratio is taken against
their mean: on a shared machine the loop's rate moves with the others' load). The bulletin goes
the real way: compose, write the delivery rows, enqueue the chunks to Redis, and a Celery
worker with two processes sends them (bulletins/sending.py: each chunk claimed in one
transaction, one SMTP connection per chunk, one database round trip per message). The clock
runs from the queueing to the last message received. Prints messages per second of each and
their ratio (target: >= 80%, issue 19).

The worker reads its settings from the environment, as in production: OEC_BULLETIN_CHUNK_SIZE
and OEC_BULLETIN_ASYNC_COMMIT=false measure the other choices.

It needs PostgreSQL and Redis: its own database `oec_bench_bulletin` and Redis database 6
(BENCH_BULLETIN_DATABASE_URL / BENCH_BULLETIN_REDIS_URL to change them).
"""

import argparse
import os
import signal
import smtplib
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.network import free_port  # noqa: E402
from tests.processes import start_celery_worker, stop_process_group  # noqa: E402

DATABASE_URL = os.environ.get(
    "BENCH_BULLETIN_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/oec_bench_bulletin"
)
REDIS_URL = os.environ.get("BENCH_BULLETIN_REDIS_URL", "redis://127.0.0.1:6379/6")
LANGUAGES = ["en", "fr", "es", "ar"]


class CountingSink:
    """Counts what it accepts; parses nothing, so that the sink is not what is measured. The
    bench waits on a condition, woken once the count is reached: polling from this process
    would take the sink's interpreter lock a hundred times a second while it serves the
    workers (the loop does not pay for it: it runs in the process's main thread)."""

    def __init__(self):
        self.changed = threading.Condition()
        self.count = 0
        self.target = None
        self.thread = None  # its thread's id, for `scheduled`

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.thread = threading.get_native_id()
        with self.changed:
            self.count += len(envelope.rcpt_tos)
            if self.target is not None and self.count >= self.target:
                self.changed.notify_all()
        return "250 OK"

    def reset(self):
        with self.changed:
            self.count = 0

    def wait_for(self, total, timeout):
        with self.changed:
            self.target = total
            reached = self.changed.wait_for(lambda: self.count >= total, timeout)
            self.target = None
            return reached


def scheduled(stats):
    """Seconds the threads of these schedstat files spent on a CPU and waiting for one (Linux):
    what a rate on a shared machine is made of."""
    on_cpu = waiting = 0
    for stat in stats:
        try:
            running, queued, _slices = stat.read_text().split()
        except OSError:  # the thread ended
            continue
        on_cpu, waiting = on_cpu + int(running) / 1e9, waiting + int(queued) / 1e9
    return on_cpu, waiting


def sink_thread(sink):
    return [Path(f"/proc/self/task/{sink.thread}/schedstat")]


def process_threads(pids):
    return [stat for pid in pids for stat in Path(f"/proc/{pid}/task").glob("*/schedstat")]


def children(process):
    path = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    return [int(pid) for pid in path.read_text().split()]


def ensure_database():
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1].split("?")[0]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def environment(sink_port):
    return {
        "DJANGO_SETTINGS_MODULE": "oec_portal.settings.base",
        "DEBUG": "false",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{sink_port}",
        "OEC_BULLETIN_REQUIRES_APPROVAL": "false",
        "OEC_SITE_URL": "https://portal.oec.example",
        "LOG_LEVEL": "WARNING",
    }


def prepare(recipients):
    """A fresh bench month: the host, one partner in consultative status, `recipients` contacts."""
    from django.core.management import call_command

    from bulletins.models import Bulletin, Subscriber
    from members.models import Organisation, Suppression
    from partnerships.models import Contact, Partnership

    call_command("migrate", verbosity=0, interactive=False)
    Bulletin.objects.all().delete()
    Subscriber.objects.all().delete()
    Suppression.objects.all().delete()
    Organisation.objects.get_or_create(
        kind=Organisation.Kind.HOST,
        defaults={"name": "Organisation of Educational Cooperation", "slug": "oec"},
    )
    partner, _created = Organisation.objects.get_or_create(
        slug="bench-partner",
        defaults={
            "name": "Bench partner",
            "kind": Organisation.Kind.PARTNER_NGO,
            "status": Organisation.Status.ACTIVE,
        },
    )
    Partnership.objects.update_or_create(organisation=partner, defaults={"status": "consultative"})
    Contact.objects.filter(organisation=partner).delete()
    Contact.objects.bulk_create(
        [
            Contact(
                organisation=partner,
                name=f"Reader {number}",
                email=f"reader{number:05d}@bench.example",
                preferred_language=LANGUAGES[number % len(LANGUAGES)],
            )
            for number in range(recipients)
        ],
        batch_size=2000,
    )


def plain_loop(sink, sink_port, recipients):
    """The reference: the message a recipient of the bulletin receives (its layout, its links),
    sent with smtplib, one connection, one recipient a time."""
    import datetime
    import email.policy

    from django.conf import settings

    from bulletins import content
    from bulletins.models import Bulletin
    from bulletins.sending import ChunkSender, message_template
    from members.mail import site_url

    month = datetime.date(2026, 12, 1)
    subject, html, text = content.render_edition(
        bulletin=Bulletin(month=month), content=content.gather(month), language="en"
    )
    template = message_template("en", subject, html, text, settings.DEFAULT_FROM_EMAIL, site_url())
    sender = ChunkSender()
    reader = SimpleNamespace(email="reader00000@bench.example", language="en")
    unsubscribe_url, preferences_url = sender.urls(reader)
    message = sender.build(
        template,
        to=reader.email,
        message_id="<bulletin.0123456789abcdef.1@portal.oec.example>",
        unsubscribe_url=unsubscribe_url,
        preferences_url=preferences_url,
    )
    payload = message.message(policy=email.policy.SMTP).as_bytes()
    with smtplib.SMTP("127.0.0.1", sink_port) as smtp:
        smtp.sendmail("no-reply@oec.example", ["warm-up@bench.example"], payload)  # sink.thread
        sink.reset()
        started = time.perf_counter()
        sink_before = scheduled(sink_thread(sink))
        for number in range(recipients):
            smtp.sendmail("no-reply@oec.example", [f"reader{number:05d}@bench.example"], payload)
    sink.wait_for(recipients, timeout=600)
    elapsed = time.perf_counter() - started
    sink_after = scheduled(sink_thread(sink))
    report_cpu("plain loop", recipients, elapsed, sink=(sink_before, sink_after))
    return recipients / elapsed, len(payload)


def report_cpu(what, messages, elapsed, **parts):
    """One line: for each part, its CPU per message and its time waiting for a CPU."""
    figures = []
    for name, (before, after) in parts.items():
        on_cpu, waiting = (b - a for a, b in zip(before, after, strict=True))
        figures.append(
            f"{name} {on_cpu / messages * 1000:.2f} ms of CPU a message, "
            f"{waiting:.1f} s waiting for a CPU"
        )
    print(f"  {what} ({elapsed:.1f} s): " + "; ".join(figures), flush=True)


def drain(stream):
    # The worker's log, kept when BENCH_WORKER_LOG names a file (to see what a slow run did).
    log_path = os.environ.get("BENCH_WORKER_LOG")
    log = open(log_path, "w") if log_path else None  # noqa: SIM115
    for line in stream:
        if log:
            log.write(line)
            log.flush()


def bulletin_run(sink, recipients, worker_env, concurrency):
    import datetime

    import redis

    from bulletins import services
    from bulletins.models import Bulletin

    redis.Redis.from_url(REDIS_URL).flushdb()
    worker = start_celery_worker(
        {**os.environ, **worker_env}, concurrency=concurrency, ready_within=60, drain=drain
    )
    try:
        sink.reset()
        workers = children(worker)
        before = scheduled(sink_thread(sink)), scheduled(process_threads(workers))
        started = time.perf_counter()
        # Compose, approve (setting), write every row, enqueue the chunks after commit.
        services.bulletin_compose(month=datetime.date(2026, 12, 1))
        received = sink.wait_for(recipients, timeout=3600)
        elapsed = time.perf_counter() - started
        after = scheduled(sink_thread(sink)), scheduled(process_threads(workers))
        sink_cpu, workers_cpu = zip(before, after, strict=True)
        report_cpu("bulletin", recipients, elapsed, sink=sink_cpu, workers=workers_cpu)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if Bulletin.objects.filter(status=Bulletin.Status.SENT).exists():
                break
            time.sleep(0.05)
    finally:
        stop_process_group(worker, timeout=20)
    if not received:
        raise SystemExit(f"only {sink.count} of {recipients} messages arrived")
    return recipients / elapsed, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    # A `timeout` or Ctrl-C still runs the `finally` blocks, which stop the worker processes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    sink = CountingSink()
    sink_port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=sink_port)
    controller.start()
    env = environment(sink_port)
    os.environ.update(env)
    ensure_database()

    import django

    django.setup()
    print(f"Preparing {args.recipients} recipients in {DATABASE_URL.rsplit('/', 1)[1]} …")
    prepare(args.recipients)
    try:
        before, size = plain_loop(sink, sink_port, args.recipients)
        print(f"plain smtplib loop done: {before:.0f} messages/s ({size} bytes)", flush=True)
        bulletin_rate, elapsed = bulletin_run(sink, args.recipients, env, args.concurrency)
        # Again after: on a shared machine the loop's rate moves with the others' load.
        after, _size = plain_loop(sink, sink_port, args.recipients)
    finally:
        controller.stop()

    from django.conf import settings

    from bulletins.models import Delivery

    sent = Delivery.objects.filter(status=Delivery.Status.SENT).count()
    plain_rate = (before + after) / 2
    print(
        f"settings:                  chunk size {settings.OEC_BULLETIN_CHUNK_SIZE}, "
        f"async commit {'on' if settings.OEC_BULLETIN_ASYNC_COMMIT else 'off'}"
    )
    print(f"recipients:                {args.recipients}")
    print(f"delivery rows sent:        {sent}")
    print(
        f"plain smtplib loop:        {plain_rate:8.0f} messages/s "
        f"({before:.0f} before the bulletin, {after:.0f} after)"
    )
    print(
        f"bulletin ({args.concurrency} worker procs):  {bulletin_rate:8.0f} messages/s "
        f"({elapsed:.1f} s, queueing included)"
    )
    print(
        f"ratio:                     {bulletin_rate / plain_rate:8.0%}  (target >= 80%; "
        f"{bulletin_rate / before:.0%} and {bulletin_rate / after:.0%} of each loop)"
    )
    if sent != args.recipients:
        raise SystemExit("not every delivery row was marked sent")


if __name__ == "__main__":
    main()
