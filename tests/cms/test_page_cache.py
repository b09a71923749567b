"""The anonymous page cache: what it keeps, for whom, and when it lets go."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from cms import page_cache
from cms.models import SiteSettings
from courses.models import LessonPage
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, LessonPageFactory, SchoolFactory


@pytest.fixture
def page_cache_on(settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course(catalog):
    course = build_course(catalog, modules=1, lessons_per_module=3, school=SchoolFactory())
    course.save_revision().publish()
    # The site's settings row exists on a running site; creating it is a change of its own.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return course


def test_second_anonymous_view_is_served_without_a_query(
    client, page_cache_on, course, django_assert_num_queries
):
    first = client.get(course.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(course.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    for response in (first, second):
        assert "Cookie" in response["Vary"]
        assert response["Cache-Control"] == "max-age=0, must-revalidate, public"
        # The security headers of the first response are replayed too.
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"


def test_catalog_and_free_preview_lesson_are_cached(client, page_cache_on, catalog, course):
    preview = LessonPage.objects.descendant_of(course).order_by("path").first()
    preview.free_preview = True
    preview.save_revision().publish()
    for url in (catalog.url, preview.url):
        assert client.get(url)["X-Page-Cache"] == "miss"
        assert client.get(url)["X-Page-Cache"] == "hit"


def test_a_locked_lesson_is_never_kept(client, page_cache_on, course):
    lesson = LessonPage.objects.descendant_of(course).order_by("path").last()
    for _ in range(2):
        response = client.get(lesson.url)
        assert response.status_code == 403
        assert "X-Page-Cache" not in response


def test_publishing_empties_the_cache(
    client, page_cache_on, course, django_capture_on_commit_callbacks
):
    client.get(course.url)
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    course.title = "Trigger points, revised"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Trigger points, revised" in response.content.decode()


def test_unpublishing_and_new_lessons_empty_the_cache(
    client, page_cache_on, course, django_capture_on_commit_callbacks
):
    client.get(course.url)
    module = course.get_children().first()
    with django_capture_on_commit_callbacks(execute=True):
        LessonPageFactory(parent=module, title="A lesson added later").save_revision().publish()
    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "A lesson added later" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        course.unpublish()
    assert client.get(course.url).status_code == 404


def test_saving_a_school_empties_the_cache(
    client, page_cache_on, course, django_capture_on_commit_callbacks
):
    client.get(course.url)
    school = course.school
    school.name = "Renamed School"
    with django_capture_on_commit_callbacks(execute=True):
        school.save()
    assert client.get(course.url)["X-Page-Cache"] == "miss"


def test_the_generation_is_shared_through_the_stamp_file(page_cache_on):
    """Each worker's local-memory cache is its own; the stamp file is what they share."""
    before = page_cache.generation()
    page_cache.invalidate()
    after = page_cache.generation()
    assert after != before
    page_cache.invalidate()
    assert page_cache.generation() not in (before, after)


def test_a_logged_in_learner_never_gets_a_cached_page(client, page_cache_on, course, user):
    client.get(course.url)
    EnrollmentFactory(student=user, course=course)
    client.force_login(user)
    response = client.get(course.url)
    assert "X-Page-Cache" not in response
    assert user.email in response.content.decode() or "My courses" in response.content.decode()


def test_a_visitor_with_any_site_cookie_is_not_served_from_the_cache(
    client, page_cache_on, course, settings
):
    client.get(course.url)
    for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, "messages"):
        client.cookies.clear()
        client.cookies[name] = "x"
        assert "X-Page-Cache" not in client.get(course.url)
    client.cookies.clear()
    assert "X-Page-Cache" not in client.get(course.url, HTTP_AUTHORIZATION="Basic eDp5")


def test_nothing_is_emptied_before_the_change_commits(
    client, page_cache_on, course, django_capture_on_commit_callbacks
):
    """Until the publish commits, other requests still read the old page: emptying the cache
    before then would let one of them cache the old page under the new generation."""
    client.get(course.url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        course.save_revision().publish()
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get(course.url)["X-Page-Cache"] == "miss"


def test_a_page_that_sets_a_cookie_is_not_kept(client, page_cache_on, course, monkeypatch):
    """A response that used a CSRF token sets the cookie: such a page is personal."""
    from django.middleware.csrf import get_token

    original = type(course).serve

    def serve_with_token(self, request, *args, **kwargs):
        get_token(request)
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(type(course), "serve", serve_with_token)
    response = client.get(course.url)
    assert response.cookies and "X-Page-Cache" not in response
    monkeypatch.undo()
    client.cookies.clear()
    assert client.get(course.url)["X-Page-Cache"] == "miss"


def test_query_string_is_part_of_the_key(client, page_cache_on, catalog, course):
    assert client.get(catalog.url)["X-Page-Cache"] == "miss"
    assert client.get(catalog.url + "?level=advanced")["X-Page-Cache"] == "miss"
    assert client.get(catalog.url + "?level=advanced")["X-Page-Cache"] == "hit"
    assert client.get(catalog.url + "?q=" + "x" * 300).get("X-Page-Cache") is None


def test_off_when_page_cache_seconds_is_zero(client, course, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(course.url)
    assert "X-Page-Cache" not in client.get(course.url)
