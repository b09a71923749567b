from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count

from certificates.models import Certificate
from courses.models import CoursePage, Enrollment, LessonPage, LessonVisit
from demo.scale.plans import ADMIN_EMAIL, DONE, LEARNER_EMAIL
from quizzes.models import Attempt, AttemptSlot, QuizPage
from tests.conftest import ensure_wagtail_roots

LEARNERS, ATTEMPTS = 30, 60


@pytest.fixture
def seeded(db):
    ensure_wagtail_roots()
    out = StringIO()
    call_command(
        "seed_scale",
        learners=LEARNERS,
        attempts=ATTEMPTS,
        schools=1,
        courses_per_school=1,
        stdout=out,
    )
    return out.getvalue()


def test_seed_writes_consistent_rows_once(seeded):
    assert DONE in seeded
    learners = get_user_model().objects.filter(email__startswith="bench-learner-")
    assert learners.count() == LEARNERS
    assert CoursePage.objects.live().count() == 1
    assert LessonPage.objects.live().count() == 20
    assert QuizPage.objects.live().count() == 6
    assert Attempt.objects.filter(state=Attempt.State.SUBMITTED).count() == ATTEMPTS
    assert Enrollment.objects.count() >= LEARNERS
    assert LessonVisit.objects.exists()
    # Every attempt has one slot per question of its quiz, and totals that add up.
    for attempt in Attempt.objects.annotate(slot_count=Count("slots")).select_related("quiz"):
        assert attempt.slot_count == attempt.quiz.slots.count()
        slots = AttemptSlot.objects.filter(attempt=attempt)
        assert attempt.score == sum(slot.mark for slot in slots)
        assert attempt.max_score == sum(slot.max_mark for slot in slots)

    # Completions have certificates; issued ones have unique numbers and full snapshots.
    completed = Enrollment.objects.filter(completed_at__isnull=False)
    assert Certificate.objects.count() == completed.count()
    issued = Certificate.objects.filter(status=Certificate.Status.ISSUED)
    numbers = list(issued.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    for certificate in issued:
        assert certificate.snapshot["number"] == certificate.number
        assert certificate.verify_code in certificate.snapshot["verify_url"]
        assert certificate.snapshot["qr_code"].startswith("data:image/svg+xml")
    assert get_user_model().objects.filter(email=LEARNER_EMAIL.format(1)).exists()

    out = StringIO()
    call_command("seed_scale", learners=5, attempts=5, stdout=out)
    assert "Already seeded" in out.getvalue()
    assert get_user_model().objects.filter(email__startswith="bench-learner-").count() == LEARNERS


def test_seeded_pages_render(seeded, client):
    course = CoursePage.objects.live().order_by("path").first()
    preview = LessonPage.objects.live().descendant_of(course).get(free_preview=True)
    assert client.get(course.url).status_code == 200
    assert client.get(preview.url).status_code == 200

    enrollment = Enrollment.objects.filter(course=course).select_related("student").first()
    client.force_login(enrollment.student)
    locked = LessonPage.objects.live().descendant_of(course).filter(free_preview=False).first()
    assert client.get(locked.url).status_code == 200

    admin = get_user_model().objects.get(email=ADMIN_EMAIL.format(1))
    client.force_login(admin)
    quiz = QuizPage.objects.annotate(n=Count("attempts")).order_by("-n").first()
    response = client.get(f"/quizzes/{quiz.pk}/report/")
    assert response.status_code == 200
    assert client.get(f"/quizzes/course/{course.pk}/gradebook/").status_code == 200
