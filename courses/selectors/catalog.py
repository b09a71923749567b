"""The catalog and site search: live courses with their schools, bodies and filters."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)

from courses.models import (
    CourseApproval,
    CoursePage,
    LessonPage,
    ProviderApproval,
)
from courses.selectors.approvals import current_approvals
from schools.models import School

CE_HOUR_RANGES = {
    "lt2": (Decimal("0"), Decimal("2")),
    "2to6": (Decimal("2"), Decimal("6")),
    "6plus": (Decimal("6"), None),
}


def catalog_courses(
    *,
    catalog,
    q: str = "",
    topic=None,
    hours: str = "",
    level: str = "",
    price: str = "",
    school: str = "",
    body: str = "",
) -> QuerySet[CoursePage]:
    courses = (
        CoursePage.objects.live()
        .descendant_of(catalog)
        .select_related("cover_image", "school")
        .prefetch_related("topics", "cover_image__renditions")
        .order_by("title")
    )
    if topic:
        courses = courses.filter(topics=topic)
    if hours in CE_HOUR_RANGES:
        low, high = CE_HOUR_RANGES[hours]
        courses = courses.filter(ce_hours__gte=low)
        if high is not None:
            courses = courses.filter(ce_hours__lt=high)
    if level:
        courses = courses.filter(level=level)
    if price == "free":
        courses = courses.filter(price=0)
    elif price == "paid":
        courses = courses.filter(price__gt=0)
    if school:
        courses = courses.filter(school__slug=school)
    if body:
        approved = current_approvals(
            CourseApproval.objects.filter(course=OuterRef("pk"), body__abbreviation=body)
        )
        courses = courses.filter(Exists(approved))
    if q:
        courses = courses.filter(pk__in=_search_course_ids(catalog=catalog, q=q))
    return courses


@dataclass(frozen=True)
class CatalogSchools:
    school: School | None  # the school whose section this catalog page is, with its approvals
    with_courses: list[School]  # schools with a live course below the catalog, by name


def catalog_schools(*, catalog) -> CatalogSchools:
    """Who a catalog page belongs to and whose courses it lists: one query, one more for a
    school's approvals. Both questions share the query so the top catalog pays only one.
    """
    live_course_below = (
        CoursePage.objects.live().descendant_of(catalog).filter(school=OuterRef("pk"))
    )
    schools = list(
        School.objects.annotate(has_courses=Exists(live_course_below))
        .filter(Q(section_id=catalog.pk) | Q(has_courses=True))
        .select_related("logo")
        .order_by("name")
    )
    school = next((s for s in schools if s.section_id == catalog.pk), None)
    if school is not None:
        prefetch_related_objects(
            [school],
            Prefetch("approvals", queryset=ProviderApproval.objects.select_related("body")),
        )
    return CatalogSchools(
        school=school,
        with_courses=[s for s in schools if s.has_courses],
    )


def _search_course_ids(*, catalog, q: str) -> list[int]:
    """Courses matching `q` by their own text or by the text of any of their lessons."""
    hits = [p.pk for p in CoursePage.objects.live().descendant_of(catalog).search(q)]
    lesson_paths = [p.path for p in LessonPage.objects.live().descendant_of(catalog).search(q)]
    # A course may sit in a school's section below the catalog: try every ancestor's path.
    step = catalog.steplen
    course_paths = {
        path[:length]
        for path in lesson_paths
        for length in range(len(catalog.path) + step, len(path), step)
    }
    if course_paths:
        hits += CoursePage.objects.filter(path__in=course_paths).values_list("pk", flat=True)
    return hits


def site_search(*, q: str, limit: int = 30) -> dict:
    """Live courses and lessons matching `q`, for the site-wide search page."""
    courses = list(CoursePage.objects.live().search(q)[:limit])
    lessons = list(LessonPage.objects.live().defer_streamfields().search(q)[:limit])
    return {"courses": courses, "lessons": lessons}
