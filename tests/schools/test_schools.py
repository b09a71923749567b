"""Schools on one platform: each edits, reviews and stores media only in its own part."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, WorkflowPage
from wagtail.permissions import policy_registry

from courses.management.commands.create_school import UNKNOWN_ADMIN
from courses.models import CourseIndexPage, CoursePage
from courses.selectors import catalog_courses
from courses.services.schools import NAME_TAKEN, SLUG_TAKEN, school_create
from schools.models import School, SchoolMembership
from schools.services import school_member_add
from tests.conftest import build_course
from tests.factories import UserFactory

User = get_user_model()
image_policy = policy_registry.get_by_type(get_image_model())
MEDIA = {
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
}


def page_permissions(group) -> set[tuple[int, str]]:
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )


def collection_permissions(group) -> set[tuple[int, str, str]]:
    rows = GroupCollectionPermission.objects.filter(group=group).values_list(
        "collection_id", "permission__content_type__app_label", "permission__codename"
    )
    return set(rows)


@pytest.fixture
def two_schools(catalog):
    a = school_create(name="Harbour School", slug="harbour", email="hi@harbour.example")
    b = school_create(name="Valley School", slug="valley")
    return a, b


@pytest.mark.django_db
def test_school_create_builds_section_collection_groups_and_exact_permissions(catalog):
    school = school_create(name="Harbour School", slug="harbour", email="hi@harbour.example")

    section = school.section
    assert section.get_parent().specific == catalog
    assert (section.title, section.slug, section.live) == ("Harbour School", "harbour", True)
    assert section.url == "/courses/harbour/"
    assert school.collection.name == "Harbour School"
    assert school.collection.get_parent().is_root()
    assert school.editors_group.name == "Harbour School editors"
    assert school.reviewers_group.name == "Harbour School reviewers"
    assert school.email == "hi@harbour.example"

    assert page_permissions(school.editors_group) == {
        (section.pk, "add_page"),
        (section.pk, "change_page"),
    }
    assert page_permissions(school.reviewers_group) == {
        (section.pk, "change_page"),
        (section.pk, "publish_page"),
    }
    media = {(school.collection.pk, app, codename) for app, codename in MEDIA}
    for group in (school.editors_group, school.reviewers_group):
        assert collection_permissions(group) == media
        assert list(group.permissions.values_list("content_type__app_label", "codename")) == [
            ("wagtailadmin", "access_admin")
        ]
    workflow = WorkflowPage.objects.get(page=section).workflow
    [task] = [t.specific for t in workflow.tasks.all()]
    assert list(task.groups.all()) == [school.reviewers_group]


@pytest.mark.django_db
def test_school_create_twice_changes_nothing_and_repairs_what_is_missing(catalog):
    first = school_create(name="Harbour School", slug="harbour")
    counts = (
        Page.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    )
    changes: list[str] = []
    again = school_create(name="Harbour School", slug="harbour", changes=changes)
    assert changes == []
    assert again.pk == first.pk
    assert (
        Page.objects.count(),
        GroupPagePermission.objects.count(),
        WorkflowPage.objects.count(),
    ) == counts

    GroupPagePermission.objects.filter(
        group=first.reviewers_group, permission__codename="publish_page"
    ).delete()
    first.editors_group.delete()
    changes = []
    repaired = school_create(name="Harbour School", slug="harbour", changes=changes)
    assert repaired.section == first.section
    assert repaired.editors_group.name == "Harbour School editors"
    assert (first.section.pk, "publish_page") in page_permissions(repaired.reviewers_group)
    assert page_permissions(repaired.editors_group) == {
        (first.section.pk, "add_page"),
        (first.section.pk, "change_page"),
    }
    assert "group: Harbour School editors" in changes


@pytest.mark.django_db
def test_school_create_refuses_a_slug_or_name_of_another_school(catalog):
    school_create(name="Harbour School", slug="harbour")
    with pytest.raises(ValidationError) as slug_error:
        school_create(name="Other School", slug="harbour")
    assert SLUG_TAKEN.format(slug="harbour", name="Harbour School") in slug_error.value.messages
    with pytest.raises(ValidationError) as name_error:
        school_create(name="Harbour School", slug="harbour-2")
    assert NAME_TAKEN.format(name="Harbour School", slug="harbour") in name_error.value.messages
    assert School.objects.count() == 1


@pytest.mark.django_db
def test_editor_edits_own_section_only_and_submits_rather_than_publishes(two_schools):
    a, b = two_schools
    course_a = build_course(a.section, modules=1, lessons_per_module=1, school=a)
    course_b = build_course(b.section, modules=1, lessons_per_module=1, school=b)
    editor = UserFactory()
    school_member_add(school=a, user=editor, role=SchoolMembership.Role.INSTRUCTOR)

    own = course_a.permissions_for_user(editor)
    assert own.can_edit()
    assert not own.can_publish()
    assert a.section.permissions_for_user(editor).can_add_subpage()
    assert not course_b.permissions_for_user(editor).can_edit()
    assert not b.section.permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("wagtailadmin.access_admin")

    reviewer = UserFactory()
    school_member_add(school=a, user=reviewer, role=SchoolMembership.Role.REVIEWER)
    assert course_a.permissions_for_user(reviewer).can_publish()
    assert not course_b.permissions_for_user(reviewer).can_publish()
    assert not a.section.permissions_for_user(reviewer).can_add_subpage()


@pytest.mark.django_db
def test_editor_chooses_images_in_own_collection_only(two_schools):
    a, b = two_schools
    Image = get_image_model()
    image_a = Image.objects.create(title="A", file=get_test_image_file(), collection=a.collection)
    image_b = Image.objects.create(title="B", file=get_test_image_file(), collection=b.collection)
    editor = UserFactory()
    school_member_add(school=a, user=editor, role=SchoolMembership.Role.INSTRUCTOR)

    assert list(image_policy.collections_user_has_permission_for(editor, "choose")) == [
        a.collection
    ]
    choosable = image_policy.instances_user_has_permission_for(editor, "choose")
    assert image_a in choosable
    assert image_b not in choosable
    assert image_policy.user_has_permission_for_instance(editor, "change", image_a)
    assert not image_policy.user_has_permission_for_instance(editor, "change", image_b)


@pytest.mark.django_db
def test_member_groups_follow_role_changes(two_schools):
    a, _ = two_schools
    user = UserFactory()

    school_member_add(school=a, user=user, role=SchoolMembership.Role.ADMIN)
    assert set(user.groups.all()) == {a.editors_group, a.reviewers_group}

    membership = school_member_add(school=a, user=user, role=SchoolMembership.Role.REVIEWER)
    assert set(user.groups.all()) == {a.reviewers_group}
    assert membership.role == SchoolMembership.Role.REVIEWER
    assert SchoolMembership.objects.filter(school=a, user=user).count() == 1

    school_member_add(school=a, user=user, role=SchoolMembership.Role.INSTRUCTOR)
    assert set(user.groups.all()) == {a.editors_group}


@pytest.mark.django_db
def test_catalog_lists_courses_from_every_section_and_finds_them_by_lesson_text(two_schools):
    a, b = two_schools
    catalog = a.section.get_parent().specific
    build_course(a.section, modules=1, lessons_per_module=1, title="Harbour course")
    build_course(b.section, modules=1, lessons_per_module=1, title="Valley course")

    assert [c.title for c in catalog_courses(catalog=catalog)] == [
        "Harbour course",
        "Valley course",
    ]
    assert [c.title for c in catalog_courses(catalog=a.section)] == ["Harbour course"]
    # Every lesson body of the factory says "muscle": both courses match by lesson text.
    assert [c.title for c in catalog_courses(catalog=catalog, q="muscle")] == [
        "Harbour course",
        "Valley course",
    ]


@pytest.mark.django_db
def test_create_school_command_prints_what_it_created_and_makes_the_admin(catalog, capsys):
    admin = UserFactory(email="head@harbour.example")
    call_command("create_school", "Harbour School", "--slug", "harbour", "--admin", admin.email)
    out = capsys.readouterr().out
    assert "created school: Harbour School (harbour)" in out
    assert "created section: " in out
    assert "created collection: Harbour School" in out
    assert "created group: Harbour School editors" in out
    assert "created workflow: Harbour School review" in out
    assert "Courses go in /courses/harbour/" in out
    school = School.objects.get(slug="harbour")
    assert SchoolMembership.objects.get(school=school, user=admin).role == "admin"
    assert set(admin.groups.all()) == {school.editors_group, school.reviewers_group}

    call_command("create_school", "Harbour School", "--slug", "harbour")
    assert "already set up: nothing changed" in capsys.readouterr().out


@pytest.mark.django_db
def test_create_school_command_refuses_bad_input(catalog):
    call_command("create_school", "Harbour School", "--slug", "harbour")
    with pytest.raises(CommandError, match="already belongs to the school “Harbour School”"):
        call_command("create_school", "Other School", "--slug", "harbour")
    unknown = re.escape(UNKNOWN_ADMIN.format(email="nobody@example.com"))
    with pytest.raises(CommandError, match=unknown):
        call_command(
            "create_school", "Other School", "--slug", "other", "--admin", "nobody@example.com"
        )
    with pytest.raises(CommandError, match="slug"):
        call_command("create_school", "Bad Slug School", "--slug", "not a slug")
    assert not School.objects.filter(slug="other").exists()
    assert CourseIndexPage.objects.count() == 2  # the catalog and Harbour's section


@pytest.mark.django_db
def test_create_school_needs_a_catalog(home):
    with pytest.raises(CommandError, match="no course catalog page"):
        call_command("create_school", "Harbour School", "--slug", "harbour")
    assert not School.objects.exists()


@pytest.mark.django_db
def test_demo_school_has_its_section_and_its_instructor_edits_only_there(client):
    from demo.courses import nmt_course
    from demo.courses.loader import DEMO_USERS

    call_command("load_demo")
    school = School.objects.get(slug="northfield")
    course = CoursePage.objects.get(slug=nmt_course.COURSE["slug"])
    assert course.get_parent().pk == school.section.pk
    assert course.url == f"/courses/northfield/{course.slug}/"
    assert nmt_course.COURSE["title"] in client.get("/courses/").content.decode()
    assert nmt_course.COURSE["title"] in client.get("/courses/northfield/").content.decode()

    instructor = User.objects.get(email=DEMO_USERS["instructor"]["email"])
    assert set(instructor.groups.all()) == {school.editors_group}
    assert course.permissions_for_user(instructor).can_edit()
    assert not course.permissions_for_user(instructor).can_publish()
    other = school_create(name="Valley School", slug="valley")
    assert not other.section.permissions_for_user(instructor).can_add_subpage()


@pytest.mark.django_db
def test_demo_moves_courses_of_an_older_demo_site_into_the_school_section(catalog):
    from demo.courses import nmt_course

    stray = build_course(catalog, modules=1, lessons_per_module=1, slug=nmt_course.COURSE["slug"])
    call_command("load_demo")
    school = School.objects.get(slug="northfield")
    assert CoursePage.objects.get(pk=stray.pk).get_parent().pk == school.section.pk
    assert CoursePage.objects.filter(slug=nmt_course.COURSE["slug"]).count() == 1


def test_two_schools_cannot_give_their_courses_the_same_slug(catalog):
    from django.core.exceptions import ValidationError

    from courses.models.pages import COURSE_SLUG_TAKEN
    from tests.factories import CoursePageFactory

    first = CoursePageFactory(parent=catalog, slug="trigger-points")
    section = CourseIndexPage(title="Other school", slug="other-school")
    catalog.add_child(instance=section)
    with pytest.raises(ValidationError) as refused:
        CoursePageFactory(parent=section, slug="trigger-points")
    assert refused.value.message_dict["slug"] == [COURSE_SLUG_TAKEN]
    first.full_clean()  # the course itself may keep its slug


@pytest.mark.django_db
def test_schools_with_long_names_sharing_a_prefix_get_their_own_groups(catalog):
    prefix = "The Gulf Coast Institute of Neuromuscular Therapy and Myofascial Release " * 2
    a = school_create(name=prefix + "North", slug="gulf-north")
    b = school_create(name=prefix + "South", slug="gulf-south")
    assert a.editors_group.name == "gulf-north editors"
    assert b.reviewers_group.name == "gulf-south reviewers"
    assert a.editors_group != b.editors_group


@pytest.mark.django_db
def test_a_course_cannot_take_the_slug_of_the_enrol_action(catalog):
    from courses.models.pages import COURSE_SLUG_RESERVED
    from tests.factories import CoursePageFactory

    with pytest.raises(ValidationError) as refused:
        CoursePageFactory(parent=catalog, slug="enrol")
    assert refused.value.message_dict["slug"] == [COURSE_SLUG_RESERVED.format(slug="enrol")]
