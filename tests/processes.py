"""Server processes that tests and benchmarks start and stop (a real Celery worker, gunicorn).

Each runs in a process group of its own (`start_new_session=True`), so that stopping the group
stops the children it forked too.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_python(code, *, timeout=120, **environment):
    """What `code` prints, run by Python in a process of its own with the test settings (and
    `environment` on top of this process's): for what a new process does at its start."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "oec_portal.settings.test", **environment}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=timeout,
    ).stdout


def discard(stream):
    for _line in stream:
        pass


def start_celery_worker(env, *, concurrency=1, ready_within=30, drain=discard):
    """`celery worker` of the portal with `env` as its whole environment; returns the process
    once the worker says it is ready. `drain(stream)` then reads its log in a thread (so that
    the pipe never fills up and blocks the worker)."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "oec_portal",
            "worker",
            "--loglevel",
            "info",
            "--concurrency",
            str(concurrency),
            "--pool",
            "prefork",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + ready_within
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if "ready." in line:
            threading.Thread(target=drain, args=[process.stdout], daemon=True).start()
            return process
        if process.poll() is not None:
            raise RuntimeError(f"celery worker exited: {line}")
    raise RuntimeError("celery worker did not become ready")


def kill_process_group(process):
    """SIGKILL the process and its children at once, as a crash would."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def stop_process_group(process, timeout=15):
    """Ask the process and its children to stop (SIGTERM); kill them if they take longer than
    `timeout` seconds."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_process_group(process)
