# OEC Portal. `make run` starts the portal with demo data; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := run

# Django 6 needs Python 3.12+; this machine's default python3 may be older, so look further.
PYTHON ?= $(shell for candidate in python3.13 python3.12 \
	$$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.1[3-9]*/bin/python 2>/dev/null | sort -rV) \
	$$(ls -d $$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)/versions/3.12*/bin/python 2>/dev/null | sort -rV) python3; do \
	  if command -v $$candidate >/dev/null 2>&1 && $$candidate -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$candidate; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

# Debian packages the targets need. Another apt (unattended upgrades, a parallel job) may hold
# the dpkg lock: wait for it rather than fail. A new machine may have no package lists yet:
# read them once when a package is not found, then try again.
APT_GET := apt-get -y -qq -o DPkg::Lock::Timeout=600
APT_INSTALL := sh -c '$(APT_GET) install "$$@" >/dev/null 2>&1 \
	|| { $(APT_GET) update >/dev/null && $(APT_GET) install "$$@" >/dev/null; }' apt-install

.PHONY: install fonts flags icons browser-tools antivirus-tools run test test-clock screenshots lighthouse observatory bench bench-misses bench-bulletin rehearse rehearse-short rehearse-clean lint messages check-deploy check-compose clean

$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then echo "error: Python 3.12 or newer is needed (python3.12, python3.13 or pyenv); none found." >&2; exit 1; fi
	@echo "Using $(PYTHON) ($$($(PYTHON) --version))"
	$(PYTHON) -m venv $(VENV)

# The development lock: the production pins (requirements.lock, what the Docker image installs)
# plus the test tools. Both are compiled from pyproject.toml, see the README.
$(STAMP): $(BIN)/python requirements.lock requirements-dev.lock pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.lock
	@touch $(STAMP)

## install: create .venv and install the locked dependencies, compile the translations, copy the fonts, flags and icons
install: $(STAMP) messages fonts flags icons

## messages: compile the gettext catalogues (.po -> .mo); needs GNU gettext's msgfmt
messages: $(BIN)/python
	@command -v msgfmt >/dev/null || (echo "Installing gettext (msgfmt)…" && $(APT_INSTALL) gettext) \
	  || { echo "error: msgfmt (GNU gettext) is needed: apt-get install gettext" >&2; exit 1; }
	@$(MANAGE) compilemessages --verbosity 0 --ignore "$(VENV)"

## browser-tools: Debian's chromium and axe-core, for the Playwright journeys in tests/e2e
browser-tools: node_modules/axe-core/axe.min.js
	@test -x /usr/bin/chromium || { echo "Installing chromium…"; $(APT_INSTALL) chromium; } \
	  || { echo "error: /usr/bin/chromium is needed for browser tests: apt-get install chromium" >&2; exit 1; }

## antivirus-tools: Debian's ClamAV daemon, which tests/governance/test_antivirus.py starts
antivirus-tools:
	@test -x /usr/sbin/clamd || { echo "Installing clamav-daemon…"; $(APT_INSTALL) clamav-daemon; } \
	  || { echo "error: /usr/sbin/clamd is needed for the antivirus tests: apt-get install clamav-daemon" >&2; exit 1; }

# Install scripts are skipped: the HTTP Observatory's would download Chromium's HSTS preload
# list and a CA bundle from outside the npm registry. The local scan (tests/trust/
# test_observatory.py) needs neither: its 127.x.y.z host is on no preload list.
node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --silent --ignore-scripts
	@echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	@touch $@

## fonts: the self-hosted web fonts (npm's @fontsource packages) copied into static/fonts/
fonts: static/fonts/.copied

static/fonts/.copied: node_modules/axe-core/axe.min.js tools/copy_fonts.sh
	tools/copy_fonts.sh
	@touch $@

## flags: the countries' SVG flags (npm's flag-icons package) copied into static/flags/
flags: static/flags/.copied

static/flags/.copied: node_modules/axe-core/axe.min.js tools/copy_flags.sh
	tools/copy_flags.sh
	@touch $@

## icons: the interface's SVG icons (npm's @tabler/icons, only those the templates use) copied into static/icons/
icons: static/icons/.copied

static/icons/.copied: node_modules/axe-core/axe.min.js tools/copy_icons.sh
	tools/copy_icons.sh
	@touch $@

## run: migrate the SQLite database under var/, load the demo data, serve on http://127.0.0.1:8000
run: install
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) runserver 127.0.0.1:8000

# The suite runs on the real PostgreSQL and Redis (integration tests start a Celery worker that
# must share the test database); these defaults are the local services.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/oec_portal
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

# The awkward days the date-sensitive tests (marked `clock`) run at too, besides the real date
# (tests/clock.py): the last day of a month late in the evening, New Year's Eve, a leap day, the
# first working day of a month just after midnight, a year from now. `make test` runs them in its
# one pytest run (each such test once per day, traveling there itself): start-up and the test
# databases are paid once, and the two processes share the extra work to the end.
CLOCK_DAYS ?= 2027-04-30T23:40 2026-12-31T23:50 2028-02-29T12:00 2027-03-01T00:20 +365
# Only the modules that carry the mark are collected (importing the whole suite costs more than
# running them).
CLOCK_MODULES = $(shell grep -rl --include='test_*.py' 'pytest.mark.clock' tests)

# Files are handed to the two processes costliest first, in the order tests/conftest.py gives
# them (browser journeys weigh more than their number of tests), so both end together.
## test: the whole suite, on PostgreSQL and Redis (DATABASE_URL / REDIS_URL, else the local ones), the date-sensitive tests at CLOCK_DAYS too
test: install browser-tools antivirus-tools
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	  $(BIN)/pytest -n 2 --dist loadfile --no-loadscope-reorder --create-db --reuse-db \
	    --clock-days="now $(CLOCK_DAYS)"

## test-clock: only the date-sensitive tests, at each of CLOCK_DAYS
test-clock: install
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} REDIS_URL=$${REDIS_URL:-$(TEST_REDIS_URL)} \
	  $(BIN)/pytest -n 2 --dist loadfile --no-loadscope-reorder -q -m clock --clock-days="$(CLOCK_DAYS)" --reuse-db $(CLOCK_MODULES)

## screenshots: every role's pages at 390 and 1366 px in en and ar, on contact sheets under var/screenshots/
screenshots: install browser-tools
	$(BIN)/python tools/screenshots.py

## lighthouse: Lighthouse (mobile) on the public pages in en and ar, served as in production; prints the scores
lighthouse: install browser-tools
	$(BIN)/python tools/lighthouse.py

## observatory: Mozilla's HTTP Observatory against the portal as on staging (TLS; root, PostgreSQL)
observatory: install browser-tools
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/oec_observatory} \
	  $(BIN)/pytest tests/trust/test_observatory.py -s

## bench: the portal beside a bare Django reference under wrk (PostgreSQL + Redis; prints figures)
## (BENCH_ARGS="--scale 10" for the data set ten times larger, in a database of its own)
bench: install
	@command -v wrk >/dev/null || $(APT_INSTALL) wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## bench-misses: a page rebuilt after an edit (a cache miss) timed in one process, on the bench's
## data (run `make bench` once first; BENCH_MISSES_ARGS="--scale 10" for the data ten times larger)
bench-misses: install
	$(BIN)/python bench/misses.py $(BENCH_MISSES_ARGS)

## bench-bulletin: the bulletin to 10,000 recipients (2 worker processes) beside a plain smtplib loop
## (BENCH_BULLETIN_ARGS="--recipients 100000" for the large send)
bench-bulletin: install
	$(BIN)/python bench/bulletin.py $(BENCH_BULLETIN_ARGS)

## rehearse: the portal on several hosts (network namespaces: nginx, 2 web, worker, beat, PostgreSQL
## primary + replica, 2 Redis, an SMTP sink) under wrk, through five faults; prints a table (root)
rehearse: install
	@command -v wrk >/dev/null || $(APT_INSTALL) wrk
	@command -v nginx >/dev/null || $(APT_INSTALL) nginx
	@command -v redis-server >/dev/null || $(APT_INSTALL) redis-server
	$(BIN)/python bench/rehearse.py $(REHEARSE_ARGS)

## rehearse-short: CI's version of rehearse (under 2 min): no bulletin, one fault (the replica
## stopped; public pages must keep answering from the primary); exits 1 if a request failed (root)
rehearse-short: install
	@command -v wrk >/dev/null || $(APT_INSTALL) wrk
	@command -v nginx >/dev/null || $(APT_INSTALL) nginx
	@command -v redis-server >/dev/null || $(APT_INSTALL) redis-server
	$(BIN)/python bench/rehearse.py --short

## rehearse-clean: remove what a killed rehearsal left (its namespaces, processes, temporary data)
rehearse-clean:
	$(BIN)/python bench/rehearse.py clean

lint: install
	$(BIN)/ruff check .

## check-deploy: Django's deployment checklist against the production settings
check-deploy: install
	DJANGO_SETTINGS_MODULE=oec_portal.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=portal.oec.example $(MANAGE) check --deploy --fail-level WARNING

## check-compose: docker-compose.yml is valid (docker compose v2, or Debian's docker-compose)
check-compose:
	@tmp=$$(mktemp -d) && cp docker-compose.yml Dockerfile $$tmp/ && cp .env.example $$tmp/.env && cd $$tmp && \
	if docker compose version >/dev/null 2>&1; then docker compose config -q; \
	else command -v docker-compose >/dev/null || $(APT_INSTALL) docker-compose; docker-compose config -q; fi \
	&& echo "docker-compose.yml: valid"

clean:
	rm -rf $(VENV) var staticfiles static/fonts static/flags static/icons
