"""What the product does with courses' learners: enrolments. Orders live in commerce."""

from courses.services.enrollments import (
    COURSE_NOT_FREE,
    COURSE_NOT_LIVE,
    ENROLLMENT_REVOKED,
    enrollment_create,
    enrollment_grant_paid,
    enrollment_restore,
    enrollment_revoke,
    enrollment_suspend,
)

__all__ = [
    "COURSE_NOT_FREE",
    "COURSE_NOT_LIVE",
    "ENROLLMENT_REVOKED",
    "enrollment_create",
    "enrollment_grant_paid",
    "enrollment_restore",
    "enrollment_revoke",
    "enrollment_suspend",
]
