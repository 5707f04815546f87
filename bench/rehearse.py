"""`make rehearse`: the portal on several hosts (network namespaces), under load, through faults.

It builds, on this machine, a small data centre of its own: one network namespace per host, all
plugged into a bridge that lives in a namespace of its own (oecrh-sw), addresses in
10.77.0.0/24 only inside the namespaces (nothing is added to the machine's own network):

    lb      10.77.0.10  nginx, deploy/nginx.conf with its upstream templated to web1 and web2
    web1/2  10.77.0.11/12  gunicorn, 2 sync workers (Dockerfile's command), production settings
    worker  10.77.0.20  celery worker (2 processes)      beat  10.77.0.21  celery beat
    pg1     10.77.0.30  PostgreSQL 15 primary            pg2   10.77.0.31  streaming replica
    cache   10.77.0.40  Redis, the cache (allkeys-lru)   broker 10.77.0.41 Redis, the broker
    smtp    10.77.0.60  an SMTP sink (aiosmtpd) that writes down every recipient it accepts
    client  10.77.0.50  wrk (bench/rehearse.lua) and a probe

Then, one at a time, under a bounded wrk load (anonymous pages, a page-cache miss, signed-in
pages with the demo delegate's session cookie, a document download), it: kills a web host
(its processes and its link); kills the worker in the middle of a bulletin to a few thousand
recipients and brings it back; stops the replica; stops the cache's Redis; restarts the primary.
It prints a table: requests, failed, 5xx and p99 during the fault and after it, the time until
the probe (a signed-in page and an anonymous cache miss, every 100 ms) saw its last failure; and
for the bulletin, the ledger against the mails the sink received (every recipient exactly once);
for the downloads, those nginx answered 200 against their audit rows (every one audited).

Everything it made (namespaces, processes, the temporary directory with the data directories)
is removed at the end, on Ctrl-C or SIGTERM too; `make rehearse-clean` removes what a killed
run left. Needs root, iproute2, PostgreSQL 15's binaries, redis-server, nginx and wrk.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PREFIX = "oecrh-"
TMP_PREFIX = "oec-rehearse-"
HOSTS = {
    "lb": "10.77.0.10",
    "web1": "10.77.0.11",
    "web2": "10.77.0.12",
    "worker": "10.77.0.20",
    "beat": "10.77.0.21",
    "pg1": "10.77.0.30",
    "pg2": "10.77.0.31",
    "cache": "10.77.0.40",
    "broker": "10.77.0.41",
    "client": "10.77.0.50",
    "smtp": "10.77.0.60",
}
LB = f"http://{HOSTS['lb']}"
DELEGATE = ("delegate@djibouti.example", "demo-pass-2026")
SMTP_PORT = 2525
WEB_WORKERS = 4  # 2 web hosts, 2 gunicorn workers each


def sh(*command, check=True, capture=False, **kwargs):
    result = subprocess.run(
        [str(part) for part in command], check=False, text=True, capture_output=capture, **kwargs
    )
    if check and result.returncode:
        sys.stderr.write((result.stdout or "") + (result.stderr or ""))
        result.check_returncode()
    return result


def in_ns(host, *command):
    return ["ip", "netns", "exec", PREFIX + host, *[str(part) for part in command]]


def as_postgres(host, *command):
    return in_ns(host, "runuser", "-u", "postgres", "--", *command)


class Rehearsal:
    def __init__(self, options):
        self.options = options
        self.tmp = Path(tempfile.mkdtemp(prefix=TMP_PREFIX))
        self.tmp.chmod(0o755)
        (self.tmp / "logs").mkdir()
        (self.tmp / "logs").chmod(0o1777)  # postgres writes its log there too
        self.processes = {}  # name -> Popen (each in a session of its own)
        self.rows = []
        self.bulletin = None
        self.download_audit = None
        self.downloads_before = 0

    # --- the network -------------------------------------------------------------------------

    def build_network(self):
        sh("ip", "netns", "add", PREFIX + "sw")
        sh(*in_ns("sw", "ip", "link", "add", "br0", "type", "bridge"))
        sh(*in_ns("sw", "ip", "link", "set", "lo", "up"))
        sh(*in_ns("sw", "ip", "link", "set", "br0", "up"))
        for host, address in HOSTS.items():
            sh("ip", "netns", "add", PREFIX + host)
            sh(
                "ip",
                "link",
                "add",
                "eth0",
                "netns",
                PREFIX + host,
                "type",
                "veth",
                "peer",
                "name",
                f"p-{host}",
                "netns",
                PREFIX + "sw",
            )
            sh(*in_ns("sw", "ip", "link", "set", f"p-{host}", "master", "br0", "up"))
            sh(*in_ns(host, "ip", "addr", "add", f"{address}/24", "dev", "eth0"))
            sh(*in_ns(host, "ip", "link", "set", "lo", "up"))
            sh(*in_ns(host, "ip", "link", "set", "eth0", "up"))

    # --- processes ---------------------------------------------------------------------------

    def start(self, name, command, env=None, cwd=ROOT):
        log = open(self.tmp / "logs" / f"{name}.log", "a")  # noqa: SIM115 (kept by the process)
        self.processes[name] = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self.processes[name]

    def kill(self, name, sig=signal.SIGKILL):
        process = self.processes.pop(name, None)
        if process and process.poll() is None:
            try:
                os.killpg(process.pid, sig)
                process.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(process.pid, signal.SIGKILL)

    def wait_port(self, host, port, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            probe = sh(
                *in_ns("client", "bash", "-c", f"echo > /dev/tcp/{HOSTS[host]}/{port}"),
                check=False,
                capture=True,
            )
            if probe.returncode == 0:
                return
            time.sleep(0.3)
        raise RuntimeError(f"{host}:{port} did not open; see {self.tmp}/logs")

    def portal_env(self, **extra):
        return {
            "PATH": os.environ["PATH"],
            "HOME": str(self.tmp),
            "DJANGO_SETTINGS_MODULE": "oec_portal.settings.production",
            "SECRET_KEY": "rehearsal-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": f"{HOSTS['lb']},localhost",
            "OEC_HTTPS": "false",
            "DATABASE_URL": f"postgres://postgres@{HOSTS['pg1']}:5432/oec",
            "DATABASE_REPLICA_URL": f"postgres://postgres@{HOSTS['pg2']}:5432/oec",
            "DATABASE_POOL": "true",
            "REDIS_URL": f"redis://{HOSTS['cache']}:6379/0",
            "CELERY_BROKER_URL": f"redis://{HOSTS['broker']}:6379/0",
            "EMAIL_URL": f"smtp://{HOSTS['smtp']}:{SMTP_PORT}",
            "OEC_CLIENT_IP_HEADER": "X-Real-IP",
            "OEC_X_ACCEL_REDIRECT_PREFIX": "/protected",
            "MEDIA_ROOT": str(self.tmp / "var" / "media"),
            "PRIVATE_MEDIA_ROOT": str(self.tmp / "var" / "private"),
            "OEC_BULLETIN_REQUIRES_APPROVAL": "false",
            "OEC_SITE_URL": "https://portal.oec.example",
            "LOG_LEVEL": "WARNING",
            **extra,
        }

    def manage(self, *args, host="worker", capture=False):
        return sh(
            *in_ns(host, PYTHON, "manage.py", *args),
            env=self.portal_env(),
            cwd=ROOT,
            capture=capture,
        ).stdout

    def step(self, name, *args, host="worker"):
        """A step of this script run inside a host with Django set up; returns its JSON."""
        output = sh(
            *in_ns(host, PYTHON, __file__, "step", name, *args),
            env=self.portal_env(),
            cwd=ROOT,
            capture=True,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])

    # --- the hosts ---------------------------------------------------------------------------

    def start_redis(self, name):
        options = {
            "cache": [
                "--maxmemory",
                "256mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            "broker": ["--maxmemory-policy", "noeviction", "--appendonly", "yes", "--save", ""],
        }[name]
        directory = self.tmp / f"redis-{name}"
        directory.mkdir(exist_ok=True)
        self.start(
            name,
            in_ns(
                name,
                "redis-server",
                "--bind",
                HOSTS[name],
                "--port",
                "6379",
                "--protected-mode",
                "no",
                "--dir",
                directory,
                *options,
            ),
        )
        self.wait_port(name, 6379)

    def pg_data(self, host):
        data = self.tmp / host
        if not data.exists():
            data.mkdir(mode=0o700)
            shutil.chown(data, "postgres", "postgres")
        return data

    def pg_ctl(self, host, action, *extra):
        sh(
            *as_postgres(
                host,
                PG_BIN / "pg_ctl",
                "-D",
                self.pg_data(host),
                "-w",
                "-t",
                "60",
                "-l",
                self.tmp / "logs" / f"{host}.log",
                action,
                *extra,
            )
        )

    def start_primary(self):
        data = self.pg_data("pg1")
        sh(
            *as_postgres(
                "pg1",
                PG_BIN / "initdb",
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ),
            capture=True,
        )
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = '{HOSTS['pg1']}'\nunix_socket_directories = ''\n"
                "fsync = off\nsynchronous_commit = off\nshared_buffers = 128MB\n"
            )
        with open(data / "pg_hba.conf", "a") as hba:
            hba.write("host all all 10.77.0.0/24 trust\nhost replication all 10.77.0.0/24 trust\n")
        self.pg_ctl("pg1", "start")
        sh(
            *as_postgres(
                "pg1", "psql", "-h", HOSTS["pg1"], "-U", "postgres", "-qc", "CREATE DATABASE oec"
            )
        )

    def start_replica(self):
        data = self.pg_data("pg2")
        sh(
            *as_postgres(
                "pg2",
                PG_BIN / "pg_basebackup",
                "-h",
                HOSTS["pg1"],
                "-U",
                "postgres",
                "-D",
                data,
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            )
        )
        with open(data / "postgresql.conf", "a") as conf:
            conf.write(
                f"listen_addresses = '{HOSTS['pg2']}'\nunix_socket_directories = ''\n"
                "cluster_name = 'replica1'\n"
            )
        self.pg_ctl("pg2", "start")

    def start_web(self, host):
        self.start(
            host,
            in_ns(
                host,
                PYTHON,
                "-m",
                "gunicorn",
                "oec_portal.wsgi:application",
                "--bind",
                f"{HOSTS[host]}:8000",
                "--workers",
                "2",
                "--worker-class",
                "sync",
            ),
            # Each web host spools its downloads' audit rows in a directory of its own, as
            # docker-compose.yml's volume (members/download_spool.py).
            env=self.portal_env(OEC_DOWNLOAD_AUDIT_SPOOL=str(self.tmp / "spool" / host)),
        )
        self.wait_http(f"http://{HOSTS[host]}:8000/healthz")

    def wait_http(self, url, timeout=90):
        """Until `url` answers 200 from the client host (the first request imports the app)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = sh(
                *in_ns(
                    "client",
                    "curl",
                    "-s",
                    "-o",
                    "/dev/null",
                    "-w",
                    "%{http_code}",
                    "--max-time",
                    "30",
                    "-H",
                    f"Host: {HOSTS['lb']}",
                    url,
                ),
                check=False,
                capture=True,
            ).stdout
            if status == "200":
                return
            time.sleep(0.3)
        raise RuntimeError(f"{url} did not answer; see {self.tmp}/logs")

    def start_worker(self):
        self.start(
            "worker",
            in_ns(
                "worker",
                PYTHON,
                "-m",
                "celery",
                "-A",
                "oec_portal",
                "worker",
                "--loglevel",
                "warning",
                "--concurrency",
                "2",
                "--without-gossip",
                "--without-mingle",
            ),
            env=self.portal_env(),
        )

    def start_beat(self):
        self.start(
            "beat",
            in_ns(
                "beat",
                PYTHON,
                "-m",
                "celery",
                "-A",
                "oec_portal",
                "beat",
                "--loglevel",
                "warning",
                "--schedule",
                self.tmp / "celerybeat-schedule",
            ),
            env=self.portal_env(),
        )

    def write_nginx_conf(self):
        """deploy/nginx.conf itself, with what only a container has replaced: the upstream lists
        the two web hosts (passive health: max_fails, fail_timeout) instead of Docker's DNS
        name, the paths of the volumes are this run's, and the user is Debian's."""
        conf = (ROOT / "deploy" / "nginx.conf").read_text()
        upstream = "\n".join(
            f"        server {HOSTS[host]}:8000 max_fails=1 fail_timeout=10s;"
            for host in ("web1", "web2")
        )
        replacements = [
            (r"user nginx;", "user www-data;"),
            (r"pid /tmp/nginx.pid;", f"pid {self.tmp}/nginx.pid;"),
            # Read at the end: each download answered 200 must have its audit row.
            (r"access_log /dev/stdout;", f"access_log {self.tmp}/logs/nginx-access.log;"),
            (r"error_log /dev/stderr warn;", f"error_log {self.tmp}/logs/nginx-error.log warn;"),
            (r"\n    resolver [^\n]*\n", "\n"),
            (r"        server web:8000 resolve;", upstream),
            (r"root /srv/portal;", f"root {self.tmp}/portal;"),
            (r"/srv/var", f"{self.tmp}/var"),
        ]
        for pattern, replacement in replacements:
            conf, count = re.subn(pattern, replacement, conf)
            if count == 0:
                raise RuntimeError(f"deploy/nginx.conf changed: {pattern!r} not found")
        (self.tmp / "nginx.conf").write_text(conf)
        (self.tmp / "portal").mkdir()
        (self.tmp / "portal" / "static").symlink_to(ROOT / "staticfiles")

    def start_nginx(self):
        self.write_nginx_conf()
        self.start(
            "lb",
            in_ns(
                "lb",
                "nginx",
                "-c",
                self.tmp / "nginx.conf",
                "-e",
                self.tmp / "logs" / "nginx-error.log",
                "-g",
                "daemon off;",
            ),
        )
        self.wait_http(f"{LB}/healthz")

    def build(self):
        started = time.monotonic()
        print(f"Building the hosts in {self.tmp} …", flush=True)
        self.build_network()
        for directory in ("var/media", "var/private"):
            (self.tmp / directory).mkdir(parents=True)
        self.start(
            "smtp",
            in_ns(
                "smtp",
                PYTHON,
                __file__,
                "sink",
                HOSTS["smtp"],
                SMTP_PORT,
                self.tmp / "received.txt",
            ),
        )
        self.start_redis("cache")
        self.start_redis("broker")
        self.start_primary()
        print(f"  network, Redis, primary: {time.monotonic() - started:.0f} s", flush=True)
        self.manage("migrate", "--noinput", "-v0")
        self.manage("seed_demo", capture=True)
        print(f"  migrate, seed_demo: {time.monotonic() - started:.0f} s", flush=True)
        if self.options.short:
            # The demo data only: the large data set costs more time than CI has to spare.
            self.paths = {}
        else:
            description = self.manage("build_bench_data", capture=True)
            self.paths = json.loads(description.strip().splitlines()[-1])["paths"]
        collected = self.step("static")["collected"]
        print(
            f"  data, static files ({'collected' if collected else 'up to date'}):"
            f" {time.monotonic() - started:.0f} s",
            flush=True,
        )
        if not self.options.short:
            self.step("prepare", str(self.options.recipients))
        self.start_replica()
        self.start_web("web1")
        self.start_web("web2")
        if not self.options.short:  # no bulletin in the short version: no worker, no beat
            self.start_worker()
            self.start_beat()
        self.start_nginx()
        self.cookie = self.step("login", host="client")["cookie"]
        print(f"  built in {time.monotonic() - started:.0f} s", flush=True)

    # --- load and measures -------------------------------------------------------------------

    def wrk(self, duration):
        """The three wrk clients, started now, bounded by `duration`; returns their processes."""
        anonymous = "/en/ /en/news/ /en/members/ /en/partners/"
        # A partner search with a new query each time: a page-cache miss, read from the replica.
        miss = "/en/partners/?q="
        signed_in = f"/en/dashboard/ /en/documents/ {self.paths.get('download', '')}"
        loads = [(anonymous, "", 4), (miss, "", 1), (signed_in, self.cookie, 4)]
        processes = []
        for paths, cookie, connections in loads:
            env = {**os.environ, "REHEARSE_PATHS": paths, "REHEARSE_COOKIE": cookie}
            command = in_ns(
                "client",
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "5s",
                "-s",
                ROOT / "bench" / "rehearse.lua",
                LB,
            )
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
            )
        return processes

    @staticmethod
    def collect(processes):
        total = {"requests": 0, "failed": 0, "s5": 0, "s4": 0, "socket": 0, "p99": 0.0}
        for process in processes:
            output, _ = process.communicate(timeout=120)
            match = re.search(r"RESULT (\{.*\})", output)
            if not match:
                raise RuntimeError(f"wrk said: {output}")
            result = json.loads(match.group(1))
            errors = sum(result[key] for key in ("connect", "read", "write", "timeout"))
            total["requests"] += result["requests"]
            total["failed"] += errors + result["s4"] + result["s5"]
            total["s5"] += result["s5"]
            total["s4"] += result["s4"]
            total["socket"] += errors
            total["p99"] = max(total["p99"], result["p99"])
        return total

    def start_probe(self, name):
        out = self.tmp / "logs" / f"probe-{name}.txt"
        self.start("probe", in_ns("client", PYTHON, __file__, "probe", LB, self.cookie, out))
        return out

    @staticmethod
    def recovery(probe_file, fault_at):
        """(seconds from the fault to the probe's last failure, 0 when it saw none; how many of
        its requests failed). The probe sees what wrk cannot: wrk does not count a request
        that hangs on a vanished host as an error, it only makes fewer requests."""
        last_failure, failures = None, 0
        for line in probe_file.read_text().splitlines():
            stamp, status = line.split()
            if float(stamp) >= fault_at and not status.startswith(("2", "3")):
                last_failure = float(stamp)
                failures += 1
        return (0.0 if last_failure is None else last_failure - fault_at + 0.1), failures

    def fault(self, label, inject, restore=None, *, during=20, restore_after=8, after=10):
        """Load for `during` s; `inject` at 4 s, `restore` `restore_after` s later; then `after`
        s of load again. One row of the table."""
        print(f"Fault: {label} …", flush=True)
        probe = self.start_probe(re.sub(r"\W+", "-", label))
        load = self.wrk(during)
        time.sleep(4)
        fault_at = time.time()
        inject()
        if restore:
            time.sleep(restore_after)
            restore()
        during_result = self.collect(load)
        after_result = self.collect(self.wrk(after))
        self.kill("probe", signal.SIGTERM)
        recovered_in, probe_failed = self.recovery(probe, fault_at)
        row = {
            "fault": label,
            "during": during_result,
            "after": after_result,
            "recovery": recovered_in,
            "probe_failed": probe_failed,
        }
        self.rows.append(row)
        print(f"  {json.dumps(row)}", flush=True)

    # --- the faults --------------------------------------------------------------------------

    def kill_web1(self):
        self.kill("web1")
        sh(*in_ns("web1", "ip", "link", "set", "eth0", "down"))

    def bring_back_web1(self):
        sh(*in_ns("web1", "ip", "link", "set", "eth0", "up"))
        self.start_web("web1")

    def bulletin_fault(self):
        """Compose the bulletin; kill the worker (SIGKILL, all its processes) once a third of
        the recipients have their mail; the sweep that beat runs after the claim timeout is run
        at once (the worker is dead, so every claim is stale); the worker comes back."""
        received = self.tmp / "received.txt"
        expected = self.step("compose")["deliveries"]
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.lines(received) < expected // 3:
            time.sleep(0.05)
        self.kill("worker")
        self.bulletin = {"expected": expected, "received_at_kill": self.lines(received)}
        time.sleep(1)
        self.bulletin["sweep"] = self.step("sweep")
        self.start_worker()

    def wait_bulletin(self):
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            status = self.step("status")
            if status["status"] == "sent":
                break
            time.sleep(1)
        time.sleep(2)
        lines = (self.tmp / "received.txt").read_text().split()
        counts = {}
        for address in lines:
            counts[address] = counts.get(address, 0) + 1
        ledger = set(status["emails"])
        # Handed to the server when the worker died (bulletins/sending.py): held, not sent
        # again; the sink tells whether the server had accepted it.
        uncertain = set(status["uncertain"])
        self.bulletin.update(
            status=status["status"],
            ledger_rows=status["rows"],
            ledger_sent=status["sent"],
            mails_received=len(lines),
            distinct_received=len(counts),
            received_twice=sum(1 for count in counts.values() if count > 1),
            never_received=len(ledger - set(counts) - uncertain),
            received_not_in_ledger=len(set(counts) - ledger),
            possibly_sent_held=len(uncertain),
            possibly_sent_held_received=len(uncertain & set(counts)),
        )

    @staticmethod
    def lines(path):
        try:
            with open(path, "rb") as file:
                return sum(1 for _ in file)
        except FileNotFoundError:
            return 0

    def run_faults(self):
        only = self.options.only
        if self.paths.get("download"):
            self.downloads_before = self.step("downloads")["rows"]
        steps = [
            # The host is gone for 16 of the 20 s of load, then comes back.
            (
                "web host killed",
                lambda: self.fault(
                    "web host killed",
                    self.kill_web1,
                    self.bring_back_web1,
                    restore_after=16,
                    during=20,
                ),
            ),
            (
                "worker killed mid-bulletin",
                lambda: (
                    self.fault("worker killed mid-bulletin", self.bulletin_fault, during=25),
                    self.wait_bulletin(),
                ),
            ),
            (
                "replica stopped",
                lambda: self.fault(
                    "replica stopped",
                    lambda: self.pg_ctl("pg2", "stop", "-m", "fast"),
                    lambda: self.pg_ctl("pg2", "start"),
                ),
            ),
            (
                "cache Redis stopped",
                lambda: self.fault(
                    "cache Redis stopped",
                    lambda: self.kill("cache"),
                    lambda: self.start_redis("cache"),
                ),
            ),
            (
                "primary restarted",
                lambda: self.fault(
                    "primary restarted", lambda: self.pg_ctl("pg1", "restart", "-m", "fast")
                ),
            ),
        ]
        if self.options.short:
            # CI's version: one fault, the one a single machine cannot show otherwise (the
            # replica stopped; reads fall back to the primary), with less load around it.
            steps = [
                (
                    "replica stopped",
                    lambda: self.fault(
                        "replica stopped",
                        lambda: self.pg_ctl("pg2", "stop", "-m", "fast"),
                        lambda: self.pg_ctl("pg2", "start"),
                        during=12,
                        restore_after=6,
                        after=5,
                    ),
                )
            ]
        print("Baseline …", flush=True)
        self.baseline = self.collect(self.wrk(5 if self.options.short else 10))
        print(f"  {json.dumps(self.baseline)}", flush=True)
        for label, run in steps:
            if only and only not in label:
                continue
            run()

    def check_download_audit(self):
        """Every download nginx answered 200 has its audit row, through every fault: the rows
        wait in the web hosts' spools (members/download_spool.py) while the primary restarts,
        and a killed host's file is loaded when it is back. A download may have two rows (a
        host killed after spooling it, nginx passing it to the other), never none."""
        path = self.paths.get("download")
        if not path:
            return
        line = re.compile(rf'"GET {re.escape(path)} HTTP/1\.[01]" 200 ')
        log = self.tmp / "logs" / "nginx-access.log"
        answered = sum(1 for entry in log.read_text().splitlines() if line.search(entry))
        deadline = time.monotonic() + 15
        while True:
            rows = self.step("downloads")["rows"] - self.downloads_before
            if rows >= answered or time.monotonic() > deadline:
                break
            time.sleep(1)  # the spools load once a second
        self.download_audit = {"answered": answered, "rows": rows}

    def print_table(self):
        base = self.baseline
        print()
        print(
            f"Baseline (no fault): {base['requests']} requests, {base['failed']} failed, "
            f"{base['s5']} 5xx, p99 {base['p99']:.0f} ms"
        )
        header = (
            f"| {'fault':<28} | requests | failed | 5xx | p99 during | requests after "
            f"| failed after | p99 after | recovered in | probe failed |"
        )
        print(header)
        print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
        for row in self.rows:
            during, after = row["during"], row["after"]
            print(
                f"| {row['fault']:<28} | {during['requests']:>8} | {during['failed']:>6} "
                f"| {during['s5']:>3} | {during['p99']:>7.0f} ms | {after['requests']:>14} "
                f"| {after['failed']:>12} | {after['p99']:>6.0f} ms | {row['recovery']:>10.1f} s "
                f"| {row['probe_failed']:>12} |"
            )
        if self.download_audit:
            audit = self.download_audit
            print()
            print(
                f"Downloads answered 200: {audit['answered']}, audit rows: {audit['rows']}"
                f" (every download audited: {'yes' if self.downloads_audited() else 'NO'})"
            )
        if self.bulletin:
            print()
            print("Bulletin (worker killed mid-send): " + json.dumps(self.bulletin))
            print(f"Every recipient exactly once: {'yes' if self.bulletin_once() else 'NO'}")
            b = self.bulletin
            print(
                f"Possibly sent, held for the officers (not sent again): "
                f"{b['possibly_sent_held']}, of which the sink had received "
                f"{b['possibly_sent_held_received']}"
            )

    def bulletin_once(self):
        """No recipient twice, none missing, nothing unknown; the rows held as possibly sent
        counted apart (received once or not at all)."""
        b = self.bulletin
        return (
            b["status"] == "sent"
            and b["received_twice"] == 0
            and b["never_received"] == 0
            and b["received_not_in_ledger"] == 0
        )

    def passed(self):
        """No request failed while the replica was stopped (it falls back to the primary), the
        bulletin reached every recipient exactly once, and every download answered has its
        audit row. The other faults are measured, not judged: a web host or a primary lost
        costs a few requests by nature."""
        replica = [row for row in self.rows if row["fault"] == "replica stopped"]
        replica_ok = all(
            # A request reading from the replica when it stops fails (its connection is cut):
            # at most one per web worker; none once the router has moved to the primary.
            row["during"]["failed"] + row["probe_failed"] <= WEB_WORKERS
            and row["after"]["failed"] == 0
            for row in replica
        )
        return (
            replica_ok
            and (self.bulletin is None or self.bulletin_once())
            and self.downloads_audited()
        )

    def downloads_audited(self):
        audit = self.download_audit
        return audit is None or audit["rows"] >= audit["answered"]

    # --- cleaning up -------------------------------------------------------------------------

    def clean(self):
        for name in list(self.processes):
            self.kill(name)
        clean_everything(keep_logs=self.options.keep_logs and self.tmp)


def clean_everything(keep_logs=None):
    """Kill every process left in the rehearsal's namespaces, delete them and the temporary
    directories. Safe to run twice, and when nothing is left."""
    namespaces = sh("ip", "netns", "list", capture=True).stdout.split()
    ours = [name for name in namespaces if name.startswith(PREFIX)]
    for name in ours:
        for pid in sh("ip", "netns", "pids", name, capture=True, check=False).stdout.split():
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
    time.sleep(0.5)
    for name in ours:
        sh("ip", "netns", "delete", name, check=False)
    for directory in Path(tempfile.gettempdir()).glob(TMP_PREFIX + "*"):
        if keep_logs and directory == keep_logs:
            for item in directory.iterdir():
                if item.name != "logs":
                    shutil.rmtree(item, ignore_errors=True) if item.is_dir() else item.unlink()
            print(f"logs kept in {directory}/logs")
            continue
        shutil.rmtree(directory, ignore_errors=True)


# --- what runs inside the hosts ----------------------------------------------------------------


def run_sink(address, port, out):
    """An SMTP sink that appends each accepted recipient to `out`, one a line."""
    import threading

    from aiosmtpd.controller import Controller

    lock = threading.Lock()
    file = open(out, "a")  # noqa: SIM115

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
            with lock:
                file.write("".join(f"{rcpt}\n" for rcpt in envelope.rcpt_tos))
                file.flush()
            return "250 OK"

    controller = Controller(Handler(), hostname=address, port=int(port))
    controller.start()
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


def run_probe(base, cookie, out):
    """Every 100 ms, a signed-in page and an anonymous cache miss; writes `time status`."""
    import itertools
    import urllib.error
    import urllib.request

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with open(out, "w") as file:
        for number in itertools.count():
            for path, headers in (
                ("/en/dashboard/", {"Cookie": cookie}),
                (f"/en/partners/?q=probe{number}", {}),
            ):
                request = urllib.request.Request(base + path, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=3) as response:
                        status = str(response.status)
                except urllib.error.HTTPError as error:
                    status = str(error.code)
                except OSError as error:
                    status = type(error).__name__
                file.write(f"{time.time():.3f} {status}\n")
                file.flush()
            time.sleep(0.1)


def collect_static_if_changed():
    """collectstatic, unless the manifest it wrote last is newer than every source file: it
    hashes and compresses some 3,500 files, the longest step of the build on a busy machine
    (about 2 minutes at a load of 12 on 2 cores). Returns whether it ran."""
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    ignore = apps.get_app_config("staticfiles").ignore_patterns
    newest = max(
        os.path.getmtime(storage.path(path))
        for finder in get_finders()
        for path, storage in finder.list(ignore)
    )
    if manifest.exists() and manifest.stat().st_mtime > newest:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    return True


def run_step(name, *args):
    """Steps that need Django, run inside a host's namespace; the last line printed is JSON."""
    sys.path.insert(0, str(ROOT))
    if name == "login":
        sys.path.insert(0, str(ROOT / "bench"))
        import run as bench_run

        print(json.dumps({"cookie": bench_run.log_in(LB)}))
        return
    import django

    django.setup()
    if name == "static":
        print(json.dumps({"collected": collect_static_if_changed()}))
        return
    import datetime

    from bulletins import services
    from bulletins.models import Bulletin, Delivery

    month = datetime.date(2026, 12, 1)
    if name == "prepare":
        sys.path.insert(0, str(ROOT / "bench"))
        import bulletin as bench_bulletin

        bench_bulletin.prepare(int(args[0]))
        print(json.dumps({"ok": True}))
    elif name == "downloads":
        from governance.models import DocumentDownload

        print(json.dumps({"rows": DocumentDownload.objects.count()}))
    elif name == "compose":
        bulletin = services.bulletin_compose(month=month)
        print(json.dumps({"deliveries": bulletin.deliveries.count()}))
    elif name == "sweep":
        zero = datetime.timedelta(0)
        print(
            json.dumps({"queued": services.bulletin_sweep(older_than=zero, claims_older_than=zero)})
        )
    elif name == "status":
        bulletin = Bulletin.objects.get(month=month)
        rows = Delivery.objects.filter(bulletin=bulletin)
        print(
            json.dumps(
                {
                    "status": bulletin.status,
                    "rows": rows.count(),
                    "sent": rows.filter(status=Delivery.Status.SENT).count(),
                    "uncertain": list(
                        rows.filter(status=Delivery.Status.UNCERTAIN).values_list(
                            "email", flat=True
                        )
                    ),
                    "emails": list(rows.values_list("email", flat=True)),
                }
            )
        )


def main():
    if len(sys.argv) > 1 and sys.argv[1] in ("sink", "probe", "step", "clean"):
        command, args = sys.argv[1], sys.argv[2:]
        if command == "sink":
            run_sink(*args)
        elif command == "probe":
            run_probe(*args)
        elif command == "step":
            run_step(*args)
        else:
            clean_everything()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=3000)
    parser.add_argument("--only", help="run only the faults whose name contains this text")
    parser.add_argument("--hold", type=int, default=0, help="after building, wait N s")
    parser.add_argument("--keep-logs", action="store_true", help="keep the hosts' logs")
    parser.add_argument(
        "--short",
        action="store_true",
        help="CI's version: no bulletin (no worker, no beat), one fault (the replica stopped);"
        " exits 1 if a request failed",
    )
    options = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("the rehearsal needs root (network namespaces)")
    for tool in ("ip", "nginx", "wrk", "redis-server", str(PG_BIN / "pg_ctl")):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed")
    started = time.monotonic()
    clean_everything()  # what an earlier, killed run left
    rehearsal = Rehearsal(options)
    # Ctrl-C raises KeyboardInterrupt; the others are made to unwind too, so that `finally`
    # removes the namespaces, processes and data directories. (SIGKILL cannot be caught: the
    # next run, or `make rehearse-clean`, removes what it left.)
    for caught in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(caught, lambda number, _frame: sys.exit(128 + number))
    # Even when started in the background, where a shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        rehearsal.build()
        time.sleep(options.hold)
        rehearsal.run_faults()
        rehearsal.check_download_audit()
        rehearsal.print_table()
    finally:
        for caught in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(caught, signal.SIG_IGN)  # a second Ctrl-C must not stop the cleaning
        rehearsal.clean()
        print(f"Rehearsal: {time.monotonic() - started:.0f} s in all", flush=True)
    if not rehearsal.passed():
        print(
            "FAILED: requests failed while the replica was stopped beyond the ones it was"
            " serving, the bulletin did not reach every recipient exactly once, or a download"
            " answered 200 has no audit row",
            flush=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
