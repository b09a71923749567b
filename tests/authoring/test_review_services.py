"""A course reviewed as one unit: one submission, one approval publishing children before the
course (so a new CE course passes its check), one request for changes with comments that reach
the pages; only the school's reviewers decide."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import Page, WorkflowPage

from authoring import selectors
from authoring.models import CourseReview
from authoring.services import outline, reviews
from courses.models import CourseObjective, CoursePage, CourseVersion
from quizzes.models import QuestionBank, QuizKind, QuizPage, QuizSlot
from quizzes.models.quizzes import ReviewFrom
from quizzes.services.questions import question_objectives_set
from tests.factories import lesson_body
from tests.quizzes.conftest import make_question

pytestmark = pytest.mark.django_db


def add(user, course, parent, kind, title):
    return outline.outline_item_add(user=user, course=course, parent=parent, kind=kind, title=title)


def build(course, user, lessons=3):
    module = add(user, course, course, "module", "Module one")
    pages = [add(user, course, module, "lesson", f"Lesson {n}") for n in range(1, lessons + 1)]
    quiz = add(user, course, module, "quiz", "Check yourself")
    return module, pages, quiz


def live(*pages):
    return [Page.objects.get(pk=page.pk).live for page in pages]


def test_submit_takes_every_new_or_changed_page_once(new_course, instructor):
    _module, _lessons, _quiz = build(new_course, instructor)
    review = reviews.course_review_submit(user=instructor, course=new_course, note="Ready")
    assert review.items.count() == 6
    assert all(item.is_new for item in review.items.all())
    with pytest.raises(ValidationError, match="already waiting"):
        reviews.course_review_submit(user=instructor, course=new_course)
    outline_data = selectors.course_outline(course=new_course)
    assert {item.status for item in outline_data.items} == {selectors.IN_REVIEW}


def test_one_approval_publishes_the_whole_course(new_course, instructor, reviewer):
    module, lessons, quiz = build(new_course, instructor)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    reviews.course_review_approve(user=reviewer, review=review)
    assert live(new_course, module, *lessons, quiz) == [True] * 6
    assert CourseReview.objects.get(pk=review.pk).status == CourseReview.Status.APPROVED
    with pytest.raises(ValidationError, match="Nothing in this course has changed"):
        reviews.course_review_submit(user=instructor, course=new_course)


def test_instructors_and_other_schools_cannot_approve(
    new_course, instructor, outside_reviewer, school_admin
):
    build(new_course, instructor)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    for user in (instructor, outside_reviewer):
        with pytest.raises(PermissionDenied):
            reviews.course_review_approve(user=user, review=review)
    assert not Page.objects.get(pk=new_course.pk).live
    reviews.course_review_approve(user=school_admin, review=review)  # admins review too
    assert Page.objects.get(pk=new_course.pk).live


@pytest.fixture
def new_ce_course(new_course, instructor, school):
    """The new course claiming half a CE hour, with two objectives, a lesson of 5,000 words
    and a four-question final assessment: every page a draft, as an instructor builds it."""
    course = CoursePage.objects.get(pk=new_course.pk)
    course.ce_hours = Decimal("0.5")
    course.objectives = [
        CourseObjective(text="Locate the muscle", sort_order=0),
        CourseObjective(text="Explain ischaemia", sort_order=1),
    ]
    course.save()
    course.save_revision(user=instructor, clean=False)
    objectives = list(course.objectives.all())
    module = add(instructor, course, course, "module", "Module one")
    lesson = add(instructor, course, module, "lesson", "Reading").specific
    lesson.body = lesson_body(words=4994)
    lesson.save_revision(user=instructor, clean=False)
    bank = QuestionBank.objects.create(school=school, name="Bank")
    questions = [make_question(bank, name=f"Q{i}") for i in range(4)]
    question_objectives_set(question=questions[0], objectives=[objectives[0]])
    question_objectives_set(question=questions[1], objectives=[objectives[1]])
    final = add(instructor, course, course, "final", "Final").specific
    final.slots = [QuizSlot(question=q, sort_order=i) for i, q in enumerate(questions)]
    final.review_from = ReviewFrom.AFTER_LAST_ATTEMPT
    final.save_revision(user=instructor, clean=False)
    return course, module, lesson, final


def test_a_new_ce_course_passes_its_check_when_its_pages_pass_together(
    new_ce_course, instructor, reviewer
):
    course, module, lesson, final = new_ce_course
    data = selectors.course_outline(course=course)
    assert "no published final assessment" in " ".join(data.check_in_review.problems)
    assert data.check_drafts.problems == []
    review = reviews.course_review_submit(user=instructor, course=course)
    detail = selectors.review_detail(review=review)
    assert detail.check.is_ce and detail.check.problems == []
    reviews.course_review_approve(user=reviewer, review=review)
    assert live(course, module, lesson, final) == [True] * 4
    assert QuizPage.objects.get(pk=final.pk).slots.count() == 4
    assert CourseVersion.objects.filter(course_id=course.pk).exists()  # recorded on publish


def test_approval_is_refused_when_the_result_fails_the_ce_check(
    new_ce_course, instructor, reviewer
):
    course, module, lesson, final = new_ce_course
    final.slots = final.slots.all()[:1]
    final.save_revision(user=instructor, clean=False)
    review = reviews.course_review_submit(user=instructor, course=course)
    with pytest.raises(ValidationError, match=r"cannot be approved for CE credit.*need at least 3"):
        reviews.course_review_approve(user=reviewer, review=review)
    assert live(course, module, lesson, final) == [False] * 4
    assert CourseReview.objects.get(pk=review.pk).status == CourseReview.Status.PENDING


def test_changes_requested_reach_the_pages_concerned(new_course, instructor, reviewer, client):
    _module, lessons, _quiz = build(new_course, instructor)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    with pytest.raises(ValidationError):
        reviews.course_review_request_changes(user=reviewer, review=review, comment=" ")
    reviews.course_review_request_changes(
        user=reviewer,
        review=review,
        comment="Add a safety note.",
        page_comments={lessons[1].pk: "Cite the source of the figure."},
    )
    comments = selectors.page_review_comments(page=lessons[1])
    assert comments == [
        "Course review: changes requested: Add a safety note.",
        "On this page: Cite the source of the figure.",
    ]
    client.force_login(instructor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[lessons[1].pk]))
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert "On this page: Cite the source of the figure." in shown
    assert selectors.course_outline(course=new_course).items[2].comment == (
        "Cite the source of the figure."
    )
    reviews.course_review_submit(user=instructor, course=new_course)  # resubmitted: banner gone
    assert selectors.page_review_comments(page=lessons[1]) == []


def test_single_page_review_still_works_and_its_comment_shows_in_the_editor(
    new_course, instructor, reviewer, school, client
):
    module = add(instructor, new_course, new_course, "module", "Anatomy")
    workflow = WorkflowPage.objects.get(page=school.section).workflow
    state = workflow.start(module, instructor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Too short.")
    client.force_login(instructor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(text.endswith("requested changes: Too short.") for text in shown)
    assert QuizKind  # the kinds stay importable for the e2e test
