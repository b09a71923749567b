"""Every kind of response carries the Content-Security-Policy (cms/csp.py); the browser test
tests/e2e/test_content_security_policy.py checks that no page breaks it."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client
from django.urls import path
from wagtail.models import Site

from cms import csp
from cms.models import SiteSettings
from courses.models import LessonPage
from schools.models import SchoolMembership
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, SchoolFactory, SchoolMembershipFactory

handler500 = "cms.errors.server_error"


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Rendered by WeasyPrint into PDFs, or sent as e-mail (whose clients need a <style> of their
# own), never served to a browser under our policy.
PDF_ONLY = ("records/transcript/transcript_pdf.html", "notifications/email/")
INLINE_CODE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>"),
    "event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
    "style attribute": re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE),
    "style element": re.compile(r"<style[\s>]", re.IGNORECASE),
}

SITE = csp.site_policy()
ADMIN = csp.admin_policy()


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.fixture
def course(catalog):
    course = build_course(catalog, modules=1, lessons_per_module=2, school=SchoolFactory())
    course.save_revision().publish()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return course


def test_no_template_holds_inline_code_or_styles():
    """What the policy would refuse in a browser: it belongs in static/js/ or static/css/."""
    found = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        name = template.relative_to(TEMPLATES).as_posix()
        if name.startswith(PDF_ONLY):
            continue
        text = template.read_text()
        found += [f"{name}: {kind}" for kind, rule in INLINE_CODE.items() if rule.search(text)]
    assert not found, "\n".join(found)


def test_the_site_policy_allows_only_our_own_scripts_and_styles():
    policy = directives(SITE)
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'", "https://checkout.stripe.com"]
    assert "'unsafe-eval'" not in SITE and "'unsafe-inline'" not in SITE


def test_the_admin_policy_relaxes_only_inline_code_and_framing_by_itself():
    policy, site = directives(ADMIN), directives(SITE)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'unsafe-eval'" not in ADMIN
    relaxed = {"script-src", "style-src", "frame-ancestors"}
    assert {k: v for k, v in policy.items() if k not in relaxed} == {
        k: v for k, v in site.items() if k not in relaxed
    }


def test_media_on_s3_is_allowed_as_images_and_media(settings):
    settings.CSP_MEDIA_SOURCES = ["https://media.academy.example"]
    middleware = csp.ContentSecurityPolicyMiddleware(lambda request: None)
    for header in (middleware.site, middleware.admin):
        policy = directives(header)
        assert "https://media.academy.example" in policy["img-src"]
        assert "https://media.academy.example" in policy["media-src"]
        assert "https://media.academy.example" not in policy["script-src"]


@pytest.mark.django_db
def test_public_pages_and_the_404_carry_the_site_policy(client, catalog, course):
    lesson = LessonPage.objects.descendant_of(course).first()
    for url, status in (("/", 200), (catalog.url, 200), (course.url, 200), (lesson.url, 403)):
        response = client.get(url)
        assert response.status_code == status, url
        assert response[csp.HEADER] == SITE, url
    missing = client.get("/no/such/page/")
    assert missing.status_code == 404 and missing[csp.HEADER] == SITE


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_the_500_page_carries_the_site_policy():
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert response[csp.HEADER] == SITE


@pytest.mark.django_db
def test_a_learners_pages_carry_the_site_policy(client, course, user):
    EnrollmentFactory(student=user, course=course)
    client.force_login(user)
    lesson = LessonPage.objects.descendant_of(course).first()
    for url in (lesson.url, "/my-courses/", "/transcript/", "/accounts/profile/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response[csp.HEADER] == SITE, url


@pytest.mark.django_db
def test_an_instructors_pages_and_the_admin_carry_their_policies(client, course, user):
    SchoolMembershipFactory(school=course.school, user=user, role=SchoolMembership.Role.INSTRUCTOR)
    client.force_login(user)
    gradebook = client.get(f"/quizzes/course/{course.pk}/gradebook/")
    assert gradebook.status_code == 200
    assert gradebook[csp.HEADER] == SITE
    for url in ("/admin/", f"/admin/pages/{course.pk}/edit/", "/admin/snippets/"):
        response = client.get(url)
        assert response[csp.HEADER] == ADMIN, url


@pytest.mark.django_db
def test_pages_replayed_from_the_page_cache_carry_the_policy(
    client, settings, tmp_path, course, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    cache.clear()
    try:
        first = client.get(course.url)
        assert first["X-Page-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = client.get(course.url)
        assert second["X-Page-Cache"] == "hit"
        assert first[csp.HEADER] == second[csp.HEADER] == SITE
    finally:
        cache.clear()


def test_a_policy_a_view_sets_itself_is_kept(rf):
    def view(request):
        response = HttpResponse()
        response[csp.HEADER] = "default-src 'none'"
        return response

    response = csp.ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    assert response[csp.HEADER] == "default-src 'none'"
