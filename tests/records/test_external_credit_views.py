from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from records.external_credit import uploads
from records.external_credit.models import ExternalCredit
from records.external_credit.services import FUTURE_DATE, NO_BODY
from schools.models import SchoolMembership
from tests.factories import (
    SchoolMembershipFactory,
    UserFactory,
)
from tests.records.external_credit_helpers import PDF_BYTES, add_credit, enrolled_school, pdf
from tests.records.transcript_helpers import ncbtmb

ADD = reverse("transcripts:external_credit_add")
LIST = reverse("transcripts:external_credits")
QUEUE = reverse("transcripts:external_credit_reviews")


@pytest.fixture
def learner(db):
    return UserFactory(legal_name="Maria Lopez")


@pytest.fixture
def body(db):
    return ncbtmb()


@pytest.fixture
def credit(learner, body):
    return add_credit(learner=learner, body=body, title="Cupping basics")


@pytest.fixture
def school_admin(catalog, learner):
    """The admin of a school the learner enrolled with."""
    return enrolled_school(learner=learner, catalog=catalog)[1]


def _form(accrediting_body, /, **overrides):
    return {
        "course_title": "Cupping basics",
        "provider_name": "Elsewhere Institute",
        "body": accrediting_body.pk,
        "body_name": "",
        "hours": "2.5",
        "completed_on": "2026-03-01",
        "certificate": pdf(),
        **overrides,
    }


def test_learner_adds_credit_and_sees_it_self_reported(client, learner, body):
    client.force_login(learner)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, _form(body))
    assert response.status_code == 302 and response["Location"] == LIST
    credit = ExternalCredit.objects.get(learner=learner)
    assert credit.status == ExternalCredit.Status.SELF_REPORTED
    html = client.get(LIST).content.decode()
    assert "Cupping basics" in html and "Self-reported, awaiting review" in html


def test_a_second_post_of_the_same_form_shows_the_first_result_and_adds_nothing(
    client, learner, body
):
    client.force_login(learner)
    page = client.get(ADD)
    key = page.context["form"]["submission_key"].value()
    assert f'type="hidden" name="submission_key" value="{key}"' in page.content.decode()

    first = client.post(ADD, _form(body, submission_key=key), follow=True)
    second = client.post(ADD, _form(body, submission_key=key), follow=True)

    assert ExternalCredit.objects.filter(learner=learner).count() == 1
    for response in (first, second):
        assert response.redirect_chain == [(LIST, 302)]
        assert "Added. It shows as self-reported" in response.content.decode()
    assert client.get(ADD).context["form"]["submission_key"].value() != key  # a new form


def test_a_form_shown_after_an_error_keeps_its_key(client, learner, body):
    client.force_login(learner)
    key = "c" * 32
    response = client.post(ADD, _form(body, submission_key=key, hours="0"))
    assert response.status_code == 400
    assert f'name="submission_key" value="{key}"' in response.content.decode()
    assert client.post(ADD, _form(body, submission_key=key)).status_code == 302
    assert client.post(ADD, _form(body, submission_key=key)).status_code == 302
    assert ExternalCredit.objects.filter(learner=learner).count() == 1


def test_a_malformed_key_is_refused(client, learner, body):
    client.force_login(learner)
    response = client.post(ADD, _form(body, submission_key="not-a-key"))
    assert response.status_code == 400
    assert not ExternalCredit.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"certificate": SimpleUploadedFile("evil.pdf", b"<script>alert(1)</script>")},
         uploads.WRONG_TYPE),
        ({"certificate": pdf(content=b"%PDF-" + b"0" * uploads.MAX_UPLOAD_BYTES)},
         uploads.TOO_BIG),
        ({"completed_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, FUTURE_DATE),
        ({"hours": "0"}, "greater than or equal to 0.01"),
        ({"body": "", "body_name": ""}, NO_BODY),
    ],
)  # fmt: skip
def test_bad_input_shows_form_errors_and_keeps_nothing(client, learner, body, overrides, message):
    client.force_login(learner)
    response = client.post(ADD, _form(body, **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in html  # the error summary
    assert message.replace("'", "&#x27;") in html
    assert not ExternalCredit.objects.exists()


def test_edit_and_delete_are_the_owners(client, learner, body, credit):
    other = UserFactory()
    edit = reverse("transcripts:external_credit_edit", args=[credit.pk])
    delete = reverse("transcripts:external_credit_delete", args=[credit.pk])
    client.force_login(other)
    assert client.get(edit).status_code == 404
    assert client.post(edit, _form(body, hours="50")).status_code == 404
    assert client.post(delete).status_code == 404
    assert ExternalCredit.objects.get(pk=credit.pk).hours == credit.hours

    client.force_login(learner)
    assert client.get(edit).status_code == 200
    response = client.post(edit, _form(body, hours="4", certificate=""))
    assert response.status_code == 302
    credit.refresh_from_db()
    assert str(credit.hours) == "4.00" and credit.certificate_name == "certificate.pdf"
    assert client.get(delete).status_code == 200
    assert client.post(delete).status_code == 302
    assert not ExternalCredit.objects.exists()


def test_certificate_file_is_for_the_owner_and_reviewers_only(
    client, learner, credit, school_admin
):
    url = reverse("transcripts:external_credit_file", args=[credit.pk])
    outsider_admin = UserFactory()
    SchoolMembershipFactory(user=outsider_admin, role=SchoolMembership.Role.ADMIN)
    for user in (UserFactory(), outsider_admin):
        client.force_login(user)
        assert client.get(url).status_code == 404
    for user in (learner, school_admin, UserFactory(is_staff=True)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
    # Not a media URL: the stored path is nowhere on the learner's pages.
    client.force_login(learner)
    assert credit.certificate.name not in client.get(LIST).content.decode()


def test_review_queue_by_scope(client, learner, credit, school_admin):
    outsider_admin = UserFactory()
    SchoolMembershipFactory(user=outsider_admin, role=SchoolMembership.Role.ADMIN)
    client.force_login(learner)
    assert client.get(QUEUE).status_code == 403
    client.force_login(outsider_admin)
    response = client.get(QUEUE)
    assert response.status_code == 200 and "Cupping basics" not in response.content.decode()
    review = reverse("transcripts:external_credit_review", args=[credit.pk])
    assert client.get(review).status_code == 404
    assert client.post(review, {"decision": "accept"}).status_code == 404
    for user in (school_admin, UserFactory(is_staff=True)):
        client.force_login(user)
        assert "Cupping basics" in client.get(QUEUE).content.decode()


def test_reviewer_rejects_with_reason_and_the_learner_reads_it(
    client, learner, credit, school_admin
):
    review = reverse("transcripts:external_credit_review", args=[credit.pk])
    client.force_login(school_admin)
    response = client.post(review, {"decision": "reject", "reason": ""})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()
    response = client.post(review, {"decision": "reject", "reason": "Hours differ from the scan."})
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert "data-credit=" not in client.get(QUEUE).content.decode()
    client.force_login(learner)
    html = client.get(LIST).content.decode()
    assert "Not accepted" in html and "Hours differ from the scan." in html


@pytest.mark.parametrize("count", [1, 20])
def test_review_queue_query_count_is_flat(
    client, learner, body, school_admin, count, django_assert_num_queries
):
    for n in range(count):
        add_credit(learner=learner, body=body, title=f"Course {n}")
    client.force_login(school_admin)
    client.get(QUEUE)  # the first page of a site creates its settings row
    # session user, memberships, queue, topics, and base.html's 4
    with django_assert_num_queries(8):
        response = client.get(QUEUE)
    assert response.content.decode().count("data-credit=") == count
