# The two promises: `make run` and `make test` on a fresh Debian machine.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 5000
HOST    ?= 127.0.0.1
STAMP   := $(VENV)/.installed
TEST_WORKERS ?= auto

.PHONY: run test stop system venv bench clean fuzz lint

system:
	@WITH_BROWSER=$(WITH_BROWSER) ./scripts/ensure-system.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip >/dev/null
	$(BIN)/pip install -q -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

run: system venv
	$(BIN)/flask --app wsgi db upgrade
	$(BIN)/flask --app wsgi demo load
	@$(BIN)/python scripts/banner.py $(HOST) $(PORT)
	HOST=$(HOST) PORT=$(PORT) $(BIN)/gunicorn --config gunicorn.conf.py

# Development: Werkzeug's server with the reloader (never for real records).
.PHONY: dev
dev: system venv
	$(BIN)/flask --app wsgi db upgrade
	@$(BIN)/python scripts/banner.py $(HOST) $(PORT) werkzeug
	$(BIN)/flask --app wsgi run --reload --host $(HOST) --port $(PORT)

# The browser tests need Debian's chromium and CJK fonts: `make test` installs them when missing.
test: WITH_BROWSER ?= 1
test: system venv lint
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

# pycodestyle + pyflakes at the configured line length (pyproject.toml); `ruff format` keeps the layout.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# schemathesis over every API operation with many more examples than the suite's bounded run.
fuzz: system venv
	REGISTRY_FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-60} $(BIN)/pytest tests/fuzz

stop:
	@test -x $(BIN)/python && $(BIN)/python -c "from registry.pgcluster import instance_cluster; instance_cluster('instance').stop()" || true
	@echo "local cluster stopped"

bench: system venv
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean: stop
	rm -rf $(VENV) instance

# One layer at a time (tests/unit needs no database; the others start their own throwaway PostGIS).
.PHONY: test-unit test-integration test-api test-web
test-unit: venv
	$(BIN)/pytest tests/unit
test-integration: system venv
	$(BIN)/pytest tests/integration
test-api: system venv
	$(BIN)/pytest tests/api
test-web: system venv
	$(BIN)/pytest tests/web
