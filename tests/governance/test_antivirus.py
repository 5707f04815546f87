"""The optional antivirus hook (SECURITY.md D5): with OEC_ANTIVIRUS_URL set, every upload is
scanned by ClamAV's clamd before it is kept, and the hook fails closed.

An infected file (EICAR's test file) is refused with a clear message and leaves nothing
behind; while clamd is down or does not answer, every upload is refused and nothing is stored.
The daemon is the real one (Debian's clamav-daemon, installed by `make test`) with a database
of one signature, EICAR's test string anywhere in a file: ClamAV's own database is downloaded
from the internet, which this machine cannot reach.
"""

import io
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from governance.demo import minimal_pdf
from governance.models import Document, DocumentFile
from governance.services import document_file_store
from members.images import clean_image
from news.admin import ArticleAdminForm
from news.forms import check_article_image
from news.models import Article
from tests.factories import DocumentFactory
from tests.network import free_port

CLAMD = "/usr/sbin/clamd"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
REFUSED_AS_INFECTED = "This file was refused: the virus scan found “Eicar-Test-Signature"
NOT_CHECKED = (
    "The file could not be checked for viruses, so it was not accepted. "
    "Nothing was saved; please try again later."
)
ROOT = Path(__file__).resolve().parents[2]


def _answers_ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"zPING\0")
            return connection.recv(16) == b"PONG\0"
    except OSError:
        return False


@pytest.fixture(scope="module")
def clamd(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    # A body signature (.ndb): EICAR's string at any offset of any file.
    (folder / "db" / "eicar.ndb").write_text(f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n")
    port = free_port()
    (folder / "clamd.conf").write_text(
        "Foreground yes\n"
        f"TCPSocket {port}\nTCPAddr 127.0.0.1\nLocalSocket {folder}/clamd.sock\n"
        f"DatabaseDirectory {folder}/db\nLogFile {folder}/clamd.log\nLogClean yes\n"
        "StreamMaxLength 30M\n"
    )
    process = subprocess.Popen(
        [CLAMD, "-c", str(folder / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not _answers_ping(port):
        assert process.poll() is None, (folder / "clamd.log").read_text()
        assert time.monotonic() < deadline, "clamd did not answer PING within 30 s"
        time.sleep(0.2)
    yield SimpleNamespace(
        tcp=f"tcp://127.0.0.1:{port}",
        unix=f"unix://{folder}/clamd.sock",
        process=process,
        log=folder / "clamd.log",
    )
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def scanning(clamd, settings):
    settings.OEC_ANTIVIRUS_URL = clamd.tcp
    settings.OEC_ANTIVIRUS_TIMEOUT = 5
    return clamd


@pytest.fixture
def document(host, first_session):
    return DocumentFactory(symbol="OEC/GA/1/9", session=first_session, organisation=host)


def _pdf(name="report.pdf", extra=b""):
    return SimpleUploadedFile(name, minimal_pdf("Report") + extra, content_type="application/pdf")


def _png(extra=b""):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue() + extra, content_type="image/png")


def _clean_scans(clamd):
    return clamd.log.read_text().count("): OK")  # clamd logs "instream(<client>): OK"


# --- Documents ---------------------------------------------------------------------------------


def test_an_infected_document_is_refused_and_nothing_is_stored(
    scanning, document, settings, caplog
):
    with caplog.at_level(logging.WARNING, logger="oec.security"):
        with pytest.raises(ValidationError) as refused:
            document_file_store(document=document, language="en", uploaded=_pdf(extra=EICAR))
    assert refused.value.messages[0].startswith(REFUSED_AS_INFECTED)
    assert DocumentFile.objects.count() == 0
    assert [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()] == []
    event = [r.getMessage() for r in caplog.records if r.name == "oec.security"]
    assert event == [
        "upload refused by the antivirus: signature=Eicar-Test-Signature.UNOFFICIAL "
        f"name='report.pdf' size={len(minimal_pdf('Report') + EICAR)}"
    ]


def test_a_clean_document_is_scanned_then_kept(scanning, document):
    scans_before = _clean_scans(scanning)
    stored = document_file_store(document=document, language="en", uploaded=_pdf())
    assert stored.pk and stored.file.storage.exists(stored.file.name)
    assert _clean_scans(scanning) > scans_before


def test_the_back_office_shows_the_refusal_and_publishes_nothing(
    scanning, client, conference_officer, first_session, budget_item
):
    client.force_login(conference_officer)
    response = client.post(
        reverse("admin:governance_document_add"),
        {
            "symbol": "OEC/GA/1/12",
            "title_en": "Budget proposal",
            "type": "programme_budget",
            "session": first_session.pk,
            "agenda_item": budget_item.pk,
            "publication_date": "2021-11-15",
            "access": "public",
            "files-TOTAL_FORMS": "1",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
            "files-0-language": "en",
            "files-0-file": _pdf("Budget.pdf", extra=EICAR),
        },
    )
    assert response.status_code == 200
    assert REFUSED_AS_INFECTED in response.content.decode()
    assert not Document.objects.filter(symbol="OEC/GA/1/12").exists()


def test_the_unix_socket_of_clamd_works_as_well(clamd, settings, document):
    settings.OEC_ANTIVIRUS_URL = clamd.unix
    with pytest.raises(ValidationError, match="Eicar-Test-Signature"):
        document_file_store(document=document, language="en", uploaded=_pdf(extra=EICAR))
    assert document_file_store(document=document, language="en", uploaded=_pdf()).pk


# --- Images --------------------------------------------------------------------------------------


def test_an_infected_image_is_refused_before_it_is_decoded(scanning):
    with pytest.raises(ValidationError) as refused:
        clean_image(_png(extra=EICAR))
    assert refused.value.messages[0].startswith(REFUSED_AS_INFECTED)
    assert clean_image(_png()).name.endswith(".png")


def test_an_infected_news_image_is_refused(scanning):
    def checked(upload):
        # What Django's ImageField hands the form: the upload, opened once by Pillow.
        return check_article_image(forms.ImageField().clean(upload))

    with pytest.raises(ValidationError, match="Eicar-Test-Signature"):
        checked(_png(extra=EICAR))
    assert checked(_png())


def test_the_news_admin_checks_images_as_the_members_form_does(scanning):
    assert admin.site._registry[Article].form is ArticleAdminForm
    form = ArticleAdminForm()
    form.cleaned_data = {"image": forms.ImageField().clean(_png(extra=EICAR))}
    with pytest.raises(ValidationError, match="Eicar-Test-Signature"):
        form.clean_image()


# --- Failing closed ----------------------------------------------------------------------------


def test_while_clamd_is_down_every_upload_is_refused_and_nothing_is_stored(
    settings, document, caplog
):
    settings.OEC_ANTIVIRUS_URL = f"tcp://127.0.0.1:{free_port()}"  # nobody listens
    with caplog.at_level(logging.ERROR, logger="members.antivirus"):
        with pytest.raises(ValidationError) as refused:
            document_file_store(document=document, language="en", uploaded=_pdf())
        with pytest.raises(ValidationError):
            clean_image(_png())
    assert refused.value.messages == [NOT_CHECKED]
    assert DocumentFile.objects.count() == 0
    assert "did not check an upload" in caplog.text


def test_a_clamd_that_does_not_answer_in_time_fails_closed(scanning, settings, document):
    settings.OEC_ANTIVIRUS_TIMEOUT = 1
    os.kill(scanning.process.pid, signal.SIGSTOP)  # connections are accepted, never answered
    try:
        with pytest.raises(ValidationError) as refused:
            document_file_store(document=document, language="en", uploaded=_pdf())
    finally:
        os.kill(scanning.process.pid, signal.SIGCONT)
    assert refused.value.messages == [NOT_CHECKED]
    assert DocumentFile.objects.count() == 0


def test_a_file_larger_than_clamd_accepts_is_refused_too(scanning, document, settings):
    settings.OEC_MAX_UPLOAD_BYTES = 40 * 1024 * 1024  # above clamd's StreamMaxLength (30M)
    big = _pdf("big.pdf", extra=b"0" * (31 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        document_file_store(document=document, language="en", uploaded=big)
    assert refused.value.messages == [NOT_CHECKED]


def test_without_an_antivirus_uploads_are_checked_by_content_only(settings, document):
    settings.OEC_ANTIVIRUS_URL = ""
    assert document_file_store(document=document, language="en", uploaded=_pdf(extra=EICAR)).pk


def test_an_antivirus_address_of_another_kind_stops_the_portal_with_a_clear_error():
    environment = {**os.environ, "OEC_ANTIVIRUS_URL": "http://clamav:3310"}
    started = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "oec_portal.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert started.returncode != 0
    assert "OEC_ANTIVIRUS_URL must start with tcp:// or unix://" in started.stderr
