"""Build the demo site from the course data modules; running it again changes nothing.

Every page is compared with what the data says before anything is written, and block ids are
derived from the lesson slug, so a second run finds nothing to revise.
"""

import io
import json
import secrets
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import HomePage, StandardPage
from courses.models import (
    CourseIndexPage,
    CourseObjective,
    CoursePage,
    Enrollment,
    LessonPage,
    ModulePage,
    Topic,
)
from courses.services.schools import school_create
from demo.courses import nmt_course, nmt_in_30_minutes
from demo.courses.accreditation import accreditation_load, course_approvals
from demo.courses.signatures import signature_png
from schools.models import Instructor, School, SchoolMembership
from schools.services import school_member_add

DEMO_COURSES = (nmt_course.COURSE, nmt_in_30_minutes.COURSE)
BLOCK_NAMESPACE = uuid.UUID("6f1d3c5e-8b2a-4c1e-9f0a-5d7e2b4c6a81")
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


@dataclass
class DemoReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    logins: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    # Pages worth opening first, filled in by each part of the demo (demo/loader.py).
    links: dict[str, str] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def demo_courses_load() -> DemoReport:
    report = DemoReport()
    home = _home_page(report)
    catalog = _child_page(
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
    _child_page(
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
            "body": _raw_stream("about", [("paragraph", ABOUT_HTML)]),
        },
    )
    school = _school(report, catalog=catalog)
    accreditation_load(report, school=school)
    _school_signature(report, school=school)
    users = _users(report, school)
    for data in DEMO_COURSES:
        course = _course(report, section=school.section, school=school, data=data)
        if data is nmt_course.COURSE:
            _enrol(report, user=users["student"], course=course)
    return report


ABOUT_HTML = (
    "<p>NMT Academy hosts continuing-education courses for massage therapists and other "
    "bodyworkers. Schools author lessons, quizzes and certificates; learners study online and "
    "keep a transcript of the CE hours they earn.</p>"
    "<p>The demo courses are sample educational content written for this project. They are not "
    "clinical advice.</p>"
)


def _home_page(report: DemoReport) -> HomePage:
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


def _child_page(report: DemoReport, *, parent: Page, model, slug: str, fields: dict):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **{k: v for k, v in fields.items() if not k.startswith("_")})
        parent.add_child(instance=page)
        _set_relations(page, fields)
        page.save_revision().publish()
        report.created.append(f"{model._meta.verbose_name}: {page.title}")
        return page
    changed = False
    for name, value in fields.items():
        if name.startswith("_"):
            continue
        current = getattr(page, name)
        if _differs(current, value):
            setattr(page, name, value)
            changed = True
    changed = _set_relations(page, fields) or changed
    if changed or page.has_unpublished_changes:
        page.save_revision().publish()
        report.updated.append(f"{model._meta.verbose_name}: {page.title}")
    return page


def _differs(current, wanted) -> bool:
    if hasattr(current, "raw_data"):  # a StreamValue: compare its JSON
        return json.dumps(list(current.raw_data), sort_keys=True) != json.dumps(
            json.loads(wanted), sort_keys=True
        )
    if isinstance(current, Decimal):
        return current != Decimal(str(wanted))
    if hasattr(current, "pk") or current is None:
        return getattr(current, "pk", None) != getattr(wanted, "pk", wanted)
    return current != wanted


def _set_relations(page, fields: dict) -> bool:
    """Many-to-many and inline children, named with a leading underscore in `fields`."""
    changed = False
    if "_topics" in fields:
        wanted = sorted(t.pk for t in fields["_topics"])
        if sorted(t.pk for t in page.topics.all()) != wanted:
            page.topics.set(fields["_topics"])
            changed = True
    if "_instructors" in fields:
        wanted = sorted(i.pk for i in fields["_instructors"])
        if sorted(i.pk for i in page.instructors.all()) != wanted:
            page.instructors.set(fields["_instructors"])
            changed = True
    objectives = fields.get("_objectives")
    if objectives is not None and [o.text for o in page.objectives.all()] != objectives:
        page.objectives = [
            CourseObjective(text=text, sort_order=n) for n, text in enumerate(objectives)
        ]
        changed = True
    approvals = fields.get("_approvals")
    if approvals is not None and _approval_keys(page.approvals.all()) != _approval_keys(approvals):
        page.approvals = approvals
        changed = True
    return changed


def _approval_keys(approvals) -> list[tuple]:
    return [(a.body_id, a.approval_number, str(a.ce_hours), a.approved_title) for a in approvals]


# The ListBlock inside each block type, whose items carry ids of their own.
LIST_FIELDS = {"key_points": "points", "technique_steps": "steps", "references": "items"}
STEP_DEFAULTS = {"image": None, "image_alt": ""}


def _raw_stream(key: str, blocks: list[tuple[str, object]]) -> str:
    """StreamField JSON with ids derived from `key`, so the same content is the same JSON."""

    def block_id(*parts) -> str:
        return str(uuid.uuid5(BLOCK_NAMESPACE, "/".join(str(p) for p in (key, *parts))))

    raw = []
    for n, (block_type, value) in enumerate(blocks):
        list_field = LIST_FIELDS.get(block_type)
        if list_field:
            items = value[list_field]
            if block_type == "technique_steps":
                items = [{**STEP_DEFAULTS, **step} for step in items]
            value = {
                **value,
                list_field: [
                    {"type": "item", "value": item, "id": block_id(n, list_field, i)}
                    for i, item in enumerate(items)
                ],
            }
        raw.append({"type": block_type, "value": value, "id": block_id(n)})
    return json.dumps(raw)


def _school(report: DemoReport, *, catalog: CourseIndexPage) -> School:
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


def _users(report: DemoReport, school: School) -> dict:
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


def _instructor(report: DemoReport, *, school: School, data: dict, user) -> Instructor:
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


def _school_signature(report: DemoReport, *, school: School) -> None:
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


def _topics(report: DemoReport, names: list[str]) -> list[Topic]:
    topics = []
    for name in names:
        topic, created = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        if created:
            report.created.append(f"topic: {name}")
        topics.append(topic)
    return topics


def _course(report: DemoReport, *, section, school: School, data: dict) -> CoursePage:
    instructor_user = get_user_model().objects.get(email=DEMO_USERS["instructor"]["email"])
    # Demo sites loaded before schools had sections keep their courses at /courses/<slug>/.
    stray = CoursePage.objects.filter(slug=data["slug"]).not_child_of(section).first()
    if stray is not None and stray.get_parent().pk == section.get_parent().pk:
        stray.move(section, pos="last-child")
        report.updated.append(f"moved {stray.title} into {section.title}")
    course = _child_page(
        report,
        parent=section,
        model=CoursePage,
        slug=data["slug"],
        fields={
            "title": data["title"],
            "summary": data["summary"],
            "description": data["description"],
            "audience": data["audience"],
            "prerequisites": data["prerequisites"],
            "level": data["level"],
            "ce_hours": Decimal(data["ce_hours"]),
            "price": Decimal(data["price"]),
            "currency": data["currency"],
            "school": school,
            "cover_image": _cover_image(report, title=data["title"], slug=data["slug"]),
            "_topics": _topics(report, data["topics"]),
            "_instructors": [
                _instructor(report, school=school, data=data["instructor"], user=instructor_user)
            ],
            "_objectives": list(data["learning_objectives"]),
            "_approvals": course_approvals(
                slug=data["slug"], title=data["title"], ce_hours=Decimal(data["ce_hours"])
            ),
        },
    )
    for module_data in data["modules"]:
        module = _child_page(
            report,
            parent=course,
            model=ModulePage,
            slug=module_data["slug"],
            fields={"title": module_data["title"], "summary": module_data["summary"]},
        )
        for lesson in module_data["lessons"]:
            _child_page(
                report,
                parent=module,
                model=LessonPage,
                slug=lesson["slug"],
                fields={
                    "title": lesson["title"],
                    "summary": lesson["summary"],
                    "free_preview": lesson["free_preview"],
                    "body": _raw_stream(f"{data['slug']}/{lesson['slug']}", lesson["body"]),
                },
            )
    return course


def _enrol(report: DemoReport, *, user, course: CoursePage) -> None:
    _, created = Enrollment.objects.get_or_create(
        student=user, course=course, defaults={"source": Enrollment.Source.GRANTED}
    )
    if created:
        report.created.append(f"enrolment: {user.email} in {course.title}")


COVER_COLOURS = {"top": (11, 93, 91), "bottom": (7, 63, 62), "line": (227, 241, 240)}


def _cover_image(report: DemoReport, *, title: str, slug: str):
    Image = get_image_model()
    image = Image.objects.filter(title=f"Cover: {title}").first()
    if image is not None:
        return image
    canvas = PILImage.new("RGB", (1280, 720), COVER_COLOURS["top"])
    draw = ImageDraw.Draw(canvas)
    for y in range(720):  # a vertical gradient with soft "muscle fibre" curves
        blend = y / 720
        colour = tuple(
            round(a + (b - a) * blend)
            for a, b in zip(COVER_COLOURS["top"], COVER_COLOURS["bottom"], strict=True)
        )
        draw.line([(0, y), (1280, y)], fill=colour)
    seed = sum(map(ord, slug))
    for n in range(14):
        offset = (seed * (n + 3)) % 160
        draw.arc([(-200 + n * 40, 120 + offset), (1480 - n * 30, 980 + offset)], 190, 350,
                 fill=COVER_COLOURS["line"], width=2)  # fmt: skip
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    image = Image(title=f"Cover: {title}")
    image.file = ImageFile(buffer, name=f"cover-{slug}.png")
    image.save()
    report.created.append(f"image: cover for {title}")
    return image
