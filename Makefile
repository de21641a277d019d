# Gongkai — the two commands of README.md.
#   make run    set up, migrate the SQLite database under var/, load the demo county (idempotent), serve on :8000
#   make test   set up, lint, run the whole suite (browser tests included)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format serve demo bench clean

install:
	@scripts/bootstrap.sh

run: install
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo
	$(BIN)/gongkai runserver $(HOST):$(PORT)

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test:
	@scripts/bootstrap.sh --browser
	$(MAKE) --no-print-directory lint
	$(BIN)/python scripts/pytest_strict.py $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/portal_latency.py

clean:
	rm -rf $(VENV) var/test-*
