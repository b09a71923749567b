import sys
import types
from decimal import Decimal

import pytest
from django.db.models import TextChoices

from records import evaluation_summary as evaluations
from schools.models import SchoolMembership
from tests.factories import CoursePageFactory, SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.transcript_helpers import make_evaluation, read_csv


@pytest.fixture
def school(db):
    return SchoolFactory(slug="bodywork-institute")


@pytest.fixture
def school_course(catalog, school):
    return CoursePageFactory(parent=catalog, school=school, title="Neck Release")


@pytest.fixture
def instructor(school):
    return SchoolMembershipFactory(school=school, role=SchoolMembership.Role.INSTRUCTOR).user


@pytest.fixture
def responses(school_course):
    make_evaluation(course=school_course, ratings={"objectives_met": 5, "pace": 4}, comments="")
    make_evaluation(
        course=school_course,
        ratings={"objectives_met": 4, "pace": 2},
        comments="Clear videos.\nMore on the scalenes, please.",
    )
    make_evaluation(
        course=school_course,
        ratings={"objectives_met": 5, "pace": "seven", "bonus": 9},
        comments='=HYPERLINK("http://x")',
    )


def url(course, suffix="evaluations/"):
    return f"/schools/{course.school.slug}/courses/{course.pk}/{suffix}"


def test_summary_counts_means_and_distribution(school_course, responses):
    summary = evaluations.evaluation_summary(course=school_course)
    assert summary.responses == 3
    assert not summary.enough_for_approval
    by_key = {q.key: q for q in summary.questions}
    assert set(by_key) == {"objectives_met", "pace"}  # "seven" and 9 are not ratings

    objectives = by_key["objectives_met"]
    assert objectives.counts == [0, 0, 0, 1, 2]
    assert (objectives.answered, objectives.mean) == (3, Decimal("4.67"))
    assert objectives.distribution[4] == (5, 2, 67)
    pace = by_key["pace"]
    assert (pace.answered, pace.mean, pace.counts) == (2, Decimal("3.00"), [0, 1, 0, 1, 0])


def test_labels_come_from_the_evaluation_form_and_fall_back_to_the_key(school_course, responses):
    summary = evaluations.evaluation_summary(course=school_course)
    # The form's questions first, in its order; keys it does not know after, by name.
    assert [q.key for q in summary.questions] == ["objectives_met", "pace"]
    labels = {q.key: q.label for q in summary.questions}
    assert labels["objectives_met"] == "The course met its stated learning objectives."
    assert labels["pace"] == "Pace"


@pytest.fixture
def fake_evaluation_module(monkeypatch):
    def install(**attributes):
        module = types.ModuleType("certificates.evaluation")
        module.__dict__.update(attributes)
        monkeypatch.setitem(sys.modules, "certificates.evaluation", module)

    return install


class Question:
    def __init__(self, key, text):
        self.key, self.text = key, text


class Choices(TextChoices):
    PACE = "pace", "The pace suited me."


@pytest.mark.parametrize(
    "questions",
    [
        {"pace": "The pace suited me."},
        {"pace": {"label": "The pace suited me."}},
        [("pace", "The pace suited me.")],
        [{"key": "pace", "text": "The pace suited me."}],
        [Question("pace", "The pace suited me.")],
        Choices,
    ],
)
def test_question_shapes_the_form_may_declare(fake_evaluation_module, questions):
    fake_evaluation_module(QUESTIONS=questions)
    catalogue = evaluations.declared_questions()
    assert catalogue.label("pace") == "The pace suited me."
    assert catalogue.label("new_question") == "New question"


def test_label_lookup_function_and_a_missing_module(fake_evaluation_module, monkeypatch):
    fake_evaluation_module(question_label=lambda key: {"pace": "Pace of the course"}[key])
    catalogue = evaluations.declared_questions()
    assert catalogue.label("pace") == "Pace of the course"
    assert catalogue.label("other-thing") == "Other thing"

    monkeypatch.setitem(sys.modules, "certificates.evaluation", None)  # as if it were missing
    assert evaluations.declared_questions().labels == {}
    assert evaluations.declared_questions().label("objectives_met") == "Objectives met"


def test_page_shows_counts_means_and_comments(client, school_course, responses, instructor):
    client.force_login(instructor)
    response = client.get(url(school_course))
    html = response.content.decode()

    assert response.status_code == 200
    assert "3 responses." in html
    assert "at least 5 participants" in html
    assert '<th scope="row">The course met its stated learning objectives.</th>' in html
    assert "4.67" in html and '2 <span class="muted">(67%)</span>' in html
    assert "Clear videos.<br>More on the scalenes, please." in html
    assert "=HYPERLINK(&quot;http://x&quot;)" in html  # escaped, not markup


def test_summary_and_responses_csv(client, school_course, responses, instructor):
    client.force_login(instructor)
    header, *rows = read_csv(client.get(url(school_course, "evaluations.csv")))
    assert header == [
        "Question key",
        "Question",
        "Answers",
        "Mean",
        "Rated 1",
        "Rated 2",
        "Rated 3",
        "Rated 4",
        "Rated 5",
    ]
    assert rows[0] == [
        "objectives_met",
        "The course met its stated learning objectives.",
        "3",
        "4.67",
        "0",
        "0",
        "0",
        "1",
        "2",
    ]
    assert rows[1] == ["pace", "Pace", "2", "3.00", "0", "1", "0", "1", "0"]

    response = client.get(url(school_course, "evaluations.csv"), {"kind": "responses"})
    header, *rows = read_csv(response)
    assert header == [
        "Submitted on",
        "The course met its stated learning objectives.",
        "Pace",
        "Comments",
    ]
    assert [row[1:] for row in rows] == [
        ["5", "4", ""],
        ["4", "2", "Clear videos.\nMore on the scalenes, please."],
        ["5", "seven", '\'=HYPERLINK("http://x")'],
    ]


def test_enough_responses_for_approval(school_course):
    for _ in range(evaluations.MIN_RESPONSES_FOR_APPROVAL):
        make_evaluation(course=school_course, ratings={"objectives_met": 3})
    assert evaluations.evaluation_summary(course=school_course).enough_for_approval


def test_permissions_and_other_schools_courses(client, catalog, school_course, instructor):
    school = school_course.school
    reviewer = SchoolMembershipFactory(school=school, role=SchoolMembership.Role.REVIEWER).user
    outsider = SchoolMembershipFactory(role=SchoolMembership.Role.ADMIN).user
    for path, statuses in {
        url(school_course): [404, 404, 200, 200],
        url(school_course, "evaluations.csv"): [404, 404, 403, 200],
    }.items():
        client.logout()
        assert client.get(path).status_code == 302
        for user, status in zip(
            [UserFactory(), outsider, reviewer, instructor], statuses, strict=True
        ):
            client.force_login(user)
            assert client.get(path).status_code == status, (path, user)

    # A course of another school, reached through this school's address: 404.
    foreign = CoursePageFactory(parent=catalog, school=SchoolFactory())
    client.force_login(instructor)
    path = f"/schools/{school.slug}/courses/{foreign.pk}/evaluations/"
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_summary_query_count_does_not_grow(
    client, school_course, instructor, count, django_assert_max_num_queries
):
    for n in range(count):
        make_evaluation(
            course=school_course,
            ratings={"objectives_met": n % 5 + 1, "content_relevant": 4},
            comments=f"Comment {n}",
        )
    client.force_login(instructor)
    client.get(url(school_course))  # creates the site's settings row
    # session user, membership, course, ratings, comments count and page, base.html's 4
    with django_assert_max_num_queries(10):
        response = client.get(url(school_course))
    assert response.context["summary"].responses == count
    assert len(response.context["comments"].object_list) == count
    with django_assert_max_num_queries(5):  # user, membership, course, key pass, rows
        rows = read_csv(client.get(url(school_course, "evaluations.csv"), {"kind": "responses"}))
    assert len(rows) == count + 1
