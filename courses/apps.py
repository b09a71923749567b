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
        # Snippets printed on public pages: a change shows at once, not when the page cache
        # times out.
        from django.db.models.signals import post_delete, post_save

        from cms.receivers import content_changed
        from courses.models import AccreditingBody, CoursePrerequisite, Topic
        from schools.models import Instructor, School

        # CoursePrerequisite: the enrolled lesson view's map says which courses have any
        # (courses/enrolled_lesson/routes.py); a row written outside a publish must reach it.
        for model in (School, Instructor, Topic, AccreditingBody, CoursePrerequisite):
            for signal in (post_save, post_delete):
                signal.connect(
                    content_changed,
                    sender=model,
                    dispatch_uid=f"courses_page_cache_{model.__name__}_{id(signal)}",
                )
