"""What the load generator sends: request files for every benchmarked path.

Run by run.py with the same settings and environment as the server under test:

    python bench/fixtures.py setup WORK            every path's requests, the memory probes
    python bench/fixtures.py pool submit N WORK    N fresh open attempts to submit
    python bench/fixtures.py pool webhook N WORK   N signed checkout.session.completed events

Learners are logged in by writing their sessions straight through the session engine (as
django.contrib.auth.login would, without a password round trip). Each request file has one
request per line (see wrk/requests.lua); `<name>.check.tsv` holds one more request of the same
kind, sent once before the rounds to check the path answers as expected.
"""

import copy
import json
import os
import secrets
import sys
import time
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.contrib.sessions.models import Session  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Max  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from certificates.models import Certificate  # noqa: E402
from commerce.gateways import stripe as stripe_gateway  # noqa: E402
from commerce.models import Order  # noqa: E402
from courses.models import CoursePage, Enrollment, LessonPage  # noqa: E402
from courses.selectors import course_version_current  # noqa: E402
from quizzes.models import Attempt, AttemptSlot, QuestionType, QuizKind, QuizPage  # noqa: E402
from quizzes.responses import answer_order_new  # noqa: E402
from quizzes.services.attempts import attempt_start  # noqa: E402
from schools.models import SchoolMembership  # noqa: E402

VIEW_POOL = 50  # learners (and open attempts) behind the logged-in GET paths and autosave
VERIFY_POOL = 200
STRIPE_FIXTURES = ROOT / "tests" / "courses" / "payments" / "stripe_fixtures.json"
User = get_user_model()


# --- Sessions and request lines -------------------------------------------------------------


def sessions_for(users) -> dict[int, str]:
    """{user id: session key}, written in bulk through the configured session engine."""
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    expire = timezone.now() + timedelta(days=2)
    rows, keys = [], {}
    for user in users:
        key = secrets.token_hex(16)
        data = {
            SESSION_KEY: str(user.pk),
            # get_user() drops a session whose backend is not configured: the learner would
            # be anonymous (a 302 or 403), which is what the status checks caught.
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        rows.append(Session(session_key=key, session_data=store_class().encode(data),
                            expire_date=expire))  # fmt: skip
        keys[user.pk] = key
    Session.objects.bulk_create(rows, batch_size=2000)
    return keys


def cookie(session_key: str | None, csrf: str | None = None) -> str:
    parts = []
    if session_key:
        parts.append(f"{settings.SESSION_COOKIE_NAME}={session_key}")
    if csrf:
        parts.append(f"{settings.CSRF_COOKIE_NAME}={csrf}")
    return "Cookie: " + "; ".join(parts)


def line(method: str, path: str, body: str = "", headers: tuple[str, ...] = ()) -> str:
    for field in (path, body, *headers):
        assert "\t" not in field and "\n" not in field, field
    return "\t".join([method, path, body, *headers])


def browser_get(path: str, session_key: str, csrf: str) -> str:
    """A signed-in learner's GET, with the session and CSRF cookies their browser holds."""
    return line("GET", path, "", (cookie(session_key, csrf),))


def write(work: Path, name: str, lines: list[str], check: str) -> dict:
    folder = work / "requests"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.tsv").write_text("\n".join(lines) + "\n")
    (folder / f"{name}.check.tsv").write_text(check + "\n")
    return {"file": str(folder / f"{name}.tsv"), "check": str(folder / f"{name}.check.tsv"),
            "pool": len(lines)}  # fmt: skip


# --- What is benchmarked --------------------------------------------------------------------


def bench_courses():
    return CoursePage.objects.live().filter(school__slug__startswith="bench-school-")


def main_course() -> CoursePage:
    """The seeded course with the most learners: the one a real site is busiest on."""
    course = bench_courses().annotate(n=Count("enrollments")).order_by("-n", "path").first()
    if course is None:
        sys.exit("No seeded courses: run manage.py seed_scale first.")
    return course


def module_quizzes(course: CoursePage) -> list[QuizPage]:
    return list(
        QuizPage.objects.live().descendant_of(course).filter(kind=QuizKind.MODULE_QUIZ)
        .order_by("path")
    )  # fmt: skip


def learners(course: CoursePage, count: int) -> list:
    ids = (
        Enrollment.objects.filter(course=course, status=Enrollment.Status.ACTIVE)
        .order_by("student_id")
        .values_list("student_id", flat=True)[:count]
    )
    return list(User.objects.filter(pk__in=list(ids)).order_by("pk"))


def autosave_body(attempt: Attempt) -> str:
    slot = attempt.slots.select_related("question_version").get(order=1)
    value = "true" if slot.question_version.qtype == QuestionType.TRUE_FALSE else "0"
    return json.dumps({"question": 1, "fields": {"q1": [value]}}, separators=(",", ":"))


def setup(work: Path) -> dict:
    course = main_course()
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path"))
    preview = next(lesson for lesson in lessons if lesson.free_preview)
    locked = [lesson for lesson in lessons if not lesson.free_preview][len(lessons) // 2]
    catalog = course.get_parent().get_parent().specific
    readers = learners(course, VIEW_POOL + 1)
    keys = sessions_for(readers)
    csrf = secrets.token_hex(16)
    quiz = module_quizzes(course)[0]
    with transaction.atomic():
        attempts = [attempt_start(quiz=quiz, user=user) for user in readers]
    codes = list(
        Certificate.objects.filter(status=Certificate.Status.ISSUED)
        .order_by("pk")
        .values_list("verify_code", flat=True)[:VERIFY_POOL]
    )
    if not codes:
        sys.exit("No issued certificates: seed more learners (BENCH_LEARNERS).")

    def reader_lines(make):
        made = [make(user, attempt) for user, attempt in zip(readers, attempts, strict=True)]
        return made[1:], made[0]

    paths = {}

    def anonymous(name: str, path: str):
        paths[name] = write(work, name, [line("GET", path)], line("GET", path))

    anonymous("catalog", catalog.url)
    anonymous("course", course.url)
    anonymous("lesson_preview", preview.url)
    # A browser sends back the CSRF cookie its first page set: without it every page would mint
    # a new secret, which a learner's browser pays for once, not on every page.
    lines, check = reader_lines(lambda u, a: browser_get(locked.url, keys[u.pk], csrf))
    paths["lesson_enrolled"] = write(work, "lesson_enrolled", lines, check)
    lines, check = reader_lines(
        lambda u, a: browser_get(f"/quizzes/attempts/{a.pk}/", keys[u.pk], csrf)
    )
    paths["quiz_question"] = write(work, "quiz_question", lines, check)
    lines, check = reader_lines(
        lambda u, a: line(
            "POST", f"/quizzes/attempts/{a.pk}/autosave/", autosave_body(a),
            (cookie(keys[u.pk], csrf), f"X-CSRFToken: {csrf}", "Content-Type: application/json"),
        )
    )  # fmt: skip
    paths["autosave"] = write(work, "autosave", lines, check)
    verify = [line("GET", f"/certificates/verify/{code}/") for code in codes]
    paths["certificate_verify"] = write(work, "certificate_verify", verify, verify[0])
    return {
        "paths": paths,
        "probes": probes(course),
        "course": course.url,
        "lesson": locked.url,
        "quiz": quiz.pk,
    }


def probes(course: CoursePage) -> list[dict]:
    """Reports and exports whose memory should stay flat as rows grow: the busiest of each."""
    admin = (
        SchoolMembership.objects.filter(school_id=course.school_id, role="admin")
        .select_related("user")
        .first()
    )
    # Production asks school admins for a second factor before their pages (schools/mfa_guard.py);
    # one that has an authenticator app is let through, as after a login with its code.
    if not Authenticator.objects.filter(user=admin.user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin.user, generate_totp_secret())
    key = sessions_for([admin.user])[admin.user.pk]
    busiest = (
        QuizPage.objects.filter(attempts__state=Attempt.State.SUBMITTED)
        .descendant_of(course)
        .annotate(n=Count("attempts"))
        .order_by("-n")
        .first()
    )
    school = {"school_slug": course.school.slug}
    submitted = Attempt.objects.filter(quiz=busiest, state=Attempt.State.SUBMITTED).count()
    enrolments = Enrollment.objects.filter(course=course).count()
    certificates = Certificate.objects.filter(school_id=course.school_id).count()
    gradebook = reverse("quizzes:gradebook", kwargs={"course_id": course.pk})
    items = [
        ("item_analysis", reverse("quizzes:item_analysis", kwargs={"quiz_id": busiest.pk}),
         f"{submitted} attempts"),
        ("gradebook", gradebook, f"{enrolments} enrolments"),
        ("gradebook_csv", f"{gradebook}?format=csv", f"{enrolments} enrolments"),
        ("students_csv",
         reverse("dashboard:students_csv", kwargs=school | {"course_id": course.pk}),
         f"{enrolments} enrolments"),
        ("certificates_csv", reverse("transcripts:register_csv", kwargs=school),
         f"{certificates} certificates"),
        ("completions_csv", reverse("transcripts:completions_csv", kwargs=school),
         f"{certificates} certificates"),
    ]  # fmt: skip
    return [
        {"name": name, "path": path, "rows": rows, "cookie": cookie(key)}
        for name, path, rows in items
    ]


# --- One-use pools, made fresh before each round --------------------------------------------


def _answer(version):
    if version.qtype == QuestionType.TRUE_FALSE:
        return True
    if version.qtype == QuestionType.SINGLE_CHOICE:
        return 0
    if version.qtype == QuestionType.MULTIPLE_RESPONSE:
        return [0]
    return None


def _extra_learners(course: CoursePage, count: int) -> None:
    """More enrolled learners, when the seeded ones have too few quizzes left to open."""
    stamp = secrets.token_hex(4)
    password = make_password(None)
    users = User.objects.bulk_create(
        User(email=f"bench-extra-{stamp}-{n}@example.com", password=password,
             display_name="Extra", legal_name=f"Extra Learner {n}")
        for n in range(count)
    )  # fmt: skip
    EmailAddress.objects.bulk_create(
        EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
    )
    version = course_version_current(course=course)
    Enrollment.objects.bulk_create(
        Enrollment(student=u, course=course, source=Enrollment.Source.GRANTED,
                   course_version=version)
        for u in users
    )  # fmt: skip


@transaction.atomic
def submit_pool(count: int, work: Path) -> dict:
    """`count` + 1 open attempts at module quizzes, each by a different (learner, quiz), with
    every question answered: what a learner has in front of them when they press Submit."""
    course = main_course()
    quizzes = module_quizzes(course)
    busy = set(
        Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, quiz__in=quizzes)
        .values_list("quiz_id", "student_id")
    )  # fmt: skip
    need = count + 1
    # Only learners who can sign in: a reused database also holds the webhook path's buyers,
    # enrolled without a verified address, whose sessions the site rightly refuses.
    enrolled = Enrollment.objects.filter(
        course=course,
        status=Enrollment.Status.ACTIVE,
        student__emailaddress__primary=True,
        student__emailaddress__verified=True,
    )
    pairs = []
    for student_id in enrolled.order_by("student_id").values_list("student_id", flat=True):
        pairs += [(q, student_id) for q in quizzes if (q.pk, student_id) not in busy]
        if len(pairs) >= need:
            break
    if len(pairs) < need:
        _extra_learners(course, (need - len(pairs)) // len(quizzes) + 1)
        return submit_pool(count, work)
    pairs = pairs[:need]
    students = {student_id for _, student_id in pairs}
    numbers = {
        (row["quiz_id"], row["student_id"]): row["n"]
        for row in Attempt.objects.filter(quiz__in=quizzes, student_id__in=students)
        .values("quiz_id", "student_id")
        .annotate(n=Max("number"))
    }
    drawn = {}
    for quiz in quizzes:
        slots = quiz.slots.select_related("question__current_version").order_by("sort_order")
        drawn[quiz.pk] = [
            (s.question.current_version, s.mark or s.question.current_version.default_mark)
            for s in slots
        ]
    now = timezone.now()
    attempts = [
        Attempt(quiz=quiz, student_id=student_id, number=numbers.get((quiz.pk, student_id), 0) + 1,
                started_at=now, max_score=sum((m for _, m in drawn[quiz.pk]), Decimal(0)))
        for quiz, student_id in pairs
    ]  # fmt: skip
    Attempt.objects.bulk_create(attempts, batch_size=2000)
    rng = secrets.SystemRandom()
    AttemptSlot.objects.bulk_create(
        (
            AttemptSlot(attempt=attempt, order=order, question_version=version, max_mark=mark,
                        answer_order=answer_order_new(version, shuffle=True, rng=rng),
                        response=_answer(version), saved_at=now)
            for attempt in attempts
            for order, (version, mark) in enumerate(drawn[attempt.quiz_id], start=1)
        ),
        batch_size=2000,
    )  # fmt: skip
    keys = sessions_for(User.objects.filter(pk__in=students))
    csrf = secrets.token_hex(16)
    lines = [
        line("POST", f"/quizzes/attempts/{a.pk}/submit/", f"csrfmiddlewaretoken={csrf}",
             (cookie(keys[a.student_id], csrf),
              "Content-Type: application/x-www-form-urlencoded"))
        for a in attempts
    ]  # fmt: skip
    return write(work, "attempt_submit", lines[1:], lines[0])


def _stripe_fixture(kind: str) -> dict:
    if STRIPE_FIXTURES.is_file():
        return copy.deepcopy(json.loads(STRIPE_FIXTURES.read_text())[kind])
    return {"object": kind}


@transaction.atomic
def webhook_pool(count: int, work: Path) -> dict:
    """`count` + 1 pending orders by new buyers, and the signed checkout.session.completed
    event Stripe sends for each once paid: every delivery enrols a learner."""
    course = bench_courses().filter(price__gt=0).annotate(n=Count("enrollments"))
    course = course.order_by("-n", "path").first()
    stamp = secrets.token_hex(4)
    password = make_password(None)
    buyers = User.objects.bulk_create(
        User(email=f"bench-buyer-{stamp}-{n}@example.com", password=password,
             display_name="Buyer", legal_name=f"Buyer {n}")
        for n in range(count + 1)
    )  # fmt: skip
    orders = Order.objects.bulk_create(
        Order(student=buyer, course=course, amount=course.price, currency=course.currency,
              checkout_session_id=f"cs_test_bench_{stamp}_{n}")
        for n, buyer in enumerate(buyers)
    )  # fmt: skip
    session_template = _stripe_fixture("checkout.session")
    event_template = _stripe_fixture("event")
    lines = []
    for order in orders:
        session = copy.deepcopy(session_template)
        minor = order.amount_minor
        session.update(
            id=order.checkout_session_id, client_reference_id=str(order.pk), status="complete",
            payment_status="paid", payment_intent=f"pi_bench_{stamp}_{order.pk}",
            amount_subtotal=minor, amount_total=minor, currency=order.currency, mode="payment",
            customer_email=order.student.email, metadata={"order_id": str(order.pk)},
            total_details={"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        )  # fmt: skip
        event = {**event_template, "id": f"evt_bench_{stamp}_{order.pk}",
                 "type": "checkout.session.completed", "created": int(time.time()),
                 "api_version": "2025-10-29.clover", "data": {"object": session}}  # fmt: skip
        payload = stripe_gateway.event_payload(event)
        signature = stripe_gateway.event_sign(payload=payload)
        headers = ("Content-Type: application/json", f"Stripe-Signature: {signature}")
        lines.append(line("POST", "/payments/stripe/webhook/", payload, headers))
    return write(work, "stripe_webhook", lines[1:], lines[0])


def main(argv: list[str]) -> None:
    if argv[:1] == ["setup"]:
        result = setup(Path(argv[1]))
    elif argv[:2] == ["pool", "submit"]:
        result = submit_pool(int(argv[2]), Path(argv[3]))
    elif argv[:2] == ["pool", "webhook"]:
        result = webhook_pool(int(argv[2]), Path(argv[3]))
    else:
        sys.exit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
