"""The builder and review pages: who gets in, the forms posting without JavaScript, and query
counts that stay flat as a course grows."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from authoring.models import CourseReview
from authoring.services import outline, reviews
from courses.models import LessonPage, ModulePage

pytestmark = pytest.mark.django_db

# Exactly these, for 3 lessons and for 12 (session, permissions, the course's pages, reviews,
# workflow states, scheduled revisions, revisions for the CE check, Wagtail's menu).
OUTLINE_QUERIES = 18
REVIEW_QUERIES = 16


def grow(course, user, lessons):
    module = outline.outline_item_add(
        user=user, course=course, parent=course, kind="module", title="Module"
    )
    for n in range(lessons):
        outline.outline_item_add(
            user=user, course=course, parent=module, kind="lesson", title=f"Lesson {n}"
        )
    outline.outline_item_add(user=user, course=course, parent=module, kind="quiz", title="Quiz")
    return module


def test_outline_is_for_the_course_school_teachers(
    client, new_course, instructor, outsider, reviewer
):
    url = reverse("authoring:outline", args=[new_course.pk])
    for user, status in ((instructor, 200), (outsider, 404), (reviewer, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status


def test_course_editor_links_to_the_outline(client, new_course, instructor):
    client.force_login(instructor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[new_course.pk])).content.decode()
    assert reverse("authoring:outline", args=[new_course.pk]) in html


@pytest.mark.parametrize("lessons", [3, 12])
def test_outline_queries_stay_flat(
    client, new_course, instructor, lessons, django_assert_num_queries
):
    grow(new_course, instructor, lessons)
    client.force_login(instructor)
    url = reverse("authoring:outline", args=[new_course.pk])
    client.get(url)  # content types and the session, cached once
    with django_assert_num_queries(OUTLINE_QUERIES):
        response = client.get(url)
    html = response.content.decode()
    assert f"Lesson {lessons - 1}" in html and "Submit course for review" in html


@pytest.mark.parametrize("lessons", [3, 12])
def test_review_queries_stay_flat(
    client, new_course, instructor, reviewer, lessons, django_assert_num_queries
):
    grow(new_course, instructor, lessons)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    client.force_login(reviewer)
    url = reverse("authoring:review", args=[review.pk])
    client.get(url)
    with django_assert_num_queries(REVIEW_QUERIES):
        response = client.get(url)
    assert "Approve and publish all" in response.content.decode()


def test_the_builder_works_by_posting_forms(client, new_course, instructor):
    client.force_login(instructor)
    add = reverse("authoring:add", args=[new_course.pk])
    response = client.post(add, {"parent": new_course.pk, "kind": "module", "title": "Anatomy"})
    assert response.status_code == 302
    module = ModulePage.objects.child_of(new_course).get()
    for title in ("One", "Two"):
        client.post(add, {"parent": module.pk, "kind": "lesson", "title": title})
    response = client.post(
        add, {"parent": module.pk, "kind": "lesson", "title": "Three", "then": "edit"}
    )
    three = LessonPage.objects.get(title="Three")
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[three.pk])
    client.post(reverse("authoring:move", args=[new_course.pk, three.pk]), {"direction": "up"})
    response = client.post(
        reverse("authoring:move", args=[new_course.pk, three.pk]),
        {"position": "0", "parent": module.pk},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"ok": True}
    order = [p.title for p in Page.objects.get(pk=module.pk).get_children().order_by("path")]
    assert order == ["Three", "One", "Two"]
    client.post(reverse("authoring:rename", args=[new_course.pk, three.pk]), {"title": "Intro"})
    assert Page.objects.get(pk=three.pk).draft_title == "Intro"
    client.post(reverse("authoring:submit", args=[new_course.pk]), {"note": "Ready"})
    assert CourseReview.objects.get(course=new_course).items.count() == 5


def test_a_move_refused_answers_json_with_the_reason(client, new_course, instructor):
    module = grow(new_course, instructor, 1)
    client.force_login(instructor)
    response = client.post(
        reverse("authoring:move", args=[new_course.pk, module.pk]),
        {"direction": "up"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert response.json()["message"] == "It is already the first one."


def test_reviewer_approves_from_the_review_page(client, new_course, instructor, reviewer):
    grow(new_course, instructor, 3)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    client.force_login(reviewer)
    assert review.course.draft_title in client.get(reverse("authoring:reviews")).content.decode()
    assert (
        "Courses waiting for your review"
        in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    response = client.post(reverse("authoring:review", args=[review.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert all(p.live for p in Page.objects.descendant_of(new_course, inclusive=True))


def test_an_instructor_sees_the_review_but_cannot_decide_it(client, new_course, instructor):
    grow(new_course, instructor, 1)
    review = reviews.course_review_submit(user=instructor, course=new_course)
    client.force_login(instructor)
    url = reverse("authoring:review", args=[review.pk])
    assert "Approve and publish all" not in client.get(url).content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert not Page.objects.get(pk=new_course.pk).live


def test_another_school_page_cannot_be_named_from_ones_own_course(
    client, new_course, other_school, outsider
):
    from tests.factories import CoursePageFactory

    own = CoursePageFactory(parent=other_school.section, school=other_school, slug="alder-own")
    client.force_login(outsider)
    response = client.post(
        reverse("authoring:add", args=[own.pk]),
        {"parent": new_course.pk, "kind": "module", "title": "Hack"},
    )
    assert response.status_code == 404
    response = client.post(
        reverse("authoring:move", args=[own.pk, new_course.pk]), {"direction": "up"}
    )
    assert response.status_code == 404
    assert not ModulePage.objects.exists()
