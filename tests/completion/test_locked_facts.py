"""The completion check's locked read (completion/locked_facts.py) finds what the ORM's query
found: each enrolment's own facts while it is not completed, nothing once it is."""

import pytest
from django.db import transaction
from django.utils import timezone

from completion.locked_facts import enrollment_facts_locked
from courses.models import Enrollment
from tests.conftest import build_course
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


def orm_facts(enrollment_id):
    """The query course_completion_check made before (the reference)."""
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .filter(pk=enrollment_id, completed_at__isnull=True)
        .values_list("status", "student_id", "course__path", "course__depth")
        .first()
    )


def test_the_locked_read_gives_the_orms_facts(catalog, course, enrollment):
    other_course = build_course(catalog, modules=1, lessons_per_module=1, title="Other")
    theirs = EnrollmentFactory(course=other_course)
    revoked = EnrollmentFactory(course=course, status=Enrollment.Status.REVOKED)
    completed = EnrollmentFactory(course=other_course, student=enrollment.student)
    Enrollment.objects.filter(pk=completed.pk).update(completed_at=timezone.now())
    with transaction.atomic():
        for row in (enrollment, theirs, revoked, completed):
            assert enrollment_facts_locked(enrollment_id=row.pk) == orm_facts(row.pk)
        assert enrollment_facts_locked(enrollment_id=enrollment.pk) == (
            Enrollment.Status.ACTIVE,
            enrollment.student_id,
            course.path,
            course.depth,
        )
        assert enrollment_facts_locked(enrollment_id=theirs.pk)[1:3] == (
            theirs.student_id,
            other_course.path,
        )
        assert enrollment_facts_locked(enrollment_id=completed.pk) is None
        assert enrollment_facts_locked(enrollment_id=theirs.pk + 1000) is None
