"""Which boards a learner earns a course's credit with (issue 18, per-board credit)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from courses.models import AccreditingBody, CourseApproval, Enrollment, LearnerBoard
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


@transaction.atomic
def learner_boards_set(*, user, body_ids: list[int]) -> list[int]:
    """Remember the boards the learner usually needs, for their next enrolments."""
    ids = set(AccreditingBody.objects.filter(pk__in=set(body_ids)).values_list("pk", flat=True))
    LearnerBoard.objects.filter(user=user).exclude(body_id__in=ids).delete()
    LearnerBoard.objects.bulk_create(
        [LearnerBoard(user=user, body_id=pk) for pk in sorted(ids)], ignore_conflicts=True
    )
    return sorted(ids)


def enrollment_boards_preselect(*, enrollment: Enrollment) -> None:
    """A new enrolment starts with the learner's usual boards among the course's current
    approvals (one query; two more when there are some); none means every approval."""
    approvals = list(
        current_approvals(
            CourseApproval.objects.filter(
                course_id=enrollment.course_id,
                body__in=LearnerBoard.objects.filter(user_id=enrollment.student_id).values(
                    "body_id"
                ),
            )
        )
    )
    if approvals:
        enrollment.credit_approvals.set(approvals)
