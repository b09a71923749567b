"""The demo reports to the local fake CE Broker from the dashboard: load_demo gives the demo
school a CE Broker account (no endpoint of its own: CEBROKER_URL, the fake under `make run`);
"Report now" sends the demo learner's completion, which the fake rejects (the demo licence
number is not in Florida's format), so the correction flow shows; after the learner corrects
the number, the next run reports it, with the fake's receipt."""

import pytest
from django.core.management import call_command
from django.utils.html import escape

from accounts.models import User
from certificates.models import Certificate
from courses.models import AccreditingBody
from demo.courses.loader import DEMO_USERS
from demo.courses.people import DEMO_SCHOOL
from records import crypto, report_runs
from records.models import CompletionReport, ReportItem, TrackingCredential
from records.tracking.fake_cebroker import BAD_FORMAT, FakeCEBrokerServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_cebroker(settings):
    with FakeCEBrokerServer() as server:
        systems = {**settings.TRACKING_SYSTEMS}
        systems["CE Broker"] = {**systems["CE Broker"], "url": server.url}
        settings.TRACKING_SYSTEMS = systems
        yield server


def test_the_demo_school_reports_now_to_the_fake_and_shows_the_correction_flow(
    client, capsys, fake_cebroker, settings
):
    call_command("load_demo")
    account = TrackingCredential.objects.select_related("school").get()
    assert account.school.slug == DEMO_SCHOOL["slug"] and account.endpoint_url == ""
    assert account.transport == TrackingCredential.Transport.CEBROKER_XML
    assert crypto.decrypt(account.secret_encrypted)  # stored, encrypted
    assert "CE Broker reporting (Report now)" in capsys.readouterr().out

    client.force_login(User.objects.get(email=DEMO_USERS["admin"]["email"]))  # platform staff
    certificate = Certificate.objects.get(student__email=DEMO_USERS["student"]["email"])
    body_id = AccreditingBody.objects.get(abbreviation="FL-BMT").pk
    page = client.post(
        f"/schools/{account.school.slug}/reporting/{body_id}/report-now/", follow=True
    ).content.decode()

    item = ReportItem.objects.get(certificate=certificate)
    assert item.status == ReportItem.Status.REJECTED and item.message == BAD_FORMAT
    assert "Rejected by CE Broker (1)" in page and escape(BAD_FORMAT) in page

    student = certificate.student
    student.licence_number = "MA12345"
    student.save(update_fields=["licence_number"])  # records.receivers queues it again
    item.refresh_from_db()
    assert item.status == ReportItem.Status.CORRECTED
    summary = report_runs.report_due(school=account.school)
    assert summary.accepted == 1
    report = CompletionReport.objects.get(certificate=certificate)
    assert report.tracking_id and report.batch_reference.startswith("RCPT-")
    assert fake_cebroker.fake.on_roster("DEMO-FL-20-881204", "MA12345")


def test_loading_the_demo_again_keeps_the_schools_own_account(fake_cebroker):
    call_command("load_demo")
    TrackingCredential.objects.update(username="changed-by-the-school")
    call_command("load_demo")
    assert list(TrackingCredential.objects.values_list("username", flat=True)) == [
        "changed-by-the-school"
    ]
