"""The e-mail choices page and the unsubscribe page in Chromium: usable by keyboard labels and
free of serious axe-core issues."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from notifications.models import NotificationPreference
from notifications.services import unsubscribe_token
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SERIOUS = ("serious", "critical")


@pytest.fixture
def site(live_server, home):
    site = Site.objects.get(is_default_site=True)
    address = urlsplit(live_server.url)
    site.hostname, site.port = address.hostname, address.port
    site.save()
    return site


def axe_problems(page, axe_js, name) -> list[str]:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate("async () => (await axe.run()).violations")
    return [f"{name}: [{v['impact']}] {v['id']}" for v in violations if v["impact"] in SERIOUS]


def test_a_learner_turns_reminders_off_and_unsubscribes_by_link(page, live_server, site, axe_js):
    learner = UserFactory()
    page.goto(f"{live_server.url}/accounts/login/?next=/accounts/notifications/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile(r"sign in|log in", re.IGNORECASE)).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("E-mail choices")
    problems = axe_problems(page, axe_js, "choices")
    reminders = page.get_by_label("Reminders to finish a course")
    expect(reminders).to_be_checked()
    reminders.uncheck()
    page.get_by_role("button", name="Save my choices").click()
    expect(page.get_by_text("Your e-mail choices are saved.")).to_be_visible()
    expect(page.get_by_label("Reminders to finish a course")).not_to_be_checked()

    token = unsubscribe_token(user=learner, category="renewal_reminders")
    page.goto(f"{live_server.url}/notifications/unsubscribe/{token}/")
    problems += axe_problems(page, axe_js, "unsubscribe")
    page.get_by_role("button", name="Stop licence-renewal reminders").click()
    expect(page.get_by_role("status")).to_contain_text("we will not send you")
    preference = NotificationPreference.objects.get(user=learner)
    assert (preference.course_reminders, preference.renewal_reminders) == (False, False)
    assert not problems, "\n".join(problems)
