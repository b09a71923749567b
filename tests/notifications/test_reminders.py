"""The daily run: each reminder and school alert is queued when due, once per period, however
often the run repeats; the reads behind it cost the same queries for 2 or 20 learners."""

import secrets
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certificates.models import Certificate
from courses.models import (
    CETopicCategory,
    CourseApproval,
    Enrollment,
    LessonVisit,
    ProviderApproval,
    TopicRequirement,
)
from notifications import selectors
from notifications.models import Notification
from notifications.reminders import reminders_queue
from tests.certificates.issue_helpers import FLORIDA_NAME, approved_course, body, issue
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def run(capture, now=None):
    with capture(execute=True):
        return reminders_queue(now=now or timezone.now())


def subjects(containing: str = ""):
    return [m.subject for m in mail.outbox if containing in m.subject]


def sent(containing: str):
    return [m for m in mail.outbox if containing in m.subject]


# --- Inactivity -------------------------------------------------------------------------------


def idle_enrollment(course, *, days: int, student=None):
    enrollment = EnrollmentFactory(course=course, student=student or UserFactory())
    Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=timezone.now() - days * DAY)
    return enrollment


def test_a_learner_idle_for_the_period_is_reminded_once(
    paid_course, django_capture_on_commit_callbacks
):
    idle = idle_enrollment(paid_course, days=20)
    idle_enrollment(paid_course, days=3)  # started recently: not yet
    done = idle_enrollment(paid_course, days=40)
    Enrollment.objects.filter(pk=done.pk).update(completed_at=timezone.now())

    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)  # the cron job ran twice today

    assert subjects() == ["Pick up where you left off: Neck pain"]
    assert mail.outbox[0].to == [idle.student.email]
    assert "20 days" not in mail.outbox[0].body and "14 days" in mail.outbox[0].body


def test_a_new_idle_spell_after_coming_back_is_a_new_reminder(
    paid_course, django_capture_on_commit_callbacks
):
    idle = idle_enrollment(paid_course, days=20)
    run(django_capture_on_commit_callbacks)
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(paid_course).first()
    visit = LessonVisit.objects.create(student=idle.student, lesson=lesson, course=paid_course)
    LessonVisit.objects.filter(pk=visit.pk).update(last_visited_at=timezone.now() - 2 * DAY)

    run(django_capture_on_commit_callbacks)  # came back two days ago: not idle now
    assert len(mail.outbox) == 1
    run(django_capture_on_commit_callbacks, now=timezone.now() + 15 * DAY)  # idle again
    assert len(mail.outbox) == 2


def test_a_learner_who_turned_course_reminders_off_is_not_selected(paid_course):
    from notifications.services import preference_update

    idle = idle_enrollment(paid_course, days=20)
    preference_update(user=idle.student, course_reminders=False)
    assert selectors.inactive_enrollments(now=timezone.now(), days=14) == []


# --- Licence renewal --------------------------------------------------------------------------

# A 24-month cycle with no renewal date given ends 31 December of an odd year (records/cycles.py).
NEAR_RENEWAL = timezone.make_aware(datetime(2027, 12, 10, 9, 0))


@pytest.fixture
def florida_ethics():
    florida = body("FL-BMT", FLORIDA_NAME)
    ethics = CETopicCategory.objects.create(name="Ethics", slug="ethics")
    TopicRequirement.objects.create(body=florida, category=ethics, hours=Decimal("2"))
    return florida


def certified(course, student, *, hours="3", on=date(2027, 3, 1)):
    enrollment = EnrollmentFactory(course=course, student=student)
    return Certificate.objects.create(
        enrollment=enrollment,
        student=student,
        course=course,
        school=course.school,
        status=Certificate.Status.ISSUED,
        number=f"GCN-2027-{secrets.token_hex(3)}",
        verify_code=secrets.token_urlsafe(12),
        completed_at=timezone.make_aware(datetime.combine(on, datetime.min.time())),
        issued_at=timezone.now(),
        snapshot={
            "completed_on": on.isoformat(),
            "approvals": [{"body": "FL-BMT", "ce_hours": hours}],
        },
    )


def test_renewal_reminder_names_the_hours_and_topics_missing(
    paid_course, florida_ethics, django_capture_on_commit_callbacks
):
    learner = UserFactory(licensing_board=FLORIDA_NAME, email="lmt@example.com")
    certified(paid_course, learner)
    complete = UserFactory(licensing_board="FL-BMT")
    certified(paid_course, complete, hours="24")  # hours met, but no ethics: still reminded
    stranger = UserFactory(licensing_board=FLORIDA_NAME)  # never took a course with us

    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL - 100 * DAY)  # too early
    assert sent("renewal") == []
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL)
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL + DAY)  # same stage: nothing new

    assert len(sent("renewal")) == 2
    by_address = {m.to[0]: m for m in sent("renewal")}
    assert set(by_address) == {"lmt@example.com", complete.email}
    assert stranger.email not in by_address
    message = by_address["lmt@example.com"]
    assert message.subject == "Your FL-BMT renewal: 21 CE hours still to earn"
    assert "2027-12-31" in message.body and "Ethics: 2 CE hours" in message.body
    assert "You have 3 CE hours of the 24 CE hours it requires" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_renewal_stages_each_send_once(
    paid_course, florida_ethics, django_capture_on_commit_callbacks
):
    learner = UserFactory(licensing_board=FLORIDA_NAME)
    certified(paid_course, learner)
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL - 70 * DAY)  # 91 days: none
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL - 60 * DAY)  # 81 days: the 90
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL - 59 * DAY)
    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL)  # 21 days: the 30
    assert len(sent("renewal")) == 2
    assert Notification.objects.filter(kind="renewal").count() == 2


# --- CE reports due ---------------------------------------------------------------------------


@pytest.fixture
def ce_broker(db):
    florida = body("FL-BMT", FLORIDA_NAME)
    florida.tracking_system = "CE Broker"
    florida.reporting_days = 30
    florida.save()
    return florida


def test_completions_due_to_ce_broker_alert_the_school_at_each_stage(
    paid_course, ce_broker, school_admin, django_capture_on_commit_callbacks
):
    from tests.certificates.issue_helpers import completed_enrollment

    certificate = issue(completed_enrollment(paid_course, email="learner@example.com"))
    completed = timezone.now() - 25 * DAY
    Certificate.objects.filter(pk=certificate.pk).update(completed_at=completed)
    due_on = timezone.localdate(completed) + 30 * DAY

    run(django_capture_on_commit_callbacks)  # 5 days left: the 7-day stage
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks, now=timezone.now() + 3 * DAY)  # 2 days left
    run(django_capture_on_commit_callbacks, now=timezone.now() + 6 * DAY)  # overdue: no more

    alerts = sent("to report")
    assert [m.subject for m in alerts] == [
        f"1 completion to report to CE Broker by {due_on.isoformat()}"
    ] * 2
    assert all(m.to == ["admin@gulfcoast.example"] for m in alerts)
    assert "learner@example.com" not in alerts[0].body
    assert "/schools/gulf-coast/reporting/" in alerts[0].body


def test_reported_completions_raise_no_alert(
    paid_course, ce_broker, school_admin, django_capture_on_commit_callbacks
):
    from records.reporting import completions_mark_reported
    from tests.certificates.issue_helpers import completed_enrollment

    certificate = issue(completed_enrollment(paid_course))
    Certificate.objects.filter(pk=certificate.pk).update(completed_at=timezone.now() - 25 * DAY)
    completions_mark_reported(
        school=paid_course.school,
        body=ce_broker,
        reported_by=school_admin,
        certificate_ids=[certificate.pk],
    )
    run(django_capture_on_commit_callbacks)
    assert sent("to report") == []


# --- Approvals expiring -----------------------------------------------------------------------


def test_expiring_approvals_alert_the_school_at_60_and_14_days(
    paid_course, school_admin, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    ProviderApproval.objects.filter(school=paid_course.school, body__abbreviation="NCBTMB").update(
        expires_on=today + 50 * DAY
    )
    CourseApproval.objects.filter(course=paid_course, body__abbreviation="FL-BMT").update(
        expires_on=today + 10 * DAY
    )
    run(django_capture_on_commit_callbacks)
    run(django_capture_on_commit_callbacks)
    assert sorted(subjects("approval")) == [
        f"Your FL-BMT course approval expires on {(today + 10 * DAY).isoformat()}",
        f"Your NCBTMB provider approval expires on {(today + 50 * DAY).isoformat()}",
    ]
    run(django_capture_on_commit_callbacks, now=timezone.now() + 40 * DAY)  # 10 days: the 14
    assert len(sent("approval")) == 3


def test_send_reminders_command_reports_what_it_queued(paid_course, capsys):
    idle_enrollment(paid_course, days=30)
    call_command("send_reminders")
    assert "inactivity: 1" in capsys.readouterr().out


# --- Query counts: flat in the number of learners -------------------------------------------


def queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_reminder_selectors_cost_the_same_for_2_or_20_learners(
    paid_course, florida_ethics, ce_broker, school_admin, django_assert_num_queries
):
    from courses.models import LessonPage

    lesson = LessonPage.objects.descendant_of(paid_course).first()
    other_course = approved_course(paid_course.get_parent(), paid_course.school, title="Other")
    ProviderApproval.objects.update(expires_on=timezone.localdate() + 20 * DAY)

    def learners(count):
        """Each one idle on the course, with a Florida licence, and a completion due to CE
        Broker within the week (certified two days after their own enrolment's record)."""
        for _ in range(count):
            learner = UserFactory(licensing_board=FLORIDA_NAME)
            idle_enrollment(paid_course, days=20, student=learner)
            LessonVisit.objects.create(student=learner, lesson=lesson, course=paid_course)
            LessonVisit.objects.filter(student=learner).update(
                last_visited_at=timezone.now() - 20 * DAY
            )
            completion = certified(other_course, learner, on=timezone.localdate() - 25 * DAY)
            completion.snapshot["completed_on"] = date(2027, 3, 1).isoformat()  # in the cycle
            completion.save(update_fields=["snapshot"])

    now = NEAR_RENEWAL
    reads = {
        "inactive": lambda: selectors.inactive_enrollments(now=timezone.now(), days=14),
        "renewals": lambda: selectors.renewals_due(today=now.date(), stages=(90, 30)),
        "reports": lambda: selectors.reports_due(today=timezone.localdate(), stages=(7, 2)),
        "approvals": lambda: selectors.approvals_expiring(
            today=timezone.localdate(), stages=(60, 14)
        ),
        "recipients": lambda: selectors.school_recipients(school_ids=[paid_course.school_id]),
    }
    learners(2)
    few = {name: queries(read) for name, read in reads.items()}
    assert len(reads["inactive"]()) >= 2 and len(reads["renewals"]()) == 2
    assert sum(r.count for r in reads["reports"]()) == 2
    learners(18)
    many = {name: queries(read) for name, read in reads.items()}
    assert len(reads["inactive"]()) >= 20 and len(reads["renewals"]()) == 20
    assert sum(r.count for r in reads["reports"]()) == 20
    # reports: the tracking bodies, then one query per body (a handful, never per learner);
    # renewals: learners, bodies, topic requirements, certificates, accepted credit elsewhere.
    pinned = {"inactive": 1, "renewals": 5, "reports": 2, "approvals": 2, "recipients": 1}
    assert many == few == pinned


def test_accepted_credit_from_elsewhere_counts_toward_the_renewal(
    paid_course, florida_ethics, django_capture_on_commit_callbacks
):
    from records.external_credit.services import external_credit_review
    from tests.records.external_credit_helpers import add_credit

    learner = UserFactory(licensing_board=FLORIDA_NAME, email="lmt@example.com")
    certified(paid_course, learner, hours="3")
    staff = UserFactory(is_staff=True)
    ethics = CETopicCategory.objects.get(slug="ethics")
    accepted = add_credit(
        learner=learner,
        body=florida_ethics,
        hours="20",
        topics=[ethics],
        completed_on=date(2026, 3, 1),
    )
    external_credit_review(credit=accepted, reviewer=staff, accept=True)
    add_credit(learner=learner, body=florida_ethics, hours="1", completed_on=date(2026, 3, 1))

    run(django_capture_on_commit_callbacks, now=NEAR_RENEWAL)
    (message,) = sent("renewal")
    # 3 here + 20 accepted; the 1 self-reported hour is not counted.
    assert message.subject == "Your FL-BMT renewal: 1 CE hour still to earn"
