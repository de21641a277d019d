# Gongkai — the two commands of README.md.
#   make run    set up, migrate the SQLite database under var/, load the demo county (idempotent), serve on :8000
#               together with the job worker (Procfile, honcho)
#   make test   set up, lint (ruff, import contracts, types), run the whole suite (browser tests included)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format serve demo bench clean

install:
	@scripts/bootstrap.sh

# The web server and the job worker (with its scheduler) from the Procfile, under honcho: Ctrl-C stops both.
# The demo county's footer (网站标识码, ICP 备案号): made-up values, used only when the variables are not set.
DEMO_SITE_CODE = 3699000001
DEMO_SITE_ICP = 示ICP备20260001号-1

# The demo's site inspection runs axe-core in Chromium and its PDFs need the CJK fonts: the run sets those up too.
run:
	@scripts/bootstrap.sh --browser
	$(BIN)/gongkai migrate --noinput
	$(BIN)/gongkai demo
	GONGKAI_SITE_CODE="$${GONGKAI_SITE_CODE:-$(DEMO_SITE_CODE)}" GONGKAI_SITE_ICP="$${GONGKAI_SITE_ICP:-$(DEMO_SITE_ICP)}" \
	PATH="$(abspath $(BIN)):$$PATH" HOST=$(HOST) $(BIN)/honcho start -f Procfile -p $(PORT)

# ruff; the layering contracts of pyproject.toml [tool.importlinter]; mypy (strict on gongkai/core, checked on
# gongkai/roles and every app's services.py and actions/). Caches: .import_linter_cache, .mypy_cache (not in git).
lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

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
	rm -rf $(VENV) var/test-* .mypy_cache .import_linter_cache
