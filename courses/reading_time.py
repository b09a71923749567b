"""Seat time: how long a learner has spent on a course's lessons, and what a school requires.

The lesson page's script (static/js/seat-time.js) sends a heartbeat while the lesson is visible
and in use; the server credits only wall-clock time it can vouch for
(courses/services/reading_time.py). A school sets a minimum per course and per lesson
(`min_seat_minutes`); a lesson without one needs the time to read its words and play its media
(`reading_seconds`, derived from the body). A required lesson counts as completed only once
its minimum is met, and the final assessment stays shut until every minimum is.

Settings (each optional, with the default here): SEAT_TIME_HEARTBEAT_SECONDS, how often the
page reports; SEAT_TIME_IDLE_SECONDS, the idle cut-off (no scroll, key or pointer for that long
stops the clock, and a longer silence between heartbeats is never credited);
SEAT_TIME_SLACK_SECONDS, the network delay a heartbeat may add to its interval;
LESSON_MIN_SECONDS_SCALE, a factor on the derived lesson minimums (1; 0.05 for a quick local
demo; production.py forces 1). A minimum the school sets is never scaled.
"""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from courses.models import CoursePage, Enrollment, LessonPage, LessonVisit

DEFAULT_HEARTBEAT_SECONDS = 20
DEFAULT_IDLE_SECONDS = 120
DEFAULT_SLACK_SECONDS = 10
# A new learner owes every lesson: the message names the first few, not twenty.
LESSONS_NAMED = 3


def heartbeat_seconds() -> int:
    return getattr(settings, "SEAT_TIME_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS)


def idle_seconds() -> int:
    return getattr(settings, "SEAT_TIME_IDLE_SECONDS", DEFAULT_IDLE_SECONDS)


def credit_cap_seconds() -> int:
    """The most one heartbeat can add: its interval plus the slack."""
    return heartbeat_seconds() + getattr(settings, "SEAT_TIME_SLACK_SECONDS", DEFAULT_SLACK_SECONDS)


def reading_scale() -> float:
    return float(getattr(settings, "LESSON_MIN_SECONDS_SCALE", 1.0))


def lesson_min_seconds(*, min_seat_minutes: int, reading_seconds: int, required: bool) -> int:
    """The seat time a lesson asks for: the school's minimum, else (for a lesson the course
    requires) the time its words and media take."""
    if min_seat_minutes:
        return min_seat_minutes * 60
    return math.ceil(reading_seconds * reading_scale()) if required else 0


def lesson_min_seconds_of(lesson: LessonPage) -> int:
    return lesson_min_seconds(
        min_seat_minutes=lesson.min_seat_minutes,
        reading_seconds=lesson.reading_seconds,
        required=lesson.required_for_completion,
    )


def minutes_up(seconds: int) -> int:
    """Whole minutes still to go: 61 seconds remaining is 2 minutes, not 1."""
    return math.ceil(max(seconds, 0) / 60)


@dataclass(frozen=True)
class LessonShortfall:
    lesson: LessonPage
    remaining_seconds: int

    @property
    def remaining_minutes(self) -> int:
        return minutes_up(self.remaining_seconds)


@dataclass(frozen=True)
class SeatTimeStatus:
    required_seconds: int  # the course's own minimum
    spent_seconds: int  # on all the course's lessons
    lessons: list[LessonShortfall] = field(default_factory=list)  # lessons short of their minimum

    @property
    def course_remaining_seconds(self) -> int:
        return max(self.required_seconds - self.spent_seconds, 0)

    @property
    def remaining_seconds(self) -> int:
        """Time still to spend: every lesson's shortfall, and at least the course's."""
        by_lesson = sum(short.remaining_seconds for short in self.lessons)
        return max(self.course_remaining_seconds, by_lesson)

    @property
    def remaining_minutes(self) -> int:
        return minutes_up(self.remaining_seconds)

    @property
    def spent_minutes(self) -> int:
        return self.spent_seconds // 60

    @property
    def met(self) -> bool:
        return self.remaining_seconds == 0

    @property
    def message(self) -> str:
        """E.g. 12 minutes of reading time remain, in lessons “A” (5 min), “B” (7 min)."""
        if self.met:
            return "The required reading time is complete."
        minutes = self.remaining_minutes
        text = f"{minutes} minute{'s' if minutes != 1 else ''} of reading time remain"
        if not self.lessons:
            return text + " in the course's lessons."
        named = self.lessons[:LESSONS_NAMED]
        where = ", ".join(
            f"“{short.lesson.title}” ({short.remaining_minutes} min)" for short in named
        )
        if len(self.lessons) > len(named):
            where += f" and {len(self.lessons) - len(named)} more"
        noun = "lesson" if len(self.lessons) == 1 else "lessons"
        return f"{text}, in {noun} {where}."


def seat_time_status(*, enrollment: Enrollment, course: CoursePage | None = None) -> SeatTimeStatus:
    """The enrolment's seat time against the course's and its lessons' minimums: one query
    (the live lessons with a minimum, with this learner's time on each)."""
    course = course or enrollment.course
    spent = LessonVisit.objects.filter(
        lesson=OuterRef("pk"), student_id=enrollment.student_id
    ).values("seat_seconds")[:1]
    lessons = (
        LessonPage.objects.live()
        .descendant_of(course)
        .filter(Q(min_seat_minutes__gt=0) | Q(required_for_completion=True, reading_seconds__gt=0))
        .defer_streamfields()
        .annotate(spent=Coalesce(Subquery(spent, output_field=IntegerField()), Value(0)))
        .order_by("path")
    )
    shortfalls = [
        LessonShortfall(lesson=lesson, remaining_seconds=minimum - lesson.spent)
        for lesson in lessons
        if lesson.spent < (minimum := lesson_min_seconds_of(lesson))
    ]
    return SeatTimeStatus(
        required_seconds=course.min_seat_minutes * 60,
        spent_seconds=enrollment.seat_seconds,
        lessons=shortfalls,
    )


def seat_time_page_settings(*, lesson: LessonPage) -> dict:
    """What the lesson page's script needs, for an enrolled learner: no query."""
    return {
        "url": reverse("courses:seat_time_heartbeat", args=[lesson.pk]),
        "interval": heartbeat_seconds(),
        "idle": idle_seconds(),
        "required_minutes": minutes_up(lesson_min_seconds_of(lesson)),
    }
