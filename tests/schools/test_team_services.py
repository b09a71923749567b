"""The team's verbs: invite, resend, revoke, accept, change role, remove; the last admin stays;
every change is in the audit log; the e-mail leaves from the task, with a link only it holds."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from courses.services.schools import school_create
from schools import services
from schools.models import SchoolAuditEntry, SchoolInvitation, SchoolMembership
from schools.services import invitations as invitation_module
from schools.services.members import LAST_ADMIN
from schools.tasks import invitation_send
from tests.factories import UserFactory

Role = SchoolMembership.Role
Action = SchoolAuditEntry.Action
LINK = re.compile(r"https?://[^\s\"<]+/invitations/([\w-]+)/")


@pytest.fixture
def school(catalog):
    return school_create(name="Harbour School", slug="harbour")


@pytest.fixture
def admin(school):
    user = UserFactory(email="owner@harbour.example")
    services.school_member_add(school=school, user=user, role=Role.ADMIN)
    return user


def invite(school, admin, email="new@example.com", role=Role.INSTRUCTOR, capture=None):
    if capture is None:
        return services.invitation_create(school=school, email=email, role=role, invited_by=admin)
    with capture(execute=True):
        return services.invitation_create(school=school, email=email, role=role, invited_by=admin)


def token_from(mail) -> str:
    return LINK.search(mail.body).group(1)


def actions(school):
    return list(
        SchoolAuditEntry.objects.filter(school=school)
        .order_by("pk")
        .values_list("action", "actor_email", "subject_email")
    )


# --- Inviting -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invitation_create_stores_no_token_and_sends_from_the_task_after_commit(
    school, admin, mailoutbox, django_capture_on_commit_callbacks
):
    with mock.patch("schools.tasks.invitation_send") as task:
        with django_capture_on_commit_callbacks() as callbacks:
            invitation = invite(school, admin, email=" New@Example.com ")
        assert mailoutbox == [] and task.enqueue.call_count == 0  # nothing before the commit
        for callback in callbacks:
            callback()
    task.enqueue.assert_called_once_with(invitation.pk)
    assert invitation.email == "new@example.com"
    assert invitation.token_hash == ""
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert mailoutbox == []  # the request only enqueued; the worker sends

    assert invitation_send.call(invitation.pk) is True
    [mail] = mailoutbox
    assert mail.to == ["new@example.com"]
    assert mail.subject == "You are invited to join Harbour School on NMT Academy"
    [(html, mimetype)] = mail.alternatives
    assert mimetype == "text/html"
    token = token_from(mail)
    assert token in html and "instructor" in mail.body and "instructor" in html
    invitation.refresh_from_db()
    assert invitation.token_hash == invitation_module.token_hash(token) != token
    assert not SchoolInvitation.objects.filter(token_hash=token).exists()
    assert services.invitation_for_token(token) == invitation
    assert actions(school) == [(Action.INVITED, admin.email, "new@example.com")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("email", "role", "field"),
    [("not-an-address", Role.INSTRUCTOR, "email"), ("x@example.com", "owner", "role")],
)
def test_invitation_create_refuses_bad_input_with_a_field_error(school, admin, email, role, field):
    with pytest.raises(ValidationError) as error:
        invite(school, admin, email=email, role=role)
    assert field in error.value.message_dict
    assert not SchoolInvitation.objects.exists()
    assert not SchoolAuditEntry.objects.exists()


@pytest.mark.django_db
def test_inviting_a_member_or_someone_invited_already_is_refused(school, admin):
    with pytest.raises(ValidationError, match="already a member"):
        invite(school, admin, email="OWNER@harbour.example")
    invite(school, admin)
    with pytest.raises(ValidationError, match="resend that invitation"):
        invite(school, admin, role=Role.REVIEWER)
    assert SchoolInvitation.objects.count() == 1


@pytest.mark.django_db
def test_resend_makes_a_new_link_and_expiry_and_the_old_link_stops_working(
    school, admin, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = invite(school, admin, capture=django_capture_on_commit_callbacks)
    old = token_from(mailoutbox[0])
    SchoolInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(invitation=invitation, actor=admin)
    new = token_from(mailoutbox[1])
    assert new != old
    assert services.invitation_for_token(old) is None
    invitation = services.invitation_for_token(new)
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert [a for a, *_ in actions(school)] == [Action.INVITED, Action.RESENT]


@pytest.mark.django_db
def test_revoked_invitation_cannot_be_accepted_resent_or_revoked_again(
    school, admin, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = invite(school, admin, capture=django_capture_on_commit_callbacks)
    services.invitation_revoke(invitation=invitation, actor=admin)
    user = UserFactory(email="new@example.com")
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_accept(invitation=invitation, user=user)
    with pytest.raises(ValidationError, match="already accepted or withdrawn"):
        services.invitation_resend(invitation=invitation, actor=admin)
    with pytest.raises(ValidationError, match="already accepted or withdrawn"):
        services.invitation_revoke(invitation=invitation, actor=admin)
    assert not SchoolMembership.objects.filter(user=user).exists()
    # The task of a resend queued before the revoke sends nothing.
    assert invitation_send.call(invitation.pk) is False
    assert len(mailoutbox) == 1
    assert [a for a, *_ in actions(school)] == [Action.INVITED, Action.REVOKED]


# --- Accepting ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_accept_makes_a_member_in_the_role_groups_once(school, admin):
    invitation = invite(school, admin, email="rev@example.com", role=Role.REVIEWER)
    user = UserFactory(email="Rev@Example.com")
    membership = services.invitation_accept(invitation=invitation, user=user)
    assert membership.role == Role.REVIEWER
    assert set(user.groups.all()) == {school.reviewers_group}
    again = services.invitation_accept(invitation=invitation, user=user)  # a second click
    assert again.pk == membership.pk
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert actions(school)[-1] == (Action.ACCEPTED, user.email, user.email)
    assert len(actions(school)) == 2
    with pytest.raises(ValidationError, match="another account"):
        services.invitation_accept(invitation=invitation, user=UserFactory())


@pytest.mark.django_db
def test_accept_needs_the_invited_address_or_a_verified_one(school, admin):
    from allauth.account.models import EmailAddress

    invitation = invite(school, admin, email="new@example.com")
    other = UserFactory(email="other@example.com")
    with pytest.raises(ValidationError, match=r"sent to new@example\.com"):
        services.invitation_accept(invitation=invitation, user=other)
    EmailAddress.objects.create(user=other, email="new@example.com", verified=False)
    with pytest.raises(ValidationError, match=r"sent to new@example\.com"):
        services.invitation_accept(invitation=invitation, user=other)
    EmailAddress.objects.filter(user=other, email="new@example.com").update(verified=True)
    assert services.invitation_accept(invitation=invitation, user=other).role == Role.INSTRUCTOR


@pytest.mark.django_db
def test_expired_invitation_is_refused_with_a_clear_message(school, admin):
    invitation = invite(school, admin)
    SchoolInvitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    with pytest.raises(ValidationError, match="has expired"):
        services.invitation_accept(invitation=invitation, user=UserFactory(email="new@example.com"))


# --- Roles and removal ----------------------------------------------------------------------


@pytest.mark.django_db
def test_role_change_moves_groups_and_is_logged(school, admin):
    user = UserFactory(email="i@example.com")
    membership = services.school_member_add(school=school, user=user, role=Role.INSTRUCTOR)
    services.member_role_change(membership=membership, role=Role.REVIEWER, actor=admin)
    assert set(user.groups.all()) == {school.reviewers_group}
    assert SchoolMembership.objects.get(pk=membership.pk).role == Role.REVIEWER
    entry = SchoolAuditEntry.objects.get(action=Action.ROLE_CHANGED)
    assert (entry.actor, entry.subject_email, entry.detail) == (
        admin,
        "i@example.com",
        "Instructor → Reviewer",
    )
    with pytest.raises(ValidationError):
        services.member_role_change(membership=membership, role="owner", actor=admin)


@pytest.mark.django_db
def test_the_last_admin_can_be_neither_demoted_nor_removed(school, admin):
    membership = SchoolMembership.objects.get(user=admin)
    message = LAST_ADMIN.format(email=admin.email)
    with pytest.raises(ValidationError) as demoted:
        services.member_role_change(membership=membership, role=Role.INSTRUCTOR, actor=admin)
    assert demoted.value.messages == [message]
    with pytest.raises(ValidationError) as removed:
        services.member_remove(membership=membership, actor=admin)
    assert removed.value.messages == [message]
    assert SchoolMembership.objects.get(pk=membership.pk).role == Role.ADMIN
    assert not SchoolAuditEntry.objects.exists()

    second = UserFactory()
    services.school_member_add(school=school, user=second, role=Role.ADMIN)
    services.member_remove(membership=membership, actor=second)
    assert not SchoolMembership.objects.filter(user=admin).exists()
    assert not admin.groups.exists()
    assert actions(school) == [(Action.REMOVED, second.email, admin.email)]


@pytest.mark.django_db
def test_removing_one_school_leaves_the_other_schools_groups(school, admin, catalog):
    other = school_create(name="Valley School", slug="valley")
    user = UserFactory()
    services.school_member_add(school=school, user=user, role=Role.INSTRUCTOR)
    services.school_member_add(school=other, user=user, role=Role.REVIEWER)
    services.member_remove(
        membership=SchoolMembership.objects.get(school=school, user=user), actor=admin
    )
    assert set(user.groups.all()) == {other.reviewers_group}
