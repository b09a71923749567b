from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"

    def ready(self) -> None:
        from courses.demo.signals import demo_loaded
        from quizzes.demo.loader import demo_loaded_receiver

        demo_loaded.connect(demo_loaded_receiver, dispatch_uid="quizzes.demo_quizzes")
