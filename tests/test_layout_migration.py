"""The layout migration keeps every row: on a populated database, migrating back to the nodes
before the move (courses 0010, certificates 0004, quizzes 0006, the new apps at zero) and
forward again changes no table but django_content_type, whose moved rows change only their
app label, never their id, so the permissions, log entries and index entries that point at
them stay attached. scripts/check_migration.sh proves the same against a database built by the
old code; this test runs in the suite, on SQLite and on PostgreSQL.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from commerce.models import EnrollmentCode, Order, StripeEvent
from commerce.services.refunds import order_refund_record
from commerce.services.seats import seat_code_redeem
from live.services import BreakTimes, live_session_save
from records.models import CompletionReport
from scripts.table_snapshot import table_snapshot
from tests.factories import UserFactory
from tests.permission_matrix_targets import build_world

# Built after the move, on top of the moved apps: going back before the move unapplies them
# too, so before the move their tables and columns do not exist, and rows a test wrote in them
# do not survive the round trip. Everything else must.
LATER_APPS = ("notifications",)
LATER_COLUMNS = {"courses_school": {"brand_colour", "email_footer"}}  # schools 0002
PRE_MOVE = [
    ("courses", "0010_lesson_reading_seconds"),
    ("certificates", "0004_design_render_failure"),
    ("quizzes", "0006_clean_question_html"),
    ("schools", None),
    ("commerce", None),
    ("live", None),
    ("records", None),
    *((app, None) for app in LATER_APPS),
]
# Where each moved model lived before the move (courses/migrations/0013 relabels these).
MOVED_FROM = {
    "schools": ("courses", ("school", "schoolmembership", "instructor")),
    "commerce": ("courses", ("order", "stripeevent", "seatpool", "enrollmentcode")),
    "live": (
        "courses",
        ("livesession", "livesessionbreak", "attendance", "skillschecklistitem", "skillsignoff"),
    ),
    "records": ("certificates", ("transcriptshare", "completionreport")),
}
# Rebuilt by the executor on every run: their ids and timestamps are not data.
BOOKKEEPING = {"django_migrations"}
# What migrations newer than the move added (tables, or columns of a table): absent before it.
ADDED_SINCE_MOVE = {
    "courses_courseprerequisite": None,  # courses 0014
    "courses_modulepage": {"opens_after_days", "opens_on"},  # courses 0014
    "schools_schoolauditentry": None,  # schools 0002_team_invitations
    "schools_schoolinvitation": None,
    # courses 0014_per_board_credit
    "courses_courseapproval": {"credit_type", "pass_mark", "post_test_id", "requires_evaluation"},
    "courses_approvalsubjectarea": None,
    "courses_enrollment_credit_approvals": None,
    # quizzes 0008_paged_attempts_and_accommodations
    "quizzes_accommodation": None,
    "quizzes_attempt": {"accommodation_id"},
    "quizzes_attemptslot": {"flagged"},
    "quizzes_quizpage": {"questions_per_page", "layout"},
    # records 0002_tracking_system_reporting
    "certificates_completionreport": {"tracking_id"},
    "records_reportbatch": None,
    "records_reportitem": None,  # and its course_number column (records 0005)
    "records_trackingcredential": None,
    "certificates_withheldcredit": None,  # certificates 0007_withheld_credit
    "courses_learnerboard": None,  # courses 0016_learner_default_boards
    # records 0003_external_credit
    "records_externalcredit": None,
    "records_externalcredit_topics": None,
}


def snapshot() -> dict[str, dict]:
    return table_snapshot(skip=ADDED_SINCE_MOVE)


def _migrate(targets=None) -> None:
    """Migrate to `targets` (the latest migrations when None), as `manage.py migrate` would,
    without its post_migrate signal: that would make content types the migration must not."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def _moved_tables() -> list[str]:
    return sorted(
        apps.get_model(app, model)._meta.db_table
        for app, (_, models) in MOVED_FROM.items()
        for model in models
    )


def _content_types() -> dict[int, tuple[str, str]]:
    return {
        pk: (app_label, model)
        for pk, app_label, model in ContentType.objects.values_list("pk", "app_label", "model")
    }


def _permissions() -> set[tuple]:
    """Every permission with the content type it hangs on, and who holds it."""
    rows = set()
    for permission in Permission.objects.select_related("content_type").prefetch_related(
        "group_set", "user_set"
    ):
        holders = (
            tuple(sorted(g.pk for g in permission.group_set.all())),
            tuple(sorted(u.pk for u in permission.user_set.all())),
        )
        rows.add((permission.pk, permission.content_type_id, permission.codename, holders))
    return rows


def _populate() -> None:
    """One of everything that moved, built by the services where there is one: schools with
    members and instructors, paid and refunded orders, a seat pool with a redeemed code,
    live sessions with breaks, attendance and sign-offs, attempts, certificates, a transcript
    share link and a completion report."""
    w = build_world()
    b_admin, student = w.users["b_admin"], w.users["b_student"]
    refunded = Order.objects.create(
        student=UserFactory(email="refunded@example.com"),
        course=w.course,
        amount=Decimal("49.00"),
        currency="usd",
        status=Order.Status.PAID,
        checkout_session_id="cs_test_local_refunded",
        payment_intent_id="pi_test_refunded",
        amount_paid=Decimal("49.00"),
        paid_at=timezone.now(),
    )
    order_refund_record(order=refunded, amount_refunded=Decimal("49.00"), full=True)
    StripeEvent.objects.create(
        event_id="evt_test_refund",
        type="charge.refunded",
        payment_intent_id="pi_test_refunded",
        payload={"id": "evt_test_refund", "type": "charge.refunded"},
        processed_at=timezone.now(),
    )
    seat_code_redeem(code=w.code.code, user=UserFactory(email="seat@example.com"))
    start = timezone.now().replace(microsecond=0) + timedelta(days=7)
    live_session_save(
        course=w.course,
        by=w.users["b_instructor"],
        title="Second session",
        starts_at=start,
        ends_at=start + timedelta(hours=4),
        breaks=[BreakTimes(start + timedelta(hours=2), start + timedelta(hours=2, minutes=30))],
        module=w.module,
        instructor=w.users["b_instructor"],
    )
    CompletionReport.objects.create(
        certificate=w.certificate,
        body=w.accrediting_body,
        reported_at=timezone.now(),
        reported_by=b_admin,
        batch_reference="CEB-1",
    )
    # A permission on a moved model, held by a group and by a user: it must stay attached.
    change_order = Permission.objects.get(
        content_type__app_label="commerce", codename="change_order"
    )
    w.b.editors_group.permissions.add(change_order)
    student.user_permissions.add(Permission.objects.get(codename="view_transcriptshare"))
    assert EnrollmentCode.objects.filter(redeemed_by__isnull=False).exists()


@pytest.mark.django_db(transaction=True)
def test_layout_migration_keeps_every_row_and_content_type_id():
    _populate()
    before = snapshot()
    types_before, permissions_before = _content_types(), _permissions()
    empty = [table for table in _moved_tables() if before[table]["rows"] == 0]
    assert not empty, f"the test data leaves moved tables empty: {empty}"

    try:
        _migrate(PRE_MOVE)
        # Back before the move: the same rows, and the moved content types under their old
        # app labels with their ids.
        back = snapshot()
        types_back = _content_types()
        for app, (old_app, models) in MOVED_FROM.items():
            for model in models:
                pk = ContentType.objects.get(app_label=old_app, model=model).pk
                assert types_before[pk] == (app, model)
                assert types_back[pk] == (old_app, model)
        # (Only the moved models: a model added to a new app later, like schools' invitations,
        # keeps its content type when its app is migrated back; Django never deletes those.)
        for app, (_, models) in MOVED_FROM.items():
            assert not ContentType.objects.filter(app_label=app, model__in=models).exists()
        _assert_same_rows(before, back)
    finally:
        _migrate()

    after = snapshot()
    _assert_same_rows(before, after)
    assert set(after) == set(before)
    assert after["django_content_type"] == before["django_content_type"]
    assert _content_types() == types_before  # relabelled again, every id unchanged
    assert _permissions() == permissions_before
    holders = Permission.objects.get(content_type__app_label="commerce", codename="change_order")
    assert holders.group_set.exists()
    assert Permission.objects.get(
        content_type__app_label="records", codename="view_transcriptshare"
    ).user_set.exists()


def _later(table: str) -> bool:
    return table.startswith(tuple(f"{app}_" for app in LATER_APPS))


def _same(table: str, old: dict, new: dict) -> bool:
    """The same table, or (before the move) the same rows less the columns added later."""
    if new == old:
        return True
    later = LATER_COLUMNS.get(table, set())
    dropped = set(old["columns"]) - set(new["columns"])
    return (
        bool(later)
        and dropped <= later
        and old["rows"] == new["rows"]
        and not (set(new["columns"]) - set(old["columns"]))
    )


def _assert_same_rows(before: dict, after: dict) -> None:
    """Every table but the content types and the migration log: same columns, rows, digest."""
    before = {table: value for table, value in before.items() if not _later(table)}
    after = {table: value for table, value in after.items() if not _later(table)}
    assert set(after) == set(before), set(after) ^ set(before)
    changed = [
        f"{table}: {old['rows']} rows -> {after[table]['rows']}"
        for table, old in before.items()
        if table not in BOOKKEEPING | {"django_content_type"}
        and not _same(table, old, after[table])
    ]
    assert not changed, changed
    assert after["django_content_type"]["rows"] == before["django_content_type"]["rows"]
