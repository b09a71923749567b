"""A school's section is its public page; the top catalog filters courses by school."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from courses.models import AccreditingBody, ProviderApproval
from courses.services.schools import school_create
from tests.conftest import build_course
from tests.courses.test_query_counts import MAX_QUERIES


@pytest.fixture
def harbour(catalog):
    school = school_create(name="Harbour School", slug="harbour", email="hi@harbour.example")
    school.description = "Hands-on CE for massage therapists since 1998."
    school.website = "https://harbour.example"
    school.address = "1 Quay Street\nPortsmouth"
    school.logo = Image.objects.create(title="Harbour logo", file=get_test_image_file())
    school.save()
    for abbreviation, number in (("NCBTMB", "451234-11"), ("FL-BMT", "MCE1234")):
        body = AccreditingBody.objects.create(
            name=f"{abbreviation} board", abbreviation=abbreviation
        )
        ProviderApproval.objects.create(school=school, body=body, provider_number=number)
    return school


@pytest.fixture
def valley(catalog):
    return school_create(name="Valley School", slug="valley")


def add_courses(school, count: int, prefix: str):
    return [
        build_course(school.section, lessons_per_module=1, school=school, title=f"{prefix} {n}")
        for n in range(1, count + 1)
    ]


def card_titles(response) -> list[str]:
    return [course.title for course in response.context["courses"]]


@pytest.mark.django_db
def test_section_page_shows_the_school_and_only_its_courses(client, harbour, valley):
    add_courses(harbour, 2, "Harbour course")
    add_courses(valley, 1, "Valley course")

    response = client.get(harbour.section.url)

    assert response.status_code == 200
    assert response.context["school"] == harbour
    assert card_titles(response) == ["Harbour course 1", "Harbour course 2"]
    html = response.content.decode()
    assert "<h1>Harbour School</h1>" in html
    assert 'alt="Harbour School"' in html
    assert "Hands-on CE for massage therapists since 1998." in html
    assert 'href="mailto:hi@harbour.example"' in html
    assert 'href="https://harbour.example"' in html
    assert "1 Quay Street<br>Portsmouth" in html
    assert '<abbr title="NCBTMB board">NCBTMB</abbr> provider number 451234-11' in html
    assert '<abbr title="FL-BMT board">FL-BMT</abbr> provider number MCE1234' in html
    assert "Valley course" not in html
    assert 'name="school"' not in html  # a school's own page does not filter by school


@pytest.mark.django_db
def test_section_of_a_school_without_logo_or_approvals_shows_what_it_has(client, valley):
    add_courses(valley, 1, "Valley course")

    html = client.get(valley.section.url).content.decode()

    assert "<h1>Valley School</h1>" in html
    assert "school-profile__logo" not in html
    assert "Approved continuing-education provider" not in html
    assert "Valley course 1" in html


@pytest.mark.django_db
def test_top_catalog_is_not_a_school_page_and_offers_schools_with_live_courses(
    client, catalog, harbour, valley
):
    add_courses(harbour, 1, "Harbour course")
    school_create(name="Empty School", slug="empty")

    response = client.get(catalog.url)

    assert response.context["school"] is None
    assert list(response.context["filter_form"].fields["school"].widget.choices) == [
        ("", "Any school"),
        ("harbour", "Harbour School"),
    ]
    html = response.content.decode()
    assert '<label for="id_school">School</label>' in html
    assert "provider number" not in html


@pytest.mark.django_db
def test_catalog_filters_by_school(client, catalog, harbour, valley):
    add_courses(harbour, 2, "Harbour course")
    add_courses(valley, 1, "Valley course")

    response = client.get(catalog.url, {"school": "valley"})

    assert card_titles(response) == ["Valley course 1"]
    assert '<option value="valley" selected>Valley School</option>' in response.content.decode()
    assert card_titles(client.get(catalog.url, {"school": ""})) == [
        "Harbour course 1",
        "Harbour course 2",
        "Valley course 1",
    ]


@pytest.mark.django_db
def test_catalog_filter_by_unknown_school_lists_nothing_and_says_so(client, catalog, harbour):
    add_courses(harbour, 1, "Harbour course")

    response = client.get(catalog.url, {"school": "nowhere"})

    assert response.status_code == 200
    assert card_titles(response) == []
    html = response.content.decode()
    assert "No courses match these filters." in html
    assert "Clear filters" in html


@pytest.mark.django_db
def test_catalog_query_count_is_the_same_for_3_and_12_courses_across_two_schools(
    client, catalog, harbour, valley
):
    def count(url: str) -> int:
        client.get(url)  # warm Wagtail's site-root cache, as any running server has
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add_courses(harbour, 2, "Harbour small")
    add_courses(valley, 1, "Valley small")
    small = {url: count(url) for url in (catalog.url, harbour.section.url)}

    add_courses(harbour, 5, "Harbour large")
    add_courses(valley, 4, "Valley large")
    large = {url: count(url) for url in (catalog.url, harbour.section.url)}

    assert large == small
    assert large[catalog.url] <= MAX_QUERIES["catalog"]
    assert large[harbour.section.url] <= MAX_QUERIES["catalog"]
