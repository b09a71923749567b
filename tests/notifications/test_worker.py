"""Nothing is mailed in the request: the enrolment leaves a task on the database queue, and
the e-mail goes when the worker runs it (once, however often it runs)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from tests.conftest import build_course
from tests.factories import SchoolFactory, UserFactory

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SEND_TASK = "notifications.tasks.notification_send"


@pytest.mark.django_db(transaction=True)
def test_the_request_queues_the_email_and_the_worker_sends_it(client, catalog):
    course = build_course(catalog, modules=1, lessons_per_module=1, school=SchoolFactory())
    learner = UserFactory(email="queued@example.com")
    client.force_login(learner)
    with override_settings(TASKS=DATABASE_QUEUE):
        response = client.post(f"/courses/{course.slug}/enrol/")
        assert response.status_code in (302, 303)
        assert mail.outbox == []
        assert DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY").count() == 1

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["queued@example.com"], f"You are enrolled: {course.title}")
    ]
    assert DBTaskResult.objects.get(task_path=SEND_TASK).status == "SUCCESSFUL"
