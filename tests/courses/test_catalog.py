from decimal import Decimal

import pytest

from tests.conftest import build_course
from tests.factories import TopicFactory


@pytest.fixture
def courses(catalog):
    trigger = TopicFactory(name="Trigger points", slug="trigger-points")
    ethics = TopicFactory(name="Ethics", slug="ethics")
    short = build_course(catalog, title="Trigger Point Basics", ce_hours=Decimal("1.5"))
    short.topics.add(trigger)
    short.save_revision().publish()
    long = build_course(
        catalog, title="Ethics for Bodyworkers", ce_hours=Decimal("8"), price=Decimal("99")
    )
    long.topics.add(ethics)
    long.save_revision().publish()
    return {"short": short, "long": long}


def titles(response) -> set[str]:
    html = response.content.decode()
    return {title for title in ("Trigger Point Basics", "Ethics for Bodyworkers") if title in html}


@pytest.mark.django_db
def test_catalog_lists_every_live_course(client, courses):
    response = client.get("/courses/")
    assert response.status_code == 200
    assert titles(response) == {"Trigger Point Basics", "Ethics for Bodyworkers"}
    assert "2 courses" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("topic=trigger-points", {"Trigger Point Basics"}),
        ("topic=ethics", {"Ethics for Bodyworkers"}),
        ("hours=lt2", {"Trigger Point Basics"}),
        ("hours=6plus", {"Ethics for Bodyworkers"}),
        ("hours=2to6", set()),
        ("price=free", {"Trigger Point Basics"}),
        ("price=paid", {"Ethics for Bodyworkers"}),
        ("q=ethics", {"Ethics for Bodyworkers"}),
        ("q=muscle", {"Trigger Point Basics", "Ethics for Bodyworkers"}),  # lesson text
    ],
)
def test_catalog_filters(client, courses, query, expected):
    assert titles(client.get(f"/courses/?{query}")) == expected


@pytest.mark.django_db
def test_unknown_filter_value_is_reported_not_a_crash(client, courses):
    response = client.get("/courses/?topic=no-such-topic&hours=forever")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert titles(response) == {"Trigger Point Basics", "Ethics for Bodyworkers"}


@pytest.mark.django_db
def test_draft_courses_are_not_in_the_catalog(client, courses):
    courses["long"].unpublish()
    assert titles(client.get("/courses/")) == {"Trigger Point Basics"}


@pytest.mark.django_db
def test_site_search_finds_courses_and_lessons(client, courses):
    response = client.get("/search/?q=basics")
    assert response.status_code == 200
    assert "Trigger Point Basics" in response.content.decode()
    lesson_hit = client.get("/search/?q=muscle").content.decode()
    assert "Lesson" in lesson_hit
    assert client.get("/search/?q=").status_code == 200
