"""Repeat lesson visits, counted in memory per worker and written to the database as one
statement every few seconds.

Why: an enrolled learner's lesson page spent as much CPU on its visit UPDATE as on everything
else it reads (issue 19). Only `visit_count` and `last_visited_at` of a visit row that already
exists wait here: a first visit is written at once (progress.lesson_first_visit_record), since
completion and reading time need the row. A batch is written when it is
LESSON_VISIT_FLUSH_SECONDS old (default 5; 0 writes every visit at once, as tests do) or holds
LESSON_VISIT_FLUSH_ROWS rows (default 200), and when the worker exits; a worker killed outright
loses at most those few seconds of counts, never a visit.

The write is an UPDATE of the rows that exist rather than an insert-or-update: a visit deleted
meanwhile (an account or its records erased) must not come back.
"""

import atexit
import logging
import threading
import time
from datetime import datetime

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from courses.models import LessonVisit

logger = logging.getLogger(__name__)

_lock = threading.Lock()
# (student id, lesson id) -> [visits counted, last visit]
_pending: dict[tuple[int, int], list] = {}
_oldest: float | None = None  # time.monotonic() of the batch's first visit


def lesson_visit_count(*, student_id: int, lesson_id: int, now: datetime | None = None) -> None:
    """Count one more visit of a learner to a lesson they have opened before."""
    global _oldest
    now = now or timezone.now()
    key = (student_id, lesson_id)
    with _lock:
        entry = _pending.get(key)
        if entry is None:
            _pending[key] = [1, now]
        else:
            entry[0] += 1
            entry[1] = now
        started = time.monotonic()
        if _oldest is None:
            _oldest = started
        due = (
            len(_pending) >= settings.LESSON_VISIT_FLUSH_ROWS
            or started - _oldest >= settings.LESSON_VISIT_FLUSH_SECONDS
        )
    if due:
        lesson_visit_counts_flush()


def lesson_visit_counts_flush() -> int:
    """Write the counted visits as one UPDATE; the number of rows written."""
    global _oldest
    with _lock:
        batch = list(_pending.items())
        _pending.clear()
        _oldest = None
    if not batch:
        return 0
    adapt = connection.ops.adapt_datetimefield_value
    rows, params = [], []
    for (student_id, lesson_id), (count, last) in batch:
        rows.append("(%s, %s, %s, %s)")
        params += [student_id, lesson_id, count, adapt(last)]
    table = LessonVisit._meta.db_table
    # VALUES names its columns column1..column4 on SQLite and PostgreSQL alike. Only the
    # table name and the placeholders are formatted in; every value is a parameter.
    sql = (
        f"UPDATE {table} SET visit_count = {table}.visit_count + v.column3, "  # noqa: S608
        f"last_visited_at = v.column4 FROM (VALUES {', '.join(rows)}) AS v "
        f"WHERE {table}.student_id = v.column1 AND {table}.lesson_id = v.column2"
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount
    except DatabaseError:
        # Counts are statistics: losing a batch must not fail the learner's page.
        logger.exception("lost %d lesson visit counts", len(batch))
        return 0


atexit.register(lesson_visit_counts_flush)
