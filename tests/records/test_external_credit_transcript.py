"""Credit earned elsewhere in the transcript: accepted credit counts and is labelled apart,
self-reported credit is shown beside the totals, never in them."""

import io
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import CETopicCategory
from records.external_credit.services import external_credit_review
from tests.factories import UserFactory
from tests.records.external_credit_helpers import add_credit
from tests.records.transcript_helpers import approval, florida_board, make_certificate, read_csv

URL = "/transcript/"
RENEWAL = {"cycle_end": "2027-08-31", "body": "FL-BMT"}
IN_CYCLE = date(2026, 3, 1)
BEFORE_CYCLE = date(2025, 6, 1)


@pytest.fixture
def learner(db):
    return UserFactory(legal_name="Maria Lopez", licence_number="MA12345", licensing_board="fl-bmt")


@pytest.fixture
def florida(db):
    return florida_board()


@pytest.fixture
def ethics(florida):
    return CETopicCategory.objects.get(slug="ethics")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def mixed(learner, catalog, florida, ethics, staff):
    """3 h earned here; 2 h ethics accepted from elsewhere; 4 h self-reported; 5 h rejected;
    6 h accepted but before the cycle."""
    make_certificate(
        student=learner, catalog=catalog, completed_on=IN_CYCLE,
        approvals=[approval("FL-BMT", "3.00", number="FL-1", title="Neck work")],
    )  # fmt: skip
    accepted = add_credit(learner=learner, body=florida, hours="2", topics=[ethics],
                          title="Ethics elsewhere")  # fmt: skip
    external_credit_review(credit=accepted, reviewer=staff, accept=True)
    add_credit(learner=learner, body=florida, hours="4", title="Waiting course")
    rejected = add_credit(learner=learner, body=florida, hours="5", title="Rejected course")
    external_credit_review(credit=rejected, reviewer=staff, accept=False, reason="Not legible")
    old = add_credit(learner=learner, body=florida, hours="6", completed_on=BEFORE_CYCLE,
                     title="Old course")  # fmt: skip
    external_credit_review(credit=old, reviewer=staff, accept=True)


def test_totals_count_accepted_credit_and_show_the_rest_apart(client, learner, mixed):
    client.force_login(learner)
    html = client.get(URL, RENEWAL).content.decode()
    assert "5 of 24 CE hours" in html  # 3 here + 2 accepted
    assert "Earned here: 3 CE hours from 1 course" in html
    assert "Accepted from elsewhere: 2 CE hours from 1 course (counted in the total)" in html
    assert "Self-reported, awaiting review: 4 CE hours from 1 course" in html
    assert "Still needed: <strong>19 CE hours</strong>" in html
    # Ethics (2 h required) met by the accepted credit, and labelled so.
    assert "(of which 2 accepted from elsewhere)" in html
    for title in ("Ethics elsewhere", "Waiting course", "Rejected course", "Old course"):
        assert title in html
    assert "Add credit earned elsewhere" in html


def test_self_reported_credit_alone_counts_nothing(client, learner, florida):
    add_credit(learner=learner, body=florida, hours="24")
    client.force_login(learner)
    html = client.get(URL, RENEWAL).content.decode()
    assert "0 of 24 CE hours" in html and "Requirements met" not in html
    assert "Self-reported, awaiting review: 24 CE hours" in html


def test_credit_for_a_body_not_in_our_list_gets_its_own_totals(client, learner, staff, florida):
    credit = add_credit(learner=learner, body_name="Ontario College", hours="7")
    external_credit_review(credit=credit, reviewer=staff, accept=True)
    client.force_login(learner)
    html = client.get(URL, {"cycle_end": "2027-08-31", "body": "all"}).content.decode()
    assert "<h3>Ontario College</h3>" in html
    assert "7 CE hours</strong> from 0 courses" in html


def test_csv_lists_external_credit_labelled(client, learner, mixed):
    client.force_login(learner)
    header, *rows = read_csv(client.get(reverse("transcripts:transcript_csv"), RENEWAL))
    by_title = {r[2]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_title["Ethics elsewhere"]["Status"] == "Accepted from elsewhere"
    assert by_title["Ethics elsewhere"]["Counts toward the cycle ending"] == "2027-08-31"
    assert by_title["Ethics elsewhere"]["Topic categories"] == "Professional ethics"
    assert by_title["Ethics elsewhere"]["Provider"] == "Elsewhere Institute"
    assert by_title["Waiting course"]["Status"] == "Self-reported, awaiting review"
    assert by_title["Waiting course"]["Counts toward the cycle ending"] == "no"
    assert by_title["Rejected course"]["Status"] == "Not accepted"
    assert by_title["Old course"]["Counts toward the cycle ending"] == "no"
    assert by_title["Neck work"]["Status"] == "Issued"


def test_pdf_lists_external_credit_labelled(client, learner, mixed):
    client.force_login(learner)
    response = client.get(reverse("transcripts:transcript_pdf"), RENEWAL)
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "5 of 24 CE hours" in text
    assert "Accepted from elsewhere (counted): 2 CE hours" in text
    assert "Self-reported, awaiting review (not counted): 4 CE hours" in text
    assert "Credit earned elsewhere" in text and "Ethics elsewhere" in text


@pytest.mark.parametrize("count", [1, 20])
def test_transcript_query_count_is_flat_in_external_credit(
    client, learner, florida, ethics, count, django_assert_num_queries
):
    for n in range(count):
        add_credit(learner=learner, body=florida, hours="1", topics=[ethics], title=f"C{n}")
    client.force_login(learner)
    client.get(URL)  # the first page of a site creates its settings row
    # session user, certificates, credit from elsewhere, its topics, bodies, topic
    # requirements, and base.html's 4
    with django_assert_num_queries(10):
        response = client.get(URL, RENEWAL)
    assert f"Self-reported, awaiting review: {count} CE hour" in response.content.decode()
    with django_assert_num_queries(6):
        rows = read_csv(client.get(reverse("transcripts:transcript_csv"), RENEWAL))
    assert len(rows) == count + 1
