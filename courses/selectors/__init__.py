"""Reads for course pages, one module per kind of read. Each function's query count is fixed:
pinned in tests/courses."""

from courses.selectors.access import (
    LessonAccess,
    _lesson_access_without_enrolment,
    enrollment_for,
    instructors_for_editor,
    lesson_access,
    lesson_reader,
    schools_for_editor,
)
from courses.selectors.approvals import (
    approvals_in_force,
    approvals_nearing_expiry,
    catalog_bodies,
    course_approvals,
    course_version_current,
    course_versions,
    current_approvals,
    lesson_as_published_at,
    lesson_changed_since,
)
from courses.selectors.catalog import (
    CE_HOUR_RANGES,
    CatalogSchools,
    _search_course_ids,
    catalog_courses,
    catalog_schools,
    site_search,
)
from courses.selectors.outline import (
    CourseOutline,
    OutlineModule,
    course_lessons,
    course_outline,
    course_page_data,
)
from courses.selectors.progress import (
    CourseProgress,
    LessonProgress,
    ProgressPart,
    course_progress,
    lesson_progress,
    lesson_progress_part,
    visited_lesson_ids,
)

__all__ = [
    "CE_HOUR_RANGES",
    "CatalogSchools",
    "CourseOutline",
    "CourseProgress",
    "LessonAccess",
    "LessonProgress",
    "OutlineModule",
    "ProgressPart",
    "_lesson_access_without_enrolment",
    "_search_course_ids",
    "approvals_in_force",
    "approvals_nearing_expiry",
    "catalog_bodies",
    "catalog_courses",
    "catalog_schools",
    "course_approvals",
    "course_lessons",
    "course_outline",
    "course_page_data",
    "course_progress",
    "course_version_current",
    "course_versions",
    "current_approvals",
    "enrollment_for",
    "instructors_for_editor",
    "lesson_access",
    "lesson_as_published_at",
    "lesson_changed_since",
    "lesson_progress",
    "lesson_progress_part",
    "lesson_reader",
    "schools_for_editor",
    "site_search",
    "visited_lesson_ids",
]
