"""Which URL paths of a site are live lessons, with the facts the fast view decides on: one map
per site and content generation, so finding a lesson costs a dict lookup instead of Wagtail's
route (two queries and a specific page).

Left out, so that Wagtail serves them: aliases, lessons under a page with a view restriction
(password, login, groups), and lessons not placed in a module of a course.
"""

from dataclasses import dataclass
from datetime import date, datetime

from wagtail.models import Page, PageViewRestriction

from courses.enrolled_lesson.memo import GenerationMemo
from courses.models import CoursePage, LessonPage, ModulePage

_memo = GenerationMemo(limit=16)


@dataclass(frozen=True)
class LessonRoute:
    pk: int
    course_id: int
    free_preview: bool
    first_published_at: datetime | None
    last_published_at: datetime | None
    opens_on: date | None  # the module's release (courses.selectors.locks.Release)
    opens_after_days: int | None


def _routes(root: Page) -> dict[str, LessonRoute]:
    steplen = Page.steplen
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    modules = {
        row["path"]: row
        for row in ModulePage.objects.descendant_of(root).values(
            "path", "opens_on", "opens_after_days"
        )
    }
    courses = {
        row["path"]: row for row in CoursePage.objects.descendant_of(root).values("pk", "path")
    }
    lessons = (
        LessonPage.objects.live()
        .descendant_of(root)
        .filter(alias_of__isnull=True)
        .values("pk", "path", "url_path", "free_preview", "first_published_at", "last_published_at")
    )
    routes = {}
    for lesson in lessons:
        path = lesson["path"]
        module = modules.get(path[:-steplen])
        course = courses.get(path[: -2 * steplen])
        if module is None or course is None or path.startswith(restricted):
            continue
        routes[lesson["url_path"][len(root.url_path) :]] = LessonRoute(
            pk=lesson["pk"],
            course_id=course["pk"],
            free_preview=lesson["free_preview"],
            first_published_at=lesson["first_published_at"],
            last_published_at=lesson["last_published_at"],
            opens_on=module["opens_on"],
            opens_after_days=module["opens_after_days"],
        )
    return routes


def lesson_route(*, site, path: str, generation: str) -> LessonRoute | None:
    """The live lesson Wagtail would route `path` (as its serve view gets it: "a/b/") to on
    `site`, or None for any other page or an unusual lesson."""
    root = site.root_page
    routes = _memo.get_or_make(
        f"lesson-routes:{site.pk}", lambda: _routes(root), generation=generation
    )
    return routes.get(path)
