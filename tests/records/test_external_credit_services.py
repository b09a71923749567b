import os
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from records.account_deletion import account_delete
from records.external_credit import services, uploads
from records.external_credit.models import ExternalCredit
from records.external_credit.signals import external_credit_reviewed
from schools.models import SchoolMembership
from tests.factories import (
    SchoolFactory,
    SchoolMembershipFactory,
    UserFactory,
)
from tests.records.external_credit_helpers import (
    PDF_BYTES,
    PNG_BYTES,
    add_credit,
    enrolled_school,
    pdf,
)
from tests.records.transcript_helpers import ncbtmb

Status = ExternalCredit.Status


def _stored_files() -> set[str]:
    root = uploads.private_storage().location
    return {os.path.join(path, name) for path, _, names in os.walk(root) for name in names}


@pytest.fixture
def learner(db):
    return UserFactory(legal_name="Maria Lopez")


@pytest.fixture
def body(db):
    return ncbtmb()


@pytest.fixture
def school_with_learner(catalog, learner):
    return enrolled_school(learner=learner, catalog=catalog)


def test_added_credit_is_self_reported_and_its_file_private(learner, body):
    credit = add_credit(learner=learner, body=body)

    credit.refresh_from_db()
    assert credit.status == Status.SELF_REPORTED
    assert credit.certificate_name == "certificate.pdf"
    name = credit.certificate.name
    # Random folder and name: nothing in the path to guess from.
    assert re.fullmatch(r"external-credit/[0-9a-f]{32}/[\w-]{22}\.pdf", name)
    storage = uploads.private_storage()
    assert storage.open(name).read() == PDF_BYTES
    # Never under MEDIA_ROOT, so no media URL reaches it.
    assert not str(storage.path(name)).startswith(str(settings.MEDIA_ROOT) + "/")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"hours": Decimal("0")}, "hours", "greater than or equal to 0.01"),
        ({"hours": Decimal("100.5")}, "hours", "less than or equal to 100"),
        (
            {"completed_on": timezone.localdate() + timedelta(days=1)},
            "completed_on",
            services.FUTURE_DATE,
        ),
        ({"body": None, "body_name": " "}, "body", services.NO_BODY),
        ({"certificate": None}, "certificate", services.NO_CERTIFICATE),
        (
            {"certificate": SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 a program, renamed")},
            "certificate",
            uploads.WRONG_TYPE,
        ),
        (
            {"certificate": pdf(content=b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES)},
            "certificate",
            uploads.TOO_BIG,
        ),
    ],
)
def test_bad_credit_is_refused_and_nothing_is_kept(learner, body, overrides, field, message):
    files_before = _stored_files()
    kwargs = {
        "learner": learner,
        "provider_name": "Elsewhere",
        "course_title": "Cupping",
        "body": body,
        "hours": Decimal("2"),
        "completed_on": timezone.localdate(),
        "certificate": pdf(),
        **overrides,
    }
    with pytest.raises(ValidationError) as raised:
        services.external_credit_add(**kwargs)
    assert any(message in m for m in raised.value.message_dict[field])
    assert not ExternalCredit.objects.exists()
    assert _stored_files() == files_before


def test_a_png_keeps_its_type_whatever_its_name(learner, body):
    credit = services.external_credit_add(
        learner=learner,
        provider_name="Elsewhere",
        course_title="Cupping",
        body=body,
        hours=Decimal("1.5"),
        completed_on=timezone.localdate(),
        certificate=SimpleUploadedFile("scan.pdf", PNG_BYTES),
    )
    assert credit.certificate.name.endswith(".png")
    assert uploads.content_type(credit.certificate.name) == "image/png"


def test_free_text_body_when_not_in_our_list(learner):
    credit = add_credit(learner=learner, body_name="  Ontario College  ")
    assert credit.body is None and credit.body_label == "Ontario College"


def test_editing_accepted_credit_sends_it_back_for_review(
    learner, body, django_capture_on_commit_callbacks
):
    credit = add_credit(learner=learner, body=body)
    staff = UserFactory(is_staff=True)
    services.external_credit_review(credit=credit, reviewer=staff, accept=True)
    old_file = ExternalCredit.objects.get(pk=credit.pk).certificate.name

    with django_capture_on_commit_callbacks(execute=True):
        services.external_credit_update(
            credit=credit,
            provider_name="Elsewhere Institute",
            course_title="Cupping, advanced",
            body=body,
            hours=Decimal("3"),
            completed_on=credit.completed_on,
            certificate=SimpleUploadedFile("new.png", PNG_BYTES),
        )

    credit.refresh_from_db()
    assert credit.status == Status.SELF_REPORTED
    assert credit.reviewed_by is None and credit.reviewed_at is None
    assert credit.hours == Decimal("3") and credit.certificate_name == "new.png"
    storage = uploads.private_storage()
    assert storage.exists(credit.certificate.name)
    assert not storage.exists(old_file)


def test_delete_removes_the_row_and_the_file(learner, body, django_capture_on_commit_callbacks):
    credit = add_credit(learner=learner, body=body)
    name = credit.certificate.name
    with django_capture_on_commit_callbacks(execute=True):
        services.external_credit_delete(credit=credit)
        services.external_credit_delete(credit=credit)  # a second click changes nothing
    assert not ExternalCredit.objects.exists()
    assert not uploads.private_storage().exists(name)


def test_staff_accept_and_the_learner_is_told(learner, body):
    credit = add_credit(learner=learner, body=body)
    staff = UserFactory(is_staff=True)
    heard = []

    def listener(sender, credit, **kwargs):
        heard.append((credit.pk, credit.status))

    external_credit_reviewed.connect(listener)
    try:
        services.external_credit_review(credit=credit, reviewer=staff, accept=True)
        # A double click: the same decision again changes nothing and says nothing.
        services.external_credit_review(credit=credit, reviewer=staff, accept=True)
    finally:
        external_credit_reviewed.disconnect(listener)

    credit.refresh_from_db()
    assert credit.status == Status.ACCEPTED and credit.reviewed_by == staff
    assert credit.reviewed_at is not None
    assert heard == [(credit.pk, Status.ACCEPTED)]
    with pytest.raises(ValidationError, match="already reviewed"):
        services.external_credit_review(credit=credit, reviewer=staff, accept=False, reason="x")


def test_rejecting_needs_a_reason(learner, body):
    credit = add_credit(learner=learner, body=body)
    staff = UserFactory(is_staff=True)
    with pytest.raises(ValidationError) as raised:
        services.external_credit_review(credit=credit, reviewer=staff, accept=False, reason=" ")
    assert raised.value.message_dict["reason"] == [services.REASON_NEEDED]
    services.external_credit_review(
        credit=credit, reviewer=staff, accept=False, reason="The certificate names someone else."
    )
    credit.refresh_from_db()
    assert credit.status == Status.REJECTED
    assert credit.review_reason == "The certificate names someone else."


def test_school_teaching_members_review_only_their_learners(learner, body, school_with_learner):
    school, admin = school_with_learner
    other_admin = UserFactory()
    SchoolMembershipFactory(
        school=SchoolFactory(), user=other_admin, role=SchoolMembership.Role.ADMIN
    )
    reviewer_role = UserFactory()
    SchoolMembershipFactory(school=school, user=reviewer_role, role=SchoolMembership.Role.REVIEWER)
    credit = add_credit(learner=learner, body=body)

    for outsider in (other_admin, reviewer_role, learner, UserFactory()):
        with pytest.raises(PermissionDenied):
            services.external_credit_review(credit=credit, reviewer=outsider, accept=True)
    services.external_credit_review(credit=credit, reviewer=admin, accept=True)
    assert ExternalCredit.objects.get(pk=credit.pk).status == Status.ACCEPTED


def test_deleting_the_account_erases_credit_and_files(
    learner, body, django_capture_on_commit_callbacks
):
    name = add_credit(learner=learner, body=body).certificate.name
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=learner)
    assert not ExternalCredit.objects.exists()
    assert not uploads.private_storage().exists(name)


def test_the_same_submission_adds_the_credit_once_and_stores_one_file(learner, body):
    key = "a" * 32
    first = add_credit(learner=learner, body=body, submission_key=key)
    files = _stored_files()

    again = add_credit(learner=learner, body=body, hours="3", submission_key=key)

    assert again.pk == first.pk and again.hours == first.hours
    assert ExternalCredit.objects.filter(learner=learner).count() == 1
    assert _stored_files() == files


def test_another_submission_or_another_learner_adds_again(learner, body):
    add_credit(learner=learner, body=body, submission_key="a" * 32)
    add_credit(learner=learner, body=body, submission_key="b" * 32)
    add_credit(learner=UserFactory(), body=body, submission_key="a" * 32)
    add_credit(learner=learner, body=body)
    add_credit(learner=learner, body=body)
    assert ExternalCredit.objects.count() == 5
