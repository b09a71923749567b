"""The backend's hand-written read of a session's user (accounts.auth_backends) finds what the
ORM's query found: the same user with every field converted alike, the verified-address check
answered for the user's own primary address only, and no one for an unknown id."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils import timezone

from accounts import auth_backends
from accounts.auth_backends import VERIFIED_ATTRIBUTE, VerifiedEmailBackend
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def orm_get_user(user_id):
    """VerifiedEmailBackend.get_user as the ORM built it before (the reference)."""
    model = get_user_model()
    users = model._default_manager.all()
    if auth_backends.verification_required():
        verified = Exists(auth_backends._verified_primary(OuterRef("pk")))
        users = users.annotate(**{VERIFIED_ATTRIBUTE: verified})
    try:
        user = users.get(pk=user_id)
    except model.DoesNotExist:
        return None
    return user if VerifiedEmailBackend().user_can_authenticate(user) else None


def state(user):
    if user is None:
        return None
    values = {name: repr(value) for name, value in vars(user).items() if name != "_state"}
    return values | {"_db": user._state.db, "_adding": user._state.adding}


@pytest.fixture
def people(db):
    verified = UserFactory(last_login=timezone.now(), licence_number="MT-1")
    unverified = UserFactory(verified=False)
    EmailAddress.objects.create(user=unverified, email=unverified.email, primary=True)
    secondary_only = UserFactory(verified=False)
    EmailAddress.objects.create(user=secondary_only, email="second@example.com", verified=True)
    no_address = UserFactory(verified=False)
    inactive = UserFactory(is_active=False)
    staff = UserFactory(is_staff=True, is_superuser=True)
    return [verified, unverified, secondary_only, no_address, inactive, staff]


@pytest.mark.parametrize("verification", ["mandatory", "optional"])
def test_the_read_finds_what_the_orm_found(people, settings, verification):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    backend = VerifiedEmailBackend()
    for user in people:
        assert state(backend.get_user(user.pk)) == state(orm_get_user(user.pk)), user.email
        assert state(backend.get_user(str(user.pk))) == state(orm_get_user(user.pk))
    for missing in (people[-1].pk + 1000, 2**63, -(2**63) - 1):
        assert backend.get_user(missing) is None


def test_only_a_verified_primary_address_lets_a_mandatory_check_pass(people, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    backend = VerifiedEmailBackend()
    found = {user.email: backend.get_user(user.pk) for user in people}
    verified, _unverified, _secondary, _none, _inactive, staff = people
    assert {email for email, user in found.items() if user} == {verified.email, staff.email}
    user = found[verified.email]
    assert user == verified and getattr(user, VERIFIED_ATTRIBUTE) is True
    assert user.is_staff is False and timezone.is_aware(user.last_login)


def test_the_subquery_sets_the_attribute_the_backend_reads():
    sql = auth_backends._user_sql("default", with_verified=True)
    assert sql.rstrip().endswith("= %s") and f"AS {VERIFIED_ATTRIBUTE}" in sql
