"""How many CE hours a home-study course's own content supports.

NCBTMB's home-study rule (shared/curriculum/ce-requirements.md): about 12,000 words read is one
CE hour, and an hour of video or audio is one CE hour. To that we add the time the final
assessment takes. The approved hours of each accrediting body (and the course's own `ce_hours`)
must not exceed the total: certificates print approved hours, so an approval the content cannot
support is a claim a board may reject.

Words and media minutes are counted by cms.text, as the lessons' reading time is;
`course_ce_hours` reads the course's live lessons in one query. The final assessment's
question count is passed in by the caller (quizzes), because courses never imports quizzes.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal

from cms.text import stream_media_minutes, stream_word_count

WORDS_PER_CE_HOUR = 12_000
# Time to read, think about and answer one assessment question. Timed multiple-choice exams
# are commonly planned at one to two minutes per item; 1.5 is the middle of that range. Our
# questions are short (one stem, a few options or one word to type), so it does not flatter
# the course. One constant, so a body that prescribes its own figure changes one line.
MINUTES_PER_QUESTION = Decimal("1.5")
_HOURS = Decimal("0.01")


@dataclass(frozen=True)
class LessonContent:
    title: str
    words: int
    media_minutes: int


def lesson_content(*, title: str, body) -> LessonContent:
    """Words to read and minutes of video in one lesson body (a StreamValue), counted as the
    lesson page's reading time counts them (cms.text): references and video transcripts are
    not reading, a video counts by its running time."""
    raw = body.raw_data
    return LessonContent(
        title=title, words=stream_word_count(raw), media_minutes=stream_media_minutes(raw)
    )


@dataclass(frozen=True)
class ClaimedHours:
    """Hours someone claims for the course: an accrediting body's approval, or the page."""

    label: str
    hours: Decimal
    supported: bool


@dataclass(frozen=True)
class HoursBreakdown:
    lessons: list[LessonContent]
    assessment_questions: int
    claims: list[ClaimedHours] = field(default_factory=list)
    unpublished_lessons: int = 0

    @property
    def words(self) -> int:
        return sum(lesson.words for lesson in self.lessons)

    @property
    def media_minutes(self) -> int:
        return sum(lesson.media_minutes for lesson in self.lessons)

    @property
    def reading_minutes(self) -> Decimal:
        return Decimal(self.words) * 60 / WORDS_PER_CE_HOUR

    @property
    def assessment_minutes(self) -> Decimal:
        return MINUTES_PER_QUESTION * self.assessment_questions

    @property
    def total_minutes(self) -> Decimal:
        return self.reading_minutes + self.media_minutes + self.assessment_minutes

    @property
    def reading_hours(self) -> Decimal:
        return _hours(self.reading_minutes)

    @property
    def media_hours(self) -> Decimal:
        return _hours(Decimal(self.media_minutes))

    @property
    def assessment_hours(self) -> Decimal:
        return _hours(self.assessment_minutes)

    @property
    def total_hours(self) -> Decimal:
        """Supportable CE hours, rounded down to the hundredth: never more than the content."""
        return _hours(self.total_minutes)

    @property
    def unsupported(self) -> list[ClaimedHours]:
        return [claim for claim in self.claims if not claim.supported]


def _hours(minutes: Decimal) -> Decimal:
    return (minutes / 60).quantize(_HOURS, rounding=ROUND_DOWN)


def hours_supported(*, claimed: Decimal, total_minutes: Decimal) -> bool:
    return Decimal(claimed) * 60 <= total_minutes


def ce_hours_breakdown(
    *,
    lessons: list[LessonContent],
    assessment_questions: int,
    claims: list[tuple[str, Decimal]],
    unpublished_lessons: int = 0,
) -> HoursBreakdown:
    """The breakdown, with each (label, hours) claim marked supported or not."""
    base = HoursBreakdown(lessons=lessons, assessment_questions=assessment_questions)
    total = base.total_minutes
    return HoursBreakdown(
        lessons=lessons,
        assessment_questions=assessment_questions,
        claims=[
            ClaimedHours(
                label=label,
                hours=Decimal(hours),
                supported=hours_supported(claimed=hours, total_minutes=total),
            )
            for label, hours in claims
        ],
        unpublished_lessons=unpublished_lessons,
    )


def course_claims(course) -> list[tuple[str, Decimal]]:
    """(label, hours) for the course page's hours and each approval, as the editor has them.

    Works on a course being edited (approvals held in memory by modelcluster) as well as on a
    saved one; the bodies are read in one query.
    """
    from courses.models import AccreditingBody

    approvals = list(course.approvals.all())
    bodies = AccreditingBody.objects.in_bulk({a.body_id for a in approvals if a.body_id})
    claims = [("This course (CE hours on the page)", course.ce_hours or Decimal(0))]
    for approval in approvals:
        body = bodies.get(approval.body_id)
        label = f"{body.abbreviation} approval" if body else "Approval"
        claims.append((label, approval.ce_hours or Decimal(0)))
    return claims


def is_ce_course(course) -> bool:
    """A course that claims CE hours, on the page or through any approval."""
    return bool(course.ce_hours) or any(course.approvals.all())


def course_ce_hours(
    *, course, assessment_questions: int, lessons: list | None = None, left_out: int = 0
) -> HoursBreakdown:
    """The course's supportable hours from its live lessons: two queries (lessons, bodies).

    `lessons`: the lessons to count instead, as they will be (e.g. revisions in review), with
    `left_out` the number of the course's lessons not among them; the bodies' query only."""
    from courses.models import LessonPage

    if lessons is None:
        every = list(
            LessonPage.objects.descendant_of(course).order_by("path").only("title", "body", "live")
        )
        lessons = [lesson for lesson in every if lesson.live]
        left_out = len(every) - len(lessons)
    return ce_hours_breakdown(
        lessons=[lesson_content(title=lesson.title, body=lesson.body) for lesson in lessons],
        assessment_questions=assessment_questions,
        claims=course_claims(course),
        unpublished_lessons=left_out,
    )
