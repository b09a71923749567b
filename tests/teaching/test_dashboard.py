"""The instructor dashboard: who may see it, its numbers on a small known course, its CSVs and
its query counts, which do not grow with enrolments, lessons or attempts."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from commerce.models import EnrollmentCode, Order, SeatPool
from courses.models import Enrollment, LessonPage, LessonVisit, ModulePage
from quizzes import item_analysis as ia
from quizzes.item_analysis import quiz_item_analysis
from quizzes.models import Attempt, AttemptSlot, QuestionBank
from schools.models import SchoolMembership
from teaching.dashboard import chart, periods, revenue
from teaching.dashboard import views as dashboard_views
from tests.certificates.factories import CertificateFactory
from tests.conftest import build_course
from tests.factories import (
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    SchoolFactory,
    SchoolMembershipFactory,
    UserFactory,
)
from tests.quizzes.conftest import make_question, make_quiz
from tests.records.transcript_helpers import make_evaluation, read_csv

SUBMITTED, IN_PROGRESS = Attempt.State.SUBMITTED, Attempt.State.IN_PROGRESS


def at(year, month, day=15):
    return datetime(year, month, day, 12, tzinfo=UTC)


@pytest.fixture
def school(db):
    return SchoolFactory(slug="bodywork-institute", name="Bodywork Institute")


@pytest.fixture
def course(catalog, school):
    """Two modules of two lessons; lesson 3 is optional; a final quiz ends module 2."""
    course = build_course(catalog, modules=2, lessons_per_module=2, school=school, title="Neck")
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    for number, lesson in enumerate(lessons, start=1):
        lesson.title = f"Lesson {number}"
        lesson.required_for_completion = number != 3
        lesson.save()
    return course


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


@pytest.fixture
def quiz(course, school):
    bank = QuestionBank.objects.create(school=school, name="Final")
    questions = [make_question(bank, name=f"Q{i}") for i in range(1, 4)]
    module = ModulePage.objects.child_of(course).order_by("path").last()
    return make_quiz(module, questions=questions, title="Final assessment", pass_mark=60)


def member(school, role):
    return SchoolMembershipFactory(school=school, role=role).user


@pytest.fixture
def instructor(school):
    return member(school, SchoolMembership.Role.INSTRUCTOR)


def take(quiz, student, marks, *, number=1, state=SUBMITTED, when=None):
    """An attempt with one slot per quiz question, marked 1 or 0 as `marks` says."""
    when = when or timezone.now()
    versions = [s.question.current_version for s in quiz.slots.select_related("question")]
    attempt = Attempt.objects.create(
        quiz=quiz,
        student=student,
        number=number,
        state=state,
        started_at=when,
        submitted_at=when if state == SUBMITTED else None,
        max_score=len(versions),
        score=sum(marks) if state == SUBMITTED else None,
        fraction=Decimal(sum(marks)) / len(versions) if state == SUBMITTED else None,
    )
    AttemptSlot.objects.bulk_create(
        AttemptSlot(
            attempt=attempt,
            order=order,
            question_version=version,
            max_mark=1,
            response=1 if mark else 0,
            fraction=mark,
            mark=mark if state == SUBMITTED else None,
        )
        for order, (version, mark) in enumerate(zip(versions, marks, strict=True), start=1)
    )
    return attempt


def visit(student, lessons, course):
    for lesson in lessons:
        LessonVisit.objects.create(student=student, lesson=lesson, course=course)


@pytest.fixture
def learners(course, quiz, staff_user):
    """A: everything, certified. B: lessons 1, 2, 4 and the quiz at the second try.
    C: lesson 1 only. D: nothing, suspended. The staff user tried the quiz, not enrolled."""
    l1, l2, l3, l4 = lessons_of(course)
    people = {
        "A": UserFactory(email="ana@example.com", legal_name="Ana Alves", display_name="Ana"),
        "B": UserFactory(email="ben@example.com", legal_name='=HYPERLINK("x")', display_name="B"),
        "C": UserFactory(email="cy@example.com", display_name="Cy"),
        "D": UserFactory(email="dee@example.com", display_name="Dee"),
    }
    enrolments = {
        "A": EnrollmentFactory(student=people["A"], course=course, source="paid"),
        "B": EnrollmentFactory(student=people["B"], course=course, source="paid"),
        "C": EnrollmentFactory(student=people["C"], course=course, source="free"),
        "D": EnrollmentFactory(student=people["D"], course=course, status="suspended"),
    }
    for key, month in (("A", 1), ("B", 1), ("C", 3), ("D", 3)):
        Enrollment.objects.filter(pk=enrolments[key].pk).update(enrolled_at=at(2025, month))
    Enrollment.objects.filter(pk=enrolments["A"].pk).update(completed_at=at(2025, 2))
    CertificateFactory(enrollment=enrolments["A"], issued_at=at(2025, 2, 20))
    visit(people["A"], [l1, l2, l3, l4], course)
    visit(people["B"], [l1, l2, l4], course)
    visit(people["C"], [l1], course)
    visit(staff_user, [l1], course)
    take(quiz, people["A"], [1, 1, 1])
    take(quiz, people["B"], [1, 0, 0])
    take(quiz, people["B"], [1, 1, 0], number=2)
    take(quiz, people["C"], [0, 0, 0], state=IN_PROGRESS)
    take(quiz, staff_user, [1, 1, 1])
    for key in people:
        enrolments[key].refresh_from_db()
    return people, enrolments


def url(course, name="course", *args):
    return reverse(f"dashboard:{name}", args=[course.school.slug, course.pk, *args])


def csv_of(client, course, name, query=""):
    response = client.get(url(course, name) + query)
    assert response.status_code == 200, response
    return read_csv(response)


# --- Who may see what ------------------------------------------------------------------------

READ_ONLY = ["course", "students", "enrolments_csv", "funnel_csv", "quizzes_csv"]
PERSONAL = ["revenue_csv", "students_csv"]


def all_urls(course, enrollment):
    return [url(course, name) for name in READ_ONLY + PERSONAL] + [
        url(course, "student", enrollment.pk)
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, course, learners):
    _, enrolments = learners
    for address in all_urls(course, enrolments["A"]):
        response = client.get(address)
        assert response.status_code == 302 and "login" in response.url, address


def test_outsiders_get_404_and_readers_by_role(client, course, school, learners, staff_user):
    people, enrolments = learners
    reviewer = member(school, SchoolMembership.Role.REVIEWER)
    other_school = member(SchoolFactory(), SchoolMembership.Role.ADMIN)
    cases = [
        (people["A"], {}, 404),  # a learner of the course
        (other_school, {}, 404),
        (reviewer, dict.fromkeys(PERSONAL, 403), 200),
        (member(school, SchoolMembership.Role.INSTRUCTOR), {}, 200),
        (member(school, SchoolMembership.Role.ADMIN), {}, 200),
        (staff_user, {}, 200),
    ]
    for user, exceptions, default in cases:
        client.force_login(user)
        for name in READ_ONLY + PERSONAL:
            expected = exceptions.get(name, default)
            assert client.get(url(course, name)).status_code == expected, (user, name)
        detail = url(course, "student", enrolments["A"].pk)
        assert client.get(detail).status_code == default, (user, "student")


def test_a_course_of_another_school_or_an_enrolment_elsewhere_is_404(
    client, catalog, course, instructor, learners
):
    _, enrolments = learners
    foreign = CoursePageFactory(parent=catalog, school=SchoolFactory())
    elsewhere = EnrollmentFactory(course=CoursePageFactory(parent=catalog, school=course.school))
    client.force_login(instructor)
    address = reverse("dashboard:course", args=[course.school.slug, foreign.pk])
    assert client.get(address).status_code == 404
    assert client.get(url(course, "student", elsewhere.pk)).status_code == 404
    assert client.get(url(course, "student", 999999)).status_code == 404
    assert client.get(url(course, "student", enrolments["B"].pk)).status_code == 200


def test_reviewers_see_no_revenue_and_no_links_to_the_quiz_tools(
    client, course, school, quiz, learners
):
    people, enrolments = learners
    Order.objects.create(
        student=people["A"], course=course, amount=100, currency="usd", amount_paid=100,
        status="paid", paid_at=at(2025, 1),
    )  # fmt: skip
    client.force_login(member(school, SchoolMembership.Role.REVIEWER))
    html = client.get(url(course)).content.decode()
    assert 'id="revenue"' not in html and "revenue.csv" not in html
    assert reverse("quizzes:item_analysis", args=[quiz.pk]) not in html
    assert reverse("dashboard:funnel_csv", args=[school.slug, course.pk]) in html
    html = client.get(url(course, "student", enrolments["B"].pk)).content.decode()
    assert "/grade/" not in html and "<h2>Orders</h2>" not in html
    html = client.get(url(course, "students")).content.decode()
    assert "students.csv" not in html


def test_the_school_overview_links_each_course_dashboard(client, course, instructor):
    client.force_login(instructor)
    html = client.get(reverse("transcripts:school", args=[course.school.slug])).content.decode()
    assert url(course) in html
    assert reverse("seats:pools") not in html  # instructors do not manage seat pools


def test_admins_get_the_seat_pools_link(client, course, school):
    client.force_login(member(school, SchoolMembership.Role.ADMIN))
    assert reverse("seats:pools") in client.get(url(course)).content.decode()


# --- The numbers -------------------------------------------------------------------------------


def test_funnel_counts_each_step_of_enrolled_learners(client, course, instructor, learners):
    client.force_login(instructor)
    header, *rows = csv_of(client, course, "funnel_csv")
    assert header == [
        "Step",
        "What counts",
        "Module",
        "Required for completion",
        "Learners",
        "% of enrolled",
    ]
    modules = [m.title for m in ModulePage.objects.child_of(course).order_by("path")]
    assert rows == [
        ["Enrolled", "Enrolled", "", "yes", "4", "100"],
        ["Lesson 1", "Opened the lesson", modules[0], "yes", "3", "75"],
        ["Lesson 2", "Opened the lesson", modules[0], "yes", "2", "50"],
        ["Lesson 3", "Opened the lesson", modules[1], "no", "1", "25"],
        ["Lesson 4", "Opened the lesson", modules[1], "yes", "2", "50"],
        ["Final assessment", "Passed the quiz", modules[1], "yes", "2", "50"],
        ["Completed the course", "Completed the course", "", "yes", "1", "25"],
        ["Certificate issued", "Certificate issued", "", "yes", "1", "25"],
    ]


def test_quiz_results_and_flags_match_the_item_analysis(client, course, quiz, instructor, learners):
    client.force_login(instructor)
    header, row = csv_of(client, course, "quizzes_csv")
    values = dict(zip(header, row, strict=True))
    _, items = quiz_item_analysis(quiz=quiz)  # A, B's first try and the staff user's
    flagged = sum(1 for item in items if item.flags)
    assert flagged >= 1  # Q1: everyone right, "Too easy"
    assert values == {
        "Quiz": "Final assessment",
        "Kind": "Module quiz",
        "Required for completion": "yes",
        "Pass mark (%)": "60.00",
        "Grading method": "Highest attempt",
        "Learners attempted": "2",  # the staff user is not a learner
        "Learners passed": "2",
        "Pass rate (%)": "100",
        "Submitted attempts": "3",
        "Attempts in progress": "1",
        "Mean score (%)": "66.7",  # (100 + 33.3 + 66.7) / 3
        "Questions analysed": "3",
        "Questions flagged": str(flagged),
        ia.TOO_HARD: str(sum(ia.TOO_HARD in item.flags for item in items)),
        ia.TOO_EASY: str(sum(ia.TOO_EASY in item.flags for item in items)),
        ia.WEAK: str(sum(ia.WEAK in item.flags for item in items)),
        ia.WRONG_KEY: str(sum(ia.WRONG_KEY in item.flags for item in items)),
    }
    html = client.get(url(course)).content.decode()
    assert reverse("quizzes:item_analysis", args=[quiz.pk]) in html
    assert f"{flagged} of 3 questions flagged" in html


@pytest.mark.parametrize(
    ("method", "passed"),
    [("highest", 2), ("last", 2), ("first", 1), ("average", 1)],
)
def test_passing_follows_the_quizs_grading_method(
    client, course, quiz, instructor, learners, method, passed
):
    # B scored 33% then 67%: passes by the highest or the last, not by the first or the average
    quiz.grading_method = method
    quiz.save()
    client.force_login(instructor)
    header, row = csv_of(client, course, "quizzes_csv")
    assert dict(zip(header, row, strict=True))["Learners passed"] == str(passed)


def test_enrolments_csv_by_month_and_week(client, course, instructor, learners):
    client.force_login(instructor)
    header, *rows = csv_of(client, course, "enrolments_csv")
    assert header == ["Month starting", "Enrolments", "Completions", "Certificates issued"]
    assert rows[:3] == [
        ["2025-01", "2", "0", "0"],
        ["2025-02", "0", "1", "1"],
        ["2025-03", "2", "0", "0"],
    ]
    assert rows[-1][0] == f"{timezone.localdate():%Y-%m}"  # up to this month, gaps filled
    assert sum(int(row[1]) for row in rows) == 4

    header, *rows = csv_of(client, course, "enrolments_csv", "?period=week")
    assert header[0] == "Week starting"
    assert rows[0] == ["2025-01-13", "2", "0", "0"]  # the Monday of 15 January 2025
    assert rows[1][0] == "2025-01-20"


def test_dashboard_page_shows_each_section(client, course, instructor, learners):
    people, _ = learners
    pool_buyer = UserFactory()
    order = Order.objects.create(
        student=pool_buyer, course=course, amount=500, currency="usd", amount_paid=500,
        status="paid", paid_at=at(2025, 2), seats=5, organisation="Spa Co",
    )  # fmt: skip
    pool = SeatPool.objects.create(
        school=course.school, course=course, organisation="Spa Co", manager=pool_buyer,
        seats=5, source=SeatPool.Source.PURCHASED, order=order,
    )  # fmt: skip
    EnrollmentCode.objects.create(pool=pool, code="AAAA-BBBB-CCCC", email="x@example.com")
    make_evaluation(course=course, ratings={"objectives_met": 5, "pace": 3})
    make_evaluation(course=course, ratings={"objectives_met": 4, "pace": 2})
    client.force_login(instructor)
    response = client.get(url(course))
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    for fragment in [
        "<h1>Dashboard: Neck</h1>",
        '<svg viewBox="0 0 720 260" role="img"',
        "<title>Mar 2025: 2</title>",
        '<th scope="row">Paid</th>',
        "5 in 1 pool (5 bought, 0 granted); 0 used, 5 still free, 1 of them sent",
        "2 responses</strong>",
        "Mean rating 3.50 of 5",
        "rated lowest: “Pace” (2.50)",
        '<th scope="row">USD</th>',
        "500.00",
        reverse("transcripts:evaluations_csv", args=[course.school.slug, course.pk]),
        url(course, "revenue_csv"),
        url(course, "enrolments_csv") + "?period=month",
    ]:
        assert fragment in html, fragment
    assert people["A"].email not in html  # the dashboard names no learner


def test_revenue_per_currency_and_month(client, course, instructor, learners):
    people, _ = learners

    def order(student, amount, currency, month, **fields):
        fields.setdefault("status", "paid")
        return Order.objects.create(
            student=student, course=course, amount=amount, currency=currency,
            amount_paid=amount, paid_at=at(2025, month), **fields,
        )  # fmt: skip

    order(people["A"], 100, "usd", 1)
    order(people["B"], 100, "usd", 1, amount_refunded=Decimal("40"))
    order(people["C"], 80, "gbp", 2, status="disputed")
    order(UserFactory(), 300, "usd", 1, seats=3, organisation="Spa Co")
    Order.objects.create(student=people["D"], course=course, amount=100, currency="usd")
    client.force_login(instructor)
    header, *rows = csv_of(client, course, "revenue_csv")
    assert header == [
        "Month", "Currency", "Paid orders", "Seats sold", "Gross paid", "Refunded", "Net",
        "Refunded orders", "Disputed orders",
    ]  # fmt: skip
    assert rows == [
        ["2025-01", "USD", "3", "3", "500.00", "40.00", "460.00", "1", "0"],
        ["2025-02", "GBP", "1", "0", "80.00", "0.00", "80.00", "0", "1"],
    ]
    html = client.get(url(course)).content.decode()
    assert '<td class="num"><strong>460.00</strong></td>' in html
    totals = {row.currency: row for row in revenue.revenue_totals(course=course)}
    assert (totals["usd"].pending_orders, totals["usd"].net) == (1, Decimal("460.00"))
    assert totals["usd"].seats == 3
    assert (totals["gbp"].disputed_orders, totals["gbp"].disputed) == (1, Decimal("80.00"))


def test_students_list_progress_search_and_csv(client, course, instructor, learners):
    _, enrolments = learners
    client.force_login(instructor)
    html = client.get(url(course, "students")).content.decode()
    assert "4 learners" in html
    assert url(course, "student", enrolments["A"].pk) in html
    assert 'value="100" aria-hidden="true"></progress> 100%' in html  # A: 3/3 lessons, 1/1 quiz
    # C: lesson 1 of 3, no quiz passed
    assert 'value="25" aria-hidden="true"></progress> 25%' in html
    html = client.get(url(course, "students") + "?q=ana").content.decode()
    assert "1 learner" in html and "ben@example.com" not in html
    html = client.get(url(course, "students") + "?status=suspended").content.decode()
    assert "dee@example.com" in html and "ana@example.com" not in html
    assert client.get(url(course, "students") + "?status=nonsense").status_code == 400

    header, *rows = csv_of(client, course, "students_csv", "?sort=email")
    assert header[:5] == ["Email", "Name", "Status", "Source", "Enrolled on"]
    by_email = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert [row[0] for row in rows] == sorted(by_email)
    ana, ben = by_email["ana@example.com"], by_email["ben@example.com"]
    assert (ana["Progress (%)"], ana["Completed on"], ana["Certificate"]) == (
        "100",
        "2025-02-15",
        "Issued",
    )
    assert ana["Certificate number"] == enrolments["A"].certificate.number
    assert (ben["Required lessons opened"], ben["Required quizzes passed"]) == ("3", "1")
    assert ben["Completed on"] == ""  # every step done, but no completion was recorded
    assert ben["Name"] == '\'=HYPERLINK("x")'  # a spreadsheet will not run it
    assert by_email["dee@example.com"]["Status"] == "Suspended"
    assert by_email["cy@example.com"]["Progress (%)"] == "25"  # lesson 1 of 3 + 0 of 1 quiz


def test_students_are_paginated_keeping_the_filters(
    client, course, instructor, learners, monkeypatch
):
    monkeypatch.setattr(dashboard_views, "STUDENTS_PER_PAGE", 2)
    client.force_login(instructor)
    html = client.get(url(course, "students") + "?sort=email").content.decode()
    assert "Page 1 of 2" in html and "ana@example.com" in html and "dee@example.com" not in html
    assert "?sort=email&amp;page=2" in html
    html = client.get(url(course, "students") + "?sort=email&page=2").content.decode()
    assert "cy@example.com" in html and "dee@example.com" in html and "ana@" not in html


def test_one_learners_lessons_attempts_and_certificate(client, course, quiz, instructor, learners):
    people, enrolments = learners
    client.force_login(instructor)
    html = client.get(url(course, "student", enrolments["B"].pk)).content.decode()
    assert "100%: 3 of 3 required lessons opened, 1 of 1 required quiz passed" in html
    assert html.count("Not opened") == 1  # lesson 3
    attempts = Attempt.objects.filter(student=people["B"]).order_by("number")
    for attempt in attempts:
        assert reverse("quizzes:attempt_grade", args=[attempt.pk]) in html
    assert "Grade 66.7% (highest attempt)" in html and "<strong>passed</strong>" in html
    assert "33.3%" in html

    html = client.get(url(course, "student", enrolments["A"].pk)).content.decode()
    certificate = enrolments["A"].certificate
    assert f"Issued · {certificate.number}" in html
    assert reverse("certificates:verify", kwargs={"code": certificate.verify_code}) in html

    html = client.get(url(course, "student", enrolments["C"].pk)).content.decode()
    assert "In progress" in html and "/grade/" not in html  # nothing to grade yet


# --- Query counts: flat from 3 to 30 learners --------------------------------------------------


def crowd(course, quiz, count, *, start):
    """`count` more learners, each enrolled, with two lessons opened and a submitted attempt."""
    users = User.objects.bulk_create(
        User(email=f"crowd{start + i}@example.com") for i in range(count)
    )
    enrolments = Enrollment.objects.bulk_create(
        Enrollment(student=user, course=course, source="free") for user in users
    )
    l1, l2, *_ = lessons_of(course)
    LessonVisit.objects.bulk_create(
        LessonVisit(student=user, lesson=lesson, course=course)
        for user in users
        for lesson in (l1, l2)
    )
    for i, user in enumerate(users):
        take(quiz, user, [1, i % 2, 0])
    return enrolments


def queries(client, address):
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200, address
    return len(context.captured_queries)


# Seven of each page's queries are the request's own: the session's user, the role, the course,
# the header's two permission checks, the site and its settings (a CSV has the first three).
PINNED = {
    "course": 25,
    "students": 12,
    "enrolments_csv": 6,
    "funnel_csv": 9,
    "quizzes_csv": 8,
    "revenue_csv": 4,
    "students_csv": 7,
}


@pytest.mark.parametrize("name", list(PINNED))
def test_queries_do_not_grow_with_learners_lessons_or_attempts(
    client, course, quiz, instructor, django_assert_num_queries, name
):
    client.force_login(instructor)
    crowd(course, quiz, 3, start=0)
    address = url(course, name)
    queries(client, address)  # warms the per-process caches (site, content types)
    small = queries(client, address)
    crowd(course, quiz, 27, start=3)
    module = ModulePage.objects.child_of(course).first()
    for _ in range(5):
        LessonPageFactory(parent=module)
    with django_assert_num_queries(small):
        queries(client, address)
    assert small == PINNED[name], small


def test_one_learners_page_queries_do_not_grow_with_attempts(
    client, course, quiz, instructor, django_assert_num_queries
):
    student = UserFactory()
    enrollment = EnrollmentFactory(student=student, course=course)
    visit(student, lessons_of(course)[:2], course)
    for number in range(1, 4):
        take(quiz, student, [1, 0, 0], number=number)
    client.force_login(instructor)
    address = url(course, "student", enrollment.pk)
    queries(client, address)
    small = queries(client, address)
    for number in range(4, 31):
        take(quiz, student, [1, 1, 0], number=number)
    visit(student, lessons_of(course)[2:], course)
    with django_assert_num_queries(small):
        queries(client, address)
    assert small == 15, small


# --- Pieces ------------------------------------------------------------------------------------


def test_chart_scales_to_a_round_top_and_labels_the_latest_bar():
    points = [(f"m{i}", f"Month {i}", i) for i in range(1, 27)]
    drawn = chart.bar_chart(points, title="t", summary="s")
    assert chart.nice_ceiling(26) == 50 and chart.nice_ceiling(0) == 1
    assert [tick.value for tick in drawn.ticks] == [0, 10, 20, 30, 40, 50]
    assert drawn.bars[-1].label == "m26" and sum(1 for b in drawn.bars if b.label) <= 13
    tallest = drawn.bars[-1]
    assert tallest.y + tallest.height == drawn.baseline
    assert chart.bar_chart([], title="t", summary="s").bars == []


def test_buckets_fill_gaps_up_to_now():
    today = timezone.localdate()
    months = periods.buckets(periods.MONTH, seen=[today.replace(day=1)])
    assert months == [today.replace(day=1)]
    weeks = periods.buckets(periods.WEEK, seen=[])
    assert len(weeks) == 1 and weeks[0].weekday() == 0


def test_a_certificate_pending_or_revoked_is_not_counted_as_issued(client, course, instructor):
    pending = EnrollmentFactory(course=course)
    CertificateFactory(
        enrollment=pending, status=Certificate.Status.PENDING, number=None, issued_at=None
    )
    client.force_login(instructor)
    _, *rows = csv_of(client, course, "funnel_csv")
    assert rows[-1][:5] == ["Certificate issued", "Certificate issued", "", "yes", "0"]
