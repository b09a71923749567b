#!/usr/bin/env bash
# Data survives a layout change: build a populated database with an older revision (the demo,
# seed_scale's orders, attempts and certificates), migrate it with this tree, and compare every
# table's row count and row digest before and after. Only django_content_type may differ, and
# only in the app labels of the models that moved (their ids stay).
#   scripts/check_migration.sh <old-revision> [learners]
# DATABASE_URL may point at an empty PostgreSQL database; the default is a SQLite file in a
# temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
OLD_REV=${1:?usage: scripts/check_migration.sh <old-revision> [learners]}
LEARNERS=${2:-300}
WORK=$(mktemp -d)
trap 'git worktree remove --force "$WORK/old" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
git worktree add -q --detach "$WORK/old" "$OLD_REV"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/db.sqlite3}
export MEDIA_ROOT="$WORK/media" DJANGO_SETTINGS_MODULE=config.settings.dev
PY="$PWD/.venv/bin/python"

(cd "$WORK/old" && "$PY" manage.py migrate -v0 && "$PY" manage.py load_demo >/dev/null 2>&1 \
  && "$PY" manage.py seed_scale --learners "$LEARNERS" >/dev/null 2>&1)
cp scripts/table_snapshot.py "$WORK/old/table_snapshot.py"  # read with the old tree's code
(cd "$WORK/old" && "$PY" table_snapshot.py) > "$WORK/before.json"
"$PY" manage.py migrate -v0
"$PY" scripts/table_snapshot.py > "$WORK/after.json"
"$PY" - "$WORK/before.json" "$WORK/after.json" <<'PYEOF'
import json, sys
before, after = (json.load(open(p)) for p in sys.argv[1:3])
problems, rows = [], 0
for table, old in before.items():
    new = after.get(table)
    if new is None:
        problems.append(f"{table}: gone ({old['rows']} rows)")
    elif table == "django_content_type":
        if new["rows"] != old["rows"]:
            problems.append(f"{table}: {old['rows']} -> {new['rows']} rows")
    elif table == "django_migrations":
        continue
    elif (new["rows"], new["sha256"]) != (old["rows"], old["sha256"]):
        problems.append(f"{table}: {old['rows']} rows -> {new['rows']}, digest changed")
    rows += old["rows"]
for table in sorted(set(after) - set(before)):
    print(f"new table {table}: {after[table]['rows']} rows")
print(f"{len(before)} tables, {rows} rows compared")
if problems:
    print("\n".join(problems)); sys.exit(1)
print("every row is where it was")
PYEOF
