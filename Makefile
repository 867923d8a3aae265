# Two commands: `make run` (set up, migrate, load content and demo data, serve) and `make test`.
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
FLASK   := APP_ENV=development $(BIN)/flask --app app
export PYTHAINLP_READ_ONLY := 1

.PHONY: run test bench load lint translations webfonts setup db demo messages audit screenshots

$(STAMP): pyproject.toml requirements.lock
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check $(if $(SKIP_LOCK),,-c requirements.lock) -e ".[dev]"
	touch $(STAMP)

setup: $(STAMP) translations webfonts

# Sarabun cut to Thai + Latin as WOFF2, from the installed TTFs (git-ignored instance/fonts)
webfonts: $(STAMP)
	@$(BIN)/python -m app.webfonts instance/fonts >/dev/null

translations: $(STAMP)
	$(BIN)/pybabel compile -d app/translations 2>&1 | grep -v "^compiling" || true

db: setup
	$(FLASK) db upgrade
	$(FLASK) content sync

demo: db
	$(FLASK) demo

run: demo
	$(FLASK) run --host 127.0.0.1 --port 5000

lint: setup
	$(BIN)/ruff check app tests
	$(BIN)/mypy

# The suite runs on SQLite, then again on PostgreSQL when TEST_DATABASE_URL is set.
test: lint
	env -u TEST_DATABASE_URL $(BIN)/pytest
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL: $$TEST_DATABASE_URL"; \
	  $(BIN)/pytest -m "not browser"; \
	fi

# known vulnerabilities in the locked dependencies, from PyPI's advisory data (.ci/audit.py)
audit: $(STAMP)
	$(BIN)/python .ci/audit.py requirements.lock

# not in CI: 50 users against gunicorn on loopback (LOAD_DATABASE_URL for PostgreSQL)
load: setup
	$(BIN)/python -m tests.bench.load

bench: setup
	@echo "benchmarks use PostgreSQL at $${BENCH_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/bench}"
	$(BIN)/pytest tests/bench -s -p no:cacheprovider -o addopts=""

# each journey's pages at 1366x768 and 360 px, saved in screenshots/ for review
screenshots: setup
	mkdir -p screenshots
	SCREENSHOTS_DIR=$(CURDIR)/screenshots $(BIN)/pytest tests/browser/test_screenshots.py

# after adding UI strings: refresh the Thai catalogue, then fill the new msgstr entries
messages: setup
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ -o /tmp/messages.pot .
	$(BIN)/pybabel update -i /tmp/messages.pot -d app/translations --no-fuzzy-matching
