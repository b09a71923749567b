"""What the product does with courses' learners: enrolments. Orders live in commerce."""

from courses.services.credit import enrollment_credit_choose, learner_boards_set
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
    "enrollment_credit_choose",
    "enrollment_grant_paid",
    "enrollment_restore",
    "enrollment_revoke",
    "enrollment_suspend",
    "learner_boards_set",
]
