# Two commands do everything on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := site_config.settings

.PHONY: run test test-postgres test-cluster setup lint format admin clean bench

# Tests run in this many processes, each with its own test database and live server (pytest-xdist). The
# PostgreSQL and Redis run stays in one: its processes would share, and empty, one Redis.
TEST_PROCESSES ?= 2

# The second test run, on the engines a multi-server deployment uses (CI runs both).
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS_TEST_URL ?= redis://127.0.0.1:6379/1

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make a second run skip the install when the requirements have not changed.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

setup: $(VENV)/.runtime
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0

run: setup
	@echo
	@echo "  The site is at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo "  Staff pages: http://$(HOST):$(PORT)/admin/ . Make a staff account with: make admin"
	@echo
	$(BIN)/gunicorn site_config.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

# Speed, SQL queries and page weight against the targets in README.md ("Speed"); about 90 seconds.
# Options go in BENCH_ARGS, e.g. make bench BENCH_ARGS="--workers 5 --check"
bench: setup
	$(BIN)/python -m tools.bench.run $(BENCH_ARGS)

# Valid HTML on every page type and Lighthouse at 100 on the main pages; see README.md ("Audit"). About 2 minutes.
# Options go in AUDIT_ARGS, e.g. make audit AUDIT_ARGS=--skip-lighthouse
.PHONY: audit
audit: setup tools/audit/node_modules/.installed
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m tools.audit.run $(AUDIT_ARGS)

# The checker and Lighthouse, exactly as tools/audit/package-lock.json pins them. Install scripts stay off
# (tools/audit/.npmrc): vnu-jar's would download a Java runtime, and the machine's Java runs it instead.
tools/audit/node_modules/.installed: tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci --ignore-scripts --no-audit --no-fund
	touch $@

# 50 visitors for 60 seconds against the production-style server; exits 1 on any error. See README.md ("Load test").
# Shorter runs: make loadtest DURATION=10 USERS=10. Other options go in LOADTEST_ARGS, e.g. LOADTEST_ARGS="--think 0"
DURATION ?= 60
USERS ?= 50
.PHONY: loadtest
loadtest: $(VENV)/.dev setup
	$(BIN)/python -m tools.loadtest.run --duration $(DURATION) --users $(USERS) $(LOADTEST_ARGS)

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	bash scripts/ensure-chromium.sh
	$(BIN)/python -m pytest -n $(TEST_PROCESSES)

test-postgres: $(VENV)/.dev
	bash scripts/services.sh
	$(BIN)/python manage.py compile_translations
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	bash scripts/ensure-chromium.sh
	DATABASE_URL=$(POSTGRES_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/python -m pytest

# nginx in front of two gunicorn servers on PostgreSQL and Redis, all on loopback: one truth across servers, and
# no failed request when a server dies mid-load. Installs Debian's nginx where it is missing.
test-cluster: $(VENV)/.dev
	bash scripts/services.sh nginx
	$(BIN)/python manage.py compile_translations
	CLUSTER_TESTS=1 $(BIN)/python -m pytest tests/cluster

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

admin: setup
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles
