"""A page's SQL cost is fixed: the same for a course of 5 lessons as for one of 50."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.models import LessonPage
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, TopicFactory

# Pinned budgets: raise one only with a reason in the commit message.
# An enrolled learner's progress: course +2 (lessons visited, quizzes passed), module +1 (the
# ticks), lesson +2 (count the visit, the ticks); a first visit's insert: test_progress.py.
# Catalog +1: which school's section it is and which schools it lists, in one query.
# The course page reads its changelog (one query for any number of versions).
# Catalog +1: the accrediting bodies its filter offers (those approving a listed course); course
# +1: the bodies approving it, their numbers, hours and expiry (both page-cached for visitors).
# Prerequisites and drip (courses.selectors.locks): course +1 (the prerequisites not completed),
# lesson +0 (the enrolment is read with its module's release and whether a prerequisite is
# missing: courses.selectors.lock_facts). Continue and progress
# (completion.learner) on the course page: +2 (the quizzes with their pass marks and the
# learner's visits with reading time), -1 (the progress bar no longer reads quizzes apart).
MAX_QUERIES = {"home": 10, "catalog": 17, "course": 25, "module": 17, "lesson": 18}


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def build(catalog, user, *, lessons: int, courses: int = 1):
    topic = TopicFactory(name="Trigger points")
    built = []
    for _ in range(courses):
        course = build_course(catalog, modules=5, lessons_per_module=lessons // 5)
        course.topics.add(topic)
        course.save_revision().publish()
        EnrollmentFactory(student=user, course=course)
        built.append(course)
    return built[0]


def page_urls(course):
    module = course.get_children().first()
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[3]
    return {
        "home": "/",
        "catalog": "/courses/?topic=trigger-points&hours=2to6",
        "course": course.url,
        "module": module.url,
        "lesson": lesson.url,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page_name", list(MAX_QUERIES))
def test_page_query_count_does_not_grow_with_lessons(client, catalog, user, page_name):
    client.force_login(user)
    small = page_urls(build(catalog, user, lessons=5))
    client.get(small[page_name])  # warm Wagtail's site-root cache, as any running server has
    small_count = count_queries(client, small[page_name])

    large = page_urls(build(catalog, user, lessons=50, courses=3))
    client.get(large[page_name])  # so both are a learner's repeat visit of the lesson
    large_count = count_queries(client, large[page_name])

    assert large_count == small_count, (
        f"{page_name}: {small_count} queries at 5, {large_count} at 50"
    )
    assert large_count <= MAX_QUERIES[page_name], f"{page_name}: {large_count} queries"


@pytest.mark.django_db
def test_anonymous_lesson_and_catalog_search_are_bounded(
    client, catalog, django_assert_max_num_queries
):
    course = build_course(catalog, modules=5, lessons_per_module=10)
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[7]
    client.get("/")
    with django_assert_max_num_queries(MAX_QUERIES["lesson"]):
        assert client.get(lesson.url).status_code == 403
    with django_assert_max_num_queries(MAX_QUERIES["catalog"] + 2):
        assert client.get("/courses/?q=lesson").status_code == 200
