"""Verify pages with a shared cache (Redis in production): a revocation shows at once in the
worker that made it, and within PAGE_GENERATION_CHECK_SECONDS in every other."""

import pytest

from certificates import services
from tests.certificates.issue_helpers import (
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.certificates.test_verify import verify_url
from tests.cms.shared_cache import BOUND, another_worker_publishes, clock, shared_page_cache

__all__ = ["clock", "shared_page_cache"]  # fixtures


@pytest.fixture
def certificate(catalog):
    return issue(completed_enrollment(approved_course(catalog, provider_school(signature=False))))


def test_a_revocation_shows_at_once_here_and_within_the_bound_elsewhere(
    client, shared_page_cache, certificate, clock, django_capture_on_commit_callbacks
):
    url = verify_url(certificate)
    client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit" and "Valid" in hit.content.decode()
    # Revoked by another worker: its invalidate runs there, not here.
    with django_capture_on_commit_callbacks(execute=False):
        services.certificate_revoke(certificate=certificate, reason="Course fee refunded")
    another_worker_publishes(shared_page_cache, "certificates")
    clock.now += BOUND / 2
    assert client.get(url)["X-Page-Cache"] == "hit"  # stale, within the bound
    clock.now += BOUND / 2
    revoked = client.get(url)
    assert revoked["X-Page-Cache"] == "miss" and "Revoked" in revoked.content.decode()

    # Reinstated in this worker: at once.
    with django_capture_on_commit_callbacks(execute=True):
        services.certificate_reinstate(certificate=certificate, reason="Refund reversed")
    assert "Revoked" not in client.get(url).content.decode()
