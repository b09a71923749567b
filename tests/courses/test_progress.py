"""Lesson visits: who is counted, how often, and the ticks and progress bar they produce."""

import threading

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from courses.models import Enrollment, LessonPage, LessonVisit
from courses.services import progress
from courses.services.progress import lesson_visit_record
from courses.signals import lesson_first_visited
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, SchoolMembershipFactory, UserFactory

VISITED = '<span class="visually-hidden">(visited)</span>'


@pytest.fixture
def first_visits():
    calls = []

    def receiver(sender, visit, **kwargs):
        calls.append((visit.student_id, visit.lesson_id))

    lesson_first_visited.connect(receiver, dispatch_uid="test_progress")
    yield calls
    lesson_first_visited.disconnect(dispatch_uid="test_progress")


def lessons_of(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


# --- The service ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_first_visit_is_recorded_and_announced_once_then_counted(
    course, user, first_visits, django_capture_on_commit_callbacks
):
    lesson = lessons_of(course)[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert lesson_visit_record(user=user, lesson=lesson, course=course) is True
    visit = LessonVisit.objects.get(student=user, lesson=lesson)
    assert (visit.course_id, visit.visit_count) == (course.pk, 1)
    assert first_visits == [(user.pk, lesson.pk)]
    first_seen = visit.first_visited_at

    with django_capture_on_commit_callbacks(execute=True):
        assert lesson_visit_record(user=user, lesson=lesson, course=course) is False
        assert lesson_visit_record(user=user, lesson=lesson, course=course) is False
    visit.refresh_from_db()
    assert visit.visit_count == 3
    assert visit.first_visited_at == first_seen and visit.last_visited_at > first_seen
    assert first_visits == [(user.pk, lesson.pk)]


@pytest.mark.django_db
def test_the_signal_waits_for_the_commit(
    course, user, first_visits, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        lesson_visit_record(user=user, lesson=lessons_of(course)[0], course=course)
    assert first_visits == [] and len(callbacks) == 1


@pytest.mark.django_db
def test_losing_the_race_to_a_concurrent_first_visit_counts_a_repeat_visit(
    course, user, first_visits, monkeypatch, django_capture_on_commit_callbacks
):
    lesson = lessons_of(course)[0]
    count_again = progress._count_again

    def other_request_inserts_first(visits):
        found = count_again(visits)  # nothing yet, so this request goes on to insert...
        LessonVisit.objects.create(student=user, lesson=lesson, course=course)  # ...too late
        monkeypatch.setattr(progress, "_count_again", count_again)
        return found

    monkeypatch.setattr(progress, "_count_again", other_request_inserts_first)
    with django_capture_on_commit_callbacks(execute=True):
        assert lesson_visit_record(user=user, lesson=lesson, course=course) is False
    assert LessonVisit.objects.get(student=user, lesson=lesson).visit_count == 2
    assert first_visits == []  # the other request's first visit is the one announced


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs row locks: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_first_visits_make_one_row_and_one_announcement(catalog, first_visits):
    course = build_course(catalog, modules=1, lessons_per_module=1)
    lesson = lessons_of(course)[0]
    user = UserFactory()
    threads, results, errors = 6, [], []
    start = threading.Barrier(threads)

    def visit():
        try:
            start.wait()
            results.append(lesson_visit_record(user=user, lesson=lesson, course=course))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=visit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert sorted(results) == [False] * (threads - 1) + [True]
    assert LessonVisit.objects.get(student=user, lesson=lesson).visit_count == threads
    assert first_visits == [(user.pk, lesson.pk)]


# --- Who is counted ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_enrolled_learner_reading_a_lesson_is_counted(
    client, course, user, first_visits, django_capture_on_commit_callbacks
):
    EnrollmentFactory(student=user, course=course)
    lesson = lessons_of(course)[1]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(lesson.url).status_code == 200
        assert client.get(lesson.url).status_code == 200
    assert LessonVisit.objects.get(student=user, lesson=lesson).visit_count == 2
    assert first_visits == [(user.pk, lesson.pk)]


@pytest.mark.django_db
def test_an_enrolled_learner_on_a_free_preview_lesson_is_counted(client, course, user):
    lesson = lessons_of(course)[0]
    lesson.free_preview = True
    lesson.save_revision().publish()
    EnrollmentFactory(student=user, course=course)
    client.force_login(user)
    html = client.get(lesson.url).content.decode()
    assert LessonVisit.objects.filter(student=user, lesson=lesson).exists()
    assert "This is a free preview lesson." not in html  # they are not previewing


@pytest.mark.django_db
def test_preview_readers_and_visitors_without_access_are_not_counted(client, course):
    preview, locked = lessons_of(course)[:2]
    preview.free_preview = True
    preview.save_revision().publish()
    assert client.get(preview.url).status_code == 200  # anonymous, free preview
    assert client.get(locked.url).status_code == 403  # anonymous, locked
    client.force_login(UserFactory())  # logged in, not enrolled
    assert client.get(preview.url).status_code == 200
    assert client.get(locked.url).status_code == 403
    assert not LessonVisit.objects.exists()


@pytest.mark.django_db
def test_staff_school_members_and_revoked_learners_are_not_counted(client, catalog, staff_user):
    membership = SchoolMembershipFactory()
    course = build_course(catalog, school=membership.school)
    lesson = lessons_of(course)[0]
    revoked = EnrollmentFactory(course=course, status=Enrollment.Status.REVOKED).student
    for reader, status in ((staff_user, 200), (membership.user, 200), (revoked, 403)):
        client.force_login(reader)
        assert client.get(lesson.url).status_code == status
    assert not LessonVisit.objects.exists()


@pytest.mark.django_db
def test_an_authors_preview_is_not_counted_even_if_they_are_enrolled(course, user):
    EnrollmentFactory(student=user, course=course)
    lesson = lessons_of(course)[0].specific
    request = RequestFactory().get(lesson.url)
    request.user, request.is_preview = user, True
    response = lesson.serve_preview(request, lesson.default_preview_mode)
    assert response.render().status_code == 200
    assert not LessonVisit.objects.exists()


# --- What the learner sees --------------------------------------------------------------------


@pytest.mark.django_db
def test_visited_lessons_are_ticked_in_the_outline_module_page_and_syllabus(client, course, user):
    EnrollmentFactory(student=user, course=course)
    first, second = lessons_of(course)[:2]
    client.force_login(user)
    client.get(first.url)
    sidebar = client.get(second.url).content.decode()
    assert sidebar.count(VISITED) == 2  # the lesson just read counts at once
    for url in (first.get_parent().url, course.url):
        assert client.get(url).content.decode().count(VISITED) == 2, url
    client.force_login(UserFactory())
    assert VISITED not in client.get(course.url).content.decode()


@pytest.mark.django_db
def test_course_page_shows_an_enrolled_learners_lesson_progress(client, course, user):
    lessons = lessons_of(course)
    optional = lessons[5]
    optional.required_for_completion = False
    optional.save_revision().publish()
    EnrollmentFactory(student=user, course=course)
    client.force_login(user)
    for lesson in (lessons[0], lessons[1], optional):
        client.get(lesson.url)
    html = client.get(course.url).content.decode()
    assert "Your progress: 2 of 5 lessons completed" in html
    assert '<progress class="course-progress__bar" max="5" value="2"' in html
    client.force_login(UserFactory())
    assert "Your progress" not in client.get(course.url).content.decode()


# --- What it costs ----------------------------------------------------------------------------

# A lesson page for an enrolled learner: 18 queries on a repeat visit (test_query_counts.py).
# A first visit adds savepoint, insert and release (+3), and once committed quizzes/ checks
# completion (+7: enrolment; savepoint, lock, lessons, quizzes, live sessions and skills,
# release).
FIRST_VISIT_QUERIES = 28


def first_visit_queries(client, course, user, django_capture_on_commit_callbacks) -> int:
    EnrollmentFactory(student=user, course=course)
    lesson = lessons_of(course)[3]
    client.get(lessons_of(course)[0].url)  # warm the site-root cache, as a running server has
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.get(lesson.url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_a_first_visit_costs_the_same_whatever_the_course_size(
    client, catalog, django_capture_on_commit_callbacks
):
    counts = []
    for lessons in (5, 40):
        user = UserFactory()
        client.force_login(user)
        course = build_course(catalog, modules=5, lessons_per_module=lessons // 5)
        counts.append(first_visit_queries(client, course, user, django_capture_on_commit_callbacks))
    assert counts[0] == counts[1], counts
    assert counts[1] <= FIRST_VISIT_QUERIES, counts
