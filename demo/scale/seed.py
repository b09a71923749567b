"""One seeding from start to finish: the pages in one transaction, then the learners a chunk
per transaction, then seat times, planner statistics and the marker that says it finished."""

import random
import time
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from demo.scale.activity import VISITS, activity_plan, enrolment_seat_time_sum
from demo.scale.attempts import attempts_write
from demo.scale.certificates import certificates_create, qr_pool
from demo.scale.learners import (
    attempts_share,
    enrolment_plans,
    enrolments_create,
    learners_create,
)
from demo.scale.plans import MARKER_SLUG, PASSWORD, CoursePlan, Run
from demo.scale.rows import Buffer, stamped_fields, timestamps_as_given
from demo.scale.schools import schools_build
from schools.models import School


def scale_seed(
    *,
    learners: int,
    attempts: int,
    schools: int,
    courses_per_school: int,
    seed: int,
    chunk: int,
    say: Callable[[str], None],
) -> str:
    """Seeds an empty database and returns the summary (also written to the marker school)."""
    run = Run(
        rng=random.Random(seed),  # noqa: S311 (repeatable data, not secrets)
        now=timezone.now(),
        password=make_password(PASSWORD),
    )
    started = time.perf_counter()
    with transaction.atomic():
        courses = schools_build(run, schools=schools, per_school=courses_per_school)
    pages_done = time.perf_counter()
    say(f"pages: {len(courses)} courses built in {pages_done - started:.1f}s")
    run.qr_pool = qr_pool()
    try:
        chunk = max(chunk, 1)
        for start in range(0, learners, chunk):
            end = min(start + chunk, learners)
            budget = attempts * end // learners - run.counts.attempts
            with transaction.atomic(), timestamps_as_given(*stamped_fields()):
                _chunk(run, courses, start, end, budget)
            say(
                f"learners {end}/{learners}: {run.counts.attempts} attempts, "
                f"{time.perf_counter() - pages_done:.1f}s"
            )
    finally:
        if run.qr_pool is not None:
            run.qr_pool.shutdown()
    with transaction.atomic():
        enrolment_seat_time_sum()
    if connection.vendor == "postgresql":
        # Bulk loads leave the planner without statistics until autovacuum comes round.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    summary = run.counts.summary()
    School.objects.filter(slug=MARKER_SLUG).update(description=summary)
    say(f"{summary} in {time.perf_counter() - started:.1f}s")
    return summary


def _chunk(run: Run, courses: list[CoursePlan], start: int, end: int, budget: int) -> None:
    students = learners_create(run, start=start, end=end)
    plans = enrolment_plans(run, students=students, courses=courses)
    attempts_share(run, plans=plans, budget=budget)
    attempts = Buffer(lambda rows: attempts_write(run, rows))
    visits = Buffer(VISITS.write)
    for plan in plans:
        activity_plan(run, plan=plan, attempts=attempts, visits=visits)
    attempts.flush()
    enrolments_create(run, plans=plans)
    visits.flush()
    certificates_create(run, plans=[plan for plan in plans if plan.completed_at])
