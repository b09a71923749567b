"""The set-up checklist: what a new school still lacks, each item linking to where it is done,
the one-click starter design, and a school made by staff in the admin being set up."""

import datetime

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from certificates.models import CertificateTemplate
from certificates.rendering import builtin_design
from courses.services.schools import school_create
from schools import services
from schools.models import School, SchoolMembership
from teaching.onboarding.checklist import ce_blockers, school_checklist
from tests.certificates.issue_helpers import body
from tests.factories import UserFactory

Role = SchoolMembership.Role


@pytest.fixture
def school(catalog):
    return school_create(name="Harbour School", slug="harbour")


@pytest.fixture
def admin(school):
    user = UserFactory()
    services.school_member_add(school=school, user=user, role=Role.ADMIN)
    return user


def state(school):
    return {item.key: item.done for item in school_checklist(school=school)}


@pytest.mark.django_db
def test_a_new_school_misses_everything_and_the_blockers_say_what_stops_ce(school):
    assert state(school) == dict.fromkeys(
        ("legal", "approvals", "signatures", "team", "payout", "design"), False
    )
    items = school_checklist(school=school)
    assert [item.key for item in ce_blockers(items)] == ["legal", "approvals", "signatures"]


@pytest.mark.django_db
def test_each_item_turns_done_when_its_part_is_filled_in(school, admin):
    from courses.models import ProviderApproval

    image = get_image_model().objects.create(title="Signature", file=get_test_image_file())
    School.objects.filter(pk=school.pk).update(
        email="hi@harbour.example",
        address="1 Quay",
        administrator_name="Hana Harbour",
        administrator_title="Director",
        administrator_signature=image,
        payout_account="acct_1Abc",
    )
    ProviderApproval.objects.create(
        school=school,
        body=body("NCBTMB", "NCBTMB"),
        provider_number="AP-1",
        expires_on=datetime.date(2000, 1, 1),
    )
    school.refresh_from_db()
    assert state(school)["approvals"] is False  # expired only
    ProviderApproval.objects.update(expires_on=None)
    for role in (Role.INSTRUCTOR, Role.REVIEWER):
        services.school_member_add(school=school, user=UserFactory(), role=role)
    from certificates.designs.services import certificate_design_starter_create

    certificate_design_starter_create(school=school)
    assert all(state(school).values())
    assert ce_blockers(school_checklist(school=school)) == []


@pytest.mark.django_db
def test_checklist_page_for_the_schools_admin_only_in_flat_queries(
    client, school, admin, catalog, django_assert_max_num_queries
):
    url = reverse("onboarding:checklist", args=[school.slug])
    other = school_create(name="Valley School", slug="valley")
    outsider = UserFactory()
    services.school_member_add(school=other, user=outsider, role=Role.ADMIN)
    instructor = UserFactory()
    services.school_member_add(school=school, user=instructor, role=Role.INSTRUCTOR)
    for user in (outsider, instructor):
        client.force_login(user)
        assert client.get(url).status_code == 404
    client.force_login(admin)
    client.get(url)  # warm per-process caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    text = response.content.decode()
    assert "Set up Harbour School" in text
    assert "Still needed before your first CE course can publish" in text
    assert reverse("wagtailsnippets_schools_school:edit", args=[school.pk]) in text
    assert reverse("schools_team:team", args=[school.slug]) in text
    for _ in range(4):
        services.school_member_add(school=school, user=UserFactory(), role=Role.REVIEWER)
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_starter_design_is_one_click_copy_of_the_built_in_design(client, school, admin):
    client.force_login(admin)
    url = reverse("onboarding:starter_design", args=[school.slug])
    response = client.post(url)
    design = CertificateTemplate.objects.get(school=school)
    assert response.status_code == 302
    assert response.url == reverse(
        "wagtailsnippets_certificates_certificatetemplate:edit", args=[design.pk]
    )
    starter = builtin_design()
    assert (design.html, design.css, design.is_default) == (starter.html, starter.css, True)
    client.post(url)  # a second click makes no second copy
    assert CertificateTemplate.objects.filter(school=school).count() == 1
    assert client.get(url).status_code == 405


@pytest.mark.django_db
def test_a_school_added_by_staff_in_the_admin_is_set_up_and_opens_its_checklist(client, catalog):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    add = reverse("wagtailsnippets_schools_school:add")
    form = client.get(add)
    assert form.status_code == 200
    data = {
        "name": "Cove School",
        "slug": "cove",
        "email": "hi@cove.example",
        "approvals-TOTAL_FORMS": "0",
        "approvals-INITIAL_FORMS": "0",
        "approvals-MIN_NUM_FORMS": "0",
        "approvals-MAX_NUM_FORMS": "1000",
    }
    response = client.post(add, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("onboarding:checklist", args=["cove"])
    school = School.objects.get(slug="cove")
    assert school.section is not None and school.editors_group is not None
    assert school.section.url == "/courses/cove/"


@pytest.mark.django_db
def test_school_admin_edits_own_school_settings_not_anothers(client, school, admin, catalog):
    other = school_create(name="Valley School", slug="valley")
    client.force_login(admin)
    assert (
        client.get(reverse("wagtailsnippets_schools_school:edit", args=[school.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("wagtailsnippets_schools_school:edit", args=[other.pk])).status_code
        == 404
    )
    assert client.get(reverse("wagtailsnippets_schools_school:add")).status_code in (302, 403)
    listing = client.get(reverse("wagtailsnippets_schools_school:list")).content.decode()
    assert "Harbour School" in listing and "Valley School" not in listing
