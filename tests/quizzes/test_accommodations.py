"""Extra time: granted by the school's teachers, recorded, and part of the server's deadline."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Accommodation, Attempt
from quizzes.services import attempts as services
from quizzes.services.accommodations import NO_EXTRA_TIME, accommodation_grant
from tests.factories import EnrollmentFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz


@pytest.fixture
def school_course(course, school):
    course.school = school
    course.save()
    return course


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role="instructor").user


@pytest.fixture
def timed_quiz(school_course, module, bank):
    return make_quiz(
        module,
        questions=[make_question(bank), make_question(bank, "true_false")],
        shuffle_answers=False,
        time_limit_minutes=90,
        kind="final_assessment",
    )


def grant(student, course, by, **fields):
    fields.setdefault("reason", "Documented need for extra time")
    return accommodation_grant(student=student, course=course, granted_by=by, **fields)


def minutes(attempt) -> float:
    return (attempt.deadline - attempt.started_at).total_seconds() / 60


def answer_late(attempt, after_minutes: int):
    """Save an answer as if `after_minutes` had passed since the attempt started."""
    started = timezone.now() - timedelta(minutes=after_minutes)
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=started, deadline=started + (attempt.deadline - attempt.started_at)
    )
    return services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" else []
    )


def test_half_as_much_time_again_gives_135_minutes_and_is_enforced(
    timed_quiz, school_course, student, instructor
):
    accommodation = grant(student, school_course, instructor, time_factor=Decimal("1.5"))
    attempt = services.attempt_start(quiz=timed_quiz, user=student)
    assert minutes(attempt) == 135 and attempt.accommodation == accommodation
    assert answer_late(attempt, 100).response == 1  # past the quiz's 90 minutes: accepted
    with pytest.raises(ValidationError) as raised:
        answer_late(attempt, 136)
    assert raised.value.error_list[0].code == "time_up"


def test_without_a_grant_the_limit_is_the_quizs(timed_quiz, student):
    attempt = services.attempt_start(quiz=timed_quiz, user=student)
    assert minutes(attempt) == 90 and attempt.accommodation is None
    with pytest.raises(ValidationError):
        answer_late(attempt, 100)


def test_minutes_are_added_after_the_factor(timed_quiz, school_course, student, instructor):
    grant(student, school_course, instructor, time_factor=Decimal("1.25"), extra_minutes=10)
    assert minutes(services.attempt_start(quiz=timed_quiz, user=student)) == 123  # 112.5↑ + 10


def test_a_course_grant_extends_an_open_attempt_never_shortens(
    timed_quiz, school_course, student, instructor
):
    attempt = services.attempt_start(quiz=timed_quiz, user=student)
    grant(student, school_course, instructor, time_factor=2)
    attempt.refresh_from_db()
    assert minutes(attempt) == 180
    grant(student, school_course, instructor, extra_minutes=5)
    attempt.refresh_from_db()
    assert minutes(attempt) == 180


def test_a_grant_for_one_attempt_covers_only_it(timed_quiz, school_course, student, instructor):
    attempt = services.attempt_start(quiz=timed_quiz, user=student)
    grant(student, school_course, instructor, extra_minutes=30, attempt=attempt)
    attempt.refresh_from_db()
    assert minutes(attempt) == 120
    services.attempt_submit(attempt=attempt)
    assert minutes(services.attempt_start(quiz=timed_quiz, user=student)) == 90


def test_grants_need_time_a_reason_and_an_enrolled_learner(
    timed_quiz, school_course, student, instructor
):
    with pytest.raises(ValidationError) as raised:
        grant(student, school_course, instructor, time_factor=1)
    assert raised.value.messages == [NO_EXTRA_TIME]
    with pytest.raises(ValidationError):
        grant(student, school_course, instructor, time_factor=2, reason="  ")
    with pytest.raises(ValidationError):
        grant(UserFactory(), school_course, instructor, time_factor=2)
    other = EnrollmentFactory(course=school_course).student
    attempt = services.attempt_start(quiz=timed_quiz, user=other)
    with pytest.raises(ValidationError):
        grant(student, school_course, instructor, time_factor=2, attempt=attempt)
    assert not Accommodation.objects.exists()


def test_the_learner_sees_their_time(client, timed_quiz, school_course, student, instructor):
    grant(student, school_course, instructor, time_factor=Decimal("1.5"))
    client.force_login(student)
    html = client.get(timed_quiz.url).content.decode()
    assert "90 minutes" in html and "135 minutes with your extra time" in html
    attempt = services.attempt_start(quiz=timed_quiz, user=student)
    html = client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert "Your time: <strong>135 minutes</strong> (including your extra time)" in html
    assert "data-time-left" in html


# --- The grant form -----------------------------------------------------------------------


def page(course):
    return reverse("quizzes:accommodations", args=[course.pk])


def test_an_instructor_grants_extra_time_with_a_reason(client, school_course, student, instructor):
    client.force_login(instructor)
    response = client.post(
        page(school_course),
        {
            "email": student.email.upper(),
            "time_factor": "1.5",
            "extra_minutes": "0",
            "applies_to": "course",
            "reason": "Dyslexia: assessment on file",
        },
    )
    assert response.status_code == 302
    grant = Accommodation.objects.get()
    assert (grant.student, grant.granted_by, grant.time_factor) == (
        student,
        instructor,
        Decimal("1.5"),
    )
    html = client.get(page(school_course)).content.decode()
    assert "Dyslexia: assessment on file" in html and instructor.email in html


def test_the_form_explains_what_is_wrong(client, school_course, instructor):
    client.force_login(instructor)
    data = {"email": "nobody@example.com", "time_factor": "1", "extra_minutes": "0"}
    response = client.post(page(school_course), {**data, "applies_to": "course", "reason": "x"})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error:" in html
    assert "No learner with that email is enrolled on this course." in html
    assert not Accommodation.objects.exists()


def test_learners_and_other_schools_cannot_grant(client, school_course, student):
    outsider = SchoolMembershipFactory(role="instructor").user
    for user in (student, outsider):
        client.force_login(user)
        assert client.get(page(school_course)).status_code == 404
        data = {"email": student.email, "time_factor": "2", "extra_minutes": "0"}
        client.post(page(school_course), {**data, "applies_to": "course", "reason": "x"})
    assert not Accommodation.objects.exists()


@pytest.mark.parametrize("grants", [1, 12])
def test_grant_page_query_count_is_flat(
    client, school_course, instructor, grants, django_assert_num_queries
):
    for _ in range(grants):
        student = EnrollmentFactory(course=school_course).student
        grant(student, school_course, instructor, time_factor=2)
    client.force_login(instructor)
    client.get(page(school_course))
    # session user, course, memberships, open attempts (quizzes in a subquery), grants; the
    # rest is base.html's
    with django_assert_num_queries(9):
        assert client.get(page(school_course)).status_code == 200
