import re
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
SIGNED_IN_PAGES = ["account_email", "account_logout", "account_change_password"]


class MainMarkup(HTMLParser):
    """Collects, inside <main>, what a screen-reader user depends on."""

    def __init__(self):
        super().__init__()
        self.in_main = False
        self.ids: set[str] = set()
        self.label_targets: set[str] = set()
        self.inputs: list[dict] = []
        self.buttons: list[dict] = []
        self.described_by: set[str] = set()
        self.alerts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "main":
            self.in_main = True
        if not self.in_main:
            return
        if "id" in attrs:
            self.ids.add(attrs["id"])
        self.described_by.update((attrs.get("aria-describedby") or "").split())
        if attrs.get("role") == "alert":
            self.alerts += 1
        if tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.inputs.append(attrs)
        if tag == "button" or (tag == "a" and "button" in (attrs.get("class") or "")):
            self.buttons.append(attrs)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main = False


def parse_main(response) -> MainMarkup:
    markup = MainMarkup()
    markup.feed(response.content.decode())
    return markup


def assert_in_our_layout(response):
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "<span>NMT Academy</span>" in html
    assert 'class="page-auth"' in html
    assert re.search(r"<title>\s*\w[^<]* · NMT Academy</title>", html), "page has its own title"


def assert_accessible_form(markup: MainMarkup):
    assert markup.buttons, "page has a form to submit"
    unlabelled = [i.get("name") for i in markup.inputs if i.get("id") not in markup.label_targets]
    assert unlabelled == []
    assert all("button" in (b.get("class") or "").split() for b in markup.buttons)
    assert markup.described_by <= markup.ids, "aria-describedby points at missing ids"


@pytest.mark.parametrize("name", ANONYMOUS_PAGES)
def test_anonymous_allauth_pages_render_in_our_layout(client, name):
    response = client.get(reverse(name))

    assert_in_our_layout(response)


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_signed_in_allauth_pages_render_in_our_layout(client, user, name):
    client.force_login(user)

    response = client.get(reverse(name))

    assert_in_our_layout(response)
    assert_accessible_form(parse_main(response))


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_allauth_forms_have_labels_and_our_buttons(client, name):
    assert_accessible_form(parse_main(client.get(reverse(name))))


def test_emailed_key_pages_render_in_our_layout(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    key_path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    response = client.get(key_path, follow=True)

    assert_in_our_layout(response)
    assert_accessible_form(parse_main(response))


def test_confirm_email_page_renders_in_our_layout(client):
    client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    confirm_path = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)

    response = client.get(confirm_path)

    assert_in_our_layout(response)
    assert "new@example.com" in response.content.decode()


def test_field_errors_are_summarised_once_and_described_next_to_their_field(client):
    response = client.post(
        reverse("account_signup"), {"email": "not-an-email", "password1": "a", "password2": "a"}
    )

    html = response.content.decode()
    markup = parse_main(response)
    assert markup.alerts == 1, "one announcement per submit: the error summary"
    assert re.search(r"<title>Error: ", html)
    summary = re.search(
        r'<div class="container error-summary" tabindex="-1".*?</div>\s*</div>', html, re.S
    )
    assert summary and 'href="#id_email"' in summary.group(0)
    assert 'href="#id_password1"' in summary.group(0)
    # The list next to the field keeps its list role and describes the invalid input.
    assert '<ul class="errorlist" id="id_email_error">' in html
    email_input = re.search(r'<input[^>]*id="id_email"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in email_input
    assert "id_email_error" in email_input
    assert markup.described_by <= markup.ids


def test_a_failed_login_marks_both_fields_invalid_and_is_announced_once(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": "nope"})

    html = response.content.decode()
    assert parse_main(response).alerts == 1
    assert re.search(r"<title>Error: Log in · NMT Academy</title>", html)
    for name in ("login", "password"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in field
        assert "form-errors" in field
    assert parse_main(response).described_by <= parse_main(response).ids


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client):
    html = client.get(reverse("account_login")).content.decode()

    assert "error-summary" not in html
    assert "<title>Log in · NMT Academy</title>" in html


def test_email_page_keeps_allauths_remove_confirmation_script(client, user):
    client.force_login(user)

    html = client.get(reverse("account_email")).content.decode()

    assert "account/js/account.js" in html
    assert "allauth.account.forms.manageEmailForm" in html


def test_profile_form_uses_the_same_accessible_fields(client, user):
    client.force_login(user)

    response = client.post(reverse("accounts:profile"), {"country": "USA"})

    assert response.status_code == 400
    markup = parse_main(response)
    assert_accessible_form(markup)
    assert markup.alerts == 1
    assert 'href="#id_country"' in response.content.decode()


def test_signed_in_user_visiting_login_is_sent_on(client, user):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})

    assert client.get(reverse("account_login")).status_code == 302
