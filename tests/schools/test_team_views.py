"""The Team screen and the invitation link: who may use them, what each action does, the link
for a new account (sign up, then a member) and an existing one (sign in, accept), and clear
pages for expired, withdrawn, replaced and mismatched links. Query counts stay flat."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import timezone

from courses.services.schools import school_create
from schools import services
from schools.models import SchoolAuditEntry, SchoolInvitation, SchoolMembership
from tests.factories import PASSWORD, UserFactory

Role = SchoolMembership.Role
LINK = re.compile(r"http://[^/\s]+(/invitations/[\w-]+/)")


@pytest.fixture
def schools(catalog):
    return (
        school_create(name="Harbour School", slug="harbour"),
        school_create(name="Valley School", slug="valley"),
    )


def member(school, role, email=None):
    user = UserFactory(**({"email": email} if email else {}))
    services.school_member_add(school=school, user=user, role=role)
    return user


def team_url(school):
    return reverse("schools_team:team", args=[school.slug])


def invite_and_send(school, admin, email, role, capture):
    with capture(execute=True):
        return services.invitation_create(school=school, email=email, role=role, invited_by=admin)


def emailed_path(mail) -> str:
    return LINK.search(mail.body).group(1)


# --- Who may see the Team screen ------------------------------------------------------------


@pytest.mark.django_db
def test_only_the_schools_admins_and_staff_reach_its_team(client, schools):
    harbour, valley = schools
    people = {
        "admin": (member(harbour, Role.ADMIN), 200),
        "instructor": (member(harbour, Role.INSTRUCTOR), 404),
        "reviewer": (member(harbour, Role.REVIEWER), 404),
        "other school's admin": (member(valley, Role.ADMIN), 404),
        "staff": (UserFactory(is_staff=True, is_superuser=True), 200),
    }
    for name, (user, status) in people.items():
        client.force_login(user)
        assert client.get(team_url(harbour)).status_code == status, name
    client.force_login(people["other school's admin"][0])
    response = client.get(reverse("schools_team:schools"))
    assert response.status_code == 302 and response.url == team_url(valley)


@pytest.mark.django_db
def test_team_page_lists_members_invitations_and_log_in_flat_queries(
    client, schools, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    harbour, valley = schools
    admin = member(harbour, Role.ADMIN, email="owner@harbour.example")
    member(valley, Role.INSTRUCTOR, email="valley-secret@example.com")
    invite_and_send(
        harbour, admin, "one@example.com", Role.REVIEWER, django_capture_on_commit_callbacks
    )
    client.force_login(admin)
    client.get(team_url(harbour))  # warm the per-process caches (Wagtail's menu, hooks)

    def queries_for_page():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            response = client.get(team_url(harbour))
        assert response.status_code == 200
        return response, len(captured)

    response, few = queries_for_page()
    text = response.content.decode()
    assert "owner@harbour.example" in text and "one@example.com" in text
    assert "valley-secret@example.com" not in text
    assert "Invited" in text  # the audit log

    for n in range(5):
        member(harbour, Role.INSTRUCTOR)
        invite_and_send(
            harbour,
            admin,
            f"more{n}@example.com",
            Role.INSTRUCTOR,
            django_capture_on_commit_callbacks,
        )
    response, many = queries_for_page()
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(team_url(harbour))


# --- The actions ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_invites_resends_revokes_changes_roles_and_removes(
    client, schools, mailoutbox, django_capture_on_commit_callbacks
):
    harbour, _ = schools
    admin = member(harbour, Role.ADMIN)
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(team_url(harbour), {"email": "new@example.com", "role": "reviewer"})
    assert response.status_code == 302
    invitation = SchoolInvitation.objects.get(email="new@example.com", role=Role.REVIEWER)
    assert len(mailoutbox) == 1

    response = client.post(team_url(harbour), {"email": "new@example.com", "role": "reviewer"})
    assert response.status_code == 400
    assert "resend that invitation" in response.content.decode()
    response = client.post(team_url(harbour), {"email": "nope", "role": "reviewer"})
    assert response.status_code == 400 and "aria-invalid" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("schools_team:resend", args=[harbour.slug, invitation.pk]))
    assert len(mailoutbox) == 2
    client.post(reverse("schools_team:revoke", args=[harbour.slug, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None

    colleague = member(harbour, Role.INSTRUCTOR)
    membership = SchoolMembership.objects.get(user=colleague)
    client.post(reverse("schools_team:role", args=[harbour.slug, membership.pk]), {"role": "admin"})
    assert SchoolMembership.objects.get(pk=membership.pk).role == Role.ADMIN
    remove = reverse("schools_team:remove", args=[harbour.slug, membership.pk])
    assert client.get(remove).status_code == 200
    client.post(remove)
    assert not SchoolMembership.objects.filter(pk=membership.pk).exists()

    own = SchoolMembership.objects.get(user=admin)
    response = client.post(reverse("schools_team:remove", args=[harbour.slug, own.pk]), follow=True)
    assert "only admin" in response.content.decode()
    assert SchoolMembership.objects.filter(pk=own.pk).exists()
    assert list(
        SchoolAuditEntry.objects.filter(school=harbour)
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["invited", "resent", "revoked", "role_changed", "removed"]


@pytest.mark.django_db
def test_another_schools_admin_can_act_on_nothing_of_this_school(
    client, schools, django_capture_on_commit_callbacks
):
    harbour, valley = schools
    admin = member(harbour, Role.ADMIN)
    invitation = invite_and_send(
        harbour, admin, "x@example.com", Role.INSTRUCTOR, django_capture_on_commit_callbacks
    )
    membership = SchoolMembership.objects.get(user=admin)
    client.force_login(member(valley, Role.ADMIN))
    urls = [
        reverse("schools_team:resend", args=[harbour.slug, invitation.pk]),
        reverse("schools_team:revoke", args=[harbour.slug, invitation.pk]),
        reverse("schools_team:role", args=[harbour.slug, membership.pk]),
        reverse("schools_team:remove", args=[harbour.slug, membership.pk]),
        # Harbour's rows through Valley's own team pages.
        reverse("schools_team:revoke", args=[valley.slug, invitation.pk]),
        reverse("schools_team:remove", args=[valley.slug, membership.pk]),
    ]
    for url in urls:
        assert client.post(url, {"role": "reviewer"}).status_code == 404, url
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    assert SchoolMembership.objects.get(pk=membership.pk).role == Role.ADMIN


# --- The invitation link --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_new_instructor_signs_up_from_the_link_and_lands_in_the_school(
    client, schools, mailoutbox, django_capture_on_commit_callbacks
):
    harbour, _ = schools
    admin = member(harbour, Role.ADMIN)
    invite_and_send(
        harbour, admin, "newbie@example.com", Role.INSTRUCTOR, django_capture_on_commit_callbacks
    )
    path = emailed_path(mailoutbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "no-referrer"
    text = page.content.decode()
    assert "Create your account" in text and "Harbour School" in text
    signup = reverse("account_signup")
    assert client.get(signup).context["form"].fields["email"].initial == "newbie@example.com"
    response = client.post(
        f"{signup}?next={path}",
        {"email": "newbie@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert SESSION_KEY in client.session  # no verification mail: the link proved the address
    membership = SchoolMembership.objects.get(user__email="newbie@example.com")
    assert (membership.school, membership.role) == (harbour, Role.INSTRUCTOR)
    assert "member of Harbour School" in client.get(response.url).content.decode()
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


@pytest.mark.django_db
def test_an_existing_account_signs_in_and_accepts(
    client, schools, mailoutbox, django_capture_on_commit_callbacks
):
    harbour, _ = schools
    admin = member(harbour, Role.ADMIN)
    reviewer = UserFactory(email="rev@example.com")
    invite_and_send(
        harbour, admin, "rev@example.com", Role.REVIEWER, django_capture_on_commit_callbacks
    )
    path = emailed_path(mailoutbox[0])
    assert "Sign in to accept" in client.get(path).content.decode()
    client.force_login(reviewer)
    assert "Accept and join" in client.get(path).content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert SchoolMembership.objects.get(user=reviewer).role == Role.REVIEWER


@pytest.mark.django_db
def test_expired_withdrawn_replaced_and_mismatched_links_say_why(
    client, schools, mailoutbox, django_capture_on_commit_callbacks
):
    harbour, _ = schools
    admin = member(harbour, Role.ADMIN)
    invitation = invite_and_send(
        harbour, admin, "a@example.com", Role.INSTRUCTOR, django_capture_on_commit_callbacks
    )
    path = emailed_path(mailoutbox[0])

    client.force_login(UserFactory(email="someone-else@example.com"))
    response = client.get(path)
    assert response.status_code == 403
    assert "sent to a@example.com" in response.content.decode()
    assert client.post(path).status_code == 403
    client.logout()

    SchoolInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(1)
    )
    response = client.get(path)
    assert response.status_code == 410 and "has expired" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(invitation=invitation, actor=admin)
    response = client.get(path)  # the first e-mail's link, replaced by the resend
    assert response.status_code == 404 and "not valid" in response.content.decode()

    services.invitation_revoke(invitation=invitation, actor=admin)
    response = client.get(emailed_path(mailoutbox[1]))
    assert response.status_code == 410 and "withdrawn" in response.content.decode()
    assert not SchoolMembership.objects.filter(user__email="a@example.com").exists()
