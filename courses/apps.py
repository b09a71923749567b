from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self) -> None:
        from wagtail.signals import page_published

        from courses import receivers
        from courses.models import CoursePage

        page_published.connect(
            receivers.course_published_receiver,
            sender=CoursePage,
            dispatch_uid="courses_course_version",
        )
