"""Deleting an account: erase the person's details, keep the CE record boards require.

Certificates (with the name and licence printed on them, frozen in their snapshot), enrolments,
quiz attempts, lesson visits, evaluations, completion reports and orders stay, linked to an
account that no longer names anyone and can no longer sign in. Everything else personal is
erased. KEPT and ERASED are what the confirmation page tells the learner.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from commerce.models import EnrollmentCode
from records.external_credit.services import external_credits_erase
from records.models import TranscriptShare
from records.retention import retention_years
from schools.models import Instructor, SchoolMembership

STAFF_ACCOUNT = "A staff account is closed by another member of staff, not from the profile."
ALREADY_DELETED = "This account has already been deleted."
DELETED_EMAIL = "deleted-{pk}@invalid"
PROFILE_FIELDS = ("display_name", "legal_name", "licence_number", "licensing_board", "country")


def kept_records() -> list[tuple[str, str]]:
    """(what, why) for each record that stays after the account is deleted."""
    years = retention_years()
    board = f"kept for {years} years after the course, as accrediting boards require"
    return [
        (
            "Your certificates, with the name, licence number and board printed on them",
            f"{board}, so the school can reissue a certificate or transcript and anyone can "
            "still verify it",
        ),
        ("Your enrolments, lesson visits and quiz attempts with their answers", board),
        ("Your attendance at live sessions and the practical skills signed off", board),
        ("Your course evaluations (they never showed your name)", board),
        ("Reports of your completions to state tracking systems (such as CE Broker)", board),
        (
            "Your orders and receipts",
            f"{board}; tax law may also require the school to keep them",
        ),
    ]


ERASED = [
    "Your email address and every other address on the account",
    "Your display name, legal name, licence number, licensing board and country on the profile",
    "Your password: nobody can sign in to the account again, and every session is signed out",
    "Links you made to share your transcript",
    "Credit you recorded from other providers, with the certificates you uploaded",
    "Your roles in schools (admin, instructor, reviewer) and your instructor login",
    "The name and email address a seat invitation was sent to, for seats you used",
]


def _remove_allauth_rows(user) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).delete()
    if apps.is_installed("allauth.socialaccount"):
        apps.get_model("socialaccount", "SocialAccount").objects.filter(user=user).delete()


def _remove_wagtail_profile(user) -> None:
    if apps.is_installed("wagtail.users"):
        apps.get_model("wagtailusers", "UserProfile").objects.filter(user=user).delete()


@transaction.atomic
def account_delete(*, user):
    """Anonymise `user` and keep their CE records; returns the anonymised user.

    Changing the password to an unusable one also ends every session the account has: Django
    checks each session against a hash of the password on every request.
    """
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    if user.is_staff or user.is_superuser:
        raise ValidationError(STAFF_ACCOUNT)
    if user.email == DELETED_EMAIL.format(pk=user.pk):
        raise ValidationError(ALREADY_DELETED)
    EnrollmentCode.objects.filter(redeemed_by=user).update(email="", name="")
    TranscriptShare.objects.filter(user=user).delete()
    external_credits_erase(learner=user)
    SchoolMembership.objects.filter(user=user).delete()
    Instructor.objects.filter(user=user).update(user=None)
    _remove_allauth_rows(user)
    _remove_wagtail_profile(user)
    user.groups.clear()
    user.user_permissions.clear()
    user.email = DELETED_EMAIL.format(pk=user.pk)
    for field in PROFILE_FIELDS:
        setattr(user, field, "")
    user.set_unusable_password()
    user.is_active = False
    user.save()
    return user
