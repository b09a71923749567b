"""Background work goes through Django's tasks API; the default queue is the database."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from courses.models import LessonPage

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_publishing_queues_search_indexing_for_the_db_worker(course):
    lesson = LessonPage.objects.descendant_of(course).first()
    with override_settings(TASKS=DATABASE_QUEUE):
        lesson.title = "Indexed through the queue"
        lesson.save_revision().publish()
        queued = DBTaskResult.objects.filter(status="READY")
        assert queued.filter(task_path="modelsearch.tasks.insert_or_update_object_task").exists()
        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() >= 1
    assert LessonPage.objects.live().search("queue").count() == 1
