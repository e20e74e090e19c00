# Madani — two commands for a new machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := madani.settings

.PHONY: demo test cluster-test bench venv lock vendor messages check

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

venv: $(VENV)/.installed

## Create or reuse the SQLite database, load the demo data, print the logins, serve on $(PORT).
demo: venv
	scripts/system-deps.sh runtime
	MADANI_DEMO=1 $(PY) manage.py migrate --noinput -v0
	MADANI_DEMO=1 $(PY) manage.py load_demo
	MADANI_DEMO=1 MADANI_STATIC_COMPRESSED=1 $(PY) manage.py collectstatic --noinput -v0
	@echo "Madani is at http://127.0.0.1:$(PORT)/ (English: http://127.0.0.1:$(PORT)/en/). Ctrl-C stops it."
	MADANI_DEMO=1 $(PY) manage.py worker --interval 2 --no-reload & trap "kill $$!" EXIT; MADANI_DEMO=1 MADANI_STATIC_COMPRESSED=1 DEBUG=0 $(VENV)/bin/gunicorn madani.wsgi -b 127.0.0.1:$(PORT) -w 2 --access-logfile -

## ODK's XForms engine and jsdom from frontend/package-lock.json, for the headless round trip of the tests
## (madani/collect/tests/test_odk_engine.py; skipped without Node 20).
frontend/node_modules/.installed: frontend/package-lock.json
	if command -v npm >/dev/null; then cd frontend && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else echo "npm not found: the ODK engine round trip (madani/collect/tests/test_odk_engine.py) will be skipped" >&2; fi

## The whole test suite (SQLite unless DATABASE_URL names PostgreSQL), one pytest-xdist worker per core
## (TEST_WORKERS=0 runs it in one process). xdist's default distribution hands each worker the tests in
## collection order, so pytest-django's order holds on each worker: the tests that commit (and empty the
## tables, data migrations' rows included) come after every test that needs those rows. `--dist loadfile`
## would break that order. Small chunks (--maxschedchunk) keep the slow tests at the end of the order (the
## crawl, the browser tests) from landing on one worker while the other waits.
TEST_WORKERS ?= auto
test: venv frontend/node_modules/.installed
	scripts/system-deps.sh test
	$(PY) -m pytest -n $(TEST_WORKERS) --maxschedchunk 8

## Two app servers behind nginx, two workers, Redis, PostgreSQL and an S3 store on loopback (tests/cluster).
cluster-test: venv
	scripts/system-deps.sh test
	$(PY) -m pytest -m cluster tests/cluster

## Benchmarks (never part of `make test`): one line per figure.
bench: venv
	$(PY) -m bench

## Refresh requirements.lock from requirements.in (needs uv).
lock:
	uv pip compile --generate-hashes --python-version 3.11 requirements.in -o requirements.lock

## Refresh madani/static/vendor from frontend/package-lock.json (needs npm).
vendor:
	frontend/vendor.sh

## Extract and compile translations (needs gettext).
messages: venv
	cd madani && ../$(PY) ../manage.py makemessages -l ar --no-location --ignore 'static/*'
	cd madani && ../$(PY) ../manage.py compilemessages

check: venv
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
