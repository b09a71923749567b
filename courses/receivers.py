"""Wagtail events courses records: connected in CoursesConfig.ready()."""

from courses.models import CoursePage
from courses.services.versions import course_version_record


def course_published_receiver(sender, instance, revision, **kwargs) -> None:
    """A course went live: record the version. A publish scheduled for later sends this too,
    with the page not live yet; the version is recorded when it goes live."""
    if (
        isinstance(instance, CoursePage)
        and revision is not None
        and instance.live
        and instance.live_revision_id == revision.pk
    ):
        course_version_record(course=instance, revision=revision)
