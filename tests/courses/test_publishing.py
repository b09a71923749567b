"""Publishing a school's course: draft, review, approval, scheduling, versions and changelog."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from courses.models import CoursePage, CourseVersion
from courses.services.enrollments import enrollment_create
from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.conftest import build_course
from tests.factories import UserFactory


@pytest.fixture
def school(catalog):
    return school_create(name="Harbour School", slug="harbour")


@pytest.fixture
def instructor(school):
    user = UserFactory()
    school_member_add(school=school, user=user, role=SchoolMembership.Role.INSTRUCTOR)
    return user


@pytest.fixture
def reviewer(school):
    user = UserFactory()
    school_member_add(school=school, user=user, role=SchoolMembership.Role.REVIEWER)
    return user


def draft_course(school, **fields) -> CoursePage:
    """A course that has never been published, as an instructor leaves it after writing it."""
    course = build_course(school.section, modules=1, lessons_per_module=2, school=school, **fields)
    for page in (course, *course.get_descendants()):
        page.live = False
        page.has_unpublished_changes = True
        page.save()
    return CoursePage.objects.get(pk=course.pk)


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    revision.publish()
    return revision


@pytest.mark.django_db
def test_a_draft_goes_live_only_when_a_reviewer_approves_it(client, school, instructor, reviewer):
    course = draft_course(school, price=0)
    course.version_notes = "First edition."
    revision = course.save_revision(user=instructor)
    assert not course.permissions_for_user(instructor).can_publish()

    workflow = course.get_workflow()
    assert workflow.name == "Harbour School review"
    state = workflow.start(course, instructor)
    course.refresh_from_db()
    assert (course.live, state.status) == (False, WorkflowState.STATUS_IN_PROGRESS)
    task_state = state.current_task_state
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk)
    )

    # The instructor who submitted it may not approve it.
    client.force_login(instructor)
    client.post(approve, {"comment": "ok"})
    course.refresh_from_db()
    assert not course.live
    task_state.refresh_from_db()
    assert task_state.status == task_state.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    response = client.post(approve, {"comment": "Checked against the approval file."})
    assert response.status_code in (200, 302)
    course.refresh_from_db()
    state.refresh_from_db()
    assert course.live
    assert course.live_revision_id == revision.pk
    assert state.status == WorkflowState.STATUS_APPROVED
    [version] = CourseVersion.objects.filter(course=course)
    assert (version.number, version.revision_id) == (1, revision.pk)
    assert version.notes == "First edition."
    assert version.author == instructor


@pytest.mark.django_db
def test_a_reviewer_can_reject_and_the_draft_stays_unpublished(
    client, school, instructor, reviewer
):
    course = draft_course(school)
    course.save_revision(user=instructor)
    state = course.get_workflow().start(course, instructor)
    reject = reverse(
        "wagtailadmin_pages:workflow_action",
        args=(course.pk, "reject", state.current_task_state.pk),
    )
    client.force_login(reviewer)
    client.post(reject, {"comment": "Cite the sources for module 1."})
    course.refresh_from_db()
    state.refresh_from_db()
    assert not course.live
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not CourseVersion.objects.filter(course=course).exists()


@pytest.mark.django_db
def test_scheduled_publishing_goes_live_and_records_the_version_at_go_live(school):
    course = draft_course(school)
    course.go_live_at = timezone.now() + timedelta(days=2)
    revision = publish(course, version_notes="Launch edition.")
    course.refresh_from_db()
    assert not course.live
    assert not CourseVersion.objects.filter(course=course).exists()

    call_command("publish_scheduled")  # nothing due yet
    course.refresh_from_db()
    assert not course.live

    # Two days pass: the scheduled time is now behind us.
    past = timezone.now() - timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    call_command("publish_scheduled")
    course.refresh_from_db()
    assert course.live
    [version] = CourseVersion.objects.filter(course=course)
    assert (version.number, version.notes) == (1, "Launch edition.")


@pytest.mark.django_db
def test_each_publish_is_a_version_listing_what_changed_since_the_last(school):
    course = draft_course(school)
    publish(course, version_notes="First edition.")
    lesson = course.get_descendants().filter(depth=course.depth + 2).first().specific
    publish(lesson, title="Palpation, revised")
    publish(course, version_notes="Palpation lesson rewritten after reviewer feedback.")
    publish(course)  # the old note left in place: not repeated

    versions = list(CourseVersion.objects.filter(course=course).order_by("number"))
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[0].changed_pages == []
    assert versions[1].notes == "Palpation lesson rewritten after reviewer feedback."
    assert versions[1].changed_pages == [
        {"id": lesson.pk, "title": "Palpation, revised", "type": "lesson"}
    ]
    assert (versions[2].notes, versions[2].changed_pages) == ("", [])


@pytest.mark.django_db
def test_course_page_shows_the_changelog_newest_first(client, school):
    course = draft_course(school)
    publish(course, version_notes="First edition.")
    publish(course, version_notes="Added the contraindications checklist.")
    body = client.get(course.url).content.decode()
    assert 'id="changelog"' in body
    assert body.index("Version 2") < body.index("Version 1")
    assert "Added the contraindications checklist." in body


@pytest.mark.django_db
def test_a_learner_keeps_reading_the_lesson_version_they_enrolled_in(client, school):
    course = draft_course(school, price=0)
    lesson = course.get_descendants().filter(depth=course.depth + 2).first().specific
    publish(lesson)
    publish(course, version_notes="First edition.")
    learner = UserFactory()
    enrollment = enrollment_create(user=learner, course=CoursePage.objects.get(pk=course.pk))
    assert enrollment.course_version.number == 1
    # Published a moment later than the enrolment, as it would be in real life.
    lesson = lesson.__class__.objects.get(pk=lesson.pk)
    lesson.body = [("paragraph", "<p>The rewritten lesson about ischaemic compression.</p>")]
    publish(lesson)
    publish(CoursePage.objects.get(pk=course.pk), version_notes="Rewrote the lesson.")

    client.force_login(learner)
    current = client.get(lesson.url).content.decode()
    assert "The rewritten lesson about ischaemic compression." in current
    assert "after you enrolled" in current
    assert "?version=enrolled" in current

    enrolled = client.get(lesson.url + "?version=enrolled").content.decode()
    assert "The rewritten lesson about ischaemic compression." not in enrolled
    assert "as it was when you enrolled" in enrolled
    assert "Why it matters" in enrolled  # the first version's heading
    assert "Why it matters" not in current

    course_page = client.get(course.url).content.decode()
    assert "you enrolled in version 1, this is version 2" in course_page

    # Someone who enrolled after the change sees no such offer.
    newcomer = UserFactory()
    enrollment_create(user=newcomer, course=CoursePage.objects.get(pk=course.pk))
    client.force_login(newcomer)
    fresh = client.get(lesson.url + "?version=enrolled").content.decode()
    assert "after you enrolled" not in fresh
    assert "The rewritten lesson about ischaemic compression." in fresh
