import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from cms.exports import csv_safe
from courses.models import Enrollment
from quizzes.models import Attempt
from quizzes.services import attempts as services
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz


@pytest.fixture
def school_course(course, school):
    course.school = school
    course.save()
    return course


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role="instructor").user


@pytest.fixture
def graded_quiz(school_course, quiz):
    return quiz


def take(quiz, student, *, right=True):
    attempt = services.attempt_start(quiz=quiz, user=student)
    services.attempt_save_response(
        attempt=attempt, slot_order=1, fields=lambda name: ["1"] if name == "q1" and right else []
    )
    return services.attempt_submit(attempt=attempt)


def urls(quiz, course, attempt):
    return [
        reverse("quizzes:item_analysis", args=[quiz.pk]),
        reverse("quizzes:attempt_list", args=[quiz.pk]),
        reverse("quizzes:gradebook", args=[course.pk]),
        reverse("quizzes:attempt_grade", args=[attempt.pk]),
    ]


def test_permission_matrix(client, graded_quiz, school_course, student, instructor, staff_user):
    attempt = take(graded_quiz, student)
    other_school = SchoolMembershipFactory(school=SchoolFactory(), role="instructor").user
    reviewer = SchoolMembershipFactory(school=school_course.school, role="reviewer").user
    admin = SchoolMembershipFactory(school=school_course.school, role="admin").user
    for url in urls(graded_quiz, school_course, attempt):
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url
        for user, status in [
            (student, 404),
            (other_school, 404),
            (reviewer, 404),
            (instructor, 200),
            (admin, 200),
            (staff_user, 200),
        ]:
            client.force_login(user)
            assert client.get(url).status_code == status, (url, user)


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def test_gradebook_grades_filters_and_csv(client, graded_quiz, school_course, instructor):
    passer = UserFactory(email="passer@example.com", legal_name="=HYPERLINK(1)")
    failer = UserFactory(email="failer@example.com")
    idle = UserFactory(email="idle@example.com")
    for user in (passer, failer, idle):
        Enrollment.objects.create(student=user, course=school_course, source="granted")
    take(graded_quiz, passer)
    take(graded_quiz, failer, right=False)
    client.force_login(instructor)
    url = reverse("quizzes:gradebook", args=[school_course.pk])
    html = client.get(url).content.decode()
    assert '<th scope="row">passer@example.com' in html and "33.3%" in html
    rows = read_csv(client.get(url, {"format": "csv"}))
    assert rows[0] == ["Email", "Name", graded_quiz.title, "Status"]
    by_email = {row[0]: row for row in rows[1:]}
    assert by_email["passer@example.com"][1:] == ["'=HYPERLINK(1)", "33.3", "Not passed"]
    assert by_email["idle@example.com"][2:] == ["", "Not attempted"]
    graded_quiz.pass_mark = 30
    graded_quiz.save()
    for status, emails in [
        ("passed", {"passer@example.com"}),
        ("failed", {"failer@example.com"}),
        ("not_attempted", {"idle@example.com"}),
    ]:
        rows = read_csv(client.get(url, {"format": "csv", "status": status}))
        assert {row[0] for row in rows[1:]} == emails
    rows = read_csv(client.get(url, {"format": "csv", "q": "FAIL"}))
    assert [row[0] for row in rows[1:]] == ["failer@example.com"]


def test_gradebook_csv_heading_of_a_formula_quiz_title_is_defused(
    client, graded_quiz, school_course, instructor
):
    graded_quiz.title = '=HYPERLINK("http://evil.test","x")'
    graded_quiz.save()
    client.force_login(instructor)
    url = reverse("quizzes:gradebook", args=[school_course.pk])
    rows = read_csv(client.get(url, {"format": "csv"}))
    assert rows[0][2] == "'" + graded_quiz.title


def test_gradebook_xlsx_is_the_same_table_with_formulas_defused(
    client, graded_quiz, school_course, instructor
):
    graded_quiz.title = '=HYPERLINK("http://evil.test","x")'
    graded_quiz.save()
    student = UserFactory(email="-cmd@example.com", legal_name="@SUM(1)")
    Enrollment.objects.create(student=student, course=school_course, source="granted")
    client.force_login(instructor)
    url = reverse("quizzes:gradebook", args=[school_course.pk])
    response = client.get(url, {"format": "xlsx"})
    assert response["Content-Disposition"].endswith(f'gradebook-{school_course.slug}.xlsx"')
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [[cell.value for cell in row] for row in book.active.iter_rows()]
    assert rows[0] == ["Email", "Name", "'" + graded_quiz.title, "Status"]
    assert rows[1][:2] == ["'-cmd@example.com", "'@SUM(1)"]
    as_text = [["" if value is None else str(value) for value in row] for row in rows]
    assert as_text == read_csv(client.get(url, {"format": "csv"}))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("plain", "plain"),
        (None, ""),
        (Decimal("2.5"), "2.5"),
    ],
)
def test_csv_cells_cannot_be_formulas(value, cell):
    assert csv_safe(value) == cell


def test_attempt_list_filters_and_csv(client, graded_quiz, student, instructor):
    take(graded_quiz, student)
    other = UserFactory(email="-cmd@example.com")
    Enrollment.objects.create(
        student=other, course=graded_quiz.get_parent().get_parent().specific, source="granted"
    )
    services.attempt_start(quiz=graded_quiz, user=other)
    client.force_login(instructor)
    url = reverse("quizzes:attempt_list", args=[graded_quiz.pk])
    rows = read_csv(client.get(url, {"format": "csv"}))
    assert rows[0][:4] == ["Email", "Name", "Attempt", "State"]
    assert sorted(row[0] for row in rows[1:]) == sorted([student.email, "'-cmd@example.com"])
    rows = read_csv(client.get(url, {"format": "csv", "state": "submitted"}))
    assert [row[0] for row in rows[1:]] == [student.email]
    html = client.get(url, {"state": "in_progress"}).content.decode()
    assert "-cmd@example.com" in html and student.email not in html


def test_override_records_reason_and_regrades(client, graded_quiz, student, instructor):
    attempt = take(graded_quiz, student, right=False)
    assert attempt.fraction == 0
    client.force_login(instructor)
    url = reverse("quizzes:attempt_grade", args=[attempt.pk])
    response = client.post(url, {"slot": 2, "mark": "1", "reason": "Key was wrong."})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.grade_override_reason == "Key was wrong."
    assert attempt.grade_overridden_by == instructor
    assert attempt.score == Decimal("1") and attempt.fraction == Decimal("0.3333333")
    assert attempt.slots.get(order=2).mark == Decimal("1")


def test_override_errors_are_form_errors(client, graded_quiz, student, instructor):
    attempt = take(graded_quiz, student)
    client.force_login(instructor)
    url = reverse("quizzes:attempt_grade", args=[attempt.pk])
    response = client.post(url, {"slot": 1, "mark": "5", "reason": "Generous."})
    assert response.status_code == 400
    assert "The mark must be between 0 and 1" in response.content.decode()
    response = client.post(url, {"slot": 1, "mark": "0.5", "reason": "  "})
    assert response.status_code == 400 and "This field is required" in response.content.decode()
    open_attempt = services.attempt_start(quiz=graded_quiz, user=student)
    url = reverse("quizzes:attempt_grade", args=[open_attempt.pk])
    response = client.post(url, {"slot": 1, "mark": "0.5", "reason": "Early."})
    assert response.status_code == 400
    assert services.NOT_SUBMITTED in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.grade_override_reason == ""


def enrol_with_attempts(course, quiz, count, *, start=0):
    now = timezone.now()
    users = User.objects.bulk_create(User(email=f"gb{start + i}@example.com") for i in range(count))
    Enrollment.objects.bulk_create(
        Enrollment(student=user, course=course, source="granted") for user in users
    )
    Attempt.objects.bulk_create(
        Attempt(
            quiz=quiz,
            student=user,
            number=n,
            state=Attempt.State.SUBMITTED,
            started_at=now,
            submitted_at=now,
            max_score=1,
            score=0,
            fraction=Decimal(n) / 3,
        )
        for user in users
        for n in (1, 2)
    )


def test_gradebook_queries_are_flat_from_5_to_50_students(
    client, school_course, module, bank, instructor, django_assert_num_queries
):
    quizzes = [
        make_quiz(module, questions=[make_question(bank)], title=f"Quiz {i}") for i in range(3)
    ]
    client.force_login(instructor)
    url = reverse("quizzes:gradebook", args=[school_course.pk])
    for quiz in quizzes:
        enrol_with_attempts(school_course, quiz, 5, start=quiz.pk * 1000)
    client.get(url)
    with django_assert_num_queries(10) as ctx:
        assert client.get(url).status_code == 200
    small = len(ctx.captured_queries)
    for quiz in quizzes:
        enrol_with_attempts(school_course, quiz, 45, start=quiz.pk * 1000 + 5)
    with django_assert_num_queries(small):
        response = client.get(url)
    html = response.content.decode()
    # 150 students, shown 100 to a page; memory holds one page however many there are.
    assert html.count('<th scope="row">') == 100
    assert "150 students." in html and "Page 1 of 2" in html
    second = client.get(url, {"page": 2}).content.decode()
    assert second.count('<th scope="row">') == 50
    csv_rows = read_csv(client.get(url, {"format": "csv"}))
    assert len(csv_rows) == 151


def test_attempt_list_queries_do_not_grow(
    client, graded_quiz, instructor, django_assert_num_queries
):
    client.force_login(instructor)
    url = reverse("quizzes:attempt_list", args=[graded_quiz.pk])
    enrol_with_attempts(graded_quiz.get_parent().get_parent().specific, graded_quiz, 5)
    client.get(url)
    with django_assert_num_queries(10) as ctx:
        client.get(url)
    enrol_with_attempts(graded_quiz.get_parent().get_parent().specific, graded_quiz, 95, start=5)
    with django_assert_num_queries(len(ctx.captured_queries)):
        client.get(url)
