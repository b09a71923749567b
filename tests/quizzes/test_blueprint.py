"""The assessment blueprint: objectives tested, questions per CE hour, spread draws, and
publishing refused in the admin when a CE course fails it or its hours are not supported."""

import json
import random
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import querydict_from_html

from courses.models import AccreditingBody, CourseApproval, CourseObjective, CoursePage
from quizzes import blueprint
from quizzes.blueprint import SlotSpec, blueprint_evaluate, course_compliance
from quizzes.draws import spread_guaranteed, spread_sample
from quizzes.models import QuestionCategory, QuizKind
from quizzes.models.quizzes import ReviewFrom
from quizzes.services.attempts import attempt_start
from quizzes.services.questions import question_objectives_set
from tests.factories import (
    CoursePageFactory,
    EnrollmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    UserFactory,
    lesson_body,
)
from tests.quizzes.conftest import make_question, make_quiz

pytestmark = pytest.mark.django_db

# --- The pure rules -------------------------------------------------------------------------


def evaluate(slots, objectives=((1, "Locate"), (2, "Explain")), hours="1", **kw):
    return blueprint_evaluate(
        quiz_title="Final",
        slots=slots,
        objectives=list(objectives),
        per_objective=kw.get("per_objective", 1),
        per_hour=Decimal(kw.get("per_hour", "5")),
        hours=Decimal(hours),
    )


def fixed(*objectives):
    return SlotSpec(count=1, objectives=frozenset(objectives))


def test_every_objective_tested_and_five_per_hour_passes():
    result = evaluate([fixed(1), fixed(2), fixed(1, 2), fixed(), fixed()])
    assert result.ok
    assert [item.questions for item in result.objectives] == [2, 2]


def test_an_untested_objective_is_named():
    result = evaluate([fixed(1)] * 5)
    assert result.problems == [
        blueprint.OBJECTIVE_UNDER_TESTED.format(objective="Explain", count=0, required=1)
    ]


def test_too_few_questions_for_the_hours_claimed():
    result = evaluate([fixed(1), fixed(2)] * 3, hours="1.5")  # 6 < ceil(7.5)
    assert result.required_questions == 8
    assert (
        "has 6 questions; 1.5 CE hours at 5 questions per CE hour need at least 8"
        in (result.problems[0])
    )


def test_thresholds_are_per_course():
    slots = [fixed(1), fixed(2)]
    assert evaluate(slots, per_hour="2").ok
    assert not evaluate(slots, per_hour="2", per_objective=2).ok


def test_no_final_assessment_is_a_problem():
    result = blueprint_evaluate(
        quiz_title=None, slots=[], objectives=[(1, "Locate")], per_objective=1,
        per_hour=Decimal(5), hours=Decimal(1),
    )  # fmt: skip
    assert result.problems == [blueprint.NO_FINAL]


def test_random_draw_counts_only_what_it_cannot_miss():
    pool = (frozenset({1}),) * 3 + (frozenset({2}),) * 3
    plain = evaluate([SlotSpec(count=5, pool=pool)])
    assert [item.questions for item in plain.objectives] == [2, 2]
    small = evaluate([SlotSpec(count=2, pool=pool)], per_hour="2")
    assert [item.questions for item in small.objectives] == [0, 0] and not small.ok
    spread = evaluate([SlotSpec(count=2, pool=pool, spread=True)], per_hour="2")
    assert [item.questions for item in spread.objectives] == [1, 1] and spread.ok


def test_a_draw_bigger_than_its_category_is_a_problem():
    result = evaluate([SlotSpec(count=6, pool=(frozenset({1}), frozenset({2})), category="C")])
    assert blueprint.POOL_TOO_SMALL.format(count=6, category="C", available=2) in result.problems


def test_spread_sample_goes_round_the_objectives():
    pool = list(range(1, 13))
    tags = {qid: {qid % 3} for qid in pool}  # objectives 0, 1, 2: four questions each
    for seed in range(20):
        picked = spread_sample(
            pool=pool, tags=tags, objectives=[0, 1, 2], count=6, rng=random.Random(seed)
        )
        assert len(set(picked)) == 6
        assert sorted(qid % 3 for qid in picked) == [0, 0, 1, 1, 2, 2]
    assert spread_guaranteed(group_size=4, objectives_in_pool=3, count=6) == 2


def test_spread_sample_fills_up_from_untagged_questions():
    picked = spread_sample(
        pool=[1, 2, 3, 4], tags={1: {7}}, objectives=[7], count=3, rng=random.Random(1)
    )
    assert 1 in picked and len(set(picked)) == 3


# --- A CE course in the database ----------------------------------------------------------


@pytest.fixture
def ce_course(catalog, bank):
    """Half a CE hour: 5,000 words (25 min) and 4 final questions (6 min), 2 objectives."""
    course = CoursePageFactory(parent=catalog, ce_hours=Decimal("0.5"), school=bank.school)
    module = ModulePageFactory(parent=course)
    LessonPageFactory(parent=module, body=lesson_body(words=4994))  # + 6 words of heading etc.
    locate = CourseObjective.objects.create(course=course, text="Locate the muscle", sort_order=0)
    explain = CourseObjective.objects.create(course=course, text="Explain ischaemia", sort_order=1)
    questions = [make_question(bank, name=f"Q{i}") for i in range(4)]
    question_objectives_set(question=questions[0], objectives=[locate])
    question_objectives_set(question=questions[1], objectives=[explain])
    make_quiz(
        course,
        questions=questions,
        kind=QuizKind.FINAL_ASSESSMENT,
        title="Final",
        review_from=ReviewFrom.AFTER_LAST_ATTEMPT,
    )
    return CoursePage.objects.get(pk=course.pk)


def test_a_compliant_course_has_no_problems(ce_course, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        report = course_compliance(course=ce_course)
    assert report.problems == []
    assert report.hours.words == 5000 and report.hours.assessment_questions == 4
    assert report.hours.total_hours == Decimal("0.51")


def test_an_approval_beyond_the_content_is_reported(ce_course):
    body = AccreditingBody.objects.create(name="National board", abbreviation="NB")
    CourseApproval.objects.create(
        course=ce_course, body=body, approved_title="T", ce_hours=Decimal("2"), approval_number="1"
    )
    problems = course_compliance(course=CoursePage.objects.get(pk=ce_course.pk)).problems
    assert any(p.startswith("NB approval: 2 CE hours claimed") for p in problems)
    # 2 hours also need 10 questions.
    assert any("has 4 questions; 2 CE hours" in p for p in problems)


def test_a_course_without_ce_hours_is_not_checked(catalog):
    course = CoursePageFactory(parent=catalog, ce_hours=Decimal("0"))
    assert course_compliance(course=course).problems == []


def test_spread_draw_in_an_attempt_covers_every_objective(ce_course, bank):
    category = QuestionCategory.objects.create(bank=bank, name="Pool")
    objectives = list(ce_course.objectives.all())
    for i in range(6):
        question = make_question(bank, name=f"Pool {i}", category=category)
        question_objectives_set(question=question, objectives=[objectives[i % 2]])
    module = ce_course.get_children().first()
    quiz = make_quiz(module, draws=[(category, 2)], title="Spread")
    quiz.slots.update(spread_across_objectives=True)
    student = EnrollmentFactory(course=ce_course).student
    attempt = attempt_start(quiz=quiz, user=student, rng=random.Random(3))
    tested = {
        objective
        for slot in attempt.slots.all()
        for objective in slot.question_version.question.objectives.values_list("pk", flat=True)
    }
    assert tested == {objective.pk for objective in objectives}


# --- The admin: the summary beside the approvals, and publishing refused ------------------


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def publish(client, course, **fields):
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update({"action-publish": "action-publish", **fields})
    return client.post(url, data)


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_publishing_an_under_tested_course_is_refused_with_the_reason(ce_course, staff_client):
    CoursePage.objects.filter(pk=ce_course.pk).update(live=False)
    CourseObjective.objects.create(course=ce_course, text="Write SOAP notes", sort_order=2)
    response = publish(staff_client, CoursePage.objects.get(pk=ce_course.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[ce_course.pk])
    (message,) = messages_of(response)
    assert "was saved as a draft but not published for CE credit" in message
    assert "Learning objective “Write SOAP notes” is tested by 0 question(s)" in message
    assert not CoursePage.objects.get(pk=ce_course.pk).live


def test_publishing_an_under_supported_course_is_refused(ce_course, staff_client):
    CoursePage.objects.filter(pk=ce_course.pk).update(live=False)
    response = publish(staff_client, CoursePage.objects.get(pk=ce_course.pk), ce_hours="0.75")
    (message,) = messages_of(response)
    assert "This course (CE hours on the page): 0.75 CE hours claimed" in message
    assert "support only 0.51 (5,000 words to read, 0 minutes of video, 4 assessment" in message
    assert not CoursePage.objects.get(pk=ce_course.pk).live


def test_a_compliant_course_publishes(ce_course, staff_client):
    CoursePage.objects.filter(pk=ce_course.pk).update(live=False)
    response = publish(staff_client, CoursePage.objects.get(pk=ce_course.pk))
    assert response.status_code == 302
    assert CoursePage.objects.get(pk=ce_course.pk).live


def test_approving_an_under_tested_course_in_review_is_refused(ce_course, staff_client):
    CoursePage.objects.filter(pk=ce_course.pk).update(live=False)
    CourseObjective.objects.create(course=ce_course, text="Write SOAP notes", sort_order=2)
    course = CoursePage.objects.get(pk=ce_course.pk)
    workflow = Workflow.objects.create(name="Review")
    task = GroupApprovalTask.objects.create(name="Reviewers approve")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=course.get_parent(), workflow=workflow)
    course.save_revision()
    workflow.start(course, UserFactory())
    url = reverse("wagtailadmin_pages:edit", args=[course.pk])
    response = staff_client.post(
        url, {"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    assert response.status_code == 302
    assert "Write SOAP notes" in messages_of(response)[0]
    course.refresh_from_db()
    assert not course.live and course.workflow_in_progress


def test_course_editor_shows_hours_beside_approvals_and_the_blueprint(ce_course, staff_client):
    response = staff_client.get(reverse("wagtailadmin_pages:edit", args=[ce_course.pk]))
    html = response.content.decode()
    assert "Supportable CE hours" in html and "5,000 words" in html
    assert "This course (CE hours on the page)" in html
    assert "Locate the muscle" in html and "Assessment blueprint" in html
    assert "Ready for CE" in html
    assert json.dumps(ce_course.pk) in html
