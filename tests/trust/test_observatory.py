"""SECURITY.md A7: started as on staging, the portal scores at least 100 in Mozilla's HTTP
Observatory, with no failing test.

"As on staging" means the production settings behind TLS: gunicorn serves HTTPS with a
certificate made for this run, and a second gunicorn answers plain HTTP, where Django's
SECURE_SSL_REDIRECT sends visitors to HTTPS (the observatory's redirection test). Both use the
test database.

The scanner (npm @mdn/mdn-http-observatory, installed by `make browser-tools`) only knows
http://<host>/ and https://<host>/ on the standard ports, so the portal binds 80 and 443, which
needs root (CI runs as root), on a loopback address of its own (127.x.y.z), so that parallel runs
never meet. Node trusts the run's certificate through NODE_EXTRA_CA_CERTS: with an untrusted one
the scanner would fail the redirection test, so TLS is checked for real.
"""

import json
import os
import random
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from http.client import HTTPConnection, HTTPSConnection
from pathlib import Path

import pytest
from django.db import connection

from tests.processes import stop_process_group

ROOT = Path(__file__).resolve().parents[2]
OBSERVATORY = ROOT / "node_modules" / "@mdn" / "mdn-http-observatory"
# scan() resolves the host and prints the result as JSON; it runs from ROOT, so the import
# finds ROOT/node_modules.
SCAN_SCRIPT = """
import { scan } from "@mdn/mdn-http-observatory";
const result = await scan(process.argv[1]);
console.log(JSON.stringify(result));
"""


@dataclass
class StagingPortal:
    address: str
    certificate: Path


def database_url():
    """The test database, for the gunicorn processes (they cannot see SQLite's in-memory one)."""
    if connection.vendor != "postgresql":
        pytest.fail("The observatory scan needs PostgreSQL: set DATABASE_URL (`make test` does).")
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


def free_loopback_address():
    """A loopback address where ports 80 and 443 are free."""
    for _attempt in range(20):
        address = f"127.{random.randint(1, 254)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        try:
            for port in (80, 443):
                with socket.socket() as sock:
                    sock.bind((address, port))
        except PermissionError:
            pytest.fail("The observatory scan binds ports 80 and 443: run it as root (as CI does).")
        except OSError:
            continue
        return address
    pytest.fail("No free loopback address for ports 80 and 443.")


def make_certificate(directory, address):
    """A self-signed certificate for the address, valid for a day; returns (cert, key)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            f"/CN={address}",
            "-addext",
            f"subjectAltName=IP:{address}",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def staging_env(directory, address):
    """The production settings, with static files collected into the directory (not the
    shared staticfiles/ of the working tree)."""
    static_root = directory / "static"
    (directory / "observatory_settings.py").write_text(
        "from oec_portal.settings.production import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(static_root)!r}\n"
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(directory),
        "DJANGO_SETTINGS_MODULE": "observatory_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": address,
        "OEC_HTTPS": "true",
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "WARNING",
    }
    # Production settings run without Redis (a local cache); keep the suite's Redis untouched.
    env.pop("REDIS_URL", None)
    return env


def start_gunicorn(env, bind, log, *tls_args):
    with log.open("w") as output:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "oec_portal.wsgi",
                "--bind",
                bind,
                "--workers",
                "1",
                # Its default control socket path is shared by every gunicorn of this user.
                "--no-control-socket",
                "--log-level",
                "warning",
                *tls_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def wait_until_answering(connect, process, log, timeout=30):
    """Wait until the server answers any request (http.client follows no redirect)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn exited:\n{log.read_text()}")
        conn = connect()
        try:
            conn.request("GET", "/healthz")
            conn.getresponse()
            return
        except OSError:
            time.sleep(0.2)
        finally:
            conn.close()
    pytest.fail(f"gunicorn did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture
def staging_portal(transactional_db, host, tmp_path):
    """The portal over HTTPS on 443 and plain HTTP on 80 of a loopback address of its own."""
    address = free_loopback_address()
    cert, key = make_certificate(tmp_path, address)
    env = staging_env(tmp_path, address)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    https_log, http_log = tmp_path / "https.log", tmp_path / "http.log"
    processes = []
    try:
        processes.append(
            start_gunicorn(
                env, f"{address}:443", https_log, "--certfile", str(cert), "--keyfile", str(key)
            )
        )
        processes.append(start_gunicorn(env, f"{address}:80", http_log))
        context = ssl.create_default_context(cafile=str(cert))
        wait_until_answering(
            lambda: HTTPSConnection(address, 443, timeout=2, context=context),
            processes[0],
            https_log,
        )
        wait_until_answering(lambda: HTTPConnection(address, 80, timeout=2), processes[1], http_log)
        yield StagingPortal(address=address, certificate=cert)
    finally:
        for process in processes:
            stop_process_group(process)


def observatory_scan(portal):
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed for the observatory scan.")
    # Written by `make browser-tools` in place of the postinstall download (see the Makefile).
    if not (OBSERVATORY / "conf" / "hsts-preload.json").exists():
        pytest.fail("The MDN HTTP Observatory is not installed: run `make browser-tools`.")
    scan = subprocess.run(
        [node, "--input-type=module", "-e", SCAN_SCRIPT, portal.address],
        cwd=ROOT,
        env={**os.environ, "NODE_EXTRA_CA_CERTS": str(portal.certificate)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert scan.returncode == 0, f"the scan failed:\n{scan.stderr}"
    return json.loads(scan.stdout)


def plain_text(html):
    """The scanner's explanations are HTML fragments; the failure message wants one line."""
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_observatory_scores_at_least_100_with_no_failing_test(staging_portal):
    result = observatory_scan(staging_portal)

    summary, tests = result["scan"], result["tests"]
    print(f"\nHTTP Observatory: {summary['score']} ({summary['grade']})")
    for name, test in tests.items():
        print(f"  {name}: {test['result']} ({test['scoreModifier']:+d})")
    failing = {
        name: f"{test['result']}: {plain_text(test['scoreDescription'])}"
        for name, test in tests.items()
        if not test["pass"]
    }
    assert summary["statusCode"] == 200
    assert failing == {}, f"score {summary['score']} ({summary['grade']}); failing: {failing}"
    assert summary["score"] >= 100, f"score {summary['score']} ({summary['grade']})"
