"""Background work for quizzes (django-tasks: the database queue, or RQ at scale)."""

from django_tasks import task

from quizzes.services.imports import import_job_run


@task()
def question_import_run(job_id: int) -> int:
    """Import a large question file queued by an editor; returns how many questions came in.

    A retried or duplicate task changes nothing.
    """
    job = import_job_run(job_id=job_id)
    return job.imported if job is not None else 0
