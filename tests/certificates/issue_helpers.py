"""Builders for the issuing tests: a school approved as a provider, a course approved by two
bodies, a learner who completed it, and the steps from completion to an issued certificate."""

from decimal import Decimal

import wagtail_factories
from django.utils import timezone

from certificates import services
from certificates.evaluation import QUESTIONS
from certificates.models import Certificate
from courses.models import AccreditingBody, CourseApproval, CourseType, Enrollment, ProviderApproval
from schools.models import Instructor, SchoolMembership
from tests.factories import (
    CoursePageFactory,
    EnrollmentFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    UserFactory,
)

NCBTMB_NAME = "National Certification Board for Therapeutic Massage & Bodywork"
FLORIDA_NAME = "Florida Board of Massage Therapy"
CE_DETAILS = {
    "legal_name": "Maria Elena Okafor",
    "licence_number": "MA98765",
    "licensing_board": "Florida Board of Massage Therapy",
}
GOOD_RATINGS = {key: 5 for key, _ in QUESTIONS}


def body(abbreviation: str, name: str) -> AccreditingBody:
    found, _ = AccreditingBody.objects.get_or_create(
        abbreviation=abbreviation, defaults={"name": name}
    )
    return found


def provider_school(*, signature: bool = True, **fields):
    """A school with an address, an administrator who signs, and NCBTMB + Florida numbers."""
    fields = {
        "name": "Gulf Coast NMT Institute",
        "slug": "gulf-coast",
        "email": "ce@gulfcoast.example",
        "address": "12 Harbour Road\nTampa, FL 33602",
        "administrator_name": "Dana Whitfield",
        "administrator_title": "Education Director",
        "certificate_prefix": "GCN",
        **fields,
    }
    if signature:
        fields["administrator_signature"] = wagtail_factories.ImageFactory(
            file__width=300, file__height=80, file__color="navy"
        )
    school = SchoolFactory(**fields)
    ProviderApproval.objects.create(
        school=school, body=body("NCBTMB", NCBTMB_NAME), provider_number="AP-451200"
    )
    ProviderApproval.objects.create(
        school=school, body=body("FL-BMT", FLORIDA_NAME), provider_number="CE-50-1234"
    )
    return school


def approved_course(catalog, school, *, requires_evaluation: bool = True, **fields):
    """A course approved by NCBTMB and Florida, taught by an instructor who signs."""
    course = CoursePageFactory(
        parent=catalog,
        school=school,
        title=fields.pop("title", "Neck pain: trigger points (page title)"),
        ce_hours=fields.pop("ce_hours", Decimal("3.00")),
        requires_evaluation=requires_evaluation,
        **fields,
    )
    CourseApproval.objects.create(
        course=course,
        body=body("NCBTMB", NCBTMB_NAME),
        approved_title="Trigger Points of the Neck and Shoulder",
        ce_hours=Decimal("3.00"),
        course_type=CourseType.HOME_STUDY,
        approval_number="NCB-24-7788",
    )
    CourseApproval.objects.create(
        course=course,
        body=body("FL-BMT", FLORIDA_NAME),
        approved_title="Neck and Shoulder Trigger Point Therapy",
        ce_hours=Decimal("3.00"),
        course_type=CourseType.HOME_STUDY,
        approval_number="FL-20-991",
    )
    instructor = Instructor.objects.create(
        name="Ian Castellanos",
        credentials="LMT, NCTMB",
        school=school,
        signature=wagtail_factories.ImageFactory(
            file__width=280, file__height=90, file__color="maroon"
        ),
    )
    course.instructors.add(instructor)
    course.save()  # a ParentalManyToManyField is written when the page is saved
    return course


def completed_enrollment(course, *, student=None, **user_fields) -> Enrollment:
    student = student or UserFactory(**user_fields)
    return EnrollmentFactory(student=student, course=course, completed_at=timezone.now())


def issue(enrollment: Enrollment, *, details=CE_DETAILS, evaluate: bool = True) -> Certificate:
    """Completion to issue, as the learner's page does it."""
    certificate = services.certificate_create_pending(enrollment=enrollment)
    if evaluate:
        services.course_evaluation_submit(enrollment=enrollment, ratings=GOOD_RATINGS)
    return services.certificate_issue(
        certificate=certificate, confirmed_by=enrollment.student, ce_details=dict(details)
    )


def member(school, role=SchoolMembership.Role.INSTRUCTOR, **user_fields):
    """A school member who can reach the Wagtail admin."""
    from django.contrib.auth.models import Permission

    user = UserFactory(**user_fields)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    SchoolMembershipFactory(school=school, user=user, role=role)
    return user
