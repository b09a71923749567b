"""Writing many rows fast: plain tuples straight into a table (COPY on PostgreSQL), primary
keys taken before the insert, a buffer that flushes a batch at a time, and bulk_create allowed
to keep the dates we give auto_now fields."""

from contextlib import contextmanager
from datetime import UTC

from django.db import connection

from certificates.models import Certificate, CertificateEvent, CourseEvaluation
from courses.models import Enrollment, LessonVisit
from demo.scale.plans import BATCH


@contextmanager
def timestamps_as_given(*fields):
    """Let bulk_create keep the dates we give auto_now(_add) fields: activity spread over a
    year, not all stamped with the minute the seed ran."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def stamped_fields():
    return [
        model._meta.get_field(name)
        for model, names in (
            (Enrollment, ("enrolled_at", "updated_at")),
            (LessonVisit, ("first_visited_at", "last_visited_at")),
            (Certificate, ("created_at", "updated_at")),
            (CertificateEvent, ("at",)),
            (CourseEvaluation, ("submitted_at",)),
        )
        for name in names
    ]


class Rows:
    """Inserts plain tuples into one table without making model instances: COPY on
    PostgreSQL, executemany elsewhere. Values are adapted as the ORM adapts them."""

    def __init__(self, model, names: list[str]):
        self.model, self.names = model, names

    def write(self, rows) -> None:
        if not rows:
            return
        fields = [self.model._meta.get_field(name) for name in self.names]
        adapters = [_adapter(f) for f in fields]
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([a(v) for a, v in zip(adapters, row, strict=True)])
                return
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model names)
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    sql,
                    [[a(v) for a, v in zip(adapters, row, strict=True)]
                     for row in rows[start : start + BATCH]],
                )  # fmt: skip


def _adapter(field):
    ops, kind = connection.ops, field.get_internal_type()
    if kind == "JSONField":
        return lambda v: None if v is None else ops.adapt_json_value(v, field.encoder)
    if kind == "DecimalField":
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if kind == "DateTimeField" and connection.vendor == "sqlite":
        # Django's adapter makes aware values naive UTC and formats them; ours are UTC already.
        return lambda v: None if v is None else str(v.astimezone(UTC).replace(tzinfo=None))
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    return lambda v: v


def new_ids(model, count: int) -> list[int]:
    """Primary keys for rows written by Rows (their child rows need them before the insert)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so nobody else can
        # take these ids before we insert them.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608 (a model's table)
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


class Buffer:
    """Collects rows and hands them to `flush` a batch at a time, so memory stays flat."""

    def __init__(self, flush, size: int = BATCH):
        self._flush, self._size, self._rows = flush, size, []

    def add(self, row) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._size:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._flush(self._rows)
            self._rows = []
