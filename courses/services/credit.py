"""Which boards a learner earns a course's credit with (issue 18, per-board credit)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from courses.models import CourseApproval, Enrollment
from courses.selectors.approvals import current_approvals

NOT_THIS_COURSE = "Choose among this course's current approvals."


@transaction.atomic
def enrollment_credit_choose(*, enrollment: Enrollment, approval_ids: list[int]) -> Enrollment:
    """Record the approvals (boards) the learner needs; an empty list means every current one.
    Each must be a current approval of the enrolment's course."""
    ids = {int(pk) for pk in approval_ids}
    approvals = list(
        current_approvals(CourseApproval.objects.filter(course_id=enrollment.course_id, pk__in=ids))
    )
    if len(approvals) != len(ids):
        raise ValidationError(NOT_THIS_COURSE)
    enrollment.credit_approvals.set(approvals)
    return enrollment
