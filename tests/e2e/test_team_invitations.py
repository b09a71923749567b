"""A new school brings in its staff as a new school would: its admin invites an instructor and
a reviewer from the Team screen, each follows the e-mailed link, signs up and lands in the
school with their role, and the admin copies the built-in certificate design from the set-up
checklist. The clicks are counted (the closing note of issue 16 reports them)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from certificates.models import CertificateTemplate
from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add
from tests.e2e.conftest import ensure_wagtail_roots
from tests.factories import CourseIndexPageFactory, HomePageFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "e2e-team-invites-5150"
LINK = re.compile(r"https?://[^/\s]+(/invitations/[\w-]+/)")
SERIOUS = ("serious", "critical")


class Clicks:
    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        self.count += 1
        locator.click()


def axe_problems(page, axe_js, selector="body") -> list[str]:
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(f"async () => (await axe.run({selector!r})).violations")
    return [f"{v['id']}: {v['help']}" for v in violations if v["impact"] in SERIOUS]


def set_up_school(live_server):
    from urllib.parse import urlsplit

    from wagtail.models import Page, Site

    ensure_wagtail_roots()
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=Page.get_first_root_node())
    address = urlsplit(live_server.url)
    Site.objects.all().delete()
    Site.objects.create(
        hostname=address.hostname, port=address.port, root_page=home, is_default_site=True
    )
    CourseIndexPageFactory(parent=home, title="Courses", slug="courses")
    school = school_create(name="Harbour School", slug="harbour")
    owner = get_user_model().objects.create_user("owner@harbour.example", PASSWORD)
    EmailAddress.objects.create(user=owner, email=owner.email, verified=True, primary=True)
    school_member_add(school=school, user=owner, role=SchoolMembership.Role.ADMIN)
    return school


def sign_in(page, click, email):
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    click(page.get_by_role("button", name=re.compile("sign in|log in", re.I)))


def invite(page, click, email, role_label):
    page.get_by_label("E-mail address").fill(email)
    if role_label != "Instructor":  # the default
        click(page.get_by_label(re.compile(f"^{role_label}:")))
    click(page.get_by_role("button", name="Send invitation"))
    expect(page.get_by_text(f"Invitation to {email} as")).to_be_visible()


def accept_as_new_account(browser, live_server, click, path, email):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + path)  # following the e-mailed link: one click in a mail reader
    click.count += 1
    expect(page.get_by_role("heading", name="Join Harbour School")).to_be_visible()
    click(page.get_by_role("link", name="Create your account"))
    expect(page.get_by_label("Email")).to_have_value(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label(re.compile("again", re.I)).fill(PASSWORD)
    click(page.get_by_role("button", name=re.compile("sign up", re.I)))
    expect(page.get_by_text("You are a member of Harbour School.")).to_be_visible()
    return context, page


def test_admin_invites_an_instructor_and_a_reviewer_who_sign_up_and_land_in_the_school(
    page, browser, live_server, mailoutbox, axe_js
):
    school = set_up_school(live_server)
    click = Clicks()

    page.goto(live_server.url + "/admin/")
    sign_in(page, click, "owner@harbour.example")
    click(page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Team"))
    expect(page.get_by_role("heading", name="Invite someone")).to_be_visible()
    assert axe_problems(page, axe_js, "main") == []

    invite(page, click, "ina@example.com", "Instructor")
    invite(page, click, "rui@example.com", "Reviewer")
    links = {mail.to[0]: LINK.search(mail.body).group(1) for mail in mailoutbox}
    assert set(links) == {"ina@example.com", "rui@example.com"}

    context, invited = accept_as_new_account(
        browser, live_server, click, links["ina@example.com"], "ina@example.com"
    )
    assert axe_problems(invited, axe_js) == []
    click(invited.get_by_role("link", name="Go to the school's admin"))
    expect(invited.get_by_role("navigation", name="Main menu")).to_be_visible()
    context.close()
    context, _ = accept_as_new_account(
        browser, live_server, click, links["rui@example.com"], "rui@example.com"
    )
    context.close()
    roles = dict(SchoolMembership.objects.filter(school=school).values_list("user__email", "role"))
    assert roles == {
        "owner@harbour.example": "admin",
        "ina@example.com": "instructor",
        "rui@example.com": "reviewer",
    }

    page.reload()
    expect(page.get_by_label("Role of ina@example.com")).to_have_value("instructor")
    expect(page.get_by_text("Invitation accepted (as Reviewer)")).to_be_visible()
    click(page.get_by_role("link", name="Set up Harbour School: the checklist"))
    expect(
        page.get_by_role("heading", name="Team: an instructor and a reviewer: done")
    ).to_be_visible()
    assert axe_problems(page, axe_js, "main") == []
    click(page.get_by_role("button", name="Copy the built-in design"))
    expect(page.get_by_text("is your school's copy of the built-in design")).to_be_visible()
    assert CertificateTemplate.objects.filter(school=school, is_default=True).count() == 1

    # From a school made by create_school: sign in, Team, two invitations, two sign-ups,
    # the checklist and the copy.
    print(f"\nclicks: {click.count}")
    assert click.count == 14
