"""Course completion: the one place that decides it and starts the certificate."""

from django.apps import AppConfig


class CompletionConfig(AppConfig):
    name = "completion"
    verbose_name = "Course completion"

    def ready(self) -> None:
        from completion import receivers
        from courses.signals import lesson_first_visited, lesson_reading_met
        from live.signals import live_progress_recorded
        from quizzes.signals import attempt_graded

        lesson_first_visited.connect(
            receivers.lesson_read_receiver, dispatch_uid="completion.lesson_visited"
        )
        lesson_reading_met.connect(
            receivers.lesson_read_receiver, dispatch_uid="completion.lesson_read"
        )
        live_progress_recorded.connect(
            receivers.live_progress_receiver, dispatch_uid="completion.live_progress"
        )
        attempt_graded.connect(
            receivers.attempt_graded_receiver, dispatch_uid="completion.attempt_graded"
        )
