"""Seat time in a real browser: static/js/seat-time.js reports reading time while the lesson is
visible, and a hidden tab adds nothing."""

import time
from urllib.parse import urlsplit

import pytest
from django.test import Client
from wagtail.models import Page, Site

from cms import page_cache
from courses.models import LessonPage, LessonVisit
from tests.conftest import build_course
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import (
    CourseIndexPageFactory,
    EnrollmentFactory,
    HomePageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HIDE = """() => {
  Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  Object.defineProperty(document, "visibilityState", {value: "visible", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def seat_seconds(visit_filter) -> int:
    visit = LessonVisit.objects.filter(**visit_filter).first()
    return visit.seat_seconds if visit else 0


def wait_for(predicate, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.25)
    return False


@pytest.mark.parametrize("content_cache", ["off", "on"])
def test_reading_time_counts_while_visible_and_stops_when_the_tab_is_hidden(
    page, live_server, settings, monkeypatch, tmp_path, content_cache
):
    """With the content cache on, the enrolled lesson view answers (courses/enrolled_lesson/):
    its heartbeats carry the CSRF token the view filled into the page's shell."""
    settings.SEAT_TIME_HEARTBEAT_SECONDS = 1
    served_by_wagtail = []
    if content_cache == "on":
        settings.CONTENT_CACHE_SECONDS = 600
        settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
        page_cache.invalidate()
        serve = LessonPage.serve

        def counted_serve(*args, **kwargs):
            served_by_wagtail.append(args[0].pk)
            return serve(*args, **kwargs)

        monkeypatch.setattr(LessonPage, "serve", counted_serve)
    ensure_wagtail_roots()
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    course = build_course(CourseIndexPageFactory(parent=home), modules=1, lessons_per_module=2)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    learner = UserFactory()
    EnrollmentFactory(course=course, student=learner)
    client = Client()
    client.force_login(learner)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )

    # The page's timers run on Playwright's clock: natural time until the test moves it on.
    page.clock.install()
    beats = []
    page.on(
        "request",
        lambda request: (
            beats.append(request.post_data_json)
            if request.method == "POST" and "/seat-time/" in request.url
            else None
        ),
    )
    page.goto(live_server.url + lesson.url)
    if content_cache == "on":
        assert served_by_wagtail == []
    page.mouse.move(40, 40)
    mine = {"student": learner, "lesson": lesson}
    assert wait_for(lambda: seat_seconds(mine) >= 3), "no reading time was credited"

    page.evaluate(HIDE)
    assert wait_for(
        lambda: LessonVisit.objects.filter(**mine, last_heartbeat_at__isnull=True).exists()
    ), "the hidden tab did not end the reading spell"
    hidden_at, sent_before = seat_seconds(mine), len(beats)
    # Five heartbeat intervals pass in the page at once, instead of waiting them out.
    page.clock.run_for(5000)
    assert seat_seconds(mine) == hidden_at

    page.evaluate(SHOW)
    page.mouse.move(80, 80)
    assert wait_for(lambda: seat_seconds(mine) >= hidden_at + 2), "reading did not resume"
    # Requests reach the listener in order: the first sent after the tab was hidden is the one
    # that resumed reading, with no time claimed, so nothing was sent or counted while hidden.
    assert beats[sent_before] == {"visible": True, "active": True}

    # End the spell and leave, so no heartbeat reaches the server after the test's database
    # is torn down.
    page.evaluate(HIDE)
    assert wait_for(
        lambda: LessonVisit.objects.filter(**mine, last_heartbeat_at__isnull=True).exists()
    )
    page.goto("about:blank")
