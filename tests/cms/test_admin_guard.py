"""Wagtail admin views that would show one school's pages or files to another school."""

import pytest
from django.urls import reverse

from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.conftest import build_course
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def schools(catalog):
    a = school_create(name="Harbour School", slug="harbour")
    b = school_create(name="Valley School", slug="valley")
    return a, b


@pytest.fixture
def instructor(schools):
    user = UserFactory()
    school_member_add(school=schools[0], user=user, role=SchoolMembership.Role.INSTRUCTOR)
    return user


def draft(section, title):
    course = build_course(section, modules=1, lessons_per_module=1, title=title)
    course.live = False
    course.has_unpublished_changes = True
    course.save()
    return course


def test_move_confirmation_of_another_schools_course_is_refused(client, schools, instructor):
    a, b = schools
    theirs = draft(b.section, "Valley secret draft")
    client.force_login(instructor)
    url = reverse("wagtailadmin_pages:move_confirm", args=(theirs.pk, a.section.pk))
    response = client.get(url)
    assert response.status_code == 403
    assert "Valley secret draft" not in response.content.decode()


def test_admin_api_image_listing_is_staff_only(client, instructor):
    client.force_login(instructor)
    assert client.get(reverse("wagtailadmin_api:images:listing")).status_code == 403
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get(reverse("wagtailadmin_api:images:listing")).status_code == 200


def test_page_chooser_shows_own_drafts_and_published_pages_not_other_schools_drafts(
    client, schools, instructor
):
    a, b = schools
    draft(a.section, "Harbour draft")
    draft(b.section, "Valley secret draft")
    build_course(b.section, modules=1, lessons_per_module=1, title="Valley published")
    client.force_login(instructor)

    own = client.get(reverse("wagtailadmin_choose_page_child", args=(a.section.pk,)))
    theirs = client.get(reverse("wagtailadmin_choose_page_child", args=(b.section.pk,)))
    search = client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Valley"})

    assert "Harbour draft" in own.content.decode()
    assert "Valley published" in theirs.content.decode()
    for response in (theirs, search):
        assert response.status_code == 200
        assert "Valley secret draft" not in response.content.decode()
