import pytest
from django.core.management import call_command

from courses.models import CoursePage, Enrollment, LessonPage
from demo.courses import nmt_course
from tests.conftest import build_course
from tests.factories import EnrollmentFactory, SchoolMembershipFactory


def first_lesson(course, *, preview: bool = False) -> LessonPage:
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    if preview:
        lesson.free_preview = True
        lesson.save_revision().publish()
    return lesson


@pytest.mark.django_db
def test_course_page_lists_modules_lessons_and_ce_hours(client, course):
    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>3 CE hours</strong>" in html
    assert html.count('class="syllabus__module"') == 2
    for lesson in LessonPage.objects.descendant_of(course):
        assert lesson.title in html


@pytest.mark.django_db
def test_unknown_slugs_give_404(client, course):
    assert client.get("/courses/no-such-course/").status_code == 404
    assert client.get(course.url + "no-such-module/").status_code == 404


@pytest.mark.django_db
def test_anonymous_visitor_is_refused_a_lesson_that_is_not_a_preview(client, course):
    lesson = first_lesson(course)
    response = client.get(lesson.url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "This lesson is for enrolled students" in html
    assert "muscle muscle" not in html  # the body never reaches a visitor without access


@pytest.mark.django_db
def test_free_preview_lesson_is_open_to_everyone(client, course):
    lesson = first_lesson(course, preview=True)
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert "muscle muscle" in response.content.decode()


@pytest.mark.django_db
def test_active_enrolment_opens_lessons_and_revoked_one_does_not(client, course, user):
    lesson = first_lesson(course)
    enrollment = EnrollmentFactory(student=user, course=course)
    client.force_login(user)
    assert client.get(lesson.url).status_code == 200
    enrollment.status = Enrollment.Status.REVOKED
    enrollment.save()
    assert client.get(lesson.url).status_code == 403


@pytest.mark.django_db
def test_staff_and_members_of_the_courses_school_may_read_lessons(client, catalog, staff_user):
    membership = SchoolMembershipFactory()
    course = build_course(catalog, school=membership.school)
    other_member = SchoolMembershipFactory()
    lesson = first_lesson(course)
    client.force_login(staff_user)
    assert client.get(lesson.url).status_code == 200
    client.force_login(membership.user)
    assert client.get(lesson.url).status_code == 200
    client.force_login(other_member.user)
    assert client.get(lesson.url).status_code == 403


@pytest.mark.django_db
def test_lesson_page_has_outline_breadcrumbs_pager_and_reading_time(client, course):
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    second = lessons[1]
    second.free_preview = True
    second.save_revision().publish()
    html = client.get(second.url).content.decode()
    assert 'aria-label="Course outline"' in html
    assert 'aria-label="Breadcrumb"' in html
    assert f'href="{lessons[0].url}" rel="prev"' in html
    assert f'href="{lessons[2].url}" rel="next"' in html
    assert "Lesson 2 of 6" in html
    assert "1 min read" in html


@pytest.mark.django_db
def test_last_lesson_of_a_module_links_to_first_lesson_of_the_next(client, course):
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    third = lessons[2]
    third.free_preview = True
    third.save_revision().publish()
    html = client.get(third.url).content.decode()
    assert f'href="{lessons[3].url}" rel="next"' in html


@pytest.mark.django_db
def test_draft_lessons_are_not_in_the_outline(client, course):
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    lessons[4].unpublish()
    html = client.get(course.url).content.decode()
    assert lessons[4].title not in html
    assert client.get(lessons[4].url).status_code == 404


@pytest.mark.django_db
def test_module_page_lists_its_lessons(client, course):
    module = course.get_children().first()
    response = client.get(module.url)
    assert response.status_code == 200
    assert "Module 1 of 2" in response.content.decode()


@pytest.mark.django_db
def test_syllabus_and_lesson_sidebar_list_quizzes_as_activities(client):
    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    student = course.enrollments.get().student
    client.force_login(student)
    syllabus = client.get(course.url).content.decode()
    assert "Module 1 quiz: Origins of Neuromuscular Therapy" in syllabus
    assert "Course assessment" in syllabus and "Final assessment" in syllabus
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    sidebar = client.get(lesson.url).content.decode()
    assert sidebar.count('<span class="badge badge--quiet">Quiz</span>') == 7
