"""Every school's tracking-system accounts in the Wagtail admin: staff see transport, nightly
switch, last success and last error, never the secret; edits go through the same service as
the school's own form, so the secret stays encrypted and a blank one keeps what is stored."""

import re
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from records import crypto
from records.admin.tracking_accounts import NONE_STORED_HELP, STORED_HELP
from records.models import ReportBatch, TrackingCredential
from records.services import CREDENTIAL_MISSING
from schools.models import SchoolMembership
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.records.tracking_helpers import cebroker_credential, florida_course
from tests.records.transcript_helpers import florida_board

pytestmark = pytest.mark.django_db
INDEX = "/admin/tracking-accounts/"
ADD = "/admin/tracking-accounts/new/"
SECRET = "s3cret-pass"  # what cebroker_credential stores


@pytest.fixture
def staff_user(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def florida(db):
    return florida_board()


def school_with_account(catalog, florida, name: str, **account):
    school = SchoolFactory(name=name)
    florida_course(catalog=catalog, school=school, body=florida)
    return cebroker_credential(school=school, url="", **account)


def batch(account, body, *, status, when, error=""):
    return ReportBatch.objects.create(
        school=account.school,
        body=body,
        transport=account.transport,
        idempotency_key=uuid.uuid4().hex,
        status=status,
        next_attempt_at=when,
        finished_at=when if status == ReportBatch.Status.DONE else None,
        last_error=error,
    )


def test_staff_see_every_account_with_its_last_success_and_error_but_never_the_secret(
    client, staff_user, catalog, florida
):
    gulf = school_with_account(catalog, florida, "Gulf School")
    bay = school_with_account(catalog, florida, "Bay School", transport="roster_spreadsheet")
    TrackingCredential.objects.filter(pk=bay.pk).update(secret_encrypted="", enabled=False)
    now = timezone.now()
    batch(gulf, florida, status=ReportBatch.Status.DONE, when=now - timedelta(days=2))
    batch(gulf, florida, status=ReportBatch.Status.DONE, when=now - timedelta(days=1))
    batch(gulf, florida, status=ReportBatch.Status.RETRY, when=now, error="CE Broker answered 500")
    client.force_login(staff_user)

    page = client.get(INDEX).content.decode()

    assert "Gulf School" in page and "Bay School" in page and "50-1234" in page
    assert "Web service (XML roster message)" in page
    assert "Roster spreadsheet (.xls) for upload by hand" in page
    assert "CE Broker answered 500" in page
    cells = [
        re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    ]
    assert cells.count("Set") == 1 and cells.count("Not set") == 1, cells
    gulf.refresh_from_db()
    assert SECRET not in page and gulf.secret_encrypted not in page
    assert gulf.secret_hint not in page.replace("…", "")  # not even its last characters


def test_the_listing_costs_the_same_queries_for_one_account_or_many(
    client, staff_user, catalog, florida
):
    school_with_account(catalog, florida, "School 0")
    client.force_login(staff_user)
    client.get(INDEX)  # first admin page of a run: site settings, content types

    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX).status_code == 200
        return len(queries)

    one = measure()
    for i in range(1, 8):
        account = school_with_account(catalog, florida, f"School {i}")
        batch(account, florida, status=ReportBatch.Status.DONE, when=timezone.now())
    assert measure() == one


def test_staff_edit_through_the_service_a_blank_secret_keeps_the_stored_one(
    client, staff_user, catalog, florida
):
    account = school_with_account(catalog, florida, "Gulf School")
    client.force_login(staff_user)
    url = f"{INDEX}edit/{account.pk}/"
    form = client.get(url).content.decode()
    assert STORED_HELP in form and SECRET not in form

    response = client.post(url, {"transport": "cebroker_xml", "provider_id": "50-9", "enabled": ""})
    assert response.status_code == 302
    account.refresh_from_db()
    assert (account.provider_id, account.enabled) == ("50-9", False)
    assert crypto.decrypt(account.secret_encrypted) == SECRET

    client.post(url, {"transport": "cebroker_xml", "secret": "new horse", "enabled": "on"})
    account.refresh_from_db()
    assert "new horse" not in account.secret_encrypted
    assert crypto.decrypt(account.secret_encrypted) == "new horse"


def test_staff_add_an_account_and_the_web_service_needs_a_secret(
    client, staff_user, catalog, florida
):
    school = SchoolFactory(name="Keys School")
    client.force_login(staff_user)
    assert NONE_STORED_HELP in client.get(ADD).content.decode()
    fields = {"school": school.pk, "tracking_system": "CE Broker", "transport": "cebroker_xml"}

    refused = client.post(ADD, fields)
    assert refused.status_code == 200 and CREDENTIAL_MISSING in refused.content.decode()
    assert not TrackingCredential.objects.exists()

    assert client.post(ADD, {**fields, "secret": "pw 1", "enabled": "on"}).status_code
    account = TrackingCredential.objects.get()
    assert crypto.decrypt(account.secret_encrypted) == "pw 1" and account.school == school


def test_a_school_admin_cannot_reach_every_schools_accounts(client, catalog, florida):
    account = school_with_account(catalog, florida, "Gulf School")
    admin = SchoolMembershipFactory(school=account.school, role=SchoolMembership.Role.ADMIN).user
    client.force_login(admin)
    for url in (INDEX, f"{INDEX}edit/{account.pk}/", ADD):
        response = client.get(url)
        assert response.status_code in (302, 403), url
