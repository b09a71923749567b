"""A large question import in a real browser: static/js/import-progress.js polls the job and
moves the bar while the worker runs, then shows the outcome, without reloading the page."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from quizzes.models import ImportJob, QuestionBank
from quizzes.services.imports import import_job_run
from schools.models import SchoolMembership
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import SchoolFactory, SchoolMembershipFactory, UserFactory
from tests.quizzes.test_import_jobs import gift

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_progress_bar_follows_the_worker_to_done(page, live_server):
    ensure_wagtail_roots()
    school = SchoolFactory()
    bank = QuestionBank.objects.create(school=school, name="Big bank")
    editor = UserFactory()
    access = Group.objects.create(name="Admin access")
    access.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(access)
    SchoolMembershipFactory(school=school, user=editor, role=SchoolMembership.Role.INSTRUCTOR)
    job = ImportJob.objects.create(
        bank=bank, file_name="big.gift", source=gift(80), total=80, created_by=editor
    )
    client = Client()
    client.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + reverse("quizzes_bank:import_job", args=[job.pk]))
    box = page.locator("[data-import-progress]")
    page.wait_for_selector("[data-import-progress][data-import-status='queued']")
    assert page.locator("[data-import-label]").inner_text() == "Waiting for the worker"
    assert page.locator("[data-import-links]").is_hidden()

    import_job_run(job_id=job.pk)  # the worker, while the page keeps polling
    page.wait_for_selector("[data-import-progress][data-import-status='done']", timeout=30_000)
    assert page.locator("[data-import-count]").inner_text() == "80 of 80 imported"
    assert page.locator("[data-import-bar]").evaluate("bar => [bar.value, bar.max]") == [80, 80]
    assert "Imported 80 questions into Big bank" in box.inner_text()
    assert page.locator("[data-import-links]").is_visible()
    assert errors == []
    page.goto("about:blank")  # stop polling before the database is torn down
