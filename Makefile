# Kyozai's commands. The README is written around these targets.
#   make run    install everything, migrate, load the demo, serve on http://127.0.0.1:8000
#               with the background workers (they stop when the server stops)
#   make serve  serve and work background jobs, without installing or loading anything
#   make test   install everything, run the whole suite
#   make prod-check  nginx + two gunicorns + workers + PostgreSQL + Redis on loopback, crashed mid-journey
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# Where `make run`/`make serve` listen: `make run HOST=0.0.0.0 PORT=8080`. The host is added
# to ALLOWED_HOSTS unless that is given; printouts link to the address each print was asked
# on (or SITE_URL), so links and QR codes follow whatever host and port are used.
HOST ?= 127.0.0.1
PORT ?= 8000
RUNSERVER := ALLOWED_HOSTS="$${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1],$(HOST)}" \
	$(MANAGE) runserver $(HOST):$(PORT)
# Background jobs (config/settings/tasks.py): TASK_BACKEND=database (default) or rq, and how
# many print workers render PDFs at once. Print workers run at a lower CPU priority, so
# renders give way to the web server's requests.
TASK_BACKEND ?= database
PRINT_WORKERS ?= 1
ifeq ($(TASK_BACKEND),rq)
JOB_WORKER := $(MANAGE) rqworker --job-class django_tasks_rq.Job default
PRINT_WORKER := nice -n 10 $(MANAGE) rqworker --job-class django_tasks_rq.Job printing
PREVIEW_WORKER := nice -n 15 $(MANAGE) rqworker --job-class django_tasks_rq.Job previews
else
JOB_WORKER := $(MANAGE) db_worker --backend default --queue-name default
PRINT_WORKER := nice -n 10 $(MANAGE) db_worker --backend printing --queue-name printing
PREVIEW_WORKER := nice -n 15 $(MANAGE) db_worker --backend previews --queue-name previews
endif
# Runs $(1) with the workers beside it; whichever way it ends, the workers are stopped.
define with_workers
	@trap 'kill $$(jobs -p) 2>/dev/null; wait' EXIT INT TERM; \
	$(JOB_WORKER) & \
	$(PREVIEW_WORKER) & \
	for n in $$(seq $(PRINT_WORKERS)); do $(PRINT_WORKER) & done; \
	$(1)
endef

# Debian packages Kyozai needs at run time:
#   Pango + HarfBuzz-subset: WeasyPrint renders PDFs and subsets fonts quickly;
#   fonts-ipaexfont: a Japanese font, so plans print without tofu on a fresh machine;
#   poppler-utils: pdftoppm, to look at printed pages; gettext: compiles translations;
#   postgresql-client: pg_dump/pg_restore for `make backup` on PostgreSQL;
#   libreoffice-writer/-impress/-calc: previews and text of Word, PowerPoint and Excel files
#   (converted to PDF in the background, library/previews/), without the GUI or Java
#   (apt-install.sh installs without recommends); poppler-utils' pdftoppm and pdftotext
#   then draw the pages and read the words.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-ipaexfont \
	fontconfig poppler-utils gettext postgresql-client \
	libreoffice-writer libreoffice-impress libreoffice-calc
# Test-only: Debian's Chromium for the end-to-end journeys (Playwright's own download
# cannot work offline); Node and npm install axe-core, the accessibility checker the
# journeys inject into pages (tests/e2e/axe/, pinned by its package-lock.json). Debian's
# npm is asked for only when there is no npm: a Node from elsewhere bundles its own, and
# Debian's package would conflict with it.
TEST_SYSTEM_PACKAGES := chromium $(if $(shell command -v npm),,nodejs npm)
AXE := tests/e2e/axe
# `make prod-check` only: Debian's nginx, run by the check itself in the foreground with its
# own configuration and temporary directories (no system service is used).
PRODCHECK_SYSTEM_PACKAGES := nginx
# The check drops and recreates this PostgreSQL database (its name must contain
# "prodcheck") and uses this Redis database for the cache and the RQ queues.
PRODCHECK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/kyozai_prodcheck
PRODCHECK_REDIS_URL ?= redis://127.0.0.1:6379/6

.PHONY: help install install-test system-packages system-packages-test run serve migrate demo \
	test test-e2e lint format messages bench load check-deploy prod-check backup restore clean

help:
	@grep -E '^#   make' Makefile | sed 's/^#   //'

system-packages:
	@bash .ci/apt-install.sh $(SYSTEM_PACKAGES)

system-packages-test: system-packages
	@bash .ci/apt-install.sh $(TEST_SYSTEM_PACKAGES)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	# Search's language tables (JMdict vocabulary, WordNet word families), built once from
	# their packages into var/search/ so no search pays for it (search/text/data.py).
	$(MANAGE) search_index vocabulary
	touch $@

install: system-packages $(VENV)/.installed

install-test: system-packages-test $(VENV)/.installed $(AXE)/node_modules/.installed

$(AXE)/node_modules/.installed: $(AXE)/package-lock.json | system-packages-test
	npm ci --prefix $(AXE) --no-audit --no-fund
	touch $@

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

run: demo
	$(call with_workers,$(RUNSERVER))

serve: install
	$(call with_workers,$(RUNSERVER))

test: install-test
	$(BIN)/pytest $(PYTEST_ARGS)

test-e2e: install-test
	$(BIN)/pytest tests/e2e $(PYTEST_ARGS)

# ruff (style, bugs, security smells, complexity ≤ 15) and the import direction between apps
# (import-linter; the contracts are in pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	$(MANAGE) makemessages -l ja --ignore=.venv --ignore=staticfiles
	$(MANAGE) compilemessages -l ja --ignore=.venv

bench: install
	@for script in benchmarks/*.py; do \
		[ "$$(basename $$script)" = "__init__.py" ] && continue; \
		[ "$$(basename $$script)" = "load.py" ] && continue; \
		[ "$$(basename $$script)" = "print_load.py" ] && continue; \
		echo "== $$script"; $(BIN)/python $$script || exit 1; \
	done

# gunicorn + 10,000 pages under wrk (Debian's); a few minutes, so not part of `make bench`.
# Pass options with LOAD_ARGS="--workers 3 --seconds 30".
load: install
	@bash .ci/apt-install.sh wrk
	$(BIN)/python benchmarks/load.py $(LOAD_ARGS)

check-deploy: install
	DJANGO_SETTINGS_MODULE=config.settings.production \
	SECRET_KEY="$${SECRET_KEY:-ci-$$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n')}" \
	ALLOWED_HOSTS=kyozai.example.org \
	EMAIL_URL=smtp://kyozai:example@mail.example.org:587 \
	$(MANAGE) check --deploy --fail-level WARNING

# The production shape on loopback, crashed mid-journey (deploy/prodcheck.py; README,
# "Production shape"). PRODCHECK_ARGS="--task-backend database" for the database queue.
prod-check: install
	@bash .ci/apt-install.sh $(PRODCHECK_SYSTEM_PACKAGES)
	$(BIN)/python deploy/prodcheck.py --database-url $(PRODCHECK_DATABASE_URL) \
		--redis-url $(PRODCHECK_REDIS_URL) $(PRODCHECK_ARGS)

backup: install
	$(MANAGE) backup $(BACKUP)

restore: install
	@[ -n "$(BACKUP)" ] || { echo "Say which backup: make restore BACKUP=backups/kyozai-…"; exit 2; }
	$(MANAGE) restore $(BACKUP)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
