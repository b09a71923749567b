"""The course builder's verbs: add a page by its title, rename it, move it.

Adding and renaming make draft revisions (nothing reaches learners before review). Moving
changes the tree order at once, as Wagtail's own reordering does: the tree is not revisioned.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.move_page import MovePageAction
from wagtail.log_actions import log
from wagtail.models import Page

from courses.models import CoursePage, LessonPage, ModulePage
from quizzes.models import QuizKind, QuizPage
from schools import rules

TITLE_REQUIRED = "Give it a title."
TITLE_TOO_LONG = "A title has at most 255 characters."
CANNOT_ADD_HERE = "A {kind} cannot be added there."
NOT_IN_COURSE = "That page is not part of this course."
CANNOT_MOVE = "It is already the {end} one."
NOT_ALLOWED = "You may not change this course."

# What may be added where: {kind: (page class, parent kinds)}.
KINDS = {
    "module": (ModulePage, {CoursePage}),
    "lesson": (LessonPage, {ModulePage}),
    "quiz": (QuizPage, {CoursePage, ModulePage}),
    "final": (QuizPage, {CoursePage}),
}
# A second post of the same add within this time returns the first page (a double click).
ADD_REPEAT_WINDOW = timedelta(seconds=30)


def _check_author(user, course: CoursePage) -> None:
    if not rules.may_author_course(user, course=course):
        raise PermissionDenied(NOT_ALLOWED)


def _in_course(page: Page, course: CoursePage) -> Page:
    if page.pk != course.pk and not page.path.startswith(course.path):
        raise ValidationError(NOT_IN_COURSE)
    return page


def _clean_title(title: str) -> str:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": TITLE_REQUIRED})
    if len(title) > 255:
        raise ValidationError({"title": TITLE_TOO_LONG})
    return title


def _free_slug(parent: Page, title: str, kind: str) -> str:
    base = slugify(title)[:60] or kind
    taken = set(parent.get_children().values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def outline_item_add(*, user, course: CoursePage, parent: Page, kind: str, title: str) -> Page:
    """A draft page titled `title` of `kind` (module, lesson, quiz, final) inside `parent`,
    made once: a repeat of the same add by the same user moments later returns the first."""
    _check_author(user, course)
    title = _clean_title(title)
    parent = Page.objects.select_for_update().get(pk=_in_course(parent, course).pk)
    page_class, parents = KINDS.get(kind, (None, set()))
    if page_class is None or parent.specific_class not in parents:
        raise ValidationError(CANNOT_ADD_HERE.format(kind=kind))
    repeat = (
        parent.get_children()
        .type(page_class)
        .filter(
            draft_title=title,
            live=False,
            owner=user,
            latest_revision_created_at__gte=timezone.now() - ADD_REPEAT_WINDOW,
        )
        .first()
    )
    if repeat is not None:
        return repeat.specific
    page = page_class(title=title, slug=_free_slug(parent, title, kind), owner=user, live=False)
    if kind == "final":
        page.kind = QuizKind.FINAL_ASSESSMENT
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=False, clean=False)
    log(instance=page, action="wagtail.create", user=user, content_changed=True)
    return page


@transaction.atomic
def outline_item_rename(*, user, course: CoursePage, page: Page, title: str) -> Page:
    """A draft revision of `page` with the new title (a live page keeps its title until the
    revision is published)."""
    _check_author(user, course)
    title = _clean_title(title)
    page = _in_course(Page.objects.select_for_update().get(pk=page.pk), course).specific
    latest = page.get_latest_revision_as_object()
    if latest.title == title:
        return page
    latest.title = title
    latest.save_revision(user=user, log_action=True, clean=False)
    return latest


@transaction.atomic
def outline_item_move(
    *,
    user,
    course: CoursePage,
    page: Page,
    direction: str | None = None,
    parent: Page | None = None,
    position: int | None = None,
) -> Page:
    """Move `page` one place up or down among its siblings (`direction`), or to `position`
    (0 first) among the children of `parent` (its own parent when None): Wagtail's page move,
    which keeps url paths and logs the move."""
    _check_author(user, course)
    Page.objects.select_for_update().filter(pk=course.pk).first()  # one move at a time
    page = _in_course(Page.objects.get(pk=page.pk), course)
    if page.pk == course.pk:
        raise ValidationError(NOT_IN_COURSE)
    current_parent = page.get_parent()
    target_parent = _in_course(parent, course) if parent is not None else current_parent
    allowed = page.specific_class.allowed_parent_page_models()
    if target_parent.pk != current_parent.pk and target_parent.specific_class not in allowed:
        kind = page.specific_class._meta.verbose_name
        raise ValidationError(CANNOT_ADD_HERE.format(kind=kind))
    siblings = [p for p in target_parent.get_children().order_by("path") if p.pk != page.pk]
    if direction in ("up", "down"):
        mine = list(current_parent.get_children().order_by("path").values_list("pk", flat=True))
        index = mine.index(page.pk)
        position = index - 1 if direction == "up" else index + 1
        if position < 0 or position >= len(mine):
            raise ValidationError(CANNOT_MOVE.format(end="first" if direction == "up" else "last"))
    position = max(0, min(position or 0, len(siblings)))
    if position < len(siblings):
        target, pos = siblings[position], "left"
    else:
        target, pos = target_parent, "last-child"
    if target.pk == page.pk:
        return page
    MovePageAction(page, target, pos=pos, user=user).execute(skip_permission_checks=True)
    return Page.objects.get(pk=page.pk)
