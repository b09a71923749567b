"""The admin and second-factor guards only look at the user on the URLs they guard: on a
learner's lesson or quiz they must not load it (issue 19: it cost a query per request)."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from schools.admin_guard import SchoolAdminGuardMiddleware
from schools.mfa_guard import SecondFactorRequiredMiddleware

LEARNER_PATHS = ["/courses/a-course/module-1/lesson-1/", "/quizzes/attempts/7/"]


def _request(path):
    request = RequestFactory().get(path)
    request.user = SimpleLazyObject(lambda: pytest.fail("the user was loaded"))
    return request


@pytest.mark.parametrize("path", LEARNER_PATHS)
def test_the_admin_guard_leaves_learner_pages_alone(path):
    guard = SchoolAdminGuardMiddleware(lambda request: HttpResponse())
    assert guard.process_view(_request(path), lambda request: None, (), {}) is None


@pytest.mark.parametrize("path", LEARNER_PATHS)
def test_the_second_factor_guard_leaves_learner_pages_alone(settings, path):
    settings.MFA_REQUIRED_FOR_STAFF = True
    guard = SecondFactorRequiredMiddleware(lambda request: HttpResponse("page"))
    assert guard(_request(path)).content == b"page"
