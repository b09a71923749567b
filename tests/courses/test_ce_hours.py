"""Supportable CE hours: 12,000 words read, or 60 minutes of video, is one CE hour; the final
assessment adds 1.5 minutes a question; every claimed hour must be covered."""

import json
from decimal import Decimal

import pytest

from courses.ce_hours import (
    LessonContent,
    ce_hours_breakdown,
    course_ce_hours,
    is_ce_course,
    lesson_content,
)
from courses.models import LessonPage
from tests.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory


def body(blocks):
    return json.dumps(blocks)


def test_twelve_thousand_words_are_one_hour():
    hours = ce_hours_breakdown(
        lessons=[LessonContent("A", 12_000, 0)], assessment_questions=0, claims=[("Page", "1")]
    )
    assert hours.reading_hours == Decimal("1.00") and hours.total_hours == Decimal("1.00")
    assert hours.claims[0].supported


def test_video_minutes_and_assessment_questions_add_up():
    hours = ce_hours_breakdown(
        lessons=[LessonContent("A", 6_000, 20)],
        assessment_questions=10,  # 15 minutes
        claims=[("NB approval", Decimal("1.08")), ("Page", Decimal("1.09"))],
    )
    assert (hours.reading_hours, hours.media_hours, hours.assessment_hours) == (
        Decimal("0.50"), Decimal("0.33"), Decimal("0.25"),
    )  # fmt: skip
    assert hours.total_minutes == Decimal(65)
    assert hours.total_hours == Decimal("1.08")  # rounded down, never up
    assert [claim.supported for claim in hours.claims] == [True, False]
    assert [claim.label for claim in hours.unsupported] == ["Page"]


@pytest.mark.django_db
def test_lesson_words_skip_references_and_count_video_by_duration(catalog):
    course = CoursePageFactory(parent=catalog)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        body=body([
            {"type": "paragraph", "value": "<p>Press <b>slowly</b> and&nbsp;wait.</p>"},
            {"type": "key_points", "value": {"title": "Key points", "points": ["Breathe out"]}},
            {"type": "references", "value": {"items": [{"citation": "Chaitow L. 1990.",
                                                        "url": ""}]}},
            {"type": "video", "value": {"video": "https://vimeo.com/1", "title": "Demo",
                                         "duration_minutes": 12, "transcript": "<p>Words</p>"}},
        ]),
    )  # fmt: skip
    content = lesson_content(title=lesson.title, body=LessonPage.objects.get(pk=lesson.pk).body)
    assert (content.words, content.media_minutes) == (8, 12)


@pytest.mark.django_db
def test_only_published_lessons_count(catalog, django_assert_max_num_queries):
    course = CoursePageFactory(parent=catalog, ce_hours=Decimal("1"))
    module = ModulePageFactory(parent=course)
    for _ in range(3):
        LessonPageFactory(parent=module)  # 126 words each
    LessonPageFactory(parent=module, live=False)
    with django_assert_max_num_queries(2):
        hours = course_ce_hours(course=course, assessment_questions=0)
    assert hours.words == 3 * 126 and hours.unpublished_lessons == 1
    assert hours.unsupported[0].label == "This course (CE hours on the page)"


@pytest.mark.django_db
def test_a_course_is_a_ce_course_by_its_hours_or_approvals(catalog):
    assert is_ce_course(CoursePageFactory(parent=catalog, ce_hours=Decimal("2")))
    assert not is_ce_course(CoursePageFactory(parent=catalog, ce_hours=Decimal("0")))
