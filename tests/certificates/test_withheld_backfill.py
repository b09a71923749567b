"""certificates 0008 gives certificates issued before 0007 the WithheldCredit rows their frozen
snapshot implies, so the reports stop sending them to boards they do not claim; run through
the migration executor on a populated database, backwards and forwards."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from certificates.models import Certificate, WithheldCredit
from courses.models import AccreditingBody, CourseApproval
from courses.services import enrollment_credit_choose
from records import reporting
from tests.certificates.issue_helpers import completed_enrollment, issue
from tests.certificates.test_board_rules import course, final, graded
from tests.factories import UserFactory

__all__ = ["course", "final"]  # the fixtures

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("certificates", "0007_withheld_credit")]
AFTER = [("certificates", "0008_backfill_withheld_credit")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def issued_for(course, final, *, chosen=None):
    enrollment = completed_enrollment(course, student=UserFactory())
    graded(final, enrollment.student, "0.95")
    if chosen is not None:
        approval = CourseApproval.objects.get(course=course, body__abbreviation=chosen)
        enrollment_credit_choose(enrollment=enrollment, approval_ids=[approval.pk])
    return issue(enrollment)


def test_old_certificates_get_the_rows_their_snapshot_implies(course, final):
    florida = AccreditingBody.objects.get(abbreviation="FL-BMT")
    ncbtmb = AccreditingBody.objects.get(abbreviation="NCBTMB")
    only_ncbtmb = issued_for(course, final, chosen="NCBTMB")
    both = issued_for(course, final)
    unknown = issued_for(course, final, chosen="NCBTMB")
    new_rows = set(WithheldCredit.objects.values_list("certificate_id", "body_id", "reason"))
    assert {(c, b) for c, b, _ in new_rows} == {
        (only_ncbtmb.pk, florida.pk),
        (unknown.pk, florida.pk),
    }
    # As issued before 0007: no rows; the oldest snapshots did not say what they claim.
    WithheldCredit.objects.all().delete()
    snapshot = dict(unknown.snapshot)
    del snapshot["approvals"]
    Certificate.objects.filter(pk=unknown.pk).update(snapshot=snapshot)
    school = course.school
    assert reporting.unreported_certificates(school=school, body=florida).count() == 3

    migrate(BEFORE)
    migrate(AFTER)

    rows = list(WithheldCredit.objects.values_list("certificate_id", "body_id"))
    assert rows == [(only_ncbtmb.pk, florida.pk)]
    assert set(reporting.unreported_certificates(school=school, body=florida)) == {both, unknown}
    assert reporting.unreported_certificates(school=school, body=ncbtmb).count() == 3

    # Backwards removes only what the backfill wrote; forwards again writes it once.
    WithheldCredit.objects.create(
        certificate=both,
        approval=CourseApproval.objects.get(course=course, body=ncbtmb),
        body=ncbtmb,
        reason="written at issue",
    )
    migrate(BEFORE)
    assert list(WithheldCredit.objects.values_list("certificate_id", flat=True)) == [both.pk]
    migrate(AFTER)
    migrate(AFTER)
    assert WithheldCredit.objects.count() == 2
