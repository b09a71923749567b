"""Deleting an account erases the person and keeps the CE record: the certificate still prints
and verifies with the name the board saw, and the school can still reissue it."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.html import escape

from certificates.models import Certificate, CourseEvaluation
from commerce.models import Order
from courses.models import Enrollment
from records.account_deletion import ALREADY_DELETED, STAFF_ACCOUNT, account_delete
from records.account_views import NOT_CONFIRMED, PASSWORD_MISMATCH
from records.models import TranscriptShare
from schools.models import SchoolMembership
from tests.certificates.issue_helpers import (
    CE_DETAILS,
    approved_course,
    completed_enrollment,
    issue,
    provider_school,
)
from tests.factories import PASSWORD, SchoolMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/accounts/delete/"


@pytest.fixture
def learner_with_records(catalog):
    school = provider_school()
    course = approved_course(catalog, school)
    student = UserFactory(email="maria@example.com", display_name="Maria")
    certificate = issue(completed_enrollment(course, student=student))
    Order.objects.create(
        student=student, course=course, amount="49.00", currency="usd", status="paid"
    )
    TranscriptShare.objects.create(user=student, token="share-token", label="Florida board")
    SchoolMembershipFactory(school=school, user=student, role=SchoolMembership.Role.REVIEWER)
    return student, certificate


def test_the_page_says_what_is_kept_why_and_for_how_long_and_what_is_erased(
    client, learner_with_records
):
    student, _ = learner_with_records
    client.force_login(student)
    page = client.get(URL).content.decode()
    assert "kept for 6 years after the course" in page
    assert escape("Your certificates, with the name, licence number and board") in page
    assert "Your orders and receipts" in page
    assert "Your email address and every other address on the account" in page
    assert 'name="password"' in page


def test_the_profile_links_to_it(client, user):
    client.force_login(user)
    assert URL in client.get("/accounts/profile/").content.decode()


def test_a_wrong_password_deletes_nothing(client, learner_with_records):
    student, _ = learner_with_records
    client.force_login(student)
    response = client.post(URL, {"password": "wrong", "confirm": "on"})
    assert response.status_code == 400
    assert escape(PASSWORD_MISMATCH) in response.content.decode()
    student.refresh_from_db()
    assert (student.email, student.is_active) == ("maria@example.com", True)


def test_the_box_must_be_ticked(client, learner_with_records):
    student, _ = learner_with_records
    client.force_login(student)
    response = client.post(URL, {"password": PASSWORD})
    assert response.status_code == 400
    assert NOT_CONFIRMED in response.content.decode()
    assert get_user_model().objects.get(pk=student.pk).is_active


def test_deleting_the_account_erases_the_person_and_keeps_the_ce_record(
    client, learner_with_records
):
    student, certificate = learner_with_records
    other_browser = Client()
    other_browser.force_login(student)
    client.force_login(student)

    response = client.post(URL, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302 and response["Location"] == "/accounts/delete/done/"
    student.refresh_from_db()
    assert student.email == f"deleted-{student.pk}@invalid"
    assert (student.display_name, student.legal_name, student.licence_number) == ("", "", "")
    assert (student.licensing_board, student.country) == ("", "")
    assert not student.is_active and not student.has_usable_password()
    assert not EmailAddress.objects.filter(user=student).exists()
    assert not TranscriptShare.objects.filter(user=student).exists()
    assert not SchoolMembership.objects.filter(user=student).exists()
    # Signed out here and in every other browser.
    assert client.get("/accounts/profile/").status_code == 302
    assert other_browser.get("/accounts/profile/").status_code == 302
    # The CE record stays, with the name the certificate printed.
    kept = Certificate.objects.get(pk=certificate.pk)
    assert kept.status == Certificate.Status.ISSUED
    assert kept.snapshot["learner"]["name"] == CE_DETAILS["legal_name"]
    assert kept.snapshot["learner"]["licence_number"] == CE_DETAILS["licence_number"]
    assert Enrollment.objects.filter(student=student).count() == 1
    assert CourseEvaluation.objects.filter(enrollment__student=student).count() == 1
    assert Order.objects.filter(student=student).count() == 1
    verify = client.get(f"/certificates/verify/{kept.verify_code}/").content.decode()
    assert CE_DETAILS["legal_name"] in verify
    done = client.get(response["Location"]).content.decode()
    assert "Your account was deleted" in done and "kept for 6 years" in done


def test_the_email_is_free_to_sign_up_again(client, learner_with_records):
    student, _ = learner_with_records
    account_delete(user=student)
    assert not get_user_model().objects.filter(email="maria@example.com").exists()
    UserFactory(email="maria@example.com")


def test_deleting_twice_is_refused(learner_with_records):
    from django.core.exceptions import ValidationError

    student, _ = learner_with_records
    account_delete(user=student)
    with pytest.raises(ValidationError) as error:
        account_delete(user=student)
    assert error.value.messages == [ALREADY_DELETED]


def test_a_staff_account_is_not_deleted_from_the_profile(client):
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    response = client.post(URL, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 400
    assert STAFF_ACCOUNT in response.content.decode()
    staff.refresh_from_db()
    assert staff.is_active


def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
