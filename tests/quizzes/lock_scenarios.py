"""The learner moved through every kind of lock a quiz may have, over conftest's
`lock_courses`: for the tests that hold a fast path's gate equal to quiz_gate's (test_gate.py,
test_autosave_direct.py)."""

from datetime import date, timedelta

from django.utils import timezone

from courses.models import CoursePrerequisite, Enrollment, ModulePage
from tests.factories import EnrollmentFactory


def scenarios(courses, learner):
    """Each change moves the learner into another kind of lock, or out of every lock."""
    basics, advanced, module = courses["basics"], courses["advanced"], courses["module"]
    yield "not enrolled"
    enrollment = EnrollmentFactory(student=learner, course=advanced)
    yield "enrolled, nothing locked"
    ModulePage.objects.filter(pk=module.pk).update(opens_on=date.today() + timedelta(days=30))
    yield "module opens on a date"
    ModulePage.objects.filter(pk=module.pk).update(opens_on=None, opens_after_days=10)
    yield "module opens days after enrolling"
    link = CoursePrerequisite.objects.create(course=advanced, required_course=basics)
    yield "prerequisite missing"
    done = EnrollmentFactory(student=learner, course=basics)
    yield "prerequisite enrolled, not completed"
    Enrollment.objects.filter(pk=done.pk).update(completed_at=timezone.now())
    yield "prerequisite completed"
    Enrollment.objects.filter(pk=done.pk).update(status=Enrollment.Status.REVOKED)
    yield "prerequisite's completion revoked"
    basics.unpublish()
    yield "prerequisite unpublished"
    link.delete()
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.REVOKED)
    yield "enrolment revoked"
