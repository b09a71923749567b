"""The URL ahead of Wagtail's catch-all: an enrolled learner's lesson answered here, any other
request handed to Wagtail's serve view unchanged."""

from django.contrib.messages import get_messages
from django.http import HttpResponse
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from cms import content_cache, page_cache
from cms.context_processors import admin_access
from courses.enrolled_lesson.routes import lesson_route
from courses.enrolled_lesson.shell import lesson_page_html
from courses.selectors.approvals import lesson_changed_since
from courses.selectors.locks import Release, module_lock
from courses.selectors.reader import lesson_reader_facts
from courses.services.progress import lesson_first_visit_record
from courses.services.visit_counts import lesson_visit_count


def lesson_or_page(request, path: str):
    response = enrolled_lesson(request, path)
    if response is not None:
        return response
    # Wagtail's page, as its own URL would serve it: the anonymous page cache may keep it
    # (cms/page_cache.py keeps pages served under Wagtail's URL name, or views that say so).
    request.page_cache_allowed = True
    return wagtail_serve(request, path)


def enrolled_lesson(request, path: str) -> HttpResponse | None:
    """The lesson page LessonPage.serve would answer a learner with an active enrolment, or
    None when this request is not that common case (Wagtail then decides)."""
    # Its map and shells live in the content cache: with that off (tests, by default) every
    # request would rebuild them, so Wagtail answers.
    if not content_cache.enabled():
        return None
    user = request.user
    if request.method not in ("GET", "HEAD") or request.GET or not user.is_authenticated:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    generation = page_cache.generation()
    route = lesson_route(site=site, path=path, generation=generation)
    if route is None:
        return None
    facts = lesson_reader_facts(student_id=user.pk, course_id=route.course_id)
    if facts is None:  # not enrolled, or suspended or revoked: preview, staff, school, 403
        return None
    # A free preview is open whatever locks the course, as LessonPage.serve has it.
    if not route.free_preview and facts.prerequisite_missing:
        return None
    release = Release(opens_on=route.opens_on, opens_after_days=route.opens_after_days)
    if not route.free_preview and module_lock(module=release, enrolled_at=facts.enrolled_at):
        return None
    if admin_access(user) or len(get_messages(request)):
        return None
    visited = facts.visited_lesson_ids
    if route.pk in visited:
        lesson_visit_count(student_id=user.pk, lesson_id=route.pk)
    else:
        lesson_first_visit_record(student_id=user.pk, lesson_id=route.pk, course_id=route.course_id)
        visited = visited | {route.pk}
    html = lesson_page_html(
        request=request,
        lesson_id=route.pk,
        # The route and the facts carry the dates the rule reads, so no page is loaded.
        changed=lesson_changed_since(lesson=route, enrollment=facts),
        visited=visited,
        generation=generation,
    )
    return HttpResponse(html)
