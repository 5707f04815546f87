"""`make bench`: the portal beside a bare Django reference, both under gunicorn, driven by wrk.

For every URL, rounds alternate: the reference for `--duration` seconds, then the portal. The
figures printed are medians over the rounds: requests per second, p50 and p99 latency, the
ratio to the reference; then, for the soak (SECURITY.md F1), the resident memory of each
gunicorn worker after the first URL and after the run, and the database connections held.

It needs PostgreSQL and Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, by default the local
servers, database `oec_bench`, Redis database 5) and Debian's wrk. Traffic goes to 127.0.0.1
only, and every wrk run is bounded in time.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
# gunicorn runs from an environment with the production pins only (requirements.lock), as in
# the Docker image: test tools installed beside the portal (pytest, requests, pygments…) would
# be imported by libraries that look for them, and counted in the workers' memory.
PRODUCTION_VENV = ROOT / "var" / "bench-venv"
# BENCH_PORT moves both (the portal on it, the reference on the next one): two benches on one
# machine must not answer each other's wrk.
PORTAL_PORT = int(os.environ.get("BENCH_PORT", "8101"))
REFERENCE_PORT = PORTAL_PORT + 1
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/oec_bench?conn_max_age=600"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
DELEGATE = ("delegate@djibouti.example", "demo-pass-2026")

# (label, path — "{name}" is filled from build_bench_data's description —, as the delegate)
URLS = [
    ("home", "/en/", False),
    ("news list", "/en/news/", False),
    ("news article", "{article}", False),
    ("member directory", "/en/members/", False),
    ("microsite", "/en/members/occe/", False),
    ("partner database, filtered", "/en/partners/?region=africa", False),
    ("partner search", "/en/partners/?q=education", False),
    ("dashboard (delegate)", "/en/dashboard/", True),
    ("document register (delegate)", "/en/documents/", True),
    ("document download (delegate)", "{download}", True),
    ("search (delegate)", "/en/search/?q=education", True),
]


def _scaled_database_url(scale):
    """The bench database's URL with `_x<scale>` after its name: data only ever grows."""
    parts = urllib.parse.urlparse(DATABASE_URL)
    return parts._replace(path=f"{parts.path}_x{scale}").geturl()


def portal_env():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oec_portal.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "OEC_HTTPS": "false",
        "DATABASE_URL": DATABASE_URL,
        "REDIS_URL": REDIS_URL,
        # Each data set keeps its own pages and parts in the cache.
        "CACHE_KEY_PREFIX": "bench-" + urllib.parse.urlparse(DATABASE_URL).path.lstrip("/"),
        "LOG_LEVEL": "WARNING",
        # As docker-compose.yml: downloads' audit rows through the spool
        # (members/download_spool.py).
        "OEC_DOWNLOAD_AUDIT_SPOOL": os.environ.get(
            "OEC_DOWNLOAD_AUDIT_SPOOL", str(ROOT / "var" / "bench-download-spool")
        ),
    }


def manage(*args, capture=False):
    return subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=portal_env(),
        check=True,
        text=True,
        capture_output=capture,
    ).stdout


def ensure_database():
    name = urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-Atc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def ensure_production_venv():
    """var/bench-venv with requirements.lock installed, rebuilt when the lock changes."""
    lock = ROOT / "requirements.lock"
    stamp = PRODUCTION_VENV / ".installed-lock"
    if stamp.exists() and stamp.read_text() == lock.read_text():
        return
    if not (PRODUCTION_VENV / "bin" / "python").exists():
        # The interpreter of .venv, so that both run the same Python.
        python = (BIN / "python").resolve()
        subprocess.run([str(python), "-m", "venv", str(PRODUCTION_VENV)], check=True)
    pip = [str(PRODUCTION_VENV / "bin" / "pip"), "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-r", str(lock)], check=True)
    stamp.write_text(lock.read_text())


def database_connections():
    """Connections to the bench database other than this query's own."""
    name = urllib.parse.urlparse(DATABASE_URL).path.lstrip("/")
    query = (
        "SELECT count(*) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )
    return subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-Atc", query, name],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def start_gunicorn(app, port, cwd, env):
    process = subprocess.Popen(
        [
            str(PRODUCTION_VENV / "bin" / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except urllib.error.HTTPError:
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"gunicorn on port {port} did not start")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def log_in(base):
    """A session cookie of the demo delegate, through the real login form."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_url = f"{base}/en/accounts/login/"
    opener.open(login_url, timeout=10).read()
    token = next(cookie.value for cookie in jar if cookie.name.endswith("csrftoken"))
    data = urllib.parse.urlencode(
        {"login": DELEGATE[0], "password": DELEGATE[1], "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(login_url, data=data, headers={"Referer": login_url})
    opener.open(request, timeout=10).read()
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _millis(text):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url, duration, connections, cookie=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "5s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=duration + 30
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _millis(re.search(r"\s50%\s+(\S+)", output).group(1)),
        "p99": _millis(re.search(r"\s99%\s+(\S+)", output).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


def worker_rss_mb(master):
    children = subprocess.run(
        ["ps", "--ppid", str(master.pid), "-o", "pid="], capture_output=True, text=True
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024)
    return sizes


def _megabytes(sizes):
    return ", ".join(f"{size:.0f} MB" for size in sizes)


def check_status(url, cookie):
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", help="run only URLs whose label contains this text")
    parser.add_argument(
        "--scale",
        type=int,
        default=1,
        help="the data set N times larger (build_bench_data --scale), in a database of its own",
    )
    options = parser.parse_args()
    if options.scale != 1:
        global DATABASE_URL
        DATABASE_URL = _scaled_database_url(options.scale)
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")

    ensure_production_venv()
    ensure_database()
    manage("migrate", "--noinput", "-v0")
    manage("seed_demo")
    description = json.loads(
        manage("build_bench_data", "--scale", str(options.scale), capture=True)
        .strip()
        .splitlines()[-1]
    )
    manage("collectstatic", "--noinput", "-v0")

    portal = start_gunicorn("oec_portal.wsgi:application", PORTAL_PORT, ROOT, portal_env())
    reference_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings"}
    reference = start_gunicorn(
        "wsgi:application", REFERENCE_PORT, ROOT / "bench" / "reference", reference_env
    )
    portal_base = f"http://127.0.0.1:{PORTAL_PORT}"
    results = []
    try:
        cookie = log_in(portal_base)
        print(f"data set: {json.dumps(description['counts'])}")
        print(
            f"{options.rounds} rounds × {options.duration}s × {options.connections} connections"
            " per URL; medians; the reference alternates with each URL\n"
        )
        header = (
            f"{'URL':32} {'req/s':>8} {'ref req/s':>10} {'ratio':>7} {'p50 ms':>8} "
            f"{'p99 ms':>8} {'errors':>7}"
        )
        print(header)
        print("-" * len(header))
        memory_after_first_url, connections = None, []
        for label, path, as_delegate in URLS:
            if options.only and options.only not in label:
                continue
            try:
                path = path.format(**description["paths"])
            except KeyError as missing:
                print(f"{label:32} skipped: the data set has no {missing}")
                continue
            url = portal_base + path
            status = check_status(url, cookie if as_delegate else None)
            if status != 200:
                print(f"{label:32} skipped: {path} answers {status}")
                continue
            portal_runs, reference_runs = [], []
            for _ in range(options.rounds):
                reference_runs.append(
                    wrk(
                        f"http://127.0.0.1:{REFERENCE_PORT}/", options.duration, options.connections
                    )
                )
                portal_runs.append(
                    wrk(url, options.duration, options.connections, cookie if as_delegate else None)
                )
            row = {
                "url": label,
                "path": path,
                "rps": statistics.median(r["rps"] for r in portal_runs),
                "reference_rps": statistics.median(r["rps"] for r in reference_runs),
                "p50_ms": statistics.median(r["p50"] for r in portal_runs),
                "p99_ms": statistics.median(r["p99"] for r in portal_runs),
                "errors": sum(r["errors"] for r in portal_runs),
            }
            row["ratio"] = row["rps"] / row["reference_rps"]
            results.append(row)
            # The soak check: memory after the first URL, compared with the end of the run.
            memory_after_first_url = memory_after_first_url or worker_rss_mb(portal)
            connections.append(int(database_connections()))
            print(
                f"{label:32} {row['rps']:8.0f} {row['reference_rps']:10.0f} "
                f"{row['ratio']:6.1%} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} "
                f"{row['errors']:7d}",
                flush=True,
            )
        memory = worker_rss_mb(portal)
        print(
            f"\nportal gunicorn workers, resident memory after the run: {_megabytes(memory)}"
            f" (after the first URL: {_megabytes(memory_after_first_url or [])})"
        )
        print(
            f"PostgreSQL connections held, after each URL: at most {max(connections, default=0)}"
            f", at the end {database_connections()} (2 workers; they close when idle past"
            " CONN_MAX_AGE)"
        )
        print(f"reference workers: {_megabytes(worker_rss_mb(reference))}")
        out = ROOT / "var" / "bench-results.json"
        figures = {
            "results": results,
            "worker_rss_mb": memory,
            "worker_rss_mb_after_first_url": memory_after_first_url,
            "database_connections_after_each_url": connections,
        }
        out.write_text(json.dumps(figures, indent=2))
        print(f"figures saved to {out.relative_to(ROOT)}")
    finally:
        stop(portal)
        stop(reference)


if __name__ == "__main__":
    main()
