"""The course editor offers only the editor's schools' instructors and schools (staff: all)."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from courses.models import CoursePage
from courses.services.schools import school_create
from schools.models import Instructor, SchoolMembership
from schools.services import school_member_add
from tests.factories import CoursePageFactory, UserFactory


@pytest.fixture
def schools(catalog):
    a = school_create(name="Harbour School", slug="harbour")
    b = school_create(name="Valley School", slug="valley")
    editor = UserFactory(email="b-instructor@example.com")
    school_member_add(school=b, user=editor, role=SchoolMembership.Role.INSTRUCTOR)
    return {
        "a": a,
        "b": b,
        "editor": editor,
        "a_instructor": Instructor.objects.create(name="Demo Harbourer", school=a),
        "b_instructor": Instructor.objects.create(name="Val Own", school=b),
    }


def new_course_form(client, parent):
    url = reverse("wagtailadmin_pages:add", args=("courses", "coursepage", parent.pk))
    response = client.get(url)
    assert response.status_code == 200
    return url, response.context["form"]


@pytest.mark.django_db
def test_new_course_offers_only_the_editors_school_instructors(client, schools):
    client.force_login(schools["editor"])
    _, form = new_course_form(client, schools["b"].section)
    assert list(form.fields["instructors"].queryset) == [schools["b_instructor"]]
    html = str(form["instructors"])
    assert "Val Own" in html and "Demo Harbourer" not in html
    assert list(form.fields["school"].queryset) == [schools["b"]]


@pytest.mark.django_db
def test_another_schools_instructor_is_refused_when_posted(client, schools):
    client.force_login(schools["editor"])
    url, _ = new_course_form(client, schools["b"].section)
    data = nested_form_data(
        {
            "title": "Posted course",
            "slug": "posted-course",
            "school": schools["b"].pk,
            "summary": "A course.",
            "description": rich_text(""),
            "level": "introductory",
            "ce_hours": "1",
            "price": "0",
            "currency": "usd",
            "blueprint_questions_per_objective": "1",
            "blueprint_questions_per_ce_hour": "5",
            "min_seat_minutes": "0",
            "objectives": inline_formset([{"text": "Learn it"}]),
            "approvals": inline_formset([]),
        }
    )
    data["instructors"] = [schools["a_instructor"].pk]
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "instructors" in response.context["form"].errors
    assert not CoursePage.objects.filter(slug="posted-course").exists()


@pytest.mark.django_db
def test_an_instructor_the_course_credits_already_stays_offered(client, schools):
    course = CoursePageFactory(parent=schools["b"].section, school=schools["b"])
    course.instructors.add(schools["a_instructor"])
    course.save_revision().publish()
    client.force_login(schools["editor"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))
    offered = set(response.context["form"].fields["instructors"].queryset)
    assert offered == {schools["a_instructor"], schools["b_instructor"]}


@pytest.mark.django_db
def test_staff_are_offered_every_schools_instructors(client, schools):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    _, form = new_course_form(client, schools["b"].section)
    offered = set(form.fields["instructors"].queryset)
    assert offered == {schools["a_instructor"], schools["b_instructor"]}


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "?q=Demo", "?q=Harbour"])
def test_the_instructor_chooser_and_its_search_list_only_the_editors_school(client, schools, query):
    client.force_login(schools["editor"])
    for name in ("choose", "choose_results"):
        url = reverse(f"wagtailsnippetchoosers_schools_instructor:{name}") + query
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Demo Harbourer" not in response.content.decode(), url
    chosen = reverse(
        "wagtailsnippetchoosers_schools_instructor:chosen", args=(schools["a_instructor"].pk,)
    )
    assert client.get(chosen).status_code == 404
    own = reverse("wagtailsnippetchoosers_schools_instructor:choose") + "?q=Val"
    assert "Val Own" in client.get(own).content.decode()


@pytest.mark.django_db
def test_new_course_starts_with_the_editors_only_school_chosen(client, schools):
    client.force_login(schools["editor"])
    _, form = new_course_form(client, schools["b"].section)
    assert form["school"].value() == schools["b"].pk
    assert "Valley School" in str(form["school"])


@pytest.mark.django_db
def test_course_dashboard_is_linked_from_the_page_tree(client, schools):
    course = CoursePageFactory(parent=schools["b"].section, school=schools["b"])
    client.force_login(schools["editor"])
    url = reverse("dashboard:course_for_page", args=[course.pk])
    listing = client.get(reverse("wagtailadmin_explore", args=[schools["b"].section.pk]))
    assert url in listing.content.decode()
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))
    assert url in edit.content.decode()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("dashboard:course", args=["valley", course.pk])
    outsider = UserFactory()
    school_member_add(school=schools["a"], user=outsider, role=SchoolMembership.Role.ADMIN)
    client.force_login(outsider)
    assert client.get(url).status_code == 404
