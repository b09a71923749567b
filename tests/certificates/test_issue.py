"""Issuing: one certificate per enrolment, unique numbers, and a snapshot nothing changes."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from certificates import services
from certificates.models import (
    Certificate,
    CertificateEvent,
    CertificateKind,
    CertificateTemplate,
    CourseEvaluation,
)
from certificates.snapshot import hours_label
from completion.services import certificate_start
from courses.models import CourseApproval, Enrollment
from tests.certificates.factories import example_snapshot
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    GOOD_RATINGS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks and concurrent writers need PostgreSQL (CI runs the suite on it too)",
)


@pytest.fixture
def school(db):
    return provider_school()


@pytest.fixture
def course(catalog, school):
    return approved_course(catalog, school)


def _keys(value):
    """The nested key structure of a snapshot, to compare shapes."""
    if isinstance(value, dict):
        return {key: _keys(item) for key, item in value.items()}
    if isinstance(value, list) and value:
        return [_keys(value[0])]
    return None


def _covers(actual, expected) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and _covers(actual[key], sub) for key, sub in expected.items()
        )
    if isinstance(expected, list):
        return isinstance(actual, list) and all(_covers(actual[0], expected[0]) for _ in expected)
    return True


# --- Exactly once ---------------------------------------------------------------------------


def test_completion_starting_the_certificate_twice_creates_one_pending_certificate(course):
    course.save_revision().publish()
    course.refresh_from_db()
    enrollment = completed_enrollment(course)
    certificate_start(enrollment=enrollment)
    certificate_start(enrollment=enrollment)

    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.status == Certificate.Status.PENDING
    assert certificate.number is None and certificate.issued_at is None
    assert certificate.completed_at == enrollment.completed_at
    assert certificate.course_revision_id == course.live_revision_id is not None
    assert certificate.school_id == course.school_id
    assert len(certificate.verify_code) >= 20
    assert list(certificate.events.values_list("action", flat=True)) == ["created"]


def test_completion_without_a_date_uses_now(course):
    enrollment = EnrollmentFactory(course=course)
    before = timezone.now()
    certificate = services.certificate_create_pending(enrollment=enrollment)
    assert before <= certificate.completed_at <= timezone.now()


def test_completion_of_an_inactive_enrolment_creates_nothing(course):
    enrollment = completed_enrollment(course)
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    enrollment.refresh_from_db()
    certificate_start(enrollment=enrollment)  # logged, not raised
    assert not Certificate.objects.filter(enrollment=enrollment).exists()


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_completions_create_one_certificate(catalog):
    course = approved_course(catalog, provider_school(signature=False))
    enrollment = completed_enrollment(course)
    threads_count = 6
    barrier = threading.Barrier(threads_count)
    created, errors = [], []

    def complete():
        try:
            barrier.wait()
            created.append(services.certificate_create_pending(enrollment=enrollment).pk)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    assert set(created) == {Certificate.objects.get(enrollment=enrollment).pk}
    assert CertificateEvent.objects.filter(action="created").count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_issues_get_unique_consecutive_numbers(catalog):
    course = approved_course(catalog, provider_school(signature=False), requires_evaluation=False)
    pending = [
        services.certificate_create_pending(enrollment=completed_enrollment(course, **CE_DETAILS))
        for _ in range(8)
    ]
    barrier = threading.Barrier(len(pending))
    errors = []

    def claim(certificate):
        try:
            barrier.wait()
            services.certificate_issue(certificate=certificate, confirmed_by=certificate.student)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(c,)) for c in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    year = timezone.localdate().year
    numbers = sorted(Certificate.objects.values_list("number", flat=True))
    assert numbers == [f"GCN-{year}-{n:06d}" for n in range(1, 9)]


# --- Issuing --------------------------------------------------------------------------------


def test_issue_numbers_freezes_snapshot_and_renders(
    course, school, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrollment)

    certificate.refresh_from_db()
    year = timezone.localdate().year
    assert certificate.status == Certificate.Status.ISSUED
    assert certificate.number == f"GCN-{year}-000001"
    assert certificate.issued_at is not None
    assert certificate.ce_hours == Decimal("3.00")
    assert certificate.kind == CertificateKind.COMPLETION  # no graded test in this course
    snapshot = certificate.snapshot
    assert _covers(snapshot, _keys(example_snapshot(certificate)))
    assert snapshot["learner"] == {
        "name": "Maria Elena Okafor",
        "licence_number": "MA98765",
        "licensing_board": "Florida Board of Massage Therapy",
        "email": enrollment.student.email,
    }
    # Approved values, in body order (by name: Florida before National), not the page's title.
    assert [a["body"] for a in snapshot["approvals"]] == ["FL-BMT", "NCBTMB"]
    assert snapshot["course"]["title"] == "Neck and Shoulder Trigger Point Therapy"
    assert snapshot["course"]["page_title"] == course.title
    assert snapshot["approvals"][1]["approval_number"] == "NCB-24-7788"
    assert snapshot["provider"]["approvals"] == [
        {"body": "FL-BMT", "body_name": "Florida Board of Massage Therapy",
         "provider_number": "CE-50-1234", "expires_on": None},
        {"body": "NCBTMB",
         "body_name": "National Certification Board for Therapeutic Massage & Bodywork",
         "provider_number": "AP-451200", "expires_on": None},
    ]  # fmt: skip
    assert snapshot["provider"]["administrator"]["signature"].startswith("data:image/png;base64,")
    assert snapshot["instructors"][0]["signature"].startswith("data:image/png;base64,")
    assert snapshot["verify_url"].endswith(f"/certificates/verify/{certificate.verify_code}/")
    assert snapshot["qr_code"].startswith("data:image/svg+xml;base64,")
    assert snapshot["completed_on"] == timezone.localdate(certificate.completed_at).isoformat()
    assert "Maria Elena Okafor" in certificate.rendered_html
    assert certificate.template is None  # no school or platform default: the built-in design
    assert certificate.pdf.name.startswith("certificates/") and certificate.pdf_rendered_at
    actions = list(certificate.events.values_list("action", flat=True))
    assert actions == ["created", "issued", "pdf_rendered"]
    issued = certificate.events.get(action="issued")
    assert issued.actor == enrollment.student
    assert issued.data["confirmed"]["licence_number"] == "MA98765"

    second = issue(completed_enrollment(course))
    assert second.number == f"GCN-{year}-000002"


def test_issue_saves_the_confirmed_details_to_the_profile(course):
    enrollment = completed_enrollment(course, legal_name="Maria Okafor")
    issue(enrollment, details={**CE_DETAILS, "legal_name": "  Maria   Elena Okafor "})
    student = type(enrollment.student).objects.get(pk=enrollment.student_id)
    assert student.legal_name == "Maria Elena Okafor"
    assert student.licence_number == "MA98765"
    assert student.has_ce_profile


def test_issue_without_a_licence_number_is_refused(course):
    enrollment = completed_enrollment(course)
    certificate = services.certificate_create_pending(enrollment=enrollment)
    services.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(
            certificate=certificate,
            confirmed_by=enrollment.student,
            ce_details={**CE_DETAILS, "licence_number": ""},
        )
    assert services.CE_DETAILS_MISSING in error.value.messages
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.PENDING and certificate.number is None
    enrollment.student.refresh_from_db()
    assert enrollment.student.legal_name == ""  # the whole step rolled back


def test_issue_needs_the_evaluation_when_the_course_requires_it(catalog, school):
    course = approved_course(catalog, school, requires_evaluation=True)
    enrollment = completed_enrollment(course)
    with pytest.raises(ValidationError) as error:
        issue(enrollment, evaluate=False)
    assert services.EVALUATION_REQUIRED in error.value.messages

    optional = approved_course(catalog, school, requires_evaluation=False, slug="optional")
    assert issue(completed_enrollment(optional), evaluate=False).is_valid


def test_evaluation_is_saved_once_and_must_be_complete(course):
    enrollment = completed_enrollment(course)
    with pytest.raises(ValidationError):
        services.course_evaluation_submit(
            enrollment=enrollment, ratings={"objectives_met": 5}, comments=""
        )
    with pytest.raises(ValidationError):
        services.course_evaluation_submit(
            enrollment=enrollment, ratings={**GOOD_RATINGS, "would_recommend": 9}
        )
    first = services.course_evaluation_submit(
        enrollment=enrollment, ratings=GOOD_RATINGS, comments=" Clear videos. "
    )
    again = services.course_evaluation_submit(
        enrollment=enrollment, ratings={**GOOD_RATINGS, "objectives_met": 1}
    )
    assert again.pk == first.pk and CourseEvaluation.objects.count() == 1
    assert first.ratings["objectives_met"] == 5 and first.comments == "Clear videos."


def test_issuing_twice_changes_nothing(course):
    enrollment = completed_enrollment(course)
    certificate = issue(enrollment)
    again = services.certificate_issue(certificate=certificate, confirmed_by=enrollment.student)
    assert again.number == certificate.number
    assert certificate.events.filter(action="issued").count() == 1


def test_only_the_learner_or_staff_confirm(course):
    enrollment = completed_enrollment(course, **CE_DETAILS)
    certificate = services.certificate_create_pending(enrollment=enrollment)
    services.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    with pytest.raises(PermissionDenied):
        services.certificate_issue(certificate=certificate, confirmed_by=UserFactory())
    staff = UserFactory(is_staff=True)
    assert services.certificate_issue(certificate=certificate, confirmed_by=staff).is_valid


def test_a_revoked_certificate_cannot_be_issued(course):
    enrollment = completed_enrollment(course, **CE_DETAILS)
    certificate = services.certificate_create_pending(enrollment=enrollment)
    services.certificate_revoke(certificate=certificate, reason="Refunded")
    with pytest.raises(ValidationError):
        services.certificate_issue(certificate=certificate, confirmed_by=enrollment.student)


def test_numbers_keep_counting_past_six_digits(course, school):
    year = timezone.localdate().year
    stem = f"GCN-{year}-"
    filler = completed_enrollment(course)
    Certificate.objects.create(
        enrollment=filler,
        student=filler.student,
        course=course,
        status=Certificate.Status.ISSUED,
        number=f"{stem}999999",
        verify_code="filler-1",
        completed_at=timezone.now(),
        issued_at=timezone.now(),
    )
    assert issue(completed_enrollment(course)).number == f"{stem}1000000"
    assert issue(completed_enrollment(course)).number == f"{stem}1000001"


def test_school_without_a_prefix_numbers_from_its_slug(catalog):
    school = provider_school(signature=False, certificate_prefix="", slug="blue-ridge-nmt")
    certificate = issue(completed_enrollment(approved_course(catalog, school)))
    assert certificate.number.startswith(f"BLUERIDGENMT-{timezone.localdate().year}-")


def test_a_course_with_no_approvals_prints_its_own_title_and_hours(catalog, school):
    course = approved_course(catalog, school, title="Plain course", ce_hours=Decimal("1.5"))
    CourseApproval.objects.filter(course=course).delete()
    certificate = issue(completed_enrollment(course))
    assert certificate.snapshot["approvals"] == []
    assert certificate.snapshot["course"]["title"] == "Plain course"
    assert certificate.snapshot["course"]["ce_hours_label"] == "1.5 CE hours"
    assert certificate.ce_hours == Decimal("1.5")


def test_hours_are_written_as_ce_hours():
    assert hours_label("1.00") == "1 CE hour"
    assert hours_label(Decimal("2.50")) == "2.5 CE hours"
    assert hours_label("10") == "10 CE hours"


# --- Frozen ---------------------------------------------------------------------------------


def test_nothing_edited_after_issue_changes_the_certificate(
    course, school, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment(course)
    with django_capture_on_commit_callbacks(execute=True):
        certificate = issue(enrollment)
    certificate.refresh_from_db()
    frozen = (certificate.snapshot, certificate.rendered_html, certificate.pdf.name)
    pdf_bytes = certificate.pdf.read()

    course.title = "Renamed course"
    course.ce_hours = Decimal("9")
    course.save_revision().publish()
    CourseApproval.objects.filter(course=course).update(
        approved_title="Another title", ce_hours=Decimal("8")
    )
    school.name = "Renamed School"
    school.administrator_name = "Someone Else"
    school.save()
    CertificateTemplate.objects.create(
        school=school, name="New look", html="<p>{{ learner.name }}</p>", is_default=True
    )
    student = enrollment.student
    student.legal_name = "Changed Name"
    student.licence_number = "XX000"
    student.save()

    certificate.refresh_from_db()
    assert (certificate.snapshot, certificate.rendered_html, certificate.pdf.name) == frozen
    assert certificate.ce_hours == Decimal("3.00")
    certificate.pdf.open("rb")
    assert certificate.pdf.read() == pdf_bytes
    # Rendering again (a retried task) keeps the stored PDF.
    services.certificate_store_pdf(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    assert certificate.pdf.name == frozen[2]
    assert certificate.events.filter(action="pdf_rendered").count() == 1


def rendered(capture, enrollment, **kwargs) -> Certificate:
    """Issued, and rendered by the task that issuing queues (the design never renders in the
    issuing request)."""
    with capture(execute=True):
        certificate = issue(enrollment, **kwargs)
    certificate.refresh_from_db()
    return certificate


def test_schools_default_design_is_used_at_issue(
    course, school, django_capture_on_commit_callbacks
):
    CertificateTemplate.objects.create(
        school=None, name="Platform", html="<p>PLATFORM {{ learner.name }}</p>", is_default=True
    )
    first = rendered(django_capture_on_commit_callbacks, completed_enrollment(course))
    assert first.template.name == "Platform" and "PLATFORM Maria Elena Okafor" in (
        first.rendered_html
    )
    CertificateTemplate.objects.create(
        school=school,
        name="Ours",
        html="<p>OURS {{ learner.name }}</p>",
        css="p { color: red }",
        page_size=CertificateTemplate.PageSize.A4,
        is_default=True,
    )
    second = rendered(django_capture_on_commit_callbacks, completed_enrollment(course))
    assert second.template.name == "Ours"
    assert "OURS Maria Elena Okafor" in second.rendered_html
    assert "size: A4 portrait" in second.rendered_html


def test_designs_escape_values_and_cannot_turn_escaping_off(
    course, school, django_capture_on_commit_callbacks
):
    CertificateTemplate.objects.create(
        school=school, name="Plain", html="<p>{{ learner.name }}</p>", is_default=True
    )
    certificate = rendered(
        django_capture_on_commit_callbacks,
        completed_enrollment(course),
        details={**CE_DETAILS, "legal_name": "<b>Bold</b> Name"},
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; Name" in certificate.rendered_html
    from django.template import TemplateSyntaxError

    from certificates.designs.sandbox import compile_design

    for sneaky in (
        "{{ learner.name|safe }}",
        "{% autoescape off %}{{ learner.name }}{% endautoescape %}",
        "{% debug %}",
        "{% load static %}",
        "{% include 'base.html' %}",
    ):
        with pytest.raises(TemplateSyntaxError):
            compile_design(sneaky)


def test_final_assessment_score_and_kind(course, school):
    from quizzes.models import QuestionBank
    from quizzes.services import attempts
    from tests.quizzes.conftest import make_question, make_quiz

    bank = QuestionBank.objects.create(school=school, name="Post-test")
    final = make_quiz(
        course,
        questions=[make_question(bank), make_question(bank)],
        shuffle_answers=False,
        kind="final_assessment",
        pass_mark=50,
    )
    enrollment = completed_enrollment(course)
    attempt = attempts.attempt_start(quiz=final, user=enrollment.student)
    attempts.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )
    attempts.attempt_submit(attempt=attempt)

    certificate = issue(enrollment)
    assert certificate.kind == CertificateKind.ACHIEVEMENT
    assert certificate.snapshot["kind_label"] == "Certificate of Achievement"
    assert certificate.snapshot["score_percent"] == "50.0"


def test_certificate_records_the_course_version_completed(
    client, course, django_capture_on_commit_callbacks
):
    course.version_notes = "First edition."
    course.save_revision().publish()
    course.version_notes = "Second edition: a new module on the psoas."
    course.save_revision().publish()
    course.refresh_from_db()
    enrollment = completed_enrollment(course)

    certificate = rendered(django_capture_on_commit_callbacks, enrollment)

    assert certificate.snapshot["course"]["version"] == 2
    assert "course version 2" in certificate.rendered_html
    page = client.get(f"/certificates/verify/{certificate.verify_code}/")
    assert "(version 2)" in page.content.decode()
