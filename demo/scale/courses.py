"""One course as an author makes it: published pages (course, 5 modules of 4 lessons, a quiz
per module, a final assessment), questions through question_create, and the plan of every
answer a learner may give to each quiz."""

import io
from datetime import date
from decimal import Decimal

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from certificates.snapshot import certificate_kind
from courses.models import (
    CourseApproval,
    CourseObjective,
    CoursePage,
    CourseType,
    CourseVersion,
    LessonPage,
    ModulePage,
)
from demo.courses import nmt_course
from demo.courses.pages import raw_stream
from demo.quizzes.loader import FINAL_ASSESSMENT, MODULE_QUIZ
from demo.scale.plans import (
    FINAL_QUESTIONS_PER_MODULE,
    LESSONS_PER_MODULE,
    MODULE_QUESTIONS,
    MODULES,
    ORDERS_PER_VERSION,
    PLACES,
    CoursePlan,
    QuizPlan,
    Run,
    VersionPlan,
)
from quizzes.models import QuestionType, QuizPage, QuizSlot
from quizzes.responses import answer_order_new
from quizzes.services.grading import response_grade
from quizzes.services.questions import category_ensure_path, question_create
from schools.models import School


def course_build(
    run: Run, *, school, instructor, bank, number: int, pool, topics, body, index: int
) -> CoursePlan:
    data = nmt_course.COURSE
    slug = f"{school.slug}-course-{number}"
    title = f"{data['title']} {school.certificate_prefix}.{number}"
    hours = Decimal(data["ce_hours"])
    course = CoursePage(
        title=title, slug=slug, school=school, summary=data["summary"],
        description=data["description"], audience=data["audience"],
        prerequisites=data["prerequisites"], level=data["level"], ce_hours=hours,
        price=Decimal(data["price"]) if number % 2 == 0 else Decimal(0),
        currency=data["currency"], cover_image=_cover_image(school, slug, index),
        objectives=[CourseObjective(text=text, sort_order=i)
                    for i, text in enumerate(data["learning_objectives"])],
        approvals=[CourseApproval(
            body=body, approved_title=title, ce_hours=hours, course_type=CourseType.HOME_STUDY,
            approval_number=f"BENCH-NCB-{index + 1:04d}", approved_on=date(2026, 1, 15),
            expires_on=date(2029, 1, 14))],
    )  # fmt: skip
    publish(school.section, course)
    course.topics.set(topics)
    course.instructors.set([instructor])
    course.save_revision().publish()
    lessons = [lesson for module in data["modules"] for lesson in module["lessons"]]
    category = category_ensure_path(bank=bank, path=["Bench", slug])
    lesson_ids, module_quizzes, module_questions = [], [], []
    for m in range(1, MODULES + 1):
        source = data["modules"][(m - 1) % len(data["modules"])]
        module = ModulePage(
            title=f"Module {m}: {source['title']}", slug=f"module-{m}",
            summary=source["summary"],
        )  # fmt: skip
        publish(course, module)
        for k in range(1, LESSONS_PER_MODULE + 1):
            text = lessons[((m - 1) * LESSONS_PER_MODULE + k - 1) % len(lessons)]
            lesson = LessonPage(
                title=text["title"], slug=f"lesson-{m}-{k}", summary=text["summary"],
                free_preview=(m, k) == (1, 1),
                body=raw_stream(f"{slug}/{m}/{k}", text["body"]),
            )  # fmt: skip
            publish(module, lesson)
            lesson_ids.append(lesson.pk)
        questions = [
            _question(run, bank, category, pool, f"{slug}-m{m}-q{q}")
            for q in range(1, MODULE_QUESTIONS + 1)
        ]
        module_questions.append(questions)
        quiz = QuizPage(
            slug=f"module-{m}-quiz", title=f"Module {m} quiz",
            introduction="<p>Check what you learned. Score 70% or more to pass.</p>",
            slots=[QuizSlot(question=q, sort_order=i) for i, q in enumerate(questions)],
            **MODULE_QUIZ,
        )  # fmt: skip
        publish(module, quiz)
        module_quizzes.append(_quiz_plan(run, quiz))
    final_questions = [q for qs in module_questions for q in qs[:FINAL_QUESTIONS_PER_MODULE]]
    final = QuizPage(
        slug="final-assessment",
        slots=[QuizSlot(question=q, sort_order=i) for i, q in enumerate(final_questions)],
        **FINAL_ASSESSMENT,
    )
    publish(course, final)
    version = CourseVersion.objects.filter(course=course).order_by("-number").first()
    return CoursePlan(
        course=course,
        lesson_ids=lesson_ids,
        module_quizzes=module_quizzes,
        final=_quiz_plan(run, final),
        version_id=version.pk if version else None,
        weight=1 / (index + 1),  # a few popular courses, a long tail
        kind=certificate_kind(course),
    )


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _question(run: Run, bank, category, pool, idnumber):
    spec = pool[run.rng.randrange(len(pool))]
    return question_create(
        bank=bank, category=category, name=spec["name"], qtype=spec["qtype"],
        stem=spec["stem"], general_feedback=spec["general_feedback"], data=spec["data"],
        tags=spec["tags"], idnumber=idnumber,
    )  # fmt: skip


def _quiz_plan(run: Run, quiz: QuizPage) -> QuizPlan:
    slots = quiz.slots.select_related("question__current_version").order_by("sort_order")
    versions = []
    for slot in slots:
        version = slot.question.current_version
        orders = [
            answer_order_new(version, shuffle=quiz.shuffle_answers, rng=run.rng)
            for _ in range(ORDERS_PER_VERSION)
        ]
        mark = slot.mark if slot.mark is not None else version.default_mark
        versions.append(VersionPlan(version.pk, mark, _options(version, mark), orders))
    return QuizPlan(
        id=quiz.pk,
        pass_fraction=quiz.pass_mark / 100,
        time_limit=quiz.time_limit_minutes,
        shuffle=quiz.shuffle_questions,
        versions=versions,
    )


def _options(version, max_mark: Decimal) -> list[tuple]:
    """Every answer worth giving to a choice question, graded by the real grader, best first:
    (response, fraction, mark) as attempt_submit would store them."""
    data, qtype = version.data, version.qtype
    if qtype == QuestionType.TRUE_FALSE:
        candidates = [True, False]
    elif qtype == QuestionType.SINGLE_CHOICE:
        candidates = list(range(len(data["choices"])))
    else:
        right = [i for i, c in enumerate(data["choices"]) if Decimal(c["fraction"]) > 0]
        wrong = [i for i, c in enumerate(data["choices"]) if Decimal(c["fraction"]) <= 0]
        candidates = [right, right[:1], *[[i] for i in wrong], sorted(right + wrong[:1])]
    graded = []
    for response in candidates:
        fraction = max(response_grade(qtype=qtype, data=data, response=response).fraction, 0)
        mark = (fraction * max_mark).quantize(Decimal("0.01"))
        graded.append((response, fraction.quantize(PLACES), mark))
    graded.sort(key=lambda option: option[1], reverse=True)
    return graded


def _cover_image(school: School, slug: str, index: int):
    """A plain 1280x720 cover in the school's collection (the catalog shows a rendition)."""
    hue = (40 + index * 37) % 200
    buffer = io.BytesIO()
    PILImage.new("RGB", (1280, 720), (11, hue, 91)).save(buffer, format="PNG")
    image = get_image_model()(title=f"Cover: {slug}", collection=school.collection)
    image.file = ImageFile(buffer, name=f"cover-{slug}.png")
    image.save()
    return image
