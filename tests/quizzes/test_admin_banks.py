"""The question-bank admin: who sees which school's banks and categories.

The fixtures here are shared by the other test_admin_* modules and test_quiz_page_form.
A school member reaches the admin through a group holding wagtailadmin.access_admin; what
they may do with banks comes from their SchoolMembership role, not from model permissions.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from quizzes.models import QuestionBank, QuestionCategory
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.conftest import make_question, make_quiz

ADMIN, INSTRUCTOR, REVIEWER = (
    SchoolMembership.Role.ADMIN,
    SchoolMembership.Role.INSTRUCTOR,
    SchoolMembership.Role.REVIEWER,
)


@pytest.fixture
def admin_access(db):
    group = Group.objects.create(name="Admin access")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return group


def admin_user(admin_access, **fields):
    user = UserFactory(**fields)
    user.groups.add(admin_access)
    return user


def member_of(school, role, admin_access):
    user = admin_user(admin_access)
    SchoolMembershipFactory(school=school, user=user, role=role)
    return user


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Other school")


@pytest.fixture
def other_bank(other_school):
    return QuestionBank.objects.create(school=other_school, name="Other school bank")


@pytest.fixture
def instructor(school, admin_access):
    return member_of(school, INSTRUCTOR, admin_access)


@pytest.fixture
def school_admin(school, admin_access):
    return member_of(school, ADMIN, admin_access)


@pytest.fixture
def reviewer(school, admin_access):
    return member_of(school, REVIEWER, admin_access)


@pytest.fixture
def staff(admin_access):
    return admin_user(admin_access, is_staff=True)


@pytest.fixture
def outsider(admin_access):
    """In the admin (e.g. a page editor), but a member of no school."""
    return admin_user(admin_access)


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def url(name, *args, **query):
    address = reverse(name, args=args)
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address


# --- The menu and the list ---------------------------------------------------------------


def test_menu_shows_question_banks_to_members_only(client, instructor, reviewer, outsider):
    for user, shown in ((instructor, True), (reviewer, True), (outsider, False)):
        client.force_login(user)
        response = client.get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert ("Question banks" in response.content.decode()) is shown


def test_bank_list_shows_only_the_members_schools(client, instructor, bank, other_bank):
    client.force_login(instructor)
    response = client.get(url("quizzes_bank:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert bank.name in html
    assert other_bank.name not in html


@pytest.mark.parametrize("superuser", [False, True])
def test_staff_see_every_school(client, admin_access, bank, other_bank, superuser):
    user = admin_user(admin_access, is_staff=not superuser, is_superuser=superuser)
    client.force_login(user)
    html = client.get(url("quizzes_bank:index")).content.decode()
    assert bank.name in html
    assert other_bank.name in html


def test_someone_of_no_school_gets_nothing(client, outsider, bank):
    client.force_login(outsider)
    assert refused(client.get(url("quizzes_bank:index")))
    assert refused(client.get(url("quizzes_question:index")))
    assert refused(client.get(url("quizzes_category:index")))
    assert refused(client.get(url("quizzes_bank:edit", bank.pk)))


def test_anonymous_is_sent_to_login(client, bank):
    response = client.get(url("quizzes_bank:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_bank_list_costs_the_same_for_3_or_30_banks(
    client, instructor, school, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("quizzes_bank:index")).status_code == 200
        return len(queries)

    client.force_login(instructor)
    for i in range(3):
        bank = QuestionBank.objects.create(school=school, name=f"Bank {i}")
        make_question(bank)
    few = count()
    for i in range(3, 30):
        QuestionBank.objects.create(school=school, name=f"Bank {i}")
    assert count() == few
    with django_assert_max_num_queries(few):
        client.get(url("quizzes_bank:index"))


# --- Another school's objects, by URL --------------------------------------------------


@pytest.mark.parametrize(
    "name", ["quizzes_bank:edit", "quizzes_bank:delete", "quizzes_bank:inspect",
             "quizzes_bank:history", "quizzes_bank:import", "quizzes_bank:export"],
)  # fmt: skip
def test_another_schools_bank_is_not_found(client, instructor, other_bank, name):
    client.force_login(instructor)
    assert client.get(url(name, other_bank.pk)).status_code == 404


def test_another_schools_bank_cannot_be_changed_by_post(client, instructor, other_bank):
    client.force_login(instructor)
    response = client.post(
        url("quizzes_bank:edit", other_bank.pk),
        {"school": other_bank.school_id, "name": "Taken over", "description": ""},
    )
    assert response.status_code == 404
    assert client.post(url("quizzes_bank:delete", other_bank.pk)).status_code == 404
    other_bank.refresh_from_db()
    assert other_bank.name == "Other school bank"


# --- Roles ---------------------------------------------------------------------------------


def test_reviewer_reads_but_cannot_change(client, reviewer, bank):
    client.force_login(reviewer)
    assert client.get(url("quizzes_bank:index")).status_code == 200
    assert client.get(url("quizzes_bank:inspect", bank.pk)).status_code == 200
    assert client.get(url("quizzes_bank:export", bank.pk)).status_code == 200
    assert refused(client.get(url("quizzes_bank:edit", bank.pk)))
    assert refused(client.get(url("quizzes_bank:add")))
    assert refused(client.get(url("quizzes_bank:import", bank.pk)))
    assert refused(client.post(url("quizzes_bank:delete", bank.pk)))
    assert QuestionBank.objects.filter(pk=bank.pk).exists()


def test_reviewer_here_and_instructor_there_edits_only_there(client, reviewer, bank, other_bank):
    SchoolMembershipFactory(school=other_bank.school, user=reviewer, role=INSTRUCTOR)
    client.force_login(reviewer)
    assert client.get(url("quizzes_bank:edit", other_bank.pk)).status_code == 200
    assert refused(client.get(url("quizzes_bank:edit", bank.pk)))


@pytest.mark.parametrize("role", [ADMIN, INSTRUCTOR])
def test_admins_and_instructors_edit_their_schools_bank(client, school, admin_access, bank, role):
    client.force_login(member_of(school, role, admin_access))
    response = client.post(
        url("quizzes_bank:edit", bank.pk),
        {"school": school.pk, "name": "Renamed bank", "description": "Shoulder questions"},
    )
    assert response.status_code == 302
    bank.refresh_from_db()
    assert (bank.name, bank.description) == ("Renamed bank", "Shoulder questions")


# --- Creating a bank ------------------------------------------------------------------------


def test_bank_school_choices_are_the_users_schools(client, instructor, school, other_school):
    client.force_login(instructor)
    response = client.get(url("quizzes_bank:add"))
    assert response.status_code == 200
    choices = [pk for pk, _ in response.context["form"].fields["school"].choices if pk]
    assert [int(str(pk)) for pk in choices] == [school.pk]


def test_bank_cannot_be_created_for_another_school(client, instructor, other_school):
    client.force_login(instructor)
    response = client.post(url("quizzes_bank:add"), {"school": other_school.pk, "name": "Mine"})
    assert response.status_code == 200
    assert "school" in response.context["form"].errors
    assert not QuestionBank.objects.filter(name="Mine").exists()


def test_instructor_creates_a_bank(client, instructor, school):
    client.force_login(instructor)
    response = client.post(url("quizzes_bank:add"), {"school": school.pk, "name": "Neck"})
    assert response.status_code == 302
    assert QuestionBank.objects.get(name="Neck").school == school


def test_duplicate_bank_name_is_a_form_error(client, instructor, school, bank):
    client.force_login(instructor)
    response = client.post(url("quizzes_bank:add"), {"school": school.pk, "name": bank.name})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert QuestionBank.objects.filter(name=bank.name).count() == 1


def test_bank_in_use_by_a_quiz_is_not_deleted(client, instructor, bank, module):
    make_quiz(module, questions=[make_question(bank)])
    client.force_login(instructor)
    response = client.post(url("quizzes_bank:delete", bank.pk), follow=True)
    assert response.status_code == 200
    assert QuestionBank.objects.filter(pk=bank.pk).exists()
    assert "cannot be deleted" in response.content.decode()


# --- Categories -----------------------------------------------------------------------------


def test_category_list_is_scoped(client, instructor, bank, other_bank):
    QuestionCategory.objects.create(bank=bank, name="Mine")
    QuestionCategory.objects.create(bank=other_bank, name="Theirs")
    client.force_login(instructor)
    html = client.get(url("quizzes_category:index")).content.decode()
    assert "Mine" in html
    assert "Theirs" not in html


def test_category_list_shows_nested_paths(client, instructor, bank):
    top = QuestionCategory.objects.create(bank=bank, name="Anatomy")
    QuestionCategory.objects.create(bank=bank, parent=top, name="Shoulder")
    client.force_login(instructor)
    html = client.get(url("quizzes_category:index", bank=bank.pk)).content.decode()
    assert "Anatomy / Shoulder" in html


def test_category_of_another_school_is_not_found(client, instructor, other_bank):
    category = QuestionCategory.objects.create(bank=other_bank, name="Theirs")
    client.force_login(instructor)
    assert client.get(url("quizzes_category:edit", category.pk)).status_code == 404
    assert client.post(url("quizzes_category:delete", category.pk)).status_code == 404
    assert QuestionCategory.objects.filter(pk=category.pk).exists()


def test_category_create_limits_banks_and_parents(client, instructor, bank, other_bank):
    theirs = QuestionCategory.objects.create(bank=other_bank, name="Theirs")
    client.force_login(instructor)
    response = client.post(
        url("quizzes_category:add"), {"bank": other_bank.pk, "parent": "", "name": "Sneaky"}
    )
    assert "bank" in response.context["form"].errors
    response = client.post(
        url("quizzes_category:add"), {"bank": bank.pk, "parent": theirs.pk, "name": "Sneaky"}
    )
    assert "parent" in response.context["form"].errors
    assert not QuestionCategory.objects.filter(name="Sneaky").exists()


def test_category_parent_must_be_in_the_same_bank(client, instructor, school, bank):
    second = QuestionBank.objects.create(school=school, name="Second bank")
    elsewhere = QuestionCategory.objects.create(bank=second, name="Elsewhere")
    client.force_login(instructor)
    response = client.post(
        url("quizzes_category:add"), {"bank": bank.pk, "parent": elsewhere.pk, "name": "Child"}
    )
    assert response.context["form"].errors["parent"]
    response = client.post(
        url("quizzes_category:add"), {"bank": second.pk, "parent": elsewhere.pk, "name": "Child"}
    )
    assert response.status_code == 302
    assert QuestionCategory.objects.get(name="Child").parent == elsewhere


def test_category_cannot_become_its_own_descendant(client, instructor, bank):
    top = QuestionCategory.objects.create(bank=bank, name="Top")
    child = QuestionCategory.objects.create(bank=bank, parent=top, name="Child")
    client.force_login(instructor)
    response = client.post(
        url("quizzes_category:edit", top.pk), {"bank": bank.pk, "parent": child.pk, "name": "Top"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["parent"]
    top.refresh_from_db()
    assert top.parent is None


def test_page_header_offers_instructor_tools_to_the_schools_instructors_only(course, quiz, school):
    from django.urls import reverse

    from quizzes.wagtail_hooks import instructor_header_buttons
    from tests.factories import SchoolMembershipFactory, UserFactory

    course.school = school
    course.save()
    member = SchoolMembershipFactory(school=course.school, role="instructor").user
    stranger = SchoolMembershipFactory(role="instructor").user

    def labels(page, user):
        return [button.label for button in instructor_header_buttons(page, user)]

    assert labels(course, member) == ["Gradebook"]
    assert labels(quiz.page_ptr, member) == ["Attempts", "Item analysis"]
    assert labels(course, stranger) == labels(quiz, stranger) == []
    assert labels(quiz.get_parent(), member) == []  # a module page has no tools
    assert labels(course, UserFactory()) == []
    buttons = list(instructor_header_buttons(quiz, member))
    assert buttons[1].url == reverse("quizzes:item_analysis", args=[quiz.pk])
