"""Schools author in Wagtail: drafts, previews and revisions; students never reach the admin."""

import pytest
from django.contrib.auth.models import Group

from courses.models import LessonPage
from tests.factories import LessonPageFactory, UserFactory


@pytest.mark.django_db
def test_author_preview_of_a_draft_lesson_shows_the_draft(course):
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    lesson.title = "Reworked lesson title"
    lesson.save_revision()  # a draft: the live page keeps the old title
    draft = lesson.get_latest_revision_as_object()
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "Reworked lesson title" in response.content.decode()
    assert LessonPage.objects.get(pk=lesson.pk).title != "Reworked lesson title"


@pytest.mark.django_db
def test_editing_a_lesson_keeps_every_revision(course):
    lesson = LessonPage.objects.descendant_of(course).first()
    before = lesson.revisions.count()
    lesson.title = "Second version"
    lesson.save_revision().publish()
    assert lesson.revisions.count() == before + 1


@pytest.mark.django_db
def test_a_new_lesson_can_be_previewed_before_it_is_saved(course):
    module = course.get_children().first()
    lesson = LessonPageFactory.build(title="Brand new lesson", slug="brand-new")
    lesson.path = module.path + "9999"
    lesson.depth = module.depth + 1
    response = lesson.make_preview_request()
    assert response.status_code == 200
    assert "Brand new lesson" in response.content.decode()


@pytest.mark.django_db
def test_wagtail_admin_is_for_schools_and_staff_only(client, home):
    student = UserFactory()
    client.force_login(student)
    response = client.get("/admin/")
    # Not a redirect to the site's login: that sends a signed-in visitor back here.
    assert response.status_code == 403

    editor = UserFactory()
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_django_admin_lives_at_its_own_url(client, home):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/").status_code == 200


@pytest.mark.django_db
def test_lesson_editor_form_renders_every_block_type(client, course):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    lesson = LessonPage.objects.descendant_of(course).first()
    response = client.get(f"/admin/pages/{lesson.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    for block in ("technique_steps", "key_points", "callout", "references", "video", "image"):
        assert block in html
