"""The schools: each with its accreditation, an admin, an instructor, a question bank and its
courses, under the main catalog (made here when the database has no demo site yet)."""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from courses.models import AccreditingBody, CourseIndexPage, Topic
from courses.services.schools import main_catalog, school_create
from demo.courses import nmt_course
from demo.courses.accreditation import accreditation_load
from demo.courses.loader import DemoReport, home_page
from demo.quizzes.loader import demo_questions
from demo.scale.courses import course_build, publish
from demo.scale.plans import ADMIN_EMAIL, CHOICE_TYPES, CoursePlan, Run
from quizzes.models import QuestionBank
from schools.models import Instructor, School, SchoolMembership
from schools.services import school_member_add


def schools_build(run: Run, *, schools: int, per_school: int) -> list[CoursePlan]:
    catalog = main_catalog()
    if catalog is None:
        home = home_page(DemoReport())
        catalog = CourseIndexPage(title="Courses", slug="courses")
        publish(home, catalog)
    pool = [
        spec for specs in demo_questions().values() for spec in specs
        if spec["qtype"] in CHOICE_TYPES
    ]  # fmt: skip
    topics = [
        Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]
        for name in nmt_course.COURSE["topics"]
    ]
    ncbtmb = AccreditingBody.objects.filter(abbreviation="NCBTMB").first()
    plans = []
    for s in range(1, schools + 1):
        school = school_create(
            name=f"Bench School {s}", slug=f"bench-school-{s}",
            email=f"courses@bench-school-{s}.example", catalog=catalog,
        )  # fmt: skip
        accreditation_load(DemoReport(), school=school)
        ncbtmb = ncbtmb or AccreditingBody.objects.get(abbreviation="NCBTMB")
        School.objects.filter(pk=school.pk).update(
            certificate_prefix=f"BS{s}", address=f"{s} Harbour Row, Portland, ME 04101, USA",
            website=f"https://bench-school-{s}.example",
        )  # fmt: skip
        school.refresh_from_db()
        admin = get_user_model().objects.create(
            email=ADMIN_EMAIL.format(s), password=run.password, display_name="Bench admin"
        )
        EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
        school_member_add(school=school, user=admin, role=SchoolMembership.Role.ADMIN)
        instructor = Instructor.objects.create(
            name=f"Instructor {s}", credentials="LMT, NCTMB", school=school,
            bio="Teaches trigger-point therapy.",
        )  # fmt: skip
        bank = QuestionBank.objects.create(school=school, name="Bench questions")
        for n in range(1, per_school + 1):
            plan = course_build(
                run, school=school, instructor=instructor, bank=bank, number=n, pool=pool,
                topics=topics, body=ncbtmb, index=len(plans),
            )  # fmt: skip
            plans.append(plan)
    return plans
