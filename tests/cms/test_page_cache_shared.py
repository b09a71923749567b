"""The page cache with a shared cache (Redis in production): a hit costs no round trip, and a
publish in another worker shows within PAGE_GENERATION_CHECK_SECONDS.

The file-based cache stands in for Redis: like Redis, every worker (process) sees the same
entries, so the page cache treats it as shared. Another worker's publish is what its
`invalidate` does to the shared cache: a new value under the generation key."""

import pytest
from django.core.cache import caches
from wagtail.models import Site

from certificates import services
from cms import page_cache
from cms.models import SiteSettings
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.conftest import build_course
from tests.factories import SchoolFactory

BOUND = 1.0


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(page_cache, "monotonic", clock)
    return clock


@pytest.fixture
def shared_page_cache(settings, tmp_path, clock):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "shared-cache"),
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_GENERATION_CHECK_SECONDS = BOUND
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    yield caches["default"]
    caches["default"].clear()


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


def another_worker_publishes(cache, name=page_cache.PAGES):
    cache.set(page_cache._generation_key(name), f"elsewhere-{name}", timeout=None)


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


def test_each_worker_keeps_a_bounded_number_of_pages(client, shared_page_cache, course, settings):
    settings.PAGE_MEMO_ENTRIES = 2
    for query in ("a", "b", "c"):
        client.get(f"{course.url}?q={query}")
    assert len(page_cache._recent.entries) == 2


def test_a_kept_page_expires_with_the_page_cache(client, shared_page_cache, course, clock):
    client.get(course.url)
    shared_page_cache.clear()  # the shared entry expired too
    clock.now += 300.5
    assert client.get(course.url)["X-Page-Cache"] == "miss"


@pytest.fixture
def certificate(catalog):
    return issue(completed_enrollment(approved_course(catalog, provider_school(signature=False))))


def test_a_revocation_shows_at_once_here_and_within_the_bound_elsewhere(
    client, shared_page_cache, certificate, clock, django_capture_on_commit_callbacks
):
    from tests.certificates.test_verify import verify_url

    url = verify_url(certificate)
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    # Revoked by another worker: its invalidate runs there, not here.
    with django_capture_on_commit_callbacks(execute=False):
        services.certificate_revoke(certificate=certificate, reason="Course fee refunded")
    another_worker_publishes(shared_page_cache, "certificates")
    clock.now += BOUND
    revoked = client.get(url)
    assert revoked["X-Page-Cache"] == "miss" and "Revoked" in revoked.content.decode()

    # Reinstated in this worker: at once.
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_reinstate(certificate=certificate, reason="Refund reversed")
    assert "Revoked" not in client.get(url).content.decode()
