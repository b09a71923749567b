"""The daily run: queue every reminder and school alert due today, each under a key that
names its period, so running it twice (or on two machines) queues nothing new.

Keys, one message each:
- inactivity:<learner>:enrollment-<id>:<date of last activity>: once per idle spell;
- renewal:<learner>:<body>:<cycle end>:<stage>: once per stage of a cycle;
- reports_due:<admin>:<school>:<body>:<due date>:<stage>: once per stage of a deadline;
- approval_expiry:<admin>:<kind>-<id>:<expires on>:<stage>: once per stage of an approval.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from notifications.models import Kind
from notifications.selectors import (
    approvals_expiring,
    inactive_enrollments,
    renewals_due,
    reports_due,
    school_recipients,
)
from notifications.services import notification_queue, notifications_retry

# A task that has not run this long after its row was written was lost: queue it again.
LOST_AFTER = timedelta(minutes=30)


def _schools_alerted(items, *, kind: str, key_of, data_of) -> int:
    recipients = school_recipients(school_ids={item.school_id for item in items})
    queued = 0
    for item in items:
        for recipient, email in recipients.get(item.school_id, []):
            who = recipient.pk if recipient is not None else email
            notification_queue(
                kind=kind,
                key=f"{kind}:{who}:{key_of(item)}",
                recipient=recipient,
                email=email,
                school_id=item.school_id,
                data=data_of(item),
            )
            queued += 1
    return queued


def reminders_queue(*, now=None) -> dict:
    """Queue what is due at `now` (default: now); returns how many each kind found due.

    Not one transaction: each message commits on its own (and its task is enqueued then), so
    a long run never holds the database, and a run that stops halfway loses nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = {}

    days = settings.NOTIFY_INACTIVITY_DAYS
    idle = inactive_enrollments(now=now, days=days)
    for enrollment in idle:
        since = timezone.localdate(enrollment.last_activity).isoformat()
        notification_queue(
            kind=Kind.INACTIVITY,
            key=f"inactivity:{enrollment.student_id}:enrollment-{enrollment.pk}:{since}",
            recipient=enrollment.student,
            school_id=enrollment.course.school_id,
            data={"enrollment": enrollment.pk, "days": days, "since": since},
        )
    counts[Kind.INACTIVITY] = len(idle)

    renewals = renewals_due(today=today, stages=tuple(settings.NOTIFY_RENEWAL_DAYS))
    for due in renewals:
        notification_queue(
            kind=Kind.RENEWAL,
            key=f"renewal:{due.user.pk}:{due.body.abbreviation}:{due.cycle_end}:{due.stage}",
            recipient=due.user,
            data={
                "body": due.body.abbreviation,
                "body_name": due.body.name,
                "cycle_end": due.cycle_end.isoformat(),
                "days_left": due.days_left,
                "done": str(due.done),
                "required": str(due.required),
                "missing": str(due.missing),
                "topics_missing": [[name, str(hours)] for name, hours in due.topics_missing],
            },
        )
    counts[Kind.RENEWAL] = len(renewals)

    reports = reports_due(today=today, stages=tuple(settings.NOTIFY_REPORT_DAYS))
    counts[Kind.REPORTS_DUE] = _schools_alerted(
        reports,
        kind=Kind.REPORTS_DUE,
        key_of=lambda r: f"{r.school_id}:{r.body.abbreviation}:{r.due_on}:{r.stage}",
        data_of=lambda r: {
            "body": r.body.abbreviation,
            "tracking_system": r.body.tracking_system,
            "due_on": r.due_on.isoformat(),
            "days_left": r.days_left,
            "count": r.count,
        },
    )

    approvals = approvals_expiring(today=today, stages=tuple(settings.NOTIFY_APPROVAL_DAYS))
    counts[Kind.APPROVAL_EXPIRY] = _schools_alerted(
        approvals,
        kind=Kind.APPROVAL_EXPIRY,
        key_of=lambda a: f"{a.kind}-{a.approval_id}:{a.expires_on}:{a.stage}",
        data_of=lambda a: {
            "approval_kind": a.kind,
            "body": a.body.abbreviation,
            "body_name": a.body.name,
            "number": a.number,
            "title": a.title,
            "expires_on": a.expires_on.isoformat(),
            "days_left": a.days_left,
        },
    )
    counts["retried"] = notifications_retry(older_than=now - LOST_AFTER)
    return {str(kind): count for kind, count in counts.items()}
