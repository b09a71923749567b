"""Which bodies approve a course, with their approval numbers, hours and expiry, shown on the
course page before purchase, and the catalog filtered by accrediting body."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import AccreditingBody, CourseApproval
from tests.conftest import build_course
from tests.courses.test_catalog import titles
from tests.courses.test_query_counts import MAX_QUERIES

pytestmark = pytest.mark.django_db

EXPIRES = date(2031, 3, 31)


def body(abbreviation, name):
    return AccreditingBody.objects.create(abbreviation=abbreviation, name=name)


def approve(course, approver, number, hours, expires_on=EXPIRES):
    return CourseApproval.objects.create(
        course=course,
        body=approver,
        approved_title=course.title,
        ce_hours=Decimal(hours),
        approval_number=number,
        expires_on=expires_on,
    )


@pytest.fixture
def bodies(db):
    return {
        "NCBTMB": body("NCBTMB", "National Certification Board for Therapeutic Massage"),
        "FL-BMT": body("FL-BMT", "Florida Board of Massage Therapy"),
        "TX-DLR": body("TX-DLR", "Texas Department of Licensing and Regulation"),
    }


@pytest.fixture
def courses(catalog, bodies):
    short = build_course(catalog, title="Trigger Point Basics", ce_hours=Decimal("1.5"))
    long = build_course(catalog, title="Ethics for Bodyworkers", ce_hours=Decimal("8"))
    approve(short, bodies["NCBTMB"], "1234-567", "1.5")
    approve(short, bodies["FL-BMT"], "50-12345-01", "1.25", expires_on=None)
    approve(long, bodies["NCBTMB"], "1234-890", "8")
    yesterday = timezone.localdate() - timedelta(days=1)
    approve(long, bodies["TX-DLR"], "TX-0042", "8", expires_on=yesterday)
    return {"short": short, "long": long}


def test_the_course_page_names_each_body_its_number_hours_and_expiry(client, courses):
    html = client.get(courses["short"].url).content.decode()
    assert "Approved for CE credit by" in html
    assert "National Certification Board for Therapeutic Massage (NCBTMB)" in html
    assert "<td>1234-567</td>" in html and "<td>50-12345-01</td>" in html
    assert "1.5 CE hours (Home Study)" in html and "1.25 CE hours (Home Study)" in html
    assert "31 March 2031" in html and "No expiry set" in html
    assert html.index('data-approval="NCBTMB"') < html.index('data-approval="FL-BMT"')


def test_the_course_page_lists_only_current_approvals(client, courses):
    html = client.get(courses["long"].url).content.decode()
    assert "1234-890" in html
    assert "TX-0042" not in html and "Expired on" not in html


def test_a_ce_course_without_approvals_says_no_body_approved_it(client, catalog):
    course = build_course(catalog, title="Unapproved", ce_hours=Decimal("1"))
    html = client.get(course.url).content.decode()
    assert "No accrediting body has approved this course yet." in html
    assert "Approved for CE credit by" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("body=NCBTMB", {"Trigger Point Basics", "Ethics for Bodyworkers"}),
        ("body=FL-BMT", {"Trigger Point Basics"}),
        ("body=TX-DLR", set()),  # expired: no longer approved
        ("body=NOBODY", set()),
        ("body=FL-BMT&hours=6plus", set()),
        ("", {"Trigger Point Basics", "Ethics for Bodyworkers"}),
    ],
)
def test_the_catalog_filters_by_accrediting_body(client, courses, query, expected):
    assert titles(client.get(f"/courses/?{query}")) == expected


def test_the_filter_offers_the_bodies_with_a_current_approval(client, courses):
    html = client.get("/courses/").content.decode()
    assert '<option value="NCBTMB">' in html and '<option value="FL-BMT">' in html
    assert 'value="TX-DLR"' not in html
    assert "Any accrediting body" in html


def count(client, url) -> int:
    client.get(url)  # warm the site-root cache, as a running server has
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_approvals_cost_one_query_whatever_their_number(client, catalog, bodies):
    one = build_course(catalog, title="One approval")
    approve(one, bodies["NCBTMB"], "1", "1")
    three = build_course(catalog, title="Three approvals")
    for number, approver in enumerate(bodies.values()):
        approve(three, approver, str(number), "1")
    assert count(client, one.url) == count(client, three.url) <= MAX_QUERIES["course"]
    catalog_url = "/courses/?body=NCBTMB"
    small = count(client, catalog_url)
    for i in range(4):
        approve(build_course(catalog, title=f"More {i}"), bodies["FL-BMT"], f"m{i}", "1")
    assert count(client, catalog_url) == small <= MAX_QUERIES["catalog"]
