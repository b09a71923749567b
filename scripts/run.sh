#!/usr/bin/env bash
# Serve the demo site on the embedded default: SQLite, local files, a database task queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
PORT="${PORT:-8000}"
# Certificates print and sign absolute links (verify page, QR code): point them at this server.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
PY=.venv/bin/python
# Reporting to CE Broker goes to the local fake started below unless a real address is given.
start_fake_cebroker=$([ -z "${CEBROKER_URL:-}" ] && echo 1 || echo "")
export CEBROKER_URL="${CEBROKER_URL:-http://127.0.0.1:${FAKE_CEBROKER_PORT:-8765}/roster}"
export CEBROKER_VALIDATION_URL="${CEBROKER_VALIDATION_URL:-${CEBROKER_URL%/roster}/validate}"

$PY manage.py check_database
$PY manage.py migrate --no-input -v 0
LOG_LEVEL=WARNING $PY manage.py load_demo

# The task worker runs beside the web server and stops with it.
$PY manage.py db_worker --queue-name default --no-reload >/tmp/nmt-academy-worker.log 2>&1 &
worker=$!
# Pages scheduled to go live (or expire) are applied every minute, and the e-mail reminders
# queued every hour (idempotent: a daily cron job in production), as cron would do.
( minutes=0; while sleep 60; do
    $PY manage.py publish_scheduled >>/tmp/nmt-academy-worker.log 2>&1
    [ $((minutes % 60)) -eq 0 ] && $PY manage.py send_reminders >>/tmp/nmt-academy-worker.log 2>&1
    minutes=$((minutes + 1))
  done ) &
scheduler=$!
# A local fake of CE Broker (never the real one) answers the nightly reporting, run hourly here.
( while sleep 3600; do $PY manage.py report_completions >>/tmp/nmt-academy-worker.log 2>&1; done ) &
reporter=$!
fake_cebroker=""
if [ -n "$start_fake_cebroker" ]; then
  $PY manage.py fake_cebroker --port "${FAKE_CEBROKER_PORT:-8765}" >>/tmp/nmt-academy-worker.log 2>&1 &
  fake_cebroker=$!
fi
trap 'kill $worker $scheduler $reporter $fake_cebroker 2>/dev/null || true' EXIT INT TERM

echo
echo "NMT Academy is running at http://127.0.0.1:${PORT}/   (Wagtail admin: /admin/)"
echo "Task worker log: /tmp/nmt-academy-worker.log. Stop with Ctrl-C."
echo
$PY manage.py runserver "127.0.0.1:${PORT}"
