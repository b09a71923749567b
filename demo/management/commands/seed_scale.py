"""A realistic data set at scale: `manage.py seed_scale --learners N --attempts M`.

Pages (school sections, courses of 5 modules x 4 lessons, a quiz per module and a final
assessment) are made as an author makes them: Wagtail's add_child and one published revision
each, questions through question_create. The rows that grow with learners (users, enrolments,
lesson visits, submitted attempts and their slots, evaluations, certificates) are written with
bulk_create, a chunk of learners at a time, so 100,000 learners and 1,000,000 attempts take
minutes and a flat amount of memory. Every row is consistent with what the services would
have written: graded slots, attempt totals, completion dates, certificate numbers and
snapshots in the shape certificates/snapshot.py builds.

Running it again on a seeded database prints so and changes nothing.
"""

import base64
import io
import math
import multiprocessing
import random
import secrets
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import segno
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from wagtail.images import get_image_model

from certificates import selectors as certificate_selectors
from certificates.evaluation import QUESTION_KEYS
from certificates.models import Certificate, CertificateEvent, CourseEvaluation
from certificates.services import certificate_prefix
from certificates.snapshot import build_snapshot, certificate_kind, date_label, verify_url
from cms.qr import QR_ERROR
from courses.models import (
    AccreditingBody,
    CourseApproval,
    CourseIndexPage,
    CourseObjective,
    CoursePage,
    CourseType,
    CourseVersion,
    Enrollment,
    LessonPage,
    LessonVisit,
    ModulePage,
    Topic,
)
from courses.services.schools import main_catalog, school_create
from demo.courses import nmt_course
from demo.courses.accreditation import accreditation_load
from demo.courses.loader import DemoReport, _home_page, _raw_stream
from demo.quizzes.loader import FINAL_ASSESSMENT, MODULE_QUIZ, demo_questions
from quizzes.models import Attempt, AttemptSlot, QuestionBank, QuestionType, QuizPage, QuizSlot
from quizzes.responses import answer_order_new
from quizzes.services.grading import response_grade
from quizzes.services.questions import category_ensure_path, question_create
from schools.models import Instructor, School, SchoolMembership
from schools.services import school_member_add

MARKER_SLUG = "bench-school-1"  # the first school: its description says whether seeding finished
DONE = "seed_scale complete"
LEARNER_EMAIL = "bench-learner-{:07d}@example.com"
ADMIN_EMAIL = "bench-admin-{}@example.com"
# One known password for every seeded account, hashed once (hashing is slow on purpose).
PASSWORD = "bench-password-not-secret"  # noqa: S105 (benchmark data, documented)
MODULES, LESSONS_PER_MODULE = 5, 4
MODULE_QUESTIONS, FINAL_QUESTIONS_PER_MODULE = 5, 2
CHOICE_TYPES = (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_RESPONSE, QuestionType.TRUE_FALSE)
COMPLETION_RATE, ISSUED_RATE = 0.2, 0.7
ORDERS_PER_VERSION = 8  # answer shuffles to choose from, per question version
BATCH = 5000
QR_POOL_MIN = 500  # QR codes cost a few ms each: use every core beyond this many per chunk
FIRST_NAMES = ("Alex", "Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery",
               "Quinn", "Dana", "Robin", "Emery", "Harper", "Rowan", "Sage")  # fmt: skip
LAST_NAMES = ("Smith", "Garcia", "Nguyen", "Okafor", "Kowalski", "Haddad", "Silva", "Chen",
              "Murphy", "Rossi", "Novak", "Khan", "Dubois", "Larsen", "Ito", "Walker")  # fmt: skip
BOARDS = ("NCBTMB", "Florida Board of Massage Therapy", "Texas (TDLR)", "New York State Board")
PLACES = Decimal("0.0000001")
SUBMITTED = Attempt.State.SUBMITTED.value  # a plain str: psycopg would write an enum's name


@dataclass
class VersionPlan:
    id: int
    max_mark: Decimal
    options: list  # [(response, fraction, mark)], best first: every answer a learner may give
    orders: list  # answer shuffles (answer_order) to pick from


@dataclass
class QuizPlan:
    id: int
    pass_fraction: Decimal
    time_limit: int
    shuffle: bool
    versions: list[VersionPlan]


@dataclass
class CoursePlan:
    course: CoursePage
    lesson_ids: list[int]
    module_quizzes: list[QuizPlan]
    final: QuizPlan
    version_id: int | None
    weight: float
    kind: str
    snapshot: dict | None = None  # built once, from the first certificate issued


@dataclass
class EnrolmentPlan:
    student: object
    course: CoursePlan
    enrolled_at: datetime
    progress: int  # lessons visited, in course order
    completer: bool
    attempts: int = 0
    completed_at: datetime | None = None
    final_grade: Decimal | None = None
    enrollment: Enrollment | None = None


@dataclass
class Counts:
    learners: int = 0
    enrolments: int = 0
    visits: int = 0
    attempts: int = 0
    slots: int = 0
    completions: int = 0
    certificates: int = 0
    issued: int = 0
    sequences: Counter = field(default_factory=Counter)


@contextmanager
def timestamps_as_given(*fields):
    """Let bulk_create keep the dates we give auto_now(_add) fields: activity spread over a
    year, not all stamped with the minute the seed ran."""
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _stamped_fields():
    return [
        model._meta.get_field(name)
        for model, names in (
            (Enrollment, ("enrolled_at", "updated_at")),
            (LessonVisit, ("first_visited_at", "last_visited_at")),
            (Certificate, ("created_at", "updated_at")),
            (CertificateEvent, ("at",)),
            (CourseEvaluation, ("submitted_at",)),
        )
        for name in names
    ]


class Command(BaseCommand):
    help = "Seed schools, courses, learners, enrolments, attempts and certificates at scale."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000)
        parser.add_argument("--attempts", type=int, default=5000)
        parser.add_argument("--schools", type=int, default=3)
        parser.add_argument("--courses-per-school", type=int, default=2)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--chunk", type=int, default=BATCH, help="Learners per transaction.")

    def handle(self, *args, **options):
        marker = School.objects.filter(slug=MARKER_SLUG).first()
        if marker is not None:
            if marker.description.startswith(DONE):
                self.stdout.write(f"Already seeded ({marker.description}); nothing to do.")
                return
            raise CommandError(
                "A previous seed_scale run did not finish: start again from an empty database."
            )
        learners, attempts = options["learners"], options["attempts"]
        if learners < 1 or attempts < 0 or options["schools"] < 1:
            raise CommandError("--learners and --schools must be at least 1, --attempts >= 0.")
        self.rng = random.Random(options["seed"])  # noqa: S311 (repeatable data, not secrets)
        self.now = timezone.now()
        self.password = make_password(PASSWORD)
        self.counts = Counts()
        started = time.perf_counter()
        with transaction.atomic():
            courses = self._build_courses(options["schools"], options["courses_per_school"])
        pages_done = time.perf_counter()
        self._say(f"pages: {len(courses)} courses built in {pages_done - started:.1f}s")
        self.qr_pool = _qr_pool()
        try:
            chunk = max(options["chunk"], 1)
            for start in range(0, learners, chunk):
                end = min(start + chunk, learners)
                budget = attempts * end // learners - self.counts.attempts
                with transaction.atomic(), timestamps_as_given(*_stamped_fields()):
                    self._chunk(courses, start, end, budget)
                self._say(
                    f"learners {end}/{learners}: {self.counts.attempts} attempts, "
                    f"{time.perf_counter() - pages_done:.1f}s"
                )
        finally:
            if self.qr_pool is not None:
                self.qr_pool.shutdown()
        with transaction.atomic():
            _enrolment_seat_time()
        if connection.vendor == "postgresql":
            # Bulk loads leave the planner without statistics until autovacuum comes round.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        c = self.counts
        summary = (
            f"{DONE}: {c.learners} learners, {c.enrolments} enrolments, {c.visits} lesson "
            f"visits, {c.attempts} attempts ({c.slots} slots), {c.completions} completions, "
            f"{c.certificates} certificates ({c.issued} issued)"
        )
        School.objects.filter(slug=MARKER_SLUG).update(description=summary)
        self._say(f"{summary} in {time.perf_counter() - started:.1f}s")

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()

    # --- Pages, as an author makes them ---------------------------------------------------

    def _build_courses(self, schools: int, per_school: int) -> list[CoursePlan]:
        catalog = main_catalog()
        if catalog is None:
            home = _home_page(DemoReport())
            catalog = CourseIndexPage(title="Courses", slug="courses")
            _publish(home, catalog)
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
                email=ADMIN_EMAIL.format(s), password=self.password, display_name="Bench admin"
            )
            EmailAddress.objects.create(user=admin, email=admin.email, verified=True, primary=True)
            school_member_add(school=school, user=admin, role=SchoolMembership.Role.ADMIN)
            instructor = Instructor.objects.create(
                name=f"Instructor {s}", credentials="LMT, NCTMB", school=school,
                bio="Teaches trigger-point therapy.",
            )  # fmt: skip
            bank = QuestionBank.objects.create(school=school, name="Bench questions")
            for n in range(1, per_school + 1):
                plans.append(
                    self._course(school, instructor, bank, n, pool, topics, ncbtmb, len(plans))
                )
        return plans

    def _course(self, school, instructor, bank, n, pool, topics, body, index) -> CoursePlan:
        data = nmt_course.COURSE
        slug = f"{school.slug}-course-{n}"
        title = f"{data['title']} {school.certificate_prefix}.{n}"
        hours = Decimal(data["ce_hours"])
        course = CoursePage(
            title=title, slug=slug, school=school, summary=data["summary"],
            description=data["description"], audience=data["audience"],
            prerequisites=data["prerequisites"], level=data["level"], ce_hours=hours,
            price=Decimal(data["price"]) if n % 2 == 0 else Decimal(0), currency=data["currency"],
            cover_image=_cover_image(school, slug, index),
            objectives=[CourseObjective(text=text, sort_order=i)
                        for i, text in enumerate(data["learning_objectives"])],
            approvals=[CourseApproval(
                body=body, approved_title=title, ce_hours=hours, course_type=CourseType.HOME_STUDY,
                approval_number=f"BENCH-NCB-{index + 1:04d}", approved_on=date(2026, 1, 15),
                expires_on=date(2029, 1, 14))],
        )  # fmt: skip
        _publish(school.section, course)
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
            _publish(course, module)
            for k in range(1, LESSONS_PER_MODULE + 1):
                text = lessons[((m - 1) * LESSONS_PER_MODULE + k - 1) % len(lessons)]
                lesson = LessonPage(
                    title=text["title"], slug=f"lesson-{m}-{k}", summary=text["summary"],
                    free_preview=(m, k) == (1, 1),
                    body=_raw_stream(f"{slug}/{m}/{k}", text["body"]),
                )  # fmt: skip
                _publish(module, lesson)
                lesson_ids.append(lesson.pk)
            questions = [
                self._question(bank, category, pool, f"{slug}-m{m}-q{q}")
                for q in range(1, MODULE_QUESTIONS + 1)
            ]
            module_questions.append(questions)
            quiz = QuizPage(
                slug=f"module-{m}-quiz", title=f"Module {m} quiz",
                introduction="<p>Check what you learned. Score 70% or more to pass.</p>",
                slots=[QuizSlot(question=q, sort_order=i) for i, q in enumerate(questions)],
                **MODULE_QUIZ,
            )  # fmt: skip
            _publish(module, quiz)
            module_quizzes.append(self._quiz_plan(quiz))
        final_questions = [q for qs in module_questions for q in qs[:FINAL_QUESTIONS_PER_MODULE]]
        final = QuizPage(
            slug="final-assessment",
            slots=[QuizSlot(question=q, sort_order=i) for i, q in enumerate(final_questions)],
            **FINAL_ASSESSMENT,
        )
        _publish(course, final)
        version = CourseVersion.objects.filter(course=course).order_by("-number").first()
        return CoursePlan(
            course=course,
            lesson_ids=lesson_ids,
            module_quizzes=module_quizzes,
            final=self._quiz_plan(final),
            version_id=version.pk if version else None,
            weight=1 / (index + 1),  # a few popular courses, a long tail
            kind=certificate_kind(course),
        )

    def _question(self, bank, category, pool, idnumber):
        spec = pool[self.rng.randrange(len(pool))]
        return question_create(
            bank=bank, category=category, name=spec["name"], qtype=spec["qtype"],
            stem=spec["stem"], general_feedback=spec["general_feedback"], data=spec["data"],
            tags=spec["tags"], idnumber=idnumber,
        )  # fmt: skip

    def _quiz_plan(self, quiz: QuizPage) -> QuizPlan:
        slots = quiz.slots.select_related("question__current_version").order_by("sort_order")
        versions = []
        for slot in slots:
            version = slot.question.current_version
            orders = [
                answer_order_new(version, shuffle=quiz.shuffle_answers, rng=self.rng)
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

    # --- Learners and what they did, in bulk ------------------------------------------------

    def _chunk(self, courses: list[CoursePlan], start: int, end: int, budget: int) -> None:
        students = self._learners(start, end)
        plans = self._enrolment_plans(students, courses)
        self._share_attempts(plans, budget)
        attempts = _Buffer(self._flush_attempts)
        visits = _Buffer(VISITS.write)
        for plan in plans:
            self._activity(plan, attempts, visits)
        attempts.flush()
        enrollments = [
            Enrollment(
                student=plan.student, course=plan.course.course, status=Enrollment.Status.ACTIVE,
                source=Enrollment.Source.FREE if plan.course.course.is_free
                else Enrollment.Source.PAID,
                enrolled_at=plan.enrolled_at, updated_at=plan.completed_at or plan.enrolled_at,
                completed_at=plan.completed_at, course_version_id=plan.course.version_id,
            )
            for plan in plans
        ]  # fmt: skip
        Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
        for plan, enrollment in zip(plans, enrollments, strict=True):
            plan.enrollment = enrollment
        self.counts.enrolments += len(enrollments)
        visits.flush()
        self._certificates([plan for plan in plans if plan.completed_at])

    def _learners(self, start: int, end: int) -> list:
        User = get_user_model()
        users = []
        for i in range(start, end):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            users.append(
                User(
                    email=LEARNER_EMAIL.format(i + 1), password=self.password,
                    display_name=first, legal_name=f"{first} {chr(65 + i % 26)}. {last}",
                    licence_number=f"MA{i + 1:07d}", licensing_board=self.rng.choice(BOARDS),
                    country="US", date_joined=self.now - timedelta(days=self.rng.uniform(30, 400)),
                )
            )  # fmt: skip
        User.objects.bulk_create(users, batch_size=BATCH)
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=BATCH,
        )
        self.counts.learners += len(users)
        return users

    def _enrolment_plans(self, students, courses: list[CoursePlan]) -> list[EnrolmentPlan]:
        weights = [course.weight for course in courses]
        total = MODULES * LESSONS_PER_MODULE
        plans = []
        for student in students:
            wanted = min(len(courses), self.rng.choices((1, 2, 3), (55, 30, 15))[0])
            chosen: list[CoursePlan] = []
            while len(chosen) < wanted:
                course = self.rng.choices(courses, weights)[0]
                if course not in chosen:
                    chosen.append(course)
            for course in chosen:
                completer = self.rng.random() < COMPLETION_RATE
                joined = (self.now - student.date_joined).total_seconds()
                plans.append(
                    EnrolmentPlan(
                        student=student, course=course,
                        enrolled_at=student.date_joined + timedelta(
                            seconds=self.rng.uniform(0, joined * 0.5)),
                        progress=total if completer else self.rng.randint(0, total),
                        completer=completer,
                    )
                )  # fmt: skip
        return plans

    def _share_attempts(self, plans: list[EnrolmentPlan], budget: int) -> None:
        """Spread exactly `budget` attempts: one final attempt for each learner who completes,
        the rest by how far each learner got."""
        completers = [plan for plan in plans if plan.completer]
        for plan in completers[budget:]:  # too few attempts to go round: fewer completions
            plan.completer = False
        for plan in completers[:budget]:
            plan.attempts = 1
        remaining = budget - min(budget, len(completers))
        weights = [1 + math.ceil(plan.progress / LESSONS_PER_MODULE) for plan in plans]
        for index, extra in Counter(
            self.rng.choices(range(len(plans)), weights, k=remaining)
        ).items():
            plans[index].attempts += extra

    def _activity(self, plan: EnrolmentPlan, attempts: "_Buffer", visits: "_Buffer") -> None:
        course, rng = plan.course, self.rng
        finals = min(plan.attempts, 1 + rng.randint(0, 2)) if plan.completer else 0
        if not plan.completer and plan.progress == MODULES * LESSONS_PER_MODULE:
            finals = min(plan.attempts, rng.randint(0, 2))  # read everything, not passed yet
        reached = course.module_quizzes[: max(1, math.ceil(plan.progress / LESSONS_PER_MODULE))]
        quizzes = [rng.choice(reached) for _ in range(plan.attempts - finals)]
        quizzes += [course.final] * finals
        window = min((self.now - plan.enrolled_at).total_seconds(), 90 * 86400) - 3600
        moments = sorted(rng.uniform(0, window) for _ in range(plan.progress + len(quizzes)))
        # Finals come last; lessons and module quizzes interleave before them.
        early = moments[: len(moments) - finals]
        rng.shuffle(early)
        lesson_times = sorted(early[: plan.progress])
        quiz_times = sorted(early[plan.progress :]) + moments[len(moments) - finals :]
        for lesson_id, offset in zip(course.lesson_ids, lesson_times, strict=False):
            first = plan.enrolled_at + timedelta(seconds=offset)
            last = first + timedelta(seconds=rng.uniform(0, 3 * 86400))
            visits.add((plan.student.pk, lesson_id, course.course.pk, first,
                        min(last, self.now), rng.randint(1, 4), rng.randint(120, 900)))  # fmt: skip
        self.counts.visits += plan.progress
        ability = rng.betavariate(5, 2)
        numbers: Counter = Counter()
        grades = []
        for n, (quiz, offset) in enumerate(zip(quizzes, quiz_times, strict=True)):
            numbers[quiz.id] += 1
            must = None
            if quiz is course.final:
                last_final = n == len(quizzes) - 1
                must = "pass" if plan.completer and last_final else "fail"
            started = plan.enrolled_at + timedelta(seconds=offset)
            attempt, slots = self._attempt(quiz, plan.student.pk, numbers[quiz.id], started,
                                           ability, must)  # fmt: skip
            attempts.add((attempt, slots))
            if quiz is course.final:
                grades.append(attempt[-1])
                if must == "pass":
                    plan.completed_at = attempt[6]
        if plan.completer:
            plan.final_grade = max(grades)
            self.counts.completions += 1

    def _attempt(self, quiz: QuizPlan, student_id, number, started, ability, must):
        rng = self.rng
        versions = rng.sample(quiz.versions, len(quiz.versions)) if quiz.shuffle else quiz.versions
        # A learner who has to pass (or is not ready yet) answers as a stronger (weaker) one
        # would, so every item still tracks ability and discrimination stays realistic.
        if must == "pass":
            ability = max(ability, 0.9)
        elif must == "fail":
            ability *= 0.5
        picks = []
        for version in versions:
            best = rng.random() < ability
            picks.append(version.options[0] if best else rng.choice(version.options))
        if must is not None:
            picks = _ensure(versions, picks, quiz.pass_fraction, must == "pass", rng)
        submitted = started + timedelta(seconds=rng.uniform(120, 1500))
        step = (submitted - started) / (len(versions) + 1)
        slots, score, max_score = [], Decimal(0), Decimal(0)
        for order, (version, (response, fraction, mark)) in enumerate(
            zip(versions, picks, strict=True), start=1
        ):
            score += mark
            max_score += version.max_mark
            slots.append((order, version.id, version.max_mark, rng.choice(version.orders),
                          response, started + step * order, fraction, mark))  # fmt: skip
        deadline = started + timedelta(minutes=quiz.time_limit) if quiz.time_limit else None
        fraction = min(score / max_score, Decimal(1)).quantize(PLACES)
        attempt = (quiz.id, student_id, number, SUBMITTED, "", started, submitted, deadline,
                   max_score, score, fraction)  # fmt: skip
        return attempt, slots

    def _flush_attempts(self, rows) -> None:
        ids = _new_ids(Attempt, len(rows))
        ATTEMPTS.write([(pk, *attempt) for pk, (attempt, _) in zip(ids, rows, strict=True)])
        SLOTS.write(
            [(pk, *slot) for pk, (_, slots) in zip(ids, rows, strict=True) for slot in slots]
        )
        self.counts.attempts += len(rows)
        self.counts.slots += sum(len(slots) for _, slots in rows)

    # --- Completions: pending and issued certificates ------------------------------------

    def _certificates(self, plans: list[EnrolmentPlan]) -> None:
        if not plans:
            return
        issued = [plan for plan in plans if self.rng.random() < ISSUED_RATE]
        issued_ids = {id(plan) for plan in issued}
        codes = {id(plan): secrets.token_urlsafe(16) for plan in plans}
        urls = [verify_url(codes[id(plan)]) for plan in issued]
        if self.qr_pool is not None and len(urls) >= QR_POOL_MIN:
            qr_codes = list(self.qr_pool.map(qr_code, urls, chunksize=64))
        else:
            qr_codes = [qr_code(url) for url in urls]
        qr_by_plan = dict(zip([id(plan) for plan in issued], qr_codes, strict=True))
        certificates, evaluations = [], []
        for plan in plans:
            course = plan.course.course
            certificate = Certificate(
                enrollment=plan.enrollment, student=plan.student, course=course,
                school_id=course.school_id, status=Certificate.Status.PENDING,
                kind=plan.course.kind,
                verify_code=codes[id(plan)], completed_at=plan.completed_at,
                course_revision_id=course.live_revision_id, created_at=plan.completed_at,
                updated_at=plan.completed_at,
            )  # fmt: skip
            if id(plan) in issued_ids:
                issued_at = min(
                    plan.completed_at + timedelta(seconds=self.rng.uniform(600, 3 * 86400)),
                    self.now,
                )
                self._issue(certificate, plan, issued_at, qr_by_plan[id(plan)])
                evaluations.append(CourseEvaluation(
                    enrollment=plan.enrollment, course=course,
                    ratings={key: self.rng.randint(3, 5) for key in sorted(QUESTION_KEYS)},
                    comments=self.rng.choice(("", "", "Clear lessons and a fair final test.")),
                    submitted_at=plan.completed_at + (issued_at - plan.completed_at) / 2,
                ))  # fmt: skip
            certificates.append(certificate)
        Certificate.objects.bulk_create(certificates, batch_size=BATCH)
        CourseEvaluation.objects.bulk_create(evaluations, batch_size=BATCH)
        events = []
        for certificate in certificates:
            events.append(CertificateEvent(
                certificate=certificate, action=CertificateEvent.Action.CREATED,
                at=certificate.completed_at,
                data={"completed_at": certificate.completed_at.isoformat(),
                      "course_revision_id": certificate.course_revision_id},
            ))  # fmt: skip
            if certificate.status == Certificate.Status.ISSUED:
                student = certificate.student
                events.append(CertificateEvent(
                    certificate=certificate, action=CertificateEvent.Action.ISSUED,
                    actor=student, at=certificate.issued_at,
                    data={"number": certificate.number, "template_id": certificate.template_id,
                          "confirmed": {"legal_name": student.legal_name,
                                        "licence_number": student.licence_number,
                                        "licensing_board": student.licensing_board}},
                ))  # fmt: skip
        CertificateEvent.objects.bulk_create(events, batch_size=BATCH)
        self.counts.certificates += len(certificates)
        self.counts.issued += len(issued)

    def _issue(self, certificate: Certificate, plan: EnrolmentPlan, issued_at, qr: str) -> None:
        """Fill in what certificate_issue would: number, snapshot (the course's, built once by
        certificates.snapshot and then varied per learner), CE hours and design."""
        school = plan.course.course.school
        stem = f"{certificate_prefix(school)}-{timezone.localdate(issued_at).year}-"
        self.counts.sequences[stem] += 1
        certificate.number = f"{stem}{self.counts.sequences[stem]:06d}"
        certificate.status = Certificate.Status.ISSUED
        certificate.issued_at = certificate.updated_at = issued_at
        if plan.course.snapshot is None:
            plan.course.snapshot = build_snapshot(certificate=certificate)
            plan.course.snapshot["template_id"] = getattr(
                certificate_selectors.default_template_for(school_id=school.pk), "pk", None
            )
        template = plan.course.snapshot
        student = plan.student
        completed_on = timezone.localdate(certificate.completed_at).isoformat()
        issued_on = timezone.localdate(issued_at).isoformat()
        snapshot = {key: value for key, value in template.items() if key != "template_id"}
        snapshot.update(
            number=certificate.number,
            learner={"name": student.legal_name or student.email,
                     "licence_number": student.licence_number,
                     "licensing_board": student.licensing_board, "email": student.email},
            completed_on=completed_on, completed_on_label=date_label(completed_on),
            issued_on=issued_on, issued_on_label=date_label(issued_on),
            verify_url=verify_url(certificate.verify_code), qr_code=qr,
            score_percent=f"{plan.final_grade * 100:.1f}",
        )  # fmt: skip
        certificate.snapshot = snapshot
        certificate.kind = snapshot["kind"]
        certificate.ce_hours = Decimal(snapshot["course"]["ce_hours"])
        certificate.template_id = template["template_id"]


class _Rows:
    """Inserts plain tuples into one table without making model instances: COPY on
    PostgreSQL, executemany elsewhere. Values are adapted as the ORM adapts them."""

    def __init__(self, model, names: list[str]):
        self.model, self.names = model, names

    def write(self, rows) -> None:
        if not rows:
            return
        fields = [self.model._meta.get_field(name) for name in self.names]
        adapters = [_adapter(f) for f in fields]
        quote = connection.ops.quote_name
        table = quote(self.model._meta.db_table)
        columns = ", ".join(quote(f.column) for f in fields)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row([a(v) for a, v in zip(adapters, row, strict=True)])
                return
            marks = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (model names)
            for start in range(0, len(rows), BATCH):
                cursor.executemany(
                    sql,
                    [[a(v) for a, v in zip(adapters, row, strict=True)]
                     for row in rows[start : start + BATCH]],
                )  # fmt: skip


def _adapter(field):
    ops, kind = connection.ops, field.get_internal_type()
    if kind == "JSONField":
        return lambda v: None if v is None else ops.adapt_json_value(v, field.encoder)
    if kind == "DecimalField":
        return lambda v: ops.adapt_decimalfield_value(v, field.max_digits, field.decimal_places)
    if kind == "DateTimeField" and connection.vendor == "sqlite":
        # Django's adapter makes aware values naive UTC and formats them; ours are UTC already.
        return lambda v: None if v is None else str(v.astimezone(UTC).replace(tzinfo=None))
    if kind == "DateTimeField":
        return ops.adapt_datetimefield_value
    return lambda v: v


def _new_ids(model, count: int) -> list[int]:
    """Primary keys for rows written by _Rows (their slots need them before the insert)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so nobody else can
        # take these ids before we insert them.
        quoted = connection.ops.quote_name(table)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {quoted}")  # noqa: S608 (a model's table)
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


ATTEMPTS = _Rows(Attempt, ["id", "quiz", "student", "number", "state", "grade_override_reason",
                           "started_at", "submitted_at", "deadline", "max_score", "score",
                           "fraction"])  # fmt: skip
SLOTS = _Rows(AttemptSlot, ["attempt", "order", "question_version", "max_mark", "answer_order",
                            "response", "saved_at", "fraction", "mark"])  # fmt: skip
VISITS = _Rows(LessonVisit, ["student", "lesson", "course", "first_visited_at",
                             "last_visited_at", "visit_count", "seat_seconds"])  # fmt: skip


def _enrolment_seat_time() -> None:
    """Each enrolment's seat time is the sum of its lesson visits', as heartbeats keep it."""
    per_course = (
        LessonVisit.objects.filter(student=OuterRef("student"), course=OuterRef("course"))
        .order_by()
        .values("student")
        .annotate(total=Sum("seat_seconds"))
        .values("total")
    )
    Enrollment.objects.filter(student__email__startswith="bench-learner-").update(
        seat_seconds=Coalesce(Subquery(per_course), 0)
    )


class _Buffer:
    """Collects rows and hands them to `flush` a batch at a time, so memory stays flat."""

    def __init__(self, flush, size: int = BATCH):
        self._flush, self._size, self._rows = flush, size, []

    def add(self, row) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._size:
            self.flush()

    def flush(self) -> None:
        if self._rows:
            self._flush(self._rows)
            self._rows = []


def _qr_pool() -> ProcessPoolExecutor | None:
    """Worker processes forked from this one (they need no Django setup of their own)."""
    try:
        return ProcessPoolExecutor(mp_context=multiprocessing.get_context("fork"))
    except ValueError:  # no fork on this platform: make the codes in this process
        return None


def qr_code(url: str) -> str:
    """What cms.qr.qr_data_uri makes, with the mask fixed: the same URL in a code
    any scanner reads, three times faster (choosing the best of eight masks is what costs)."""
    buffer = io.BytesIO()
    segno.make(url, error=QR_ERROR, micro=False, mask=0).save(
        buffer, kind="svg", scale=4, border=2, xmldecl=False, dark="#000", light="#fff"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _cover_image(school: School, slug: str, index: int):
    """A plain 1280x720 cover in the school's collection (the catalog shows a rendition)."""
    hue = (40 + index * 37) % 200
    buffer = io.BytesIO()
    PILImage.new("RGB", (1280, 720), (11, hue, 91)).save(buffer, format="PNG")
    image = get_image_model()(title=f"Cover: {slug}", collection=school.collection)
    image.file = ImageFile(buffer, name=f"cover-{slug}.png")
    image.save()
    return image


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


def _ensure(versions, picks, pass_fraction: Decimal, want_pass: bool, rng) -> list:
    """Change answers, questions picked at random, until the attempt passes (or fails)."""
    picks = list(picks)
    total = sum((v.max_mark for v in versions), Decimal(0)) or Decimal(1)

    def passed() -> bool:
        return sum((mark for _, _, mark in picks), Decimal(0)) / total >= pass_fraction

    for i in rng.sample(range(len(versions)), len(versions)):
        if passed() == want_pass:
            break
        picks[i] = versions[i].options[0] if want_pass else versions[i].options[-1]
    return picks
