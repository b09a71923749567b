"""Certificates issued before 0007 have no WithheldCredit rows, so the tracking-system reports
sent them to every body that approves the course, also to the boards the learner did not
choose: their snapshots already claimed only the chosen boards (credit_approvals_for). Each is
given the rows its frozen snapshot implies, as certificates.services._record_withheld writes
them at issue. A certificate whose snapshot predates approvals (no "approvals" key) is left
alone: what it claims is not known.
"""

from django.db import migrations

REASON = "Not claimed by the certificate (issued before each board's credit was recorded)."
BATCH = 500


def backfill(apps, schema_editor):
    Certificate = apps.get_model("certificates", "Certificate")
    CourseApproval = apps.get_model("courses", "CourseApproval")
    WithheldCredit = apps.get_model("certificates", "WithheldCredit")
    approvals_by_course = {}
    for approval in CourseApproval.objects.select_related("body").order_by("pk"):
        approvals_by_course.setdefault(approval.course_id, []).append(approval)
    # The ids first: rows are written while the certificates are read, batch by batch.
    pks = list(
        Certificate.objects.filter(status="issued", withheld_credits__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(pks), BATCH):
        batch = Certificate.objects.filter(pk__in=pks[start : start + BATCH]).values_list(
            "pk", "course_id", "snapshot"
        )
        rows = []
        for pk, course_id, snapshot in batch:
            if not isinstance(snapshot, dict) or "approvals" not in snapshot:
                continue
            claimed = {item.get("body") for item in snapshot["approvals"] or ()}
            rows.extend(
                WithheldCredit(
                    certificate_id=pk,
                    approval_id=approval.pk,
                    body_id=approval.body_id,
                    reason=REASON,
                )
                for approval in approvals_by_course.get(course_id, ())
                if approval.body.abbreviation not in claimed
            )
        WithheldCredit.objects.bulk_create(rows, ignore_conflicts=True)


def unbackfill(apps, schema_editor):
    apps.get_model("certificates", "WithheldCredit").objects.filter(reason=REASON).delete()


class Migration(migrations.Migration):
    dependencies = [("certificates", "0007_withheld_credit")]

    operations = [migrations.RunPython(backfill, unbackfill)]
