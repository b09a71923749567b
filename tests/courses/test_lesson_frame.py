"""The lesson page with the content cache on, as it runs in production: the outline, pager,
breadcrumbs and body are read from the cache, and a publish shows at once."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from cms.models import SiteSettings
from courses.models import LessonPage
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonPageFactory, UserFactory

# user, the lesson, the enrolment (read with its drip and prerequisite facts), the visit's
# UPDATE, the outline's ticks.
ENROLLED_LESSON_QUERIES = 5


@pytest.fixture
def content_cache_on(settings, tmp_path):
    settings.CONTENT_CACHE_SECONDS = 600
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    yield
    cache.clear()


def enrolled_course(catalog, user, *, lessons: int):
    course = build_course(catalog, modules=5, lessons_per_module=lessons // 5)
    course.save_revision().publish()
    EnrollmentFactory(student=user, course=course)
    return course


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.mark.django_db
def test_enrolled_lesson_costs_the_same_few_queries_at_any_size(
    client, catalog, user, content_cache_on, django_assert_max_num_queries
):
    client.force_login(user)
    for size in (5, 50):
        lesson = lessons_of(enrolled_course(catalog, user, lessons=size))[3]
        client.get(lesson.url)  # the first reader fills the cache
        with django_assert_max_num_queries(ENROLLED_LESSON_QUERIES):
            response = client.get(lesson.url)
        assert response.status_code == 200
        assert f"Lesson 4 of {size}" in response.content.decode()


@pytest.mark.django_db
def test_ticks_are_each_readers_own(client, catalog, user, content_cache_on):
    course = enrolled_course(catalog, user, lessons=5)
    first, second = lessons_of(course)[:2]
    other = UserFactory()
    EnrollmentFactory(student=other, course=course)
    client.force_login(user)
    client.get(first.url)
    page = client.get(second.url).content.decode()
    assert page.count('class="visited-tick"') == 2
    client.force_login(other)
    page = client.get(second.url).content.decode()
    assert page.count('class="visited-tick"') == 1
    assert "<!--visited:" not in page


@pytest.mark.django_db
def test_a_published_change_shows_at_once(
    client, catalog, user, content_cache_on, django_capture_on_commit_callbacks
):
    course = enrolled_course(catalog, user, lessons=5)
    lesson = lessons_of(course)[0]
    client.force_login(user)
    client.get(lesson.url)
    added = LessonPageFactory(parent=lesson.get_parent(), title="Palpation drills")
    with django_capture_on_commit_callbacks(execute=True):
        added.save_revision().publish()
    lesson.refresh_from_db()
    lesson.body = [("paragraph", "<p>Revised body about ischaemic compression.</p>")]
    with django_capture_on_commit_callbacks(execute=True):
        lesson.save_revision().publish()
    page = client.get(lesson.url).content.decode()
    assert "Palpation drills" in page
    assert "Revised body about ischaemic compression." in page
    assert "Lesson 1 of 6" in page


@pytest.mark.django_db
def test_a_saved_draft_stays_out_until_published(
    client, catalog, staff_user, content_cache_on, django_capture_on_commit_callbacks
):
    course = build_course(catalog, modules=1, lessons_per_module=2)
    course.save_revision().publish()
    lesson = lessons_of(course)[0]
    client.force_login(staff_user)
    client.get(lesson.url)
    lesson.body = [("paragraph", "<p>Draft wording not yet live.</p>")]
    revision = lesson.save_revision()
    assert "Draft wording not yet live." not in client.get(lesson.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert "Draft wording not yet live." in client.get(lesson.url).content.decode()
