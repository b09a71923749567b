from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"

    def ready(self) -> None:
        from courses.signals import (
            lesson_first_visited,
            lesson_reading_met,
            live_progress_recorded,
        )
        from quizzes import receivers

        lesson_first_visited.connect(
            receivers.lesson_first_visited_receiver, dispatch_uid="quizzes.lesson_completion"
        )
        lesson_reading_met.connect(
            receivers.lesson_first_visited_receiver, dispatch_uid="quizzes.lesson_read"
        )
        live_progress_recorded.connect(
            receivers.live_progress_recorded_receiver, dispatch_uid="quizzes.live_completion"
        )
