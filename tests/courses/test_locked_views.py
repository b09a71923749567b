"""Locked content on the server: a lesson, a quiz (its page, starting, continuing, saving,
submitting) and the final answer 403 with the reason, not 404; staff and the school preview;
enrolment and purchase are refused while prerequisites are missing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from commerce.services.orders import order_buy_check
from courses.models import CoursePrerequisite, Enrollment, LessonPage, ModulePage
from quizzes.models import QuestionBank
from quizzes.services import attempts as attempt_services
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz

LOCKED_ROLES = ["learner"]
OPEN_ROLES = ["staff", "admin", "instructor", "reviewer"]


@pytest.fixture
def opens_on():
    return timezone.localdate() + timedelta(days=30)


@pytest.fixture
def dripped(catalog, opens_on):
    """A course of two modules, the second dated a month ahead, each with a quiz, and a final."""
    school = SchoolFactory()
    bank = QuestionBank.objects.create(school=school, name="Post-test")
    course = build_course(catalog, modules=2, lessons_per_module=2, school=school)
    first, second = ModulePage.objects.child_of(course).order_by("path")
    second.opens_on = opens_on
    second.save_revision().publish()
    make_quiz(first, questions=[make_question(bank)], title="Quiz one")
    make_quiz(second, questions=[make_question(bank)], title="Quiz two", shuffle_answers=False)
    make_quiz(course, questions=[make_question(bank)], title="Final", kind="final_assessment")
    return course


def person(role, course):
    if role == "staff":
        user = UserFactory(is_staff=True)
    elif role == "learner":
        user = UserFactory()
    else:
        user = SchoolMembershipFactory(school=course.school, role=role).user
    EnrollmentFactory(student=user, course=course)
    return user


def pages(course):
    first, second = ModulePage.objects.child_of(course).order_by("path")
    return {
        "open lesson": LessonPage.objects.child_of(first).first(),
        "locked lesson": LessonPage.objects.child_of(second).first(),
        "open quiz": first.get_children().get(title="Quiz one").specific,
        "locked quiz": second.get_children().get(title="Quiz two").specific,
        "final": course.get_children().get(title="Final").specific,
    }


# --- The matrix of locked content: who may open what -----------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("role", LOCKED_ROLES + OPEN_ROLES)
def test_locked_content_matrix(client, dripped, role, opens_on):
    user = person(role, dripped)
    client.force_login(user)
    every = pages(dripped)
    for name, page in every.items():
        response = client.get(page.url)
        locked = role in LOCKED_ROLES and name in ("locked lesson", "locked quiz", "final")
        assert response.status_code == (403 if locked else 200), (role, name)
        if locked:
            html = response.content.decode()
            assert "not open yet" in html
            assert date_format(opens_on, "j F Y") in html
    start = client.post(reverse("quizzes:start", args=[every["locked quiz"].pk]))
    assert start.status_code == (403 if role in LOCKED_ROLES else 302)


def test_a_locked_lesson_says_when_it_opens(client, dripped, opens_on):
    client.force_login(person("learner", dripped))
    response = client.get(pages(dripped)["locked lesson"].url)
    assert response.status_code == 403
    html = response.content.decode()
    assert f"Opens on {date_format(opens_on, 'j F Y')}." in html
    assert "This lesson is not open yet" in html


def test_an_attempt_started_before_a_module_was_dated_cannot_continue(client, dripped):
    learner = person("learner", dripped)
    second = ModulePage.objects.child_of(dripped).order_by("path").last()
    second.opens_on = None
    second.save_revision().publish()
    quiz = pages(dripped)["locked quiz"]
    attempt = attempt_services.attempt_start(quiz=quiz, user=learner)
    second.opens_on = timezone.localdate() + timedelta(days=2)
    second.save_revision().publish()
    client.force_login(learner)
    assert client.get(reverse("quizzes:attempt", args=[attempt.pk])).status_code == 403
    save = client.post(
        reverse("quizzes:autosave", args=[attempt.pk]),
        data='{"question": 1, "fields": {"q1": ["1"]}}',
        content_type="application/json",
    )
    assert save.status_code == 403 and save.json()["locked"] is True
    assert client.post(reverse("quizzes:submit", args=[attempt.pk])).status_code == 403


def test_outline_and_course_page_show_when_a_module_opens(client, dripped, opens_on):
    client.force_login(person("learner", dripped))
    html = client.get(dripped.url).content.decode()
    when = date_format(opens_on, "j F Y")
    assert f"Not open yet.</strong> Opens on {when}." in html
    assert f"Opens when the last module opens on {when}." in html
    module_html = client.get(pages(dripped)["locked lesson"].get_parent().url).content.decode()
    assert f"Opens on {when}." in module_html


def test_a_days_after_enrolment_module_opens_for_each_learner_on_their_day(client, dripped):
    second = ModulePage.objects.child_of(dripped).order_by("path").last()
    second.opens_on = None
    second.opens_after_days = 7
    second.save_revision().publish()
    early = person("learner", dripped)
    Enrollment.objects.filter(student=early).update(enrolled_at=timezone.now() - timedelta(days=8))
    late = person("learner", dripped)
    lesson = pages(dripped)["locked lesson"]
    client.force_login(early)
    assert client.get(lesson.url).status_code == 200
    client.force_login(late)
    response = client.get(lesson.url)
    day = date_format(timezone.localdate() + timedelta(days=7), "j F Y")
    assert response.status_code == 403
    assert f"Opens 7 days after you enrol: on {day}." in response.content.decode()


# --- Prerequisites ---------------------------------------------------------------------------


@pytest.fixture
def basics(catalog):
    return build_course(catalog, title="Basics", lessons_per_module=1)


@pytest.fixture
def advanced(catalog, basics):
    course = build_course(catalog, title="Advanced", lessons_per_module=2)
    CoursePrerequisite.objects.create(course=course, required_course=basics)
    return course


def test_the_course_page_names_and_links_the_missing_course_instead_of_enrol(
    client, user, basics, advanced
):
    client.force_login(user)
    html = client.get(advanced.url).content.decode()
    assert "Complete “Basics” first: this course requires it." in html
    assert f'href="{basics.url}"' in html
    assert "Enrol for free" not in html


def test_the_enrol_button_is_refused_with_the_missing_course_named(client, user, advanced):
    client.force_login(user)
    response = client.post(reverse("commerce:enrol", args=[advanced.slug]), follow=True)
    assert not Enrollment.objects.filter(student=user, course=advanced).exists()
    assert "Complete “Basics” first" in response.content.decode()


def test_buying_a_course_is_refused_while_prerequisites_are_missing(user, catalog, basics):
    paid = build_course(catalog, title="Paid", price=Decimal("99"))
    CoursePrerequisite.objects.create(course=paid, required_course=basics)
    with pytest.raises(ValidationError) as refused:
        order_buy_check(user=user, course=paid)
    assert refused.value.code == "prerequisites"


def test_a_learner_enrolled_by_seat_is_locked_out_until_prerequisites_are_complete(
    client, user, basics, advanced
):
    EnrollmentFactory(student=user, course=advanced, source=Enrollment.Source.SEAT)
    lesson = LessonPage.objects.descendant_of(advanced).first()
    client.force_login(user)
    response = client.get(lesson.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "Complete the required course first" in html
    assert f'href="{basics.url}"' in html
    done = EnrollmentFactory(student=user, course=basics)
    Enrollment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    assert client.get(lesson.url).status_code == 200
