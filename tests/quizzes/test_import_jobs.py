"""Question imports have a size and a question-count limit, and a large one runs in the task
worker while its page shows a progress bar polled from the job."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quizzes.models import ImportJob, Question
from quizzes.services import imports
from quizzes.services.imports import (
    FILE_TOO_BIG,
    TOO_MANY_QUESTIONS,
    WORKER_FAILED,
    WORKER_STOPPED,
    import_job_fail_if_stalled,
    import_job_run,
    question_file_read,
)
from tests.quizzes import test_admin_banks as shared
from tests.quizzes.test_admin_banks import refused, url
from tests.quizzes.test_admin_import_export import post_file

admin_access = shared.admin_access
instructor = shared.instructor
other_school = shared.other_school
reviewer = shared.reviewer

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def gift(count: int) -> str:
    return "\n\n".join(
        f"::Q{n}::Is {n} even?{{{'TRUE' if n % 2 == 0 else 'FALSE'}}}" for n in range(count)
    )


def form_error(response) -> str:
    assert response.status_code == 200, response
    return response.context["form"].errors["file"][0]


def progress(client, job) -> dict:
    response = client.get(url("quizzes_bank:import_progress", job.pk))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return response.json()


# --- Limits ---------------------------------------------------------------------------------


def test_the_limits_default_to_2_mb_500_questions_and_the_worker_above_50(settings):
    assert settings.QUESTION_IMPORT_MAX_BYTES == 2 * 1024 * 1024
    assert settings.QUESTION_IMPORT_MAX_QUESTIONS == 500
    assert settings.QUESTION_IMPORT_BACKGROUND_ABOVE == 50


def test_a_file_of_501_questions_is_refused_with_the_count(client, instructor, bank):
    client.force_login(instructor)
    error = form_error(post_file(client, bank, "many.gift", gift(501)))
    assert error == TOO_MANY_QUESTIONS % {"count": 501, "limit": 500}
    assert not Question.objects.exists() and not ImportJob.objects.exists()


def test_a_file_of_500_questions_is_accepted_for_the_worker(
    client, instructor, bank, django_capture_on_commit_callbacks
):
    client.force_login(instructor)
    with django_capture_on_commit_callbacks() as queued:
        response = post_file(client, bank, "many.gift", gift(500))
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("quizzes_bank:import_job", job.pk)
    assert (job.total, job.status, job.created_by) == (500, ImportJob.Status.QUEUED, instructor)
    assert len(queued) == 1 and not Question.objects.exists()


def test_the_limits_are_settings_and_hold_on_every_path(
    client, instructor, bank, settings, tmp_path
):
    settings.QUESTION_IMPORT_MAX_BYTES = 1024
    settings.QUESTION_IMPORT_MAX_QUESTIONS = 5
    client.force_login(instructor)
    too_big = "// " + "x" * 1030
    expected = FILE_TOO_BIG % {"size": "2 KB", "limit": "1 KB"}
    assert form_error(post_file(client, bank, "big.gift", too_big)) == expected
    with pytest.raises(ValidationError) as refused_big:
        question_file_read(file_name="big.gift", text=too_big)
    assert refused_big.value.messages == [expected]

    six = TOO_MANY_QUESTIONS % {"count": 6, "limit": 5}
    assert form_error(post_file(client, bank, "six.gift", gift(6))) == six
    path = tmp_path / "six.gift"
    path.write_text(gift(6), encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape(six)):
        call_command("import_questions", str(path), bank="Cmd", school=bank.school.slug)
    assert not Question.objects.exists()

    assert post_file(client, bank, "five.gift", gift(5)).status_code == 302
    assert Question.objects.count() == 5 and not ImportJob.objects.exists()


def test_up_to_50_questions_are_imported_in_the_request(client, instructor, bank):
    client.force_login(instructor)
    response = post_file(client, bank, "fifty.gift", gift(50), follow=True)
    message = str(next(iter(response.context["messages"])))
    assert message.startswith("Imported 50 questions into NMT post-test: 50 true/false.")
    assert Question.objects.count() == 50 and not ImportJob.objects.exists()


# --- The worker -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_large_import_runs_in_the_worker_and_its_progress_reports_done(client, instructor, bank):
    client.force_login(instructor)
    with override_settings(TASKS=DATABASE_QUEUE):
        response = post_file(client, bank, "sixty.gift", gift(60))
        job = ImportJob.objects.get()
        assert response["Location"] == url("quizzes_bank:import_job", job.pk)
        queued = DBTaskResult.objects.get(status="READY")
        assert queued.task_path == "quizzes.tasks.question_import_run"
        assert not Question.objects.exists()  # nothing in the request

        page = client.get(response["Location"]).content.decode()
        assert '<progress id="import-progress-bar" max="60" value="0"' in page
        assert 'src="/static/js/import-progress.js"' in page
        template = (TEMPLATES / "quizzes/admin/import_job.html").read_text()
        assert re.findall(r"<script[^>]*>", template) == [  # no inline script: CSP-safe
            """<script src="{% static 'js/import-progress.js' %}" defer>"""
        ]
        assert progress(client, job) == {
            "status": "queued",
            "label": "Waiting for the worker",
            "total": 60,
            "checked": 0,
            "imported": 0,
            "finished": False,
            "message": "",
        }

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)

    done = progress(client, job)
    assert done["status"] == "done" and done["finished"] is True
    assert (done["total"], done["checked"], done["imported"]) == (60, 60, 60)
    assert done["message"].startswith("Imported 60 questions into NMT post-test")
    assert Question.objects.filter(bank=bank).count() == 60
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    job.refresh_from_db()
    assert job.source == "" and job.finished_at is not None


@pytest.mark.django_db(transaction=True)
def test_the_bar_moves_outside_any_transaction_while_questions_are_checked(
    bank, instructor, monkeypatch
):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(120), total=120)
    seen = []
    real_prepared, real_create = imports._prepared, imports.question_create

    def prepared(item):
        row = ImportJob.objects.values_list("status", "checked").get(pk=job.pk)
        seen.append(("check", *row, connection.in_atomic_block))
        return real_prepared(item)

    def create(**kwargs):
        row = ImportJob.objects.values_list("status", "checked").get(pk=job.pk)
        seen.append(("save", *row, connection.in_atomic_block))
        return real_create(**kwargs)

    monkeypatch.setattr(imports, "_prepared", prepared)
    monkeypatch.setattr(imports, "question_create", create)
    import_job_run(job_id=job.pk)

    checking = [row for row in seen if row[0] == "check"]
    saving = [row for row in seen if row[0] == "save"]
    assert len(checking) == len(saving) == 120
    assert {row[1] for row in checking} == {"checking"}
    assert not any(row[3] for row in checking)  # each step committed: visible to the page
    steps = [row[2] for row in checking]
    assert steps == sorted(steps) and steps[0] == 0 and len(set(steps)) >= 40
    assert {row[1:3] for row in saving} == {("saving", 120)}
    assert all(row[3] for row in saving)  # one transaction: all questions, or none
    job.refresh_from_db()
    assert (job.status, job.checked, job.imported) == ("done", 120, 120)


@pytest.mark.django_db(transaction=True)
def test_a_question_refused_while_saving_leaves_nothing_imported(bank, monkeypatch):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(60), total=60)
    real_create = imports.question_create

    def create(**kwargs):
        if kwargs["name"] == "Q45":
            raise ValidationError({"idnumber": "This ID number is taken."})
        return real_create(**kwargs)

    monkeypatch.setattr(imports, "question_create", create)
    job = import_job_run(job_id=job.pk)
    assert job.status == ImportJob.Status.FAILED and job.imported == 0
    assert job.message == (
        "Nothing was imported. Line 91: question 'Q45' is invalid: This ID number is taken."
    )
    assert not Question.objects.exists() and job.source == ""


@pytest.mark.django_db(transaction=True)
def test_a_crash_in_the_worker_marks_the_job_failed_and_is_raised(bank, monkeypatch):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(60), total=60)

    def crash(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports, "question_create", crash)
    with pytest.raises(RuntimeError):
        import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportJob.Status.FAILED, WORKER_FAILED)
    assert not Question.objects.exists()


def test_a_duplicate_task_imports_nothing_twice(bank):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(60), total=60)
    assert import_job_run(job_id=job.pk).imported == 60
    assert import_job_run(job_id=job.pk) is None
    assert Question.objects.count() == 60


class WorkerDied(BaseException):
    """What a killed worker looks like to the code it was running: nothing after it runs."""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("dies_in", ["checking", "saving"])
def test_a_job_whose_worker_died_is_given_up_with_nothing_imported(
    client, instructor, bank, monkeypatch, settings, dies_in
):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(60), total=60)
    real_create, real_prepared = imports.question_create, imports._prepared
    calls = {"n": 0}

    def die_in_checking(item):
        calls["n"] += 1
        if calls["n"] == 30:
            raise WorkerDied
        return real_prepared(item)

    def die_in_saving(**kwargs):
        calls["n"] += 1
        if calls["n"] == 59:  # 58 questions written in the transaction, then the process is gone
            raise WorkerDied
        return real_create(**kwargs)

    if dies_in == "checking":
        monkeypatch.setattr(imports, "_prepared", die_in_checking)
    else:
        monkeypatch.setattr(imports, "question_create", die_in_saving)
    with pytest.raises(WorkerDied):
        import_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == dies_in and job.heartbeat_at is not None
    assert not Question.objects.exists()

    client.force_login(instructor)
    assert progress(client, job)["finished"] is False  # a slow worker is not given up

    settings.QUESTION_IMPORT_STALL_SECONDS = 300
    ImportJob.objects.filter(pk=job.pk).update(
        heartbeat_at=job.heartbeat_at - timedelta(seconds=301)
    )
    given_up = progress(client, job)
    assert (given_up["status"], given_up["finished"]) == ("failed", True)
    assert given_up["message"] == WORKER_STOPPED
    job.refresh_from_db()
    assert job.source == "" and job.finished_at is not None
    assert not Question.objects.exists()
    # A retried task finds the job ended and imports nothing.
    assert import_job_run(job_id=job.pk) is None and not Question.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_slow_worker_given_up_while_saving_saves_nothing(bank, monkeypatch, settings):
    job = ImportJob.objects.create(bank=bank, file_name="q.gift", source=gift(60), total=60)
    real_create = imports.question_create
    settings.QUESTION_IMPORT_STALL_SECONDS = 300

    def create(**kwargs):
        if kwargs["name"] == "Q30":  # the editor's page gives the job up while the worker saves
            ImportJob.objects.filter(pk=job.pk).update(
                heartbeat_at=timezone.now() - timedelta(seconds=301)
            )
            import_job_fail_if_stalled(job=ImportJob.objects.get(pk=job.pk))
        return real_create(**kwargs)

    monkeypatch.setattr(imports, "question_create", create)
    job = import_job_run(job_id=job.pk)
    assert job.status == ImportJob.Status.FAILED and job.imported == 0
    assert WORKER_STOPPED in job.message
    assert not Question.objects.exists()


# --- Who sees a job -------------------------------------------------------------------------


def test_only_the_banks_school_editors_see_the_job(
    client, instructor, reviewer, other_school, admin_access, bank
):
    job = ImportJob.objects.create(
        bank=bank, file_name="q.gift", source=gift(60), total=60, created_by=instructor
    )
    urls = [url("quizzes_bank:import_job", job.pk), url("quizzes_bank:import_progress", job.pk)]
    colleague = shared.member_of(bank.school, shared.ADMIN, admin_access)
    for editor in (instructor, colleague):
        client.force_login(editor)
        assert [client.get(u).status_code for u in urls] == [200, 200]
    other_editor = shared.member_of(other_school, shared.ADMIN, admin_access)
    client.force_login(other_editor)
    assert [client.get(u).status_code for u in urls] == [404, 404]
    client.force_login(reviewer)  # of the school, but may not import
    assert all(refused(client.get(u)) for u in urls)
    client.logout()
    assert all(client.get(u).status_code == 302 for u in urls)
    assert all("login" in client.get(u)["Location"] for u in urls)
