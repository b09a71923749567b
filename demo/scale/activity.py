"""What one enrolled learner did, spread over up to 90 days: lesson visits in course order and
quiz attempts (module quizzes where they have got to, finals last); and enrolment seat time
summed from the visits."""

import math
from collections import Counter
from datetime import timedelta

from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from courses.models import Enrollment, LessonVisit
from demo.scale.attempts import SUBMITTED_AT, attempt_row
from demo.scale.plans import LESSONS_PER_MODULE, MODULES, EnrolmentPlan, Run
from demo.scale.rows import Buffer, Rows

VISITS = Rows(LessonVisit, ["student", "lesson", "course", "first_visited_at",
                            "last_visited_at", "visit_count", "seat_seconds"])  # fmt: skip


def activity_plan(run: Run, *, plan: EnrolmentPlan, attempts: Buffer, visits: Buffer) -> None:
    """Adds the learner's visits and attempts to the buffers; sets completion and final grade."""
    course, rng = plan.course, run.rng
    finals = min(plan.attempts, 1 + rng.randint(0, 2)) if plan.completer else 0
    if not plan.completer and plan.progress == MODULES * LESSONS_PER_MODULE:
        finals = min(plan.attempts, rng.randint(0, 2))  # read everything, not passed yet
    reached = course.module_quizzes[: max(1, math.ceil(plan.progress / LESSONS_PER_MODULE))]
    quizzes = [rng.choice(reached) for _ in range(plan.attempts - finals)]
    quizzes += [course.final] * finals
    window = min((run.now - plan.enrolled_at).total_seconds(), 90 * 86400) - 3600
    moments = sorted(rng.uniform(0, window) for _ in range(plan.progress + len(quizzes)))
    # Finals come last; lessons and module quizzes interleave before them.
    early = moments[: len(moments) - finals]
    rng.shuffle(early)
    lesson_times = sorted(early[: plan.progress])
    quiz_times = sorted(early[plan.progress :]) + moments[len(moments) - finals :]
    for lesson_id, offset in zip(course.lesson_ids, lesson_times, strict=False):
        first = plan.enrolled_at + timedelta(seconds=offset)
        last = first + timedelta(seconds=rng.uniform(0, 3 * 86400))
        visits.add((plan.student.pk, lesson_id, course.course.pk, first,
                    min(last, run.now), rng.randint(1, 4), rng.randint(120, 900)))  # fmt: skip
    run.counts.visits += plan.progress
    ability = rng.betavariate(5, 2)
    numbers: Counter = Counter()
    grades = []
    for n, (quiz, offset) in enumerate(zip(quizzes, quiz_times, strict=True)):
        numbers[quiz.id] += 1
        must = None
        if quiz is course.final:
            last_final = n == len(quizzes) - 1
            must = "pass" if plan.completer and last_final else "fail"
        started = plan.enrolled_at + timedelta(seconds=offset)
        attempt, slots = attempt_row(
            run, quiz=quiz, student_id=plan.student.pk, number=numbers[quiz.id],
            started=started, ability=ability, must=must,
        )  # fmt: skip
        attempts.add((attempt, slots))
        if quiz is course.final:
            grades.append(attempt[-1])
            if must == "pass":
                plan.completed_at = attempt[SUBMITTED_AT]
    if plan.completer:
        plan.final_grade = max(grades)
        run.counts.completions += 1


def enrolment_seat_time_sum() -> None:
    """Each enrolment's seat time is the sum of its lesson visits', as heartbeats keep it."""
    per_course = (
        LessonVisit.objects.filter(student=OuterRef("student"), course=OuterRef("course"))
        .order_by()
        .values("student")
        .annotate(total=Sum("seat_seconds"))
        .values("total")
    )
    Enrollment.objects.filter(student__email__startswith="bench-learner-").update(
        seat_seconds=Coalesce(Subquery(per_course), 0)
    )
