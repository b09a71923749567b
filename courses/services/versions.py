"""Course versions: what a publish of a course records, for its changelog and certificates."""

from django.db import transaction
from django.db.models import Max
from wagtail.models import PageLogEntry, Revision

from courses.models import CoursePage, CourseVersion

PUBLISH_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")


def _changed_pages(*, course: CoursePage, since) -> list[dict]:
    """Lessons, modules and quizzes of `course` published after `since`, oldest first."""
    if since is None:
        return []
    entries = (
        PageLogEntry.objects.filter(
            page__path__startswith=course.path,
            page__depth__gt=course.depth,
            action__in=PUBLISH_ACTIONS,
            timestamp__gt=since,
        )
        .order_by("timestamp")
        .values_list("page_id", "page__title", "page__content_type__model")
    )
    changed: dict[int, dict] = {}
    for page_id, title, model in entries:
        changed.setdefault(page_id, {"id": page_id, "title": title, "type": model[:-4]})
    return list(changed.values())


@transaction.atomic
def course_version_record(*, course: CoursePage, revision: Revision) -> CourseVersion:
    """Record `revision` of `course` as its next version; once per revision."""
    # The course row lock orders concurrent publishes so version numbers never collide.
    CoursePage.objects.select_for_update().filter(pk=course.pk).first()
    existing = CourseVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    previous = CourseVersion.objects.filter(course=course).order_by("-number").first()
    notes = course.version_notes.strip()
    previous_notes = (
        (previous.revision.content.get("version_notes") or "").strip()
        if previous is not None and previous.revision is not None
        else None
    )
    if notes == previous_notes:
        notes = ""  # the author left last version's note in place
    number = (CourseVersion.objects.filter(course=course).aggregate(n=Max("number"))["n"] or 0) + 1
    version = CourseVersion(
        course=course,
        number=number,
        revision=revision,
        published_at=course.last_published_at,
        author=revision.user,
        notes=notes,
        changed_pages=_changed_pages(
            course=course, since=previous.published_at if previous else None
        ),
    )
    version.full_clean()
    version.save()
    return version
