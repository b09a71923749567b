"""cms.resolve_memo: the site's resolver answers as Django's does, remembering matches."""

import pytest
from django.urls import Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern

from cms import resolve_memo

LESSON = "/courses/a-school/a-course/module-1/lesson-1/"


@pytest.fixture
def fresh_resolver():
    """A resolver of the site's URLconf that is not the installed one, with the memo on it."""
    resolver = URLResolver(RegexPattern(r"^/"), "config.urls")
    resolver.calls = calls = []
    inner = resolver.resolve

    def counted(path):  # Django's resolve, as the memo finds it, counting the paths it gets
        calls.append(path)
        return inner(path)

    resolver.resolve = counted
    original = resolve_memo.get_resolver
    resolve_memo.get_resolver = lambda: resolver
    try:
        resolve_memo.install()
    finally:
        resolve_memo.get_resolver = original
    return resolver


@pytest.mark.parametrize(
    "path", [LESSON, "/quizzes/attempts/12/", "/quizzes/attempts/12/autosave/", "/courses/"]
)
def test_a_remembered_match_is_the_match_django_gives(fresh_resolver, path):
    plain = URLResolver(RegexPattern(r"^/"), "config.urls").resolve(path)
    for _ in range(2):
        match = fresh_resolver.resolve(path)
        assert match is not plain
        assert (match.func, match.args, match.kwargs) == (plain.func, plain.args, plain.kwargs)
        assert (match.url_name, match.namespace, match.route) == (
            plain.url_name,
            plain.namespace,
            plain.route,
        )
    assert fresh_resolver.calls == [path]


def test_each_request_gets_its_own_match(fresh_resolver):
    first = fresh_resolver.resolve("/quizzes/attempts/12/")
    first.kwargs["attempt_id"] = 99
    first.extra = "set by a view"
    second = fresh_resolver.resolve("/quizzes/attempts/12/")
    assert second is not first
    assert second.kwargs == {"attempt_id": 12}
    assert not hasattr(second, "extra")


def test_a_path_that_matches_nothing_is_not_remembered(fresh_resolver):
    for _ in range(2):
        with pytest.raises(Resolver404):
            fresh_resolver.resolve("/healthz/not-here")
    assert fresh_resolver.calls == ["/healthz/not-here"] * 2


def test_the_memo_is_bounded(fresh_resolver, monkeypatch):
    monkeypatch.setattr(resolve_memo, "MAX_PATHS", 3)
    paths = [f"/quizzes/attempts/{n}/" for n in range(5)]
    for path in paths:
        fresh_resolver.resolve(path)
    fresh_resolver.resolve(paths[0])  # emptied when full: resolved again
    fresh_resolver.resolve(paths[4])  # kept since
    assert fresh_resolver.calls == [*paths, paths[0]]


def test_installing_twice_wraps_once():
    # (a test marked with pytest-django's `urls` leaves a fresh resolver behind it)
    resolve_memo.install()
    resolver = get_resolver()
    wrapped = resolver.resolve
    resolve_memo.install()
    assert resolver.resolve is wrapped and resolver._memo_installed


def test_django_resolve_goes_through_it():
    assert resolve("/quizzes/attempts/7/").kwargs == {"attempt_id": 7}
