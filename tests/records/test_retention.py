"""CE records are locked against deletion for CE_RECORD_RETENTION_YEARS: by the ORM, by a
queryset, by deleting the user or the course page, and through the Django and Wagtail admins."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, CourseEvaluation
from commerce.models import Order
from courses.models import Enrollment, LessonPage, LessonVisit
from quizzes.models import Attempt, AttemptSlot, QuestionBank
from quizzes.services import attempts as attempt_services
from records import retention
from records.models import CompletionReport
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import (
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
)
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db

SEVEN_YEARS = timedelta(days=7 * 366)


@pytest.fixture
def records(catalog):
    """One of every kind of CE record, for one learner of one course."""
    school = provider_school()
    course = approved_course(catalog, school)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(parent=module)
    bank = QuestionBank.objects.create(school=school, name="Bank")
    quiz = make_quiz(module, questions=[make_question(bank)], pass_mark=50)
    student = UserFactory()
    enrollment = completed_enrollment(course, student=student)
    attempt = attempt_services.attempt_submit(
        attempt=attempt_services.attempt_start(quiz=quiz, user=student)
    )
    certificate = issue(enrollment)
    visit = LessonVisit.objects.create(student=student, lesson=lesson, course=course)
    order = Order.objects.create(
        student=student,
        course=course,
        amount=Decimal("49.00"),
        currency="usd",
        status=Order.Status.PAID,
        paid_at=timezone.now(),
    )
    body = course.approvals.get(body__abbreviation="FL-BMT").body
    report = CompletionReport.objects.create(
        certificate=certificate, body=body, reported_at=timezone.now(), reported_by=student
    )
    return {
        "school": school,
        "course": course,
        "lesson": lesson,
        "quiz": quiz,
        "student": student,
        "Certificate": certificate,
        "CertificateEvent": certificate.events.first(),
        "CourseEvaluation": CourseEvaluation.objects.get(enrollment=enrollment),
        "CompletionReport": report,
        "Enrollment": enrollment,
        "Order": order,
        "LessonVisit": visit,
        "Attempt": attempt,
        "AttemptSlot": attempt.slots.first(),
    }


KINDS = [
    "Certificate",
    "CertificateEvent",
    "CourseEvaluation",
    "CompletionReport",
    "Enrollment",
    "Order",
    "LessonVisit",
    "Attempt",
    "AttemptSlot",
]
ALL_MODELS = [
    Certificate,
    CertificateEvent,
    CourseEvaluation,
    CompletionReport,
    Enrollment,
    Order,
    LessonVisit,
    Attempt,
    AttemptSlot,
]


def counts():
    return {model.__name__: model.objects.count() for model in ALL_MODELS}


def test_every_record_kind_is_in_the_registry():
    assert set(KINDS) <= {entry.model.rsplit(".", 1)[1] for entry in retention.RETAINED}


@pytest.mark.parametrize("kind", KINDS)
def test_deleting_a_young_record_is_refused(records, kind):
    record = records[kind]
    before = counts()
    with pytest.raises(ProtectedError), transaction.atomic():
        record.delete()
    assert counts() == before


def test_the_lock_holds_where_no_foreign_key_protects(catalog):
    """A certificate and an enrolment with nothing pointing at them: only the lock refuses."""
    from tests.certificates.factories import CertificateFactory

    course = CoursePageFactory(parent=catalog)
    certificate = CertificateFactory(enrollment=EnrollmentFactory(course=course))
    enrollment = EnrollmentFactory(course=course)
    for record in (certificate, enrollment):
        with pytest.raises(retention.RecordRetained) as refused, transaction.atomic():
            type(record).objects.filter(pk=record.pk).delete()
        assert "cannot be deleted before" in str(refused.value)
    assert Certificate.objects.filter(pk=certificate.pk).exists()
    assert Enrollment.objects.filter(pk=enrollment.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_deleting_young_records_by_queryset_is_refused(records, kind):
    model = type(records[kind])
    before = counts()
    with pytest.raises(ProtectedError), transaction.atomic():
        model.objects.all().delete()
    assert counts() == before


def test_deleting_the_learner_is_refused_and_keeps_every_record(records):
    before = counts()
    with pytest.raises(ProtectedError), transaction.atomic():
        records["student"].delete()
    assert counts() == before


def test_deleting_the_course_page_is_refused(records):
    before = counts()
    with pytest.raises(ProtectedError), transaction.atomic():
        records["course"].delete()
    assert counts() == before


def test_deleting_a_visited_lesson_is_refused_though_visits_cascade(records):
    """Lesson visits cascade from their lesson: only the retention lock stands in the way."""
    with pytest.raises(retention.RecordRetained), transaction.atomic():
        LessonPage.objects.get(pk=records["lesson"].pk).delete()
    assert LessonVisit.objects.filter(pk=records["LessonVisit"].pk).exists()


def test_a_lesson_visit_older_than_the_window_may_be_deleted(records):
    visit = records["LessonVisit"]
    old = timezone.now() - SEVEN_YEARS
    LessonVisit.objects.filter(pk=visit.pk).update(first_visited_at=old, last_visited_at=old)
    visit.refresh_from_db()
    assert not retention.is_retained(visit)
    LessonVisit.objects.filter(pk=visit.pk).delete()
    assert not LessonVisit.objects.filter(pk=visit.pk).exists()


def test_the_newest_date_starts_the_window(records):
    """An enrolment from 7 years ago completed last year is still kept."""
    enrollment = records["Enrollment"]
    Enrollment.objects.filter(pk=enrollment.pk).update(
        enrolled_at=timezone.now() - SEVEN_YEARS, completed_at=timezone.now() - timedelta(365)
    )
    enrollment.refresh_from_db()
    assert retention.is_retained(enrollment)
    assert retention.retained_until(enrollment) > timezone.now() + timedelta(days=4 * 365)


def test_the_window_follows_the_setting(records, settings):
    visit = records["LessonVisit"]
    two_years_ago = timezone.now() - timedelta(days=2 * 366)
    LessonVisit.objects.filter(pk=visit.pk).update(
        first_visited_at=two_years_ago, last_visited_at=two_years_ago
    )
    visit.refresh_from_db()
    assert retention.is_retained(visit)
    settings.CE_RECORD_RETENTION_YEARS = 1
    assert not retention.is_retained(visit)


def test_a_slot_takes_its_date_from_its_attempt(records):
    slot = records["AttemptSlot"]
    Attempt.objects.filter(pk=slot.attempt_id).update(
        started_at=timezone.now() - SEVEN_YEARS, submitted_at=timezone.now() - SEVEN_YEARS
    )
    slot = AttemptSlot.objects.select_related("attempt").get(pk=slot.pk)
    assert not retention.is_retained(slot)
    assert retention.retained_filter(AttemptSlot) is not None
    assert not AttemptSlot.objects.filter(retention.retained_filter(AttemptSlot)).exists()


# --- Through the admins -----------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_django_admin_refuses_to_delete_the_learner(client, records, superuser):
    student = records["student"]
    client.force_login(superuser)
    url = f"/django-admin/accounts/user/{student.pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"protected" in page.content.lower()
    response = client.post(url, {"post": "yes"})
    assert response.status_code in (200, 403)
    assert type(student).objects.filter(pk=student.pk).exists()


def test_wagtail_refuses_to_delete_the_learner_and_says_why(client, records, superuser):
    student = records["student"]
    client.force_login(superuser)
    response = client.post(f"/admin/users/delete/{student.pk}/", follow=True)
    assert type(student).objects.filter(pk=student.pk).exists()
    text = response.content.decode()
    assert "cannot be deleted" in text and "1 certificate" in text


def test_wagtail_refuses_to_delete_the_course_page(client, records, superuser):
    course = records["course"]
    before = counts()
    client.force_login(superuser)
    response = client.post(f"/admin/pages/{course.pk}/delete/", follow=True)
    assert counts() == before
    assert type(course).objects.filter(pk=course.pk).exists()
    assert "CE records that are kept for 6 years" in response.content.decode()


def test_wagtail_refuses_to_delete_a_visited_lesson(client, records, superuser):
    lesson = records["lesson"]
    client.force_login(superuser)
    response = client.post(f"/admin/pages/{lesson.pk}/delete/", follow=True)
    assert LessonPage.objects.filter(pk=lesson.pk).exists()
    assert "1 lesson visit" in response.content.decode()


def test_a_lesson_nobody_visited_can_still_be_deleted(client, records, superuser):
    spare = LessonPageFactory(parent=records["lesson"].get_parent())
    client.force_login(superuser)
    client.post(f"/admin/pages/{spare.pk}/delete/")
    assert not LessonPage.objects.filter(pk=spare.pk).exists()


def test_a_view_that_reaches_the_lock_refuses_rather_than_fails(client, records):
    """Without the friendly hook the lock itself refuses: RecordRetained is a PermissionDenied,
    which Wagtail answers by sending the user to the admin's home (elsewhere: a 403)."""
    from wagtail import hooks

    lesson = records["lesson"]
    editor = UserFactory(is_superuser=True, is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    hook_list = hooks._hooks["before_delete_page"]
    saved = list(hook_list)
    hook_list[:] = [
        (fn, order)
        for fn, order in hook_list
        if fn.__name__ != "refuse_deleting_pages_with_ce_records"
    ]
    try:
        response = client.post(f"/admin/pages/{lesson.pk}/delete/")
    finally:
        hook_list[:] = saved
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert LessonPage.objects.filter(pk=lesson.pk).exists()
