"""Background work for CE records (django-tasks: the database queue, or RQ at scale)."""

from django_tasks import task


@task()
def report_completions(school_id: int | None = None, requested_by_id: int | None = None) -> dict:
    """Report every completion due to the tracking systems (nightly, or "Report now").

    Safe to run twice at once or to retry: batches are claimed before sending (report_runs).
    """
    from django.contrib.auth import get_user_model

    from records.report_runs import report_due
    from schools.models import School

    school = School.objects.get(pk=school_id) if school_id else None
    user = get_user_model().objects.filter(pk=requested_by_id).first() if requested_by_id else None
    summary = report_due(school=school, requested_by=user)
    return {
        "batches": summary.batches,
        "sent": summary.sent,
        "accepted": summary.accepted,
        "already": summary.already,
        "rejected": summary.rejected,
        "failed_batches": summary.failed_batches,
    }
