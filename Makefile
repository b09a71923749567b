# Everything a newcomer needs: `make run` serves the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8

.PHONY: run test test-fast lint format check bench clean

$(BIN)/.synced: pyproject.toml uv.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --frozen --quiet
	@touch $@

run: $(BIN)/.synced
	@bash scripts/run.sh

test: $(BIN)/.synced
	@bash scripts/test.sh $(ARGS)

test-fast: $(BIN)/.synced
	$(BIN)/pytest -m "not e2e" -q

lint: $(BIN)/.synced
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/.synced
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(BIN)/.synced
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

bench: $(BIN)/.synced
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) node_modules staticfiles media db.sqlite3*
