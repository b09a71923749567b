"""Whether to offer the admin link is asked of the shared cache once per worker memo window."""

import pytest
from django.core.cache import cache

from cms import context_processors
from cms.context_processors import admin_access
from tests.factories import UserFactory


@pytest.fixture
def content_cache_on(settings):
    settings.CONTENT_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
def test_a_learner_is_asked_about_once_per_window(content_cache_on, monkeypatch):
    learner = UserFactory()
    asked = []
    original = cache.get
    monkeypatch.setattr(cache, "get", lambda key, *a: asked.append(key) or original(key, *a))
    assert [admin_access(learner) for _ in range(3)] == [False, False, False]
    assert asked == [f"admin-access:{learner.pk}"]
    # Past the window the shared cache answers again (the permission may have changed).
    monkeypatch.setattr(context_processors, "ADMIN_ACCESS_MEMO_SECONDS", -1)
    context_processors._memo.clear()
    assert admin_access(learner) is False and admin_access(learner) is False
    assert len(asked) == 3
