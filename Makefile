# In Common — two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/incommon
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install lint test-sqlite test-postgres test-browser messages migrate demo bench run-prod-like clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DJANGO_SETTINGS_MODULE=incommon_cms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=incommon_cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# The whole suite on SQLite and, at the same time on the second core, on PostgreSQL when it is reachable
# (always in CI). The PostgreSQL run's output is printed after the SQLite run's. The browser tests run on SQLite
# only and the tests marked `postgres` (the production-like stack, PostgreSQL's own search) on PostgreSQL only:
# each runs once, and the two halves take about as long.
test: lint
	@if $(BIN)/python -c "import psycopg; psycopg.connect('host=127.0.0.1 port=5432 user=postgres dbname=postgres connect_timeout=3').close()" 2>/dev/null; then \
		mkdir -p var; \
		DATABASE_URL=$(PG_URL) INCOMMON_VAR_DIR=var/pg $(BIN)/python -m pytest -q -m "not browser" > var/test-postgres.log 2>&1 & pg=$$!; \
		$(BIN)/python -m pytest -q -m "not postgres"; sqlite=$$?; \
		wait $$pg; postgres=$$?; \
		echo "== The same suite on PostgreSQL"; cat var/test-postgres.log; \
		exit $$(( sqlite || postgres )); \
	elif [ -n "$$CI" ]; then echo "PostgreSQL is not reachable at $(PG_URL)"; exit 1; \
	else echo "PostgreSQL not reachable: only SQLite"; $(BIN)/python -m pytest -q; fi

test-sqlite: install
	$(BIN)/python -m pytest -q

test-postgres: install
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -q -m "not browser"

messages: install
	$(BIN)/python manage.py makemessages -l fr -l nl -l en --ignore=.venv --ignore=static_collected --ignore=node_modules --ignore=var --no-obsolete
	$(BIN)/python manage.py makemessages -d djangojs -l fr -l nl -l en --ignore=.venv --ignore=static_collected --ignore=node_modules --ignore=var --ignore='site/static/vendor/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore=.venv

bench: install
	$(BIN)/python bench/run

# The production stack on this machine (PostgreSQL, Redis, gunicorn 2 workers, tasks worker): docs/deploy.md.
run-prod-like: install
	deploy/run-prod-like --demo --port $${PORT:-8001}

clean:
	rm -rf $(VENV) db.sqlite3 media var static_collected
