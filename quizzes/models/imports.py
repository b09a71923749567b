from django.conf import settings
from django.db import models

from quizzes.models.banks import QuestionBank


class ImportJob(models.Model):
    """A question file too large to import inside the editor's request: the task worker imports
    it and records its progress here, which the waiting page polls."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        CHECKING = "checking", "Checking the questions"
        SAVING = "saving", "Saving the questions"
        DONE = "done", "Imported"
        FAILED = "failed", "Nothing imported"

    bank = models.ForeignKey(QuestionBank, on_delete=models.CASCADE, related_name="import_jobs")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)
    # The file's text until the worker has imported it; emptied then, the bank holds the result.
    source = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(help_text="Questions in the file.")
    checked = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    # The summary of what was imported, or why nothing was.
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Moved by the worker at each step, so a job whose worker died can be told from a slow one.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked__lte=models.F("total")),
                name="quizzes_importjob_checked_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.file_name} into {self.bank}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
