# Two commands do everything on a fresh machine: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := site_config.settings

.PHONY: run test test-postgres setup lint format admin clean

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
	$(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BIN)/python manage.py load_content
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0

run: setup
	@echo
	@echo "  The site is at http://$(HOST):$(PORT)/  (Ctrl-C stops it)"
	@echo "  Staff pages: http://$(HOST):$(PORT)/admin/ . Make a staff account with: make admin"
	@echo
	$(BIN)/gunicorn site_config.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT)

test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	$(BIN)/python -m pytest

test-postgres: $(VENV)/.dev
	bash scripts/services.sh
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	DATABASE_URL=$(POSTGRES_TEST_URL) REDIS_URL=$(REDIS_TEST_URL) $(BIN)/python -m pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

admin: setup
	$(BIN)/python manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles
