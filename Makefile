# `make demo` and `make test` set everything up themselves on a fresh machine (Python + pip).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# CI and this machine: PostgreSQL on 127.0.0.1:5432 with trust authentication.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/bagalau
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: demo test setup system-deps lint typecheck test-sqlite test-postgres messages lock bench clean serve

# The demo always runs on the SQLite file var/bagalau.sqlite3 (an empty DATABASE_URL selects it):
# `manage.py demo` loads the apparatus and its year once (it only prints the logins afterwards),
# `tick` runs the periodic jobs as cron would, then the development server starts.
demo: setup
	DATABASE_URL= $(BIN)/python manage.py migrate --noinput
	DATABASE_URL= $(BIN)/python manage.py demo
	DATABASE_URL= $(BIN)/python manage.py tick
	DATABASE_URL= DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup lint typecheck test-sqlite test-postgres

# The production server against PostgreSQL (docs/deployment.md): gunicorn, the task worker and
# the periodic jobs under one supervisor; BIND, WEB_WORKERS, TICK_SECONDS from the environment.
serve: setup
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/python manage.py migrate --noinput
	DATABASE_URL=$(POSTGRES_URL) TASKS_BACKEND=django_tasks_db.backend.DatabaseBackend $(BIN)/bagalau serve

setup: $(STAMP) system-deps messages

$(STAMP): requirements/pip.txt requirements/dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements/pip.txt
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

system-deps:
	./scripts/system-deps.sh --browser

messages: $(STAMP)
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		$(BIN)/python manage.py compilemessages --ignore=.venv -v 0; fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

test-sqlite: setup
	DATABASE_URL= $(BIN)/pytest -n 2 --dist worksteal -p no:cacheprovider

test-postgres: setup
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest -n 2 --dist worksteal -p no:cacheprovider

# Regenerate the lock files after editing requirements/*.in (needs the network).
lock: $(STAMP)
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/pip.txt requirements/pip.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/base.txt requirements/base.in
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements/dev.txt requirements/dev.in

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .hypothesis
