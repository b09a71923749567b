"""The builder's verbs: add by title (once), rename as a draft, reorder by Wagtail's move."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import Page

from authoring.services import outline
from courses.models import LessonPage, ModulePage
from quizzes.models import QuizKind, QuizPage

pytestmark = pytest.mark.django_db


def add(user, course, parent, kind, title):
    return outline.outline_item_add(user=user, course=course, parent=parent, kind=kind, title=title)


def titles(parent):
    return [p.draft_title for p in Page.objects.get(pk=parent.pk).get_children().order_by("path")]


def test_adding_makes_one_draft_page_with_a_revision(new_course, instructor):
    module = add(instructor, new_course, new_course, "module", "Anatomy")
    again = add(instructor, new_course, new_course, "module", "Anatomy")  # a double click
    lesson = add(instructor, new_course, module, "lesson", "The trapezius")
    final = add(instructor, new_course, new_course, "final", "Final assessment")
    assert again.pk == module.pk
    assert ModulePage.objects.child_of(new_course).count() == 1
    assert isinstance(lesson, LessonPage) and not lesson.live
    assert lesson.latest_revision is not None and lesson.owner == instructor
    assert QuizPage.objects.get(pk=final.pk).kind == QuizKind.FINAL_ASSESSMENT


def test_same_titles_get_their_own_slugs_when_not_a_repeat(new_course, instructor, reviewer):
    add(instructor, new_course, new_course, "module", "Anatomy")
    Page.objects.update(latest_revision_created_at=None)  # long ago
    second = add(instructor, new_course, new_course, "module", "Anatomy")
    assert second.slug == "anatomy-2"


def test_adding_where_the_kind_does_not_belong_is_refused(new_course, instructor):
    with pytest.raises(ValidationError, match="A lesson cannot be added there"):
        add(instructor, new_course, new_course, "lesson", "Stray")
    with pytest.raises(ValidationError) as error:
        add(instructor, new_course, new_course, "module", "   ")
    assert error.value.message_dict == {"title": [outline.TITLE_REQUIRED]}


def test_only_the_course_school_teachers_may_build(new_course, reviewer, outsider):
    for user in (reviewer, outsider):
        with pytest.raises(PermissionDenied):
            add(user, new_course, new_course, "module", "Hack")


def test_renaming_a_live_page_is_a_draft_until_published(new_course, instructor):
    module = add(instructor, new_course, new_course, "module", "Anatomy")
    module.save_revision(user=instructor).publish()
    outline.outline_item_rename(user=instructor, course=new_course, page=module, title="Bones")
    module.refresh_from_db()
    assert module.title == "Anatomy" and module.draft_title == "Bones"
    assert module.has_unpublished_changes


def test_moving_up_down_and_to_a_position_in_another_module(new_course, instructor):
    first = add(instructor, new_course, new_course, "module", "First")
    second = add(instructor, new_course, new_course, "module", "Second")
    a, b, c = (add(instructor, new_course, first, "lesson", t) for t in "ABC")
    move = outline.outline_item_move
    move(user=instructor, course=new_course, page=c, direction="up")
    assert titles(first) == ["A", "C", "B"]
    move(user=instructor, course=new_course, page=a, direction="down")
    assert titles(first) == ["C", "A", "B"]
    with pytest.raises(ValidationError, match="already the first"):
        move(user=instructor, course=new_course, page=c, direction="up")
    move(user=instructor, course=new_course, page=b, position=0)
    assert titles(first) == ["B", "C", "A"]
    move(user=instructor, course=new_course, page=a, parent=second, position=0)
    assert titles(first) == ["B", "C"] and titles(second) == ["A"]
    assert Page.objects.get(pk=a.pk).url_path.startswith(Page.objects.get(pk=second.pk).url_path)
    with pytest.raises(ValidationError, match="cannot be added there"):
        move(user=instructor, course=new_course, page=a, parent=new_course, position=0)
