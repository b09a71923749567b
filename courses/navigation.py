"""The frame around a lesson: the course outline, the pager and the breadcrumbs.

It is the same for every reader of a lesson and changes only when something is published, so
it is built as plain data (titles, URLs, ids: cheap to cache and to render) and kept in the
content cache (cms/content_cache.py). Building it costs five queries; reading it, none.
"""

from dataclasses import dataclass

from cms import content_cache
from cms.text import reading_minutes
from courses.models import CoursePage, LessonPage
from courses.selectors import course_lessons, course_outline


@dataclass(frozen=True)
class Link:
    pk: int
    title: str
    url: str


@dataclass(frozen=True)
class ModuleLinks:
    number: int
    title: str
    lessons: tuple[Link, ...]
    activities: tuple[Link, ...]


@dataclass(frozen=True)
class LessonFrame:
    course: CoursePage
    course_link: Link
    modules: tuple[ModuleLinks, ...]
    activities: tuple[Link, ...]  # after the last module: the course assessment
    crumbs: tuple[Link, ...]
    lesson_ids: tuple[int, ...]
    reading_minutes: int


def _link(page, request) -> Link:
    return Link(pk=page.pk, title=page.title, url=page.get_url(request))


def _frame(*, lesson: LessonPage, request) -> LessonFrame:
    course = CoursePage.objects.ancestor_of(lesson).select_related("school").first()
    outline = course_outline(course=course)
    crumbs = lesson.get_ancestors().filter(depth__gt=2).only("title", "url_path", "depth")
    return LessonFrame(
        course=course,
        course_link=_link(course, request),
        modules=tuple(
            ModuleLinks(
                number=module.number,
                title=module.page.title,
                lessons=tuple(_link(page, request) for page in module.lessons),
                activities=tuple(_link(page, request) for page in module.activities),
            )
            for module in outline
        ),
        activities=tuple(_link(page, request) for page in outline.activities),
        crumbs=tuple(_link(page, request) for page in crumbs),
        lesson_ids=tuple(page.pk for page in course_lessons(outline)),
        reading_minutes=reading_minutes(lesson.body.raw_data),
    )


def lesson_frame(*, lesson: LessonPage, request, fresh: bool = False) -> LessonFrame:
    """The frame of the live `lesson`; `fresh` builds it for a draft being previewed."""
    if fresh:
        return _frame(lesson=lesson, request=request)
    return content_cache.get_or_make(
        f"lesson-frame:{lesson.pk}", lambda: _frame(lesson=lesson, request=request)
    )


def lesson_navigation(*, lesson: LessonPage, request, fresh: bool = False) -> dict:
    """The lesson template's navigation context."""
    frame = lesson_frame(lesson=lesson, request=request, fresh=fresh)
    ids = frame.lesson_ids
    index = ids.index(lesson.pk) if lesson.pk in ids else None  # None: a draft being previewed
    lessons = [link for module in frame.modules for link in module.lessons]
    module = next((m for m in frame.modules if any(p.pk == lesson.pk for p in m.lessons)), None)
    return {
        "course": frame.course,
        "frame": frame,
        "current_module": module,
        "previous_lesson": lessons[index - 1] if index else None,
        "next_lesson": lessons[index + 1]
        if index is not None and index + 1 < len(lessons)
        else None,
        "lesson_number": (index + 1) if index is not None else None,
        "lesson_count": len(ids),
        "reading_minutes": reading_minutes(lesson.body.raw_data)
        if fresh
        else frame.reading_minutes,
    }
