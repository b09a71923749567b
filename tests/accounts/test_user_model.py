import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def test_create_user_normalises_the_email_and_hashes_the_password():
    user = User.objects.create_user("Learner@EXAMPLE.com", "s3cret-passphrase")

    assert user.email == "Learner@example.com"
    assert user.check_password("s3cret-passphrase")
    assert user.password != "s3cret-passphrase"
    assert not user.is_staff
    assert not user.is_superuser
    assert user.is_active


def test_create_user_without_a_password_cannot_log_in():
    user = User.objects.create_user("learner@example.com")

    assert not user.has_usable_password()


def test_create_superuser_is_staff_and_superuser():
    admin = User.objects.create_superuser("admin@example.com", "s3cret-passphrase")

    assert admin.is_staff
    assert admin.is_superuser


def test_create_superuser_refuses_to_drop_its_flags():
    with pytest.raises(ValueError, match="is_staff and is_superuser"):
        User.objects.create_superuser("admin@example.com", "x", is_staff=False)


@pytest.mark.parametrize("email", ["", None])
def test_email_is_required(email):
    with pytest.raises(ValueError, match="email address is required"):
        User.objects.create_user(email, "s3cret-passphrase")


def test_email_is_unique():
    User.objects.create_user("learner@example.com")

    with pytest.raises(IntegrityError):
        User.objects.create_user("learner@example.com")


def test_user_has_no_username_and_logs_in_by_email():
    assert User.USERNAME_FIELD == "email"
    assert User.REQUIRED_FIELDS == []
    assert "username" not in {field.name for field in User._meta.get_fields()}


def test_str_is_the_email():
    assert str(User(email="learner@example.com")) == "learner@example.com"


@pytest.mark.parametrize(
    ("legal_name", "display_name", "full_name", "short_name"),
    [
        ("Samantha Rivera", "Sam", "Samantha Rivera", "Sam"),
        ("Samantha Rivera", "", "Samantha Rivera", "Samantha"),
        ("", "Sam", "Sam", "Sam"),
        ("", "", "learner@example.com", "learner@example.com"),
    ],
)
def test_names_prefer_the_legal_name_for_full_and_display_name_for_short(
    legal_name, display_name, full_name, short_name
):
    user = User(email="learner@example.com", legal_name=legal_name, display_name=display_name)

    assert user.get_full_name() == full_name
    assert user.get_short_name() == short_name


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"legal_name": "Sam Rivera", "licence_number": "MA1", "licensing_board": "FL"}, True),
        ({"legal_name": "", "licence_number": "MA1", "licensing_board": "FL"}, False),
        ({"legal_name": "Sam Rivera", "licence_number": "", "licensing_board": "FL"}, False),
        ({"legal_name": "Sam Rivera", "licence_number": "MA1", "licensing_board": ""}, False),
    ],
)
def test_has_ce_profile_needs_name_licence_and_board(fields, expected):
    assert UserFactory.build(**fields).has_ce_profile is expected
