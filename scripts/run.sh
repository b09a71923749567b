#!/usr/bin/env bash
# Serve the demo site on the embedded default: SQLite, local files, a database task queue.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-config.settings.dev}"
PORT="${PORT:-8000}"
# Certificates print and sign absolute links (verify page, QR code): point them at this server.
export SITE_URL="${SITE_URL:-http://127.0.0.1:${PORT}}"
PY=.venv/bin/python

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
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM

echo
echo "NMT Academy is running at http://127.0.0.1:${PORT}/   (Wagtail admin: /admin/)"
echo "Task worker log: /tmp/nmt-academy-worker.log. Stop with Ctrl-C."
echo
$PY manage.py runserver "127.0.0.1:${PORT}"
