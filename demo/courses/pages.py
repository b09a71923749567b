"""The demo's pages, compared with their data before anything is written: block ids come from the
lesson slug, so a second run finds nothing to revise."""

import io
import json
import uuid
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page

from courses.models import (
    CourseObjective,
    CoursePage,
    CoursePrerequisite,
    LessonPage,
    ModulePage,
    Topic,
)
from demo.courses.accreditation import course_approvals
from demo.courses.people import DEMO_USERS, instructor_load
from demo.courses.report import DemoReport
from schools.models import School

BLOCK_NAMESPACE = uuid.UUID("6f1d3c5e-8b2a-4c1e-9f0a-5d7e2b4c6a81")


def child_page(report: DemoReport, *, parent: Page, model, slug: str, fields: dict):
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
    required = fields.get("_requires")
    if required is not None and [p.required_course_id for p in page.prerequisite_links.all()] != [
        course.pk for course in required
    ]:
        page.prerequisite_links = [
            CoursePrerequisite(required_course=course, sort_order=n)
            for n, course in enumerate(required)
        ]
        changed = True
    approvals = fields.get("_approvals")
    if approvals is not None and _approval_keys(page.approvals.all()) != _approval_keys(approvals):
        page.approvals = approvals
        changed = True
    return changed


def _approval_keys(approvals) -> list[tuple]:
    return [
        (a.body_id, a.approval_number, str(a.ce_hours), a.approved_title, a.pass_mark)
        for a in approvals
    ]


LIST_FIELDS = {"key_points": "points", "technique_steps": "steps", "references": "items"}
STEP_DEFAULTS = {"image": None, "image_alt": ""}


def raw_stream(key: str, blocks: list[tuple[str, object]]) -> str:
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


def _topics(report: DemoReport, names: list[str]) -> list[Topic]:
    topics = []
    for name in names:
        topic, created = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
        if created:
            report.created.append(f"topic: {name}")
        topics.append(topic)
    return topics


def course_load(report: DemoReport, *, section, school: School, data: dict) -> CoursePage:
    instructor_user = get_user_model().objects.get(email=DEMO_USERS["instructor"]["email"])
    # Demo sites loaded before schools had sections keep their courses at /courses/<slug>/.
    stray = CoursePage.objects.filter(slug=data["slug"]).not_child_of(section).first()
    if stray is not None and stray.get_parent().pk == section.get_parent().pk:
        stray.move(section, pos="last-child")
        report.updated.append(f"moved {stray.title} into {section.title}")
    course = child_page(
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
                instructor_load(
                    report, school=school, data=data["instructor"], user=instructor_user
                )
            ],
            "_objectives": list(data["learning_objectives"]),
            "_requires": [CoursePage.objects.get(slug=slug) for slug in data["requires"]],
            "_approvals": course_approvals(
                slug=data["slug"], title=data["title"], ce_hours=Decimal(data["ce_hours"])
            ),
        },
    )
    for module_data in data["modules"]:
        module = child_page(
            report,
            parent=course,
            model=ModulePage,
            slug=module_data["slug"],
            fields={
                "title": module_data["title"],
                "summary": module_data["summary"],
                "opens_after_days": module_data["opens_after_days"],
                "opens_on": (
                    date.fromisoformat(module_data["opens_on"]) if module_data["opens_on"] else None
                ),
            },
        )
        for lesson in module_data["lessons"]:
            child_page(
                report,
                parent=module,
                model=LessonPage,
                slug=lesson["slug"],
                fields={
                    "title": lesson["title"],
                    "summary": lesson["summary"],
                    "free_preview": lesson["free_preview"],
                    "body": raw_stream(f"{data['slug']}/{lesson['slug']}", lesson["body"]),
                },
            )
    return course


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
