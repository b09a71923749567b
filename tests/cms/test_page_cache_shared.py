"""The page cache with a shared cache (Redis in production): a hit costs no round trip, and a
publish in another worker shows within PAGE_GENERATION_CHECK_SECONDS."""

import pytest
from wagtail.models import Site

from cms import page_cache
from cms.models import SiteSettings
from tests.cms.shared_cache import BOUND, another_worker_publishes, clock, shared_page_cache
from tests.conftest import build_course
from tests.factories import SchoolFactory

__all__ = ["clock", "shared_page_cache"]  # fixtures


class RoundTrips:
    """Counts the shared cache's reads and writes as Redis would make them: the file backend's
    get_many calls its own get for each key, where Redis sends one MGET."""

    def __init__(self, monkeypatch, cache):
        self.calls = []
        self.depth = 0
        for name in ("get", "get_many", "set", "add"):
            original = getattr(cache, name)
            monkeypatch.setattr(cache, name, self._counting(name, original))

    def _counting(self, name, original):
        def call(*args, **kwargs):
            if not self.depth:
                self.calls.append(name)
            self.depth += 1
            try:
                return original(*args, **kwargs)
            finally:
                self.depth -= 1

        return call


@pytest.fixture
def course(catalog):
    course = build_course(catalog, modules=1, lessons_per_module=2, school=SchoolFactory())
    course.save_revision().publish()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return course


def test_a_hit_costs_no_round_trip(client, shared_page_cache, course, monkeypatch, clock):
    assert client.get(course.url)["X-Page-Cache"] == "miss"
    trips = RoundTrips(monkeypatch, shared_page_cache)
    for _ in range(3):
        assert client.get(course.url)["X-Page-Cache"] == "hit"
    assert trips.calls == []
    # Past the bound, one read of every generation, then the page from this worker's memory.
    clock.now += BOUND
    assert client.get(course.url)["X-Page-Cache"] == "hit"
    assert trips.calls == ["get_many"]


def test_another_workers_page_is_read_once_then_kept(client, shared_page_cache, course):
    first = client.get(course.url)
    page_cache.forget_this_worker()  # this process now plays a second worker
    second = client.get(course.url)
    assert second["X-Page-Cache"] == "hit" and second.content == first.content


def test_another_workers_publish_shows_within_the_bound(client, shared_page_cache, course, clock):
    client.get(course.url)
    another_worker_publishes(shared_page_cache)
    clock.now += BOUND / 2
    assert client.get(course.url)["X-Page-Cache"] == "hit"  # stale, within the bound
    clock.now += BOUND / 2
    assert client.get(course.url)["X-Page-Cache"] == "miss"


def test_a_publish_in_this_worker_applies_at_once(
    client, shared_page_cache, course, django_capture_on_commit_callbacks
):
    client.get(course.url)
    course.title = "Trigger points, revised"
    with django_capture_on_commit_callbacks(execute=True):
        course.save_revision().publish()
    response = client.get(course.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Trigger points, revised" in response.content.decode()


def test_each_worker_keeps_a_bounded_size_of_pages(client, shared_page_cache, course, settings):
    page = client.get(course.url).content
    settings.PAGE_MEMO_BYTES = 2 * len(page) + 100
    for query in ("a", "b", "c"):
        client.get(f"{course.url}?q={query}")
    assert len(page_cache._recent.entries) == 2
    assert page_cache._recent.size <= settings.PAGE_MEMO_BYTES


def test_a_kept_page_expires_with_the_page_cache(client, shared_page_cache, course, clock):
    client.get(course.url)
    shared_page_cache.clear()  # the shared entry expired too
    clock.now += 300.5
    assert client.get(course.url)["X-Page-Cache"] == "miss"
