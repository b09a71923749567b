#!/usr/bin/env bash
# Run every test: ruff and the import layers first, then unit, view and browser tests. Installs what the browser tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# LibreOffice (headless) proves the CE Broker roster .xls opens with its documented columns.
if ! command -v soffice >/dev/null 2>&1; then
  echo "Installing Debian's LibreOffice Calc (headless) for the roster spreadsheet test..."
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  npm ci --no-audit --no-fund --silent
fi

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports --no-cache >/dev/null \
  || { .venv/bin/lint-imports --no-cache; echo "An app imports one above it: see the README's architecture section"; exit 1; }
.venv/bin/python manage.py makemigrations --check --dry-run >/dev/null \
  || { echo "Models changed without a migration: run manage.py makemigrations"; exit 1; }
# One pytest-xdist worker per CPU (TEST_WORKERS=1 for a single process): each worker has its own
# test database (pytest-django suffixes it _gw0, _gw1...), media folder, live server port and
# Redis key prefix.
workers="${TEST_WORKERS:-$(nproc)}"
if [ "$workers" -gt 1 ]; then
  exec .venv/bin/pytest -n "$workers" "$@"
fi
exec .venv/bin/pytest "$@"
