"""Certificate designs are edited by a school's admins and instructors (as the README says),
a new design starts from the built-in design's source, and no chooser, list or form shows
another school's designs."""

import pytest
from django.urls import reverse

from certificates.models import CertificateTemplate
from certificates.rendering import builtin_design
from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.factories import UserFactory

Role = SchoolMembership.Role
DESIGNS = "wagtailsnippets_certificates_certificatetemplate"


@pytest.fixture
def world(catalog):
    harbour = school_create(name="Harbour School", slug="harbour")
    valley = school_create(name="Valley School", slug="valley")
    people = {}
    for school in (harbour, valley):
        for role in Role.values:
            user = UserFactory(email=f"{school.slug}-{role}@example.com")
            school_member_add(school=school, user=user, role=role)
            people[f"{school.slug}_{role}"] = user
    valley_design = CertificateTemplate.objects.create(
        school=valley, name="VALLEYSECRET design", html="<p>{{ learner.name }}</p>"
    )
    return {"harbour": harbour, "valley": valley, "people": people, "valley_design": valley_design}


@pytest.mark.django_db
def test_new_design_form_starts_from_the_built_in_design_and_offers_own_school_only(client, world):
    client.force_login(world["people"]["harbour_instructor"])
    response = client.get(reverse(f"{DESIGNS}:add"))
    assert response.status_code == 200
    form = response.context["form"]
    starter = builtin_design()
    assert form["html"].value() == starter.html
    assert form["css"].value() == starter.css
    assert list(form.fields["school"].queryset) == [world["harbour"]]
    assert "Valley School" not in str(form["school"])


@pytest.mark.django_db
def test_an_instructor_saves_a_design_for_their_school_and_not_for_another(client, world):
    client.force_login(world["people"]["harbour_instructor"])
    starter = builtin_design()
    data = {
        "name": "Ours",
        "page_size": starter.page_size,
        "html": starter.html,
        "css": starter.css,
    }
    response = client.post(reverse(f"{DESIGNS}:add"), {**data, "school": world["valley"].pk})
    assert response.status_code == 200  # the form again: Valley is not a choice
    assert not CertificateTemplate.objects.filter(name="Ours").exists()
    response = client.post(reverse(f"{DESIGNS}:add"), {**data, "school": world["harbour"].pk})
    assert response.status_code == 302
    design = CertificateTemplate.objects.get(name="Ours")
    assert design.school == world["harbour"]
    edit = reverse(f"{DESIGNS}:edit", args=[design.pk])
    assert client.get(edit).status_code == 200
    # The sandbox still refuses what it refused for admins.
    response = client.post(edit, {**data, "school": world["harbour"].pk, "html": "{% load x %}"})
    assert response.status_code == 200
    assert CertificateTemplate.objects.get(pk=design.pk).html.strip() == starter.html.strip()


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_no_list_or_view_of_designs_shows_another_schools(client, world, role):
    client.force_login(world["people"][f"harbour_{role}"])
    design = world["valley_design"]
    for query in ({}, {"q": "design"}):
        listing = client.get(reverse(f"{DESIGNS}:list"), query)
        assert "VALLEYSECRET" not in listing.content.decode()
    for name in ("edit", "inspect", "history", "usage", "preview_pdf"):
        response = client.get(reverse(f"{DESIGNS}:{name}", args=[design.pk]))
        assert response.status_code in (403, 404), name
    # Designs have no chooser: an unscoped one would list every school's.
    from django.urls import NoReverseMatch

    with pytest.raises(NoReverseMatch):
        reverse("wagtailsnippetchoosers_certificates_certificatetemplate:choose")


@pytest.mark.django_db
def test_reviewers_do_not_edit_designs(client, world):
    client.force_login(world["people"]["valley_reviewer"])
    edit = reverse(f"{DESIGNS}:edit", args=[world["valley_design"].pk])
    assert client.get(edit).status_code in (302, 403, 404)
