"""The learners of one chunk: their accounts, which courses each takes and how far they get,
how many attempts each makes, and their enrolments."""

import math
from collections import Counter
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from courses.models import Enrollment
from demo.scale.plans import (
    BATCH,
    COMPLETION_RATE,
    LEARNER_EMAIL,
    LESSONS_PER_MODULE,
    MODULES,
    CoursePlan,
    EnrolmentPlan,
    Run,
)

FIRST_NAMES = ("Alex", "Jordan", "Sam", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Avery",
               "Quinn", "Dana", "Robin", "Emery", "Harper", "Rowan", "Sage")  # fmt: skip
LAST_NAMES = ("Smith", "Garcia", "Nguyen", "Okafor", "Kowalski", "Haddad", "Silva", "Chen",
              "Murphy", "Rossi", "Novak", "Khan", "Dubois", "Larsen", "Ito", "Walker")  # fmt: skip
BOARDS = ("NCBTMB", "Florida Board of Massage Therapy", "Texas (TDLR)", "New York State Board")


def learners_create(run: Run, *, start: int, end: int) -> list:
    User = get_user_model()
    rng, users = run.rng, []
    for i in range(start, end):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        users.append(
            User(
                email=LEARNER_EMAIL.format(i + 1), password=run.password,
                display_name=first, legal_name=f"{first} {chr(65 + i % 26)}. {last}",
                licence_number=f"MA{i + 1:07d}", licensing_board=rng.choice(BOARDS),
                country="US", date_joined=run.now - timedelta(days=rng.uniform(30, 400)),
            )
        )  # fmt: skip
    User.objects.bulk_create(users, batch_size=BATCH)
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=BATCH,
    )
    run.counts.learners += len(users)
    return users


def enrolment_plans(run: Run, *, students, courses: list[CoursePlan]) -> list[EnrolmentPlan]:
    rng = run.rng
    weights = [course.weight for course in courses]
    total = MODULES * LESSONS_PER_MODULE
    plans = []
    for student in students:
        wanted = min(len(courses), rng.choices((1, 2, 3), (55, 30, 15))[0])
        chosen: list[CoursePlan] = []
        while len(chosen) < wanted:
            course = rng.choices(courses, weights)[0]
            if course not in chosen:
                chosen.append(course)
        for course in chosen:
            completer = rng.random() < COMPLETION_RATE
            joined = (run.now - student.date_joined).total_seconds()
            plans.append(
                EnrolmentPlan(
                    student=student, course=course,
                    enrolled_at=student.date_joined + timedelta(
                        seconds=rng.uniform(0, joined * 0.5)),
                    progress=total if completer else rng.randint(0, total),
                    completer=completer,
                )
            )  # fmt: skip
    return plans


def attempts_share(run: Run, *, plans: list[EnrolmentPlan], budget: int) -> None:
    """Spread exactly `budget` attempts: one final attempt for each learner who completes,
    the rest by how far each learner got."""
    completers = [plan for plan in plans if plan.completer]
    for plan in completers[budget:]:  # too few attempts to go round: fewer completions
        plan.completer = False
    for plan in completers[:budget]:
        plan.attempts = 1
    remaining = budget - min(budget, len(completers))
    weights = [1 + math.ceil(plan.progress / LESSONS_PER_MODULE) for plan in plans]
    for index, extra in Counter(run.rng.choices(range(len(plans)), weights, k=remaining)).items():
        plans[index].attempts += extra


def enrolments_create(run: Run, *, plans: list[EnrolmentPlan]) -> None:
    """The enrolments, as they stand once the activity is planned (completion dates known)."""
    enrollments = [
        Enrollment(
            student=plan.student, course=plan.course.course, status=Enrollment.Status.ACTIVE,
            source=Enrollment.Source.FREE if plan.course.course.is_free
            else Enrollment.Source.PAID,
            enrolled_at=plan.enrolled_at, updated_at=plan.completed_at or plan.enrolled_at,
            completed_at=plan.completed_at, course_version_id=plan.course.version_id,
        )
        for plan in plans
    ]  # fmt: skip
    Enrollment.objects.bulk_create(enrollments, batch_size=BATCH)
    for plan, enrollment in zip(plans, enrollments, strict=True):
        plan.enrollment = enrollment
    run.counts.enrolments += len(enrollments)
