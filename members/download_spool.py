"""Download audit rows written to a spool file of the web process, loaded into PostgreSQL in
batches (issue 19), when OEC_DOWNLOAD_AUDIT_SPOOL names a directory (production: a volume of
the web host); without it each row is inserted in its request.

Why: the audit row's INSERT and commit were the larger part of a download's cost (without them
`make bench` served 30–33% of the reference's requests, with them 19%). Here the request only
appends one line to its process's spool file (one `write()`, no round trip), and a thread of
the same process loads the rows with one INSERT a second (or every BATCH rows).

No row is lost when a worker dies: the line is in the file before the file is handed out, and
the file outlives its process. Each process writes its own file and holds an exclusive flock on
it for as long as it writes it; any file of the directory that nobody holds (a full file set
aside by its writer, the file of a killed process) is loaded by whichever process takes its lock
first, then removed. A file loaded again after a crash between the INSERT and the removal
counts once: each row carries a key of its own (`spool_key`, unique; ON CONFLICT DO NOTHING).
When the database is away the files wait, and are loaded when it is back. A host lost with its
disk loses what it had spooled and not loaded yet: about its last second of downloads.
"""

import atexit
import datetime
import fcntl
import json
import logging
import os
import socket
import threading
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError, connections, router
from django.db.models import SET_NULL

logger = logging.getLogger(__name__)

# Lines that wake the loader before its second is up.
BATCH = 100
LOAD_EVERY_SECONDS = 1.0
SUFFIX = ".rows"
# Tests that load the files themselves, in their own transaction, turn the thread off.
LOAD_IN_BACKGROUND = True


def enabled():
    return bool(settings.OEC_DOWNLOAD_AUDIT_SPOOL)


def start():
    """Where the spool is on, start this process's loading thread now (web processes, at
    their start: wsgi.py)."""
    if enabled():
        _spool()


def append(records):
    """Spool audit rows of one model (new, unsaved DownloadRecords): their values and a key
    each, as one line of this process's spool file."""
    model = records[0]._meta.label
    rows = [_values(record) for record in records]
    _spool().write(json.dumps({"model": model, "rows": rows}, default=_isoformat) + "\n")


def flush():
    """Set this process's spool file aside and load every waiting file: what its thread does
    each second, and a worker's exit."""
    _spool().set_aside_and_load()


def load_waiting_files(directory=None):
    """Load every spool file that no process is writing (the set-aside files of every process,
    the files of dead ones) into the database, and remove each once loaded. Returns the rows
    loaded."""
    directory = Path(directory or settings.OEC_DOWNLOAD_AUDIT_SPOOL)
    loaded = 0
    for path in sorted(directory.glob(f"*{SUFFIX}")):
        loaded += _load_if_free(path)
    return loaded


def _values(record):
    values = {
        field.column: getattr(record, field.attname)
        for field in record._meta.concrete_fields
        if not field.primary_key
    }
    values["spool_key"] = str(uuid.uuid4())
    return values


def _isoformat(value):
    # Not DjangoJSONEncoder: it cuts a time to milliseconds, and the audit keeps microseconds.
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"not a value of an audit row: {value!r}")


def _load_if_free(path):
    try:
        handle = path.open("rb")
    except FileNotFoundError:  # loaded and removed by another process meanwhile
        return 0
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:  # its writer is alive, or another process is loading it
            return 0
        if not path.exists():  # removed between our open and our lock: loaded already
            return 0
        batches = _read(handle, path)
        try:
            for model, rows in batches.items():
                _insert(model, rows)
        except DatabaseError:
            logger.warning("download audit spool: database unavailable, %s waits", path.name)
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()
            return 0
        path.unlink()
        return sum(len(rows) for rows in batches.values())


def _read(handle, path):
    """The rows of each model that the file holds, as spooled (by column)."""
    batches = {}
    for number, line in enumerate(handle, start=1):
        try:
            entry = json.loads(line)
            model, rows = apps.get_model(entry["model"]), entry["rows"]
        except (ValueError, KeyError, LookupError, TypeError):
            # Only a line cut short by a full disk can be malformed: say so, load the others.
            logger.error("download audit spool: %s line %d unreadable: %r", path, number, line)
            continue
        batches.setdefault(model, []).extend(rows)
    return batches


def _insert(model, rows):
    """All the rows in one INSERT, PostgreSQL reading them from JSON (json_populate_recordset:
    the loader builds no model and converts no value, so that its thread takes little from the
    requests); a row loaded before is left as it is. A user, organisation or file deleted since
    the download leaves its column empty, as their SET_NULL would have (instead of a foreign
    key error that would keep the whole file waiting)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(field.column) for field in fields)
    values = ", ".join(_spooled_value(field, quote) for field in fields)
    # The model's own names, quoted; the rows are one parameter.
    sql = (
        f"INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608
        f"FROM json_populate_recordset(NULL::{table}, %s) AS spooled "
        "ON CONFLICT (spool_key) DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [json.dumps(rows)])


def _spooled_value(field, quote):
    value = f"spooled.{quote(field.column)}"
    if not field.is_relation:
        return value
    assert field.remote_field.on_delete is SET_NULL, field
    target = field.target_field
    key = quote(target.column)
    # Names of the model, quoted.
    return f"(SELECT {key} FROM {quote(target.model._meta.db_table)} WHERE {key} = {value})"  # noqa: S608


class _SpoolFile:
    """This process's spool file and the thread that loads the directory's waiting files."""

    def __init__(self, directory):
        if connections["default"].vendor != "postgresql":
            raise ImproperlyConfigured("OEC_DOWNLOAD_AUDIT_SPOOL needs PostgreSQL")
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.handle = None
        self.lines = 0
        if LOAD_IN_BACKGROUND:
            threading.Thread(target=self._load_forever, daemon=True, name="spool").start()
            atexit.register(self.set_aside_and_load)

    def write(self, line):
        with self.lock:
            if self.handle is None:
                self.handle = self._new_file()
            # One write() of one line, O_APPEND: whole, and in the file once this returns.
            os.write(self.handle.fileno(), line.encode())
            self.lines += 1
            if self.lines >= BATCH:
                self.wake.set()

    def set_aside_and_load(self):
        """Close the file being written (its lock goes with it: it is waiting now), then load
        every waiting file."""
        with self.lock:
            if self.handle is not None:
                self.handle.close()
                self.handle, self.lines = None, 0
        load_waiting_files(self.directory)

    def _new_file(self):
        path = self.directory / f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex}"
        # Readable by the portal's user alone: the rows name users and their addresses.
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_EXCL, 0o600)
        handle = os.fdopen(descriptor, "ab", buffering=0)
        fcntl.flock(handle, fcntl.LOCK_EX)
        # Named for the loaders only once locked: none can take it between its birth and then.
        path.rename(path.with_suffix(SUFFIX))
        return handle

    def _load_forever(self):
        while True:
            self.wake.wait(LOAD_EVERY_SECONDS)
            self.wake.clear()
            try:
                self.set_aside_and_load()
            except Exception:
                # The files stay; the next round tries again.
                logger.exception("download audit spool: loading failed")
            finally:
                # This thread's own connection: not held between rounds.
                connections.close_all()


_spools = {}
_spools_lock = threading.Lock()


def _spool():
    # One per process and directory: a forked child (gunicorn's workers, if preloaded) makes
    # its own file and thread.
    key = (os.getpid(), settings.OEC_DOWNLOAD_AUDIT_SPOOL)
    spool = _spools.get(key)
    if spool is None:
        with _spools_lock:
            spool = _spools.get(key)
            if spool is None:
                spool = _spools[key] = _SpoolFile(key[1])
    return spool
