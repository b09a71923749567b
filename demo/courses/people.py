"""The demo school and its people: the school, its admin, instructor and student, signatures."""

import io
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils.text import slugify
from wagtail.images import get_image_model

from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrollment,
)
from courses.services.schools import school_create
from demo.courses.report import DemoReport
from demo.courses.signatures import signature_png
from schools.models import Instructor, School, SchoolMembership
from schools.services import school_member_add

DEMO_SCHOOL = {
    "name": "Northfield School of Neuromuscular Therapy",
    "slug": "northfield",
    "email": "courses@northfield-nmt.example",
    "website": "https://northfield-nmt.example",
    "address": "12 Harbour Row, Portland, ME 04101, USA",
    "description": "A demonstration CE provider: fictional, for trying NMT Academy out.",
}
DEMO_USERS = {
    "admin": {"email": "admin@example.com", "display_name": "Avery Admin", "staff": True},
    "instructor": {"email": "instructor@example.com", "display_name": "Dana Whitfield"},
    "student": {
        "email": "student@example.com",
        "display_name": "Sam Student",
        "legal_name": "Samantha Q. Student",
        "licence_number": "MA-DEMO-0042",
        "licensing_board": "Florida Board of Massage Therapy",
        "country": "US",
    },
}
DEV_PASSWORDS = {
    "admin": "nmt-admin-demo",
    "instructor": "nmt-teach-demo",
    "student": "nmt-learn-demo",
}


def school_load(report: DemoReport, *, catalog: CourseIndexPage) -> School:
    """The demo school, set up like any other: section, collection, groups and workflow."""
    existed = School.objects.filter(slug=DEMO_SCHOOL["slug"]).exists()
    changes: list[str] = []
    school = school_create(
        name=DEMO_SCHOOL["name"],
        slug=DEMO_SCHOOL["slug"],
        email=DEMO_SCHOOL["email"],
        catalog=catalog,
        changes=changes,
    )
    if not existed:
        for name in ("website", "address", "description"):
            setattr(school, name, DEMO_SCHOOL[name])
        school.save()
    report.created.extend(changes)
    return school


def users_load(report: DemoReport, school: School) -> dict:
    User = get_user_model()
    users = {}
    for role, data in DEMO_USERS.items():
        user = User.objects.filter(email=data["email"]).first()
        password = None
        if user is None:
            password = DEV_PASSWORDS[role] if settings.DEBUG else secrets.token_urlsafe(18)
            extra = {k: v for k, v in data.items() if k not in {"email", "staff"}}
            if data.get("staff"):
                user = User.objects.create_superuser(data["email"], password, **extra)
            else:
                user = User.objects.create_user(data["email"], password, **extra)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
            report.created.append(f"user: {user.email}")
        users[role] = user
        report.logins[role] = (user.email, DEV_PASSWORDS[role] if settings.DEBUG else None)
    instructor_user = users["instructor"]
    if not SchoolMembership.objects.filter(school=school, user=instructor_user).exists():
        # Through the school's editors group: the instructor edits Northfield's pages only.
        school_member_add(
            school=school, user=instructor_user, role=SchoolMembership.Role.INSTRUCTOR
        )
        report.created.append("instructor membership")
    return users


def instructor_load(report: DemoReport, *, school: School, data: dict, user) -> Instructor:
    instructor, created = Instructor.objects.get_or_create(
        name=data["name"],
        defaults={"credentials": data["credentials"], "bio": data["bio"], "school": school,
                  "user": user if not hasattr(user, "instructor_profile") else None},
    )  # fmt: skip
    if created:
        report.created.append(f"instructor: {instructor.name}")
    if instructor.signature_id is None:
        instructor.signature = _signature_image(report, name=instructor.name, school=school)
        instructor.save(update_fields=["signature"])
    return instructor


def school_signature_load(report: DemoReport, *, school: School) -> None:
    """The administrator signs every certificate beside the instructor."""
    school.refresh_from_db(fields=["administrator_name", "administrator_signature"])
    if school.administrator_signature_id is None:
        school.administrator_signature = _signature_image(
            report, name=school.administrator_name, school=school
        )
        school.save(update_fields=["administrator_signature"])


def _signature_image(report: DemoReport, *, name: str, school: School):
    Image = get_image_model()
    title = f"Signature: {name}"
    image = Image.objects.filter(title=title, collection=school.collection).first()
    if image is None:
        image = Image(title=title, collection=school.collection)
        image.file = ImageFile(
            io.BytesIO(signature_png(name)), name=f"signature-{slugify(name)}.png"
        )
        image.save()
        report.created.append(f"image: {title}")
    return image


def enrol(report: DemoReport, *, user, course: CoursePage) -> None:
    _, created = Enrollment.objects.get_or_create(
        student=user, course=course, defaults={"source": Enrollment.Source.GRANTED}
    )
    if created:
        report.created.append(f"enrolment: {user.email} in {course.title}")
