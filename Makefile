# Claimdesk: the README's commands. Only Python 3.11+ and make are needed on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PASSWORD ?=

export DEBUG ?= 1

.PHONY: run test bench chaos lint format install clean-test messages screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py preflight
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo $(if $(DEMO_PASSWORD),--password $(DEMO_PASSWORD))
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/honcho start -f Procfile

# Tests run with DEBUG off (production-like) and their own var/ folder, so a running
# `make run` never shares a broker or a database with them.
test: $(STAMP)
	@bash scripts/ensure-chromium.sh
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-test-only-secret-key-not-for-production-0123456789abcdef} \
	CLAIMDESK_VAR_DIR=$${CLAIMDESK_VAR_DIR:-$(CURDIR)/var/test} \
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run.py

# Fault injection on the real stack (own PostgreSQL cluster and redis-server on ports 18710-18713).
# CHAOS_ARGS=--quick is the bounded form CI runs.
chaos: $(STAMP)
	$(BIN)/python chaos/run.py $(CHAOS_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The Arabic catalogue, with Python only: extract into locale/ar/LC_MESSAGES/django.po, then
# (after translating) compile the .mo that is committed beside it.
messages: $(STAMP)
	$(BIN)/python scripts/messages.py update
	$(BIN)/python scripts/messages.py compile
	$(BIN)/python scripts/messages.py check

# README screenshots (docs/screenshots/), taken by the browser tests.
screenshots: $(STAMP)
	@bash scripts/ensure-chromium.sh
	CLAIMDESK_SCREENSHOTS=$(CURDIR)/docs/screenshots DEBUG=0 \
	SECRET_KEY=$${SECRET_KEY:-test-only-secret-key-not-for-production-0123456789abcdef} \
	CLAIMDESK_VAR_DIR=$${CLAIMDESK_VAR_DIR:-$(CURDIR)/var/test} \
	$(BIN)/pytest tests/test_browser_i18n_matrix.py -q -k screenshots
