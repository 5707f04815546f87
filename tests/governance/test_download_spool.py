"""Downloads' audit rows through the spool (members.download_spool; production's
OEC_DOWNLOAD_AUDIT_SPOOL): the request appends the row to its process's file, the rows reach
the database in batches, exactly once, even when the writing process is killed or the database
is away for a while."""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from governance.models import DocumentDownload
from members import download_spool
from tests.postgresql import from_another_connection

pytestmark = pytest.mark.usefixtures("private_media")


@pytest.fixture
def spool(settings, tmp_path, monkeypatch):
    """The spool in a directory of the test; the test loads the files itself, in its own
    transaction (the thread would load them in another)."""
    settings.OEC_DOWNLOAD_AUDIT_SPOOL = str(tmp_path / "spool")
    monkeypatch.setattr(download_spool, "LOAD_IN_BACKGROUND", False)
    return Path(settings.OEC_DOWNLOAD_AUDIT_SPOOL)


def download(client, delegate, document):
    client.force_login(delegate)
    url = reverse("governance:document_download", args=[document.slug, "en"])
    response = client.get(url, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    return response


def rows():
    return list(
        DocumentDownload.objects.order_by("pk").values_list(
            "symbol", "language", "user__email", "organisation__slug", "ip"
        )
    )


def test_a_download_writes_its_row_to_the_spool_and_the_load_puts_it_in_the_database(
    client, delegate_a, documents, spool
):
    download(client, delegate_a, documents["restricted"])

    # The request wrote no row: one line in its process's file, which nobody else may load
    # while it is being written.
    assert rows() == []
    [file] = spool.iterdir()
    assert len(file.read_text().splitlines()) == 1
    assert file.stat().st_mode & 0o777 == 0o600
    assert download_spool.load_waiting_files() == 0
    assert file.exists()

    download_spool.flush()

    assert rows() == [("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", "192.0.2.7")]
    assert list(spool.iterdir()) == []


def test_every_row_of_a_file_is_loaded_with_its_own_time(client, delegate_a, documents, spool):
    for name in ("restricted", "members", "public"):
        download(client, delegate_a, documents[name])
    download_spool.flush()

    assert [symbol for symbol, *_ in rows()] == ["OEC/GA/1/3", "OEC/GA/1/2", "OEC/GA/1/1"]
    times = list(DocumentDownload.objects.order_by("pk").values_list("at", flat=True))
    assert times == sorted(times) and len(set(times)) == 3


def test_a_row_whose_user_and_file_went_meanwhile_is_kept_without_them(
    client, delegate_a, documents, spool
):
    download(client, delegate_a, documents["restricted"])
    delegate_a.delete()
    documents["restricted"].files.get().delete()

    download_spool.flush()

    assert rows() == [("OEC/GA/1/3", "en", None, "member-a", "192.0.2.7")]
    assert DocumentDownload.objects.get().document_file is None


def test_a_file_loaded_again_after_a_crash_counts_once(client, delegate_a, documents, spool):
    # A crash between the INSERT and the file's removal: the next load reads it again.
    download(client, delegate_a, documents["restricted"])
    download(client, delegate_a, documents["public"])
    [file] = spool.iterdir()
    kept = file.read_bytes()
    download_spool.flush()
    assert len(rows()) == 2

    file.write_bytes(kept)
    assert download_spool.load_waiting_files() == 2

    assert len(rows()) == 2
    assert list(spool.iterdir()) == []


def test_the_rows_of_a_killed_worker_are_loaded_by_another_process(
    delegate_a, member_a, documents, spool
):
    kill_a_worker_that_spooled_three_rows(documents, delegate_a, member_a, spool)
    [file] = spool.iterdir()  # its file outlived it, its lock did not

    assert download_spool.load_waiting_files() == 3

    assert rows() == [("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", None)] * 3
    assert list(spool.iterdir()) == []


def kill_a_worker_that_spooled_three_rows(documents, delegate, member, spool):
    document_file = documents["restricted"].files.get()
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WORKER, str(document_file.pk), str(delegate.pk)],
        env={**os.environ, "OEC_TEST_SPOOL": str(spool), "OEC_TEST_ORGANISATION": str(member.pk)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert killed.returncode == -9, killed.stderr


# A web process that spools three rows (after the policy check, as the view does) and is
# killed before its thread loads them.
KILLED_WORKER = textwrap.dedent(
    """
    import os, signal, sys
    import django
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oec_portal.settings.test")
    django.setup()
    from django.conf import settings
    from governance.models import DocumentDownload
    from members import download_spool
    settings.OEC_DOWNLOAD_AUDIT_SPOOL = os.environ["OEC_TEST_SPOOL"]
    download_spool.LOAD_IN_BACKGROUND = False
    file_pk, user_pk = map(int, sys.argv[1:3])
    for _ in range(3):
        download_spool.append([DocumentDownload(
            document_file_id=file_pk, symbol="OEC/GA/1/3", language="en", user_id=user_pk,
            organisation_id=int(os.environ["OEC_TEST_ORGANISATION"]),
        )])
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.django_db(transaction=True)
def test_the_files_wait_while_the_database_is_away(client, delegate_a, documents, spool):
    download(client, delegate_a, documents["restricted"])
    connection.ensure_connection()
    # The database ends this process's session, as a restart would.
    from_another_connection(
        "SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid]
    )

    download_spool.flush()

    [file] = spool.iterdir()
    assert file.read_text().count("\n") == 1
    # Back: the next round loads the file that waited.
    assert download_spool.load_waiting_files() == 1
    assert rows() == [("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", "192.0.2.7")]


@pytest.mark.django_db(transaction=True)
def test_a_web_process_loads_a_killed_workers_rows_from_its_start(
    delegate_a, member_a, documents, spool, monkeypatch
):
    kill_a_worker_that_spooled_three_rows(documents, delegate_a, member_a, spool)
    monkeypatch.setattr(download_spool, "LOAD_IN_BACKGROUND", True)

    download_spool.start()  # as wsgi.py does; no download of its own

    deadline = time.monotonic() + 10
    while len(rows()) < 3 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(rows()) == 3
    assert list(spool.iterdir()) == []


@pytest.mark.django_db(transaction=True)
def test_the_process_thread_loads_its_rows_within_seconds(
    client, delegate_a, documents, spool, monkeypatch
):
    monkeypatch.setattr(download_spool, "LOAD_IN_BACKGROUND", True)
    download(client, delegate_a, documents["restricted"])

    deadline = time.monotonic() + 10
    while not rows() and time.monotonic() < deadline:
        time.sleep(0.1)

    assert rows() == [("OEC/GA/1/3", "en", "delegate@member-a.example", "member-a", "192.0.2.7")]


def test_another_private_files_download_goes_through_the_spool_too(delegate_a, member_a, spool):
    from members.models import PrivateFileDownload
    from members.private_file_downloads import private_file_download_record

    member_a.logo.name = "logos/member-a.png"
    private_file_download_record(
        field_file=member_a.logo, owner=member_a, user=delegate_a, organisation=member_a, ip=""
    )
    assert not PrivateFileDownload.objects.exists()

    download_spool.flush()

    row = PrivateFileDownload.objects.values_list(
        "what", "object_id", "file_name", "owner__slug", "user__email", "ip"
    ).get()
    assert row == (
        "members.organisation.logo",
        member_a.pk,
        "logos/member-a.png",
        "member-a",
        "delegate@member-a.example",
        None,
    )
