import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from courses.models import AccreditingBody
from records import cycles as cycles
from records import selectors as selectors
from tests.factories import UserFactory
from tests.records.transcript_helpers import (
    approval,
    florida_board,
    make_certificate,
    ncbtmb,
    read_csv,
)

URL = "/transcript/"
IN_CYCLE = date(2026, 3, 1)  # inside the cycle 1 Sep 2025 - 31 Aug 2027
BEFORE_CYCLE = date(2025, 6, 1)
RENEWAL = {"cycle_end": "2027-08-31"}


@pytest.fixture
def learner(db):
    return UserFactory(legal_name="Maria Lopez", licence_number="MA12345", licensing_board="fl-bmt")


@pytest.fixture
def bodies(db):
    return florida_board(), ncbtmb()


@pytest.fixture
def history(learner, catalog, bodies):
    """Three certificates: one counted, one revoked, one completed before the cycle."""
    counted = make_certificate(
        student=learner,
        catalog=catalog,
        completed_on=IN_CYCLE,
        approvals=[
            approval(
                "FL-BMT",
                "3.00",
                number="FL-77",
                title="Ethics for Massage Therapists",
                categories=("Professional ethics",),
            ),
            approval("NCBTMB", "3.00", number="NCB-1", title="Ethics for Massage Therapists"),
        ],
    )
    revoked = make_certificate(
        student=learner,
        catalog=catalog,
        completed_on=IN_CYCLE,
        status=Certificate.Status.REVOKED,
        approvals=[
            approval(
                "FL-BMT",
                "2.00",
                number="FL-78",
                title="Florida Laws 2026",
                categories=("Florida laws and rules",),
            )
        ],
    )
    old = make_certificate(
        student=learner,
        catalog=catalog,
        completed_on=BEFORE_CYCLE,
        approvals=[approval("FL-BMT", "4.00", number="FL-50", title="Neck and Shoulder")],
    )
    return counted, revoked, old


# --- Renewal cycles -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 24), -24, date(2024, 11, 24)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
    ],
)
def test_add_months_clamps_to_the_month_end(day, months, expected):
    assert cycles.add_months(day, months) == expected


def test_cycle_runs_back_whole_months_from_the_renewal_date():
    assert cycles.cycle_start(cycle_end=date(2027, 8, 31), months=24) == date(2025, 9, 1)
    assert cycles.cycle_start(cycle_end=date(2027, 2, 28), months=24) == date(2025, 3, 1)
    assert cycles.cycle_start(cycle_end=date(2028, 12, 31), months=48) == date(2025, 1, 1)


def test_default_cycle_is_the_calendar_aligned_cycle_containing_today():
    today = date(2026, 11, 24)
    assert cycles.default_cycle_end(today=today, months=24) == date(2027, 12, 31)
    assert cycles.default_cycle_end(today=date(2027, 12, 31), months=24) == date(2027, 12, 31)
    assert cycles.default_cycle_end(today=date(2028, 1, 1), months=24) == date(2029, 12, 31)
    assert cycles.default_cycle_end(today=today, months=12) == date(2026, 12, 31)
    assert cycles.default_cycle_end(today=today, months=48) == date(2027, 12, 31)


# --- Totals per cycle, body and topic -------------------------------------------------------


def build(learner, **options):
    return selectors.learner_transcript(
        user=learner,
        certificates=list(selectors.transcript_certificates(user=learner)),
        bodies=selectors.accrediting_bodies(),
        today=date(2026, 11, 24),
        **options,
    )


def test_board_totals_count_only_valid_certificates_inside_the_cycle(learner, history):
    transcript = build(learner, cycle_end=date(2027, 8, 31))

    assert transcript.board_body.abbreviation == "FL-BMT"  # "fl-bmt" in the profile
    assert transcript.body == "FL-BMT"
    (florida,) = transcript.progress
    assert (florida.cycle_start, florida.cycle_end) == (date(2025, 9, 1), date(2027, 8, 31))
    assert florida.done == Decimal("3.00")  # revoked 2 h and the older 4 h are left out
    assert florida.courses_counted == 1
    assert florida.required == Decimal("24")
    assert florida.missing == Decimal("21")
    assert not florida.is_complete
    topics = {t.category: (t.required, t.done, t.missing) for t in florida.topics}
    assert topics == {
        "Professional ethics": (Decimal("2"), Decimal("3.00"), Decimal("0")),
        "Florida laws and rules": (Decimal("2"), Decimal("0"), Decimal("2")),
    }


def test_a_longer_window_brings_older_hours_in(learner, history):
    AccreditingBody.objects.filter(abbreviation="FL-BMT").update(renewal_cycle_months=48)
    (florida,) = build(learner, cycle_end=date(2027, 8, 31)).progress
    assert florida.cycle_start == date(2023, 9, 1)
    assert florida.done == Decimal("7.00")


def test_board_matches_the_body_name_case_insensitively(learner, history):
    learner.licensing_board = "  florida board of MASSAGE therapy "
    transcript = build(learner, cycle_end=date(2027, 8, 31))
    assert transcript.board_body.abbreviation == "FL-BMT"


def test_unknown_board_totals_every_body(learner, history):
    learner.licensing_board = "Texas (TDLR)"
    transcript = build(learner, cycle_end=date(2027, 8, 31))

    assert transcript.board_body is None
    assert transcript.body == selectors.ALL_BODIES
    totals = {p.abbreviation: p.done for p in transcript.progress}
    assert totals == {"FL-BMT": Decimal("3.00"), "NCBTMB": Decimal("3.00")}


def test_body_of_a_certificate_that_we_do_not_know_has_no_requirement(learner, catalog, bodies):
    make_certificate(
        student=learner, catalog=catalog, completed_on=IN_CYCLE, approvals=[approval("AMTA", "5")]
    )
    (amta,) = build(learner, body="AMTA", cycle_end=date(2027, 8, 31)).progress
    assert (amta.name, amta.done, amta.required, amta.missing) == ("AMTA", 5, None, 0)
    assert amta.months == cycles.DEFAULT_CYCLE_MONTHS


def test_requirements_met_when_hours_and_topics_are_done(learner, catalog, bodies):
    make_certificate(
        student=learner,
        catalog=catalog,
        completed_on=IN_CYCLE,
        approvals=[
            approval("FL-BMT", "24", categories=("Professional ethics", "Florida laws and rules"))
        ],
    )
    (florida,) = build(learner, cycle_end=date(2027, 8, 31)).progress
    assert florida.is_complete and florida.missing == 0


def test_default_cycle_follows_the_chosen_body(learner, history):
    transcript = build(learner)
    assert transcript.is_default_cycle
    assert transcript.cycle_end == date(2027, 12, 31)


# --- The page -------------------------------------------------------------------------------


def test_transcript_needs_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response.url


def test_transcript_page_lists_certificates_totals_and_topics(client, learner, history):
    counted, revoked, _ = history
    client.force_login(learner)
    response = client.get(URL, RENEWAL)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = response.content.decode()
    assert "Ethics for Massage Therapists" in html
    assert "FL-BMT: 3 CE hours" in html and "NCBTMB: 3 CE hours" in html
    assert "(approval FL-77)" in html
    assert f'href="/certificates/verify/{counted.verify_code}/"' in html
    assert "<del>Florida Laws 2026</del>" in html and "Revoked, not counted" in html
    assert f"<del>{revoked.number}</del>" in html
    assert "3 of 24 CE hours" in html
    assert "Still needed: <strong>21 CE hours</strong>" in html
    assert "1 September 2025 to 31 August 2027" in html
    assert '<th scope="row">Florida laws and rules</th>' in html


def test_body_choice_and_renewal_date_change_the_totals(client, learner, history):
    client.force_login(learner)
    response = client.get(URL, {"cycle_end": "2025-12-31", "body": "FL-BMT"})
    # Cycle 1 Jan 2024 - 31 Dec 2025: only the older 4-hour course.
    assert "4 of 24 CE hours" in response.content.decode()

    response = client.get(URL, {"cycle_end": "2027-08-31", "body": "all"})
    html = response.content.decode()
    assert "<h3>NCBTMB: National Certification Board" in html
    assert "<h3>FL-BMT: Florida Board of Massage Therapy</h3>" in html


def test_default_renewal_date_is_filled_in_and_explained(client, learner, history):
    expected = cycles.default_cycle_end(today=timezone.localdate(), months=24)
    client.force_login(learner)
    html = client.get(URL).content.decode()
    assert f'value="{expected.isoformat()}"' in html
    assert '<option value="FL-BMT" selected>' in html
    assert "is an estimate" in html


def test_bad_renewal_date_is_a_form_error(client, learner, history):
    client.force_login(learner)
    response = client.get(URL, {"cycle_end": "31/31/2027"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()

    response = client.get(reverse("transcripts:transcript_csv"), {"cycle_end": "nonsense"})
    assert response.status_code == 400
    assert b"Enter a valid date." in response.content


def test_transcript_is_the_signed_in_learners_own(client, learner, history):
    other = UserFactory()
    client.force_login(other)
    html = client.get(URL).content.decode()
    assert "Ethics for Massage Therapists" not in html
    assert "No certificates yet" in html


def test_pending_certificates_are_not_on_the_transcript(client, learner, catalog, bodies):
    make_certificate(
        student=learner,
        catalog=catalog,
        status=Certificate.Status.PENDING,
        approvals=[approval(title="Awaiting confirmation")],
    )
    client.force_login(learner)
    assert "Awaiting confirmation" not in client.get(URL).content.decode()


# --- CSV and PDF ----------------------------------------------------------------------------


def test_transcript_csv_has_one_row_per_body_approval(client, learner, history):
    counted, revoked, old = history
    client.force_login(learner)
    response = client.get(reverse("transcripts:transcript_csv"), RENEWAL)

    assert response["Content-Disposition"].startswith('attachment; filename="ce-transcript-')
    header, *rows = read_csv(response)
    assert header == [
        "Certificate number",
        "Status",
        "Approved course title",
        "Body",
        "Approval number",
        "CE hours",
        "Topic categories",
        "Completed on",
        "Counts toward the cycle ending",
        "Verification page",
        "Provider",
    ]
    by_approval = {(r[0], r[3]): r for r in rows}
    assert len(rows) == 4
    assert by_approval[(counted.number, "FL-BMT")] == [
        counted.number,
        "Issued",
        "Ethics for Massage Therapists",
        "FL-BMT",
        "FL-77",
        "3.00",
        "Professional ethics",
        "2026-03-01",
        "2027-08-31",
        f"http://testserver/certificates/verify/{counted.verify_code}/",
        counted.snapshot["provider"]["name"],
    ]
    assert by_approval[(revoked.number, "FL-BMT")][1] == "Revoked"
    assert by_approval[(revoked.number, "FL-BMT")][8] == "no"
    assert by_approval[(old.number, "FL-BMT")][8] == "no"


def test_transcript_csv_escapes_formulas(client, learner, catalog, bodies):
    make_certificate(
        student=learner, catalog=catalog, approvals=[approval(title='=HYPERLINK("x")')]
    )
    client.force_login(learner)
    _, row = read_csv(client.get(reverse("transcripts:transcript_csv")))
    assert row[2] == '\'=HYPERLINK("x")'


def test_transcript_pdf_holds_the_totals_and_certificates(client, learner, history):
    counted = history[0]
    client.force_login(learner)
    response = client.get(reverse("transcripts:transcript_pdf"), RENEWAL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join((page.extract_text() or "").split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Maria Lopez" in text and "Licence MA12345" in text
    assert "Ethics for Massage Therapists" in text
    assert "3 of 24 CE hours" in text and "Still needed: 21 CE hours" in text
    assert "Florida laws and rules" in text
    assert "revoked, not counted" in text
    assert counted.number in text


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 30])
def test_transcript_query_count_does_not_grow(
    client, learner, catalog, bodies, count, django_assert_max_num_queries
):
    for n in range(count):
        make_certificate(
            student=learner,
            catalog=catalog,
            completed_on=IN_CYCLE,
            approvals=[approval("FL-BMT", "1", number=f"FL-{n}", categories=("Ethics",))],
        )
    client.force_login(learner)
    client.get(URL)  # the first page of a site creates its settings row
    # session user, certificates, credit earned elsewhere, bodies, topic requirements, and
    # base.html's 4
    with django_assert_max_num_queries(9):
        response = client.get(URL, RENEWAL)
    assert response.status_code == 200
    assert f"{count} of 24 CE hours" in response.content.decode()
    with django_assert_max_num_queries(5):
        assert len(read_csv(client.get(reverse("transcripts:transcript_csv")))) == count + 1


def test_a_course_no_body_approved_is_listed_without_counting(client, learner, catalog, bodies):
    certificate = make_certificate(student=learner, catalog=catalog, approvals=[])
    client.force_login(learner)
    html = client.get(URL, RENEWAL).content.decode()
    assert '3 CE hours <span class="muted">(no body approval)</span>' in html
    assert "0 of 24 CE hours" in html

    _, row = read_csv(client.get(reverse("transcripts:transcript_csv"), RENEWAL))
    assert row[:6] == [certificate.number, "Issued", certificate.course.title, "", "", "3.00"]
    assert row[8] == "no"


def test_body_select_shows_the_body_the_totals_are_for(client, learner, history):
    client.force_login(learner)
    html = client.get(URL, RENEWAL).content.decode()  # no body given: the profile's board
    assert '<option value="FL-BMT" selected>' in html
    html = client.get(URL, {**RENEWAL, "body": "all"}).content.decode()
    assert '<option value="all" selected>' in html
    response = client.get(URL, {**RENEWAL, "body": "NOPE"})
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
