"""Build the demo site from the course data modules; running it again changes nothing.

Every page is compared with what the data says before anything is written, and block ids are
derived from the lesson slug, so a second run finds nothing to revise.
"""

from wagtail.models import Page, Site

from cms.models import HomePage, StandardPage
from courses.models import (
    CourseIndexPage,
)
from demo.courses import nmt_case_studies, nmt_course, nmt_in_30_minutes
from demo.courses.accreditation import accreditation_load
from demo.courses.pages import child_page, course_load, raw_stream
from demo.courses.people import (
    DEMO_SCHOOL,
    DEMO_USERS,
    enrol,
    school_load,
    school_signature_load,
    users_load,
)
from demo.courses.report import DemoReport

__all__ = ["DEMO_SCHOOL", "DEMO_USERS", "DemoReport", "demo_courses_load"]

# In this order: a course's prerequisites load before it.
DEMO_COURSES = (nmt_course.COURSE, nmt_in_30_minutes.COURSE, nmt_case_studies.COURSE)


def demo_courses_load() -> DemoReport:
    report = DemoReport()
    home = home_page(report)
    catalog = child_page(
        report,
        parent=home,
        model=CourseIndexPage,
        slug="courses",
        fields={
            "title": "Courses",
            "introduction": (
                "CE courses in Neuro-Muscular Therapy and related manual therapies, "
                "with the hours each accrediting body approved."
            ),
        },
    )
    child_page(
        report,
        parent=home,
        model=StandardPage,
        slug="about",
        fields={
            "title": "About NMT Academy",
            "introduction": (
                "An open-source continuing-education platform where schools publish "
                "manual-therapy curricula and practitioners earn CE hours their boards accept."
            ),
            "body": raw_stream("about", [("paragraph", ABOUT_HTML)]),
        },
    )
    school = school_load(report, catalog=catalog)
    accreditation_load(report, school=school)
    school_signature_load(report, school=school)
    users = users_load(report, school)
    for data in DEMO_COURSES:
        course = course_load(report, section=school.section, school=school, data=data)
        if data is nmt_course.COURSE:
            enrol(report, user=users["student"], course=course)
    return report


ABOUT_HTML = (
    "<p>NMT Academy hosts continuing-education courses for massage therapists and other "
    "bodyworkers. Schools author lessons, quizzes and certificates; learners study online and "
    "keep a transcript of the CE hours they earn.</p>"
    "<p>The demo courses are sample educational content written for this project. They are not "
    "clinical advice.</p>"
)


def home_page(report: DemoReport) -> HomePage:
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = HomePage(
            title="NMT Academy",
            slug="nmt-academy",
            hero_title="Continuing education in Neuro-Muscular Therapy",
            hero_text=(
                "Study trigger-point and soft-tissue techniques online with accredited "
                "schools, pass the post-test, and download a certificate your board accepts."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        report.created.append("home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="NMT Academy")  # fmt: skip
        report.created.append("site")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "NMT Academy"
        site.save()
        report.updated.append("site")
    # Wagtail's initial "Welcome" page is a plain Page; nothing of ours lives under it.
    for welcome in Page.objects.filter(depth=2, content_type__model="page"):
        welcome.delete()
        report.updated.append("removed Wagtail's welcome page")
    return home
