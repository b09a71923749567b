"""create_school stays for operators: with provider approvals as flags (no stdin needed), and
clear errors for a typo, an unknown body or a bad date."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from courses.management.commands.create_school import BAD_APPROVAL, BAD_EXPIRY
from courses.models import ProviderApproval
from schools.models import School
from tests.certificates.issue_helpers import body


@pytest.mark.django_db
def test_approvals_by_flag_fill_the_provider_numbers(catalog):
    body("NCBTMB", "National Certification Board")
    body("FL-BMT", "Florida Board of Massage Therapy")
    out = io.StringIO()
    call_command(
        "create_school",
        "Harbour School",
        "--slug",
        "harbour",
        "--approval",
        "NCBTMB:451234-10:2027-06-30",
        "--approval",
        "florida board of massage therapy:MCE999",
        "--no-input",
        stdout=out,
    )
    rows = ProviderApproval.objects.filter(school__slug="harbour").order_by("provider_number")
    assert [(a.body.abbreviation, a.provider_number, a.expires_on) for a in rows] == [
        ("NCBTMB", "451234-10", datetime.date(2027, 6, 30)),
        ("FL-BMT", "MCE999", None),
    ]
    text = out.getvalue()
    assert "provider approval: NCBTMB 451234-10, expires 2027-06-30" in text
    assert "/admin/schools/harbour/set-up/" in text
    # Again with a new number: replaced, not duplicated.
    call_command(
        "create_school", "Harbour School", "--slug", "harbour", "--approval", "NCBTMB:NEW-1",
        stdout=io.StringIO(),
    )  # fmt: skip
    assert ProviderApproval.objects.get(body__abbreviation="NCBTMB").provider_number == "NEW-1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("approval", "message"),
    [
        ("NCBTMB", BAD_APPROVAL.format(text="NCBTMB")),
        (
            "NCBTMB:123:30/06/2027",
            BAD_EXPIRY.format(text="NCBTMB:123:30/06/2027", expiry="30/06/2027"),
        ),
        ("NOPE:123", "No accrediting body is called “NOPE”. Known bodies: NCBTMB."),
    ],
)
def test_bad_approvals_are_clear_errors_and_create_nothing(catalog, approval, message):
    body("NCBTMB", "National Certification Board")
    with pytest.raises(CommandError) as error:
        call_command(
            "create_school", "Harbour School", "--slug", "harbour", "--approval", approval,
            stdout=io.StringIO(),
        )  # fmt: skip
    assert str(error.value) == message
    assert not School.objects.filter(slug="harbour").exists()
