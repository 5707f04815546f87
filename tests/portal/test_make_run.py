"""Smoke test of `make run`'s path: fresh SQLite, migrate, seed_demo, serve, fetch pages."""

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.network import free_port

ROOT = Path(__file__).resolve().parents[2]


def test_make_run_path_on_sqlite(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
    seeded = subprocess.run(
        [*manage, "seed_demo"], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    assert "admin@oec.example" in seeded.stdout
    port = free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        body = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/", timeout=2) as response:
                    body = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "Organisation of Educational Cooperation" in body
        assert "<dd>8</dd>" in body  # founding states of the demo data
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
