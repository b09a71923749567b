from decimal import Decimal

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision

from cms.text import stream_word_count
from courses.models import CoursePage, Enrollment, LessonPage, ModulePage
from demo.courses import nmt_course, nmt_in_30_minutes


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "title", "live")),
        "revisions": Revision.objects.count(),
        "bodies": sorted(LessonPage.objects.values_list("pk", "body")),
        "enrollments": Enrollment.objects.count(),
    }


@pytest.mark.django_db
def test_load_demo_twice_leaves_the_same_content(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    assert "nothing changed" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_course_has_the_promised_size_and_substance():
    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    assert ModulePage.objects.child_of(course).live().count() >= 5
    lessons = LessonPage.objects.descendant_of(course).live()
    assert lessons.count() >= 15
    for lesson in lessons:
        types = [block.block_type for block in lesson.body]
        assert stream_word_count(lesson.body.raw_data) >= 300, lesson.title
        assert "references" in types, lesson.title
    assert course.objectives.count() >= 5
    assert not course.is_free
    free = CoursePage.objects.get(slug=nmt_in_30_minutes.COURSE["slug"])
    assert free.is_free


@pytest.mark.django_db
def test_demo_logins_are_printed_only_with_debug(settings, capsys):
    settings.DEBUG = False
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "nmt-learn-demo" not in out
    assert "not printed" in out
    settings.DEBUG = True
    call_command("load_demo")
    assert "student@example.com" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_serves_catalog_course_and_preview_lesson(client):
    call_command("load_demo")
    assert "Neuromuscular Therapy" in client.get("/").content.decode()
    catalog = client.get("/courses/").content.decode()
    assert nmt_course.COURSE["title"] in catalog
    assert nmt_in_30_minutes.COURSE["title"] in catalog
    preview = LessonPage.objects.live().filter(free_preview=True).order_by("path").first()
    assert client.get(preview.url).status_code == 200


@pytest.mark.django_db
def test_demo_course_carries_its_approvals_in_the_published_revision():
    from courses.models import CourseApproval, ProviderApproval

    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    approvals = CourseApproval.objects.filter(course=course).select_related("body")
    assert [(a.body.abbreviation, a.ce_hours, a.course_type) for a in approvals] == [
        ("NCBTMB", Decimal("0.75"), "home_study"),  # one course, each body its own hours
        ("FL-BMT", course.ce_hours, "home_study"),
    ]
    assert all(a.approved_title == course.title for a in approvals)
    assert [a.pass_mark for a in approvals] == [None, 85]  # Florida asks for more on the final
    assert [list(a.categories.values_list("slug", flat=True)) for a in approvals] == [
        ["technique"],
        ["technique"],
    ]
    # Authors edit from the latest revision: the approvals must be in it, or a publish drops them.
    assert len(course.get_latest_revision_as_object().approvals.all()) == 2
    numbers = ProviderApproval.objects.filter(school=course.school)
    assert sorted(numbers.values_list("body__abbreviation", flat=True)) == ["FL-BMT", "NCBTMB"]
    assert course.school.administrator_name


@pytest.mark.django_db
def test_demo_case_studies_show_a_prerequisite_and_a_module_released_later(client):
    from demo.courses import nmt_case_studies
    from tests.factories import UserFactory

    call_command("load_demo")
    course = CoursePage.objects.get(slug=nmt_case_studies.COURSE["slug"])
    foundations = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    assert [p.required_course for p in course.prerequisite_links.all()] == [foundations]
    second = ModulePage.objects.child_of(course).order_by("path").last()
    assert second.opens_after_days == 7
    client.force_login(UserFactory())
    html = client.get(course.url).content.decode()
    assert f"Complete “{foundations.title}” first" in html
    assert "Opens 7 days after you enrol." in html
