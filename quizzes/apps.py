from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"

    def ready(self) -> None:
        from courses.demo.signals import demo_loaded
        from courses.signals import lesson_first_visited
        from quizzes import receivers
        from quizzes.demo.loader import demo_loaded_receiver

        demo_loaded.connect(demo_loaded_receiver, dispatch_uid="quizzes.demo_quizzes")
        lesson_first_visited.connect(
            receivers.lesson_first_visited_receiver, dispatch_uid="quizzes.lesson_completion"
        )
