"""What a learner does with credit earned elsewhere, and what a reviewer decides about it."""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from records.external_credit import uploads
from records.external_credit.models import ExternalCredit
from records.external_credit.selectors import learner_school_ids
from records.external_credit.signals import external_credit_reviewed
from schools import rules

FUTURE_DATE = "The completion date cannot be in the future."
NO_BODY = "Choose the accrediting body, or type its name if it is not in the list."
NO_CERTIFICATE = "Upload the certificate you received (PDF, PNG or JPEG)."
REASON_NEEDED = "Say why the credit is not accepted: the learner reads it."
ALREADY_REVIEWED = "This credit was already reviewed. Reload the queue."
NOT_A_REVIEWER = "You may not review this learner's credit."


def _fill(
    credit: ExternalCredit,
    *,
    provider_name: str,
    course_title: str,
    body,
    body_name: str,
    hours: Decimal,
    completed_on: date,
) -> None:
    credit.provider_name = provider_name.strip()
    credit.course_title = course_title.strip()
    credit.body = body
    credit.body_name = "" if body is not None else body_name.strip()
    credit.hours = hours
    credit.completed_on = completed_on
    errors = {}
    if completed_on and completed_on > timezone.localdate():
        errors["completed_on"] = FUTURE_DATE
    if body is None and not credit.body_name:
        errors["body"] = NO_BODY
    if errors:
        raise ValidationError(errors)


def _store(credit: ExternalCredit, *, certificate, topics) -> None:
    """Checks the file's content, then writes the file and the row; the file goes if the row
    cannot be written (a row never points at a missing file, a file never outlives its row)."""
    if certificate is not None:
        try:
            extension = uploads.sniff(certificate)
        except ValidationError as error:
            raise ValidationError({"certificate": error.messages}) from error
        previous = credit.certificate.name if credit.pk else ""
        credit.certificate_name = (certificate.name or "certificate").rsplit("/", 1)[-1][-200:]
        credit.certificate.save(f"certificate.{extension}", certificate, save=False)
        stored = credit.certificate.name
    elif not credit.certificate:
        raise ValidationError({"certificate": NO_CERTIFICATE})
    else:
        previous = stored = ""
    try:
        credit.full_clean(exclude=["topics"])
        credit.save()
        credit.topics.set(topics)
    except BaseException:
        if stored:
            uploads.private_storage().delete(stored)
        raise
    if previous and previous != stored:
        transaction.on_commit(lambda: uploads.private_storage().delete(previous))


@transaction.atomic
def external_credit_add(
    *,
    learner,
    provider_name: str,
    course_title: str,
    body=None,
    body_name: str = "",
    hours: Decimal,
    topics=(),
    completed_on: date,
    certificate,
    submission_key: str = "",
) -> ExternalCredit:
    """Records credit `learner` earned elsewhere, self-reported until a reviewer accepts it.

    `submission_key` is the add form's one-time key: the same form posted again (a double
    click, a resend after a timeout) returns the credit the first post made and stores nothing.
    """
    if submission_key:
        # The learner's row is the lock: a concurrent post of the same form waits here, then
        # finds the first one's credit instead of failing on the unique constraint.
        get_user_model().objects.select_for_update().filter(pk=learner.pk).first()
        done = ExternalCredit.objects.filter(learner=learner, submission_key=submission_key)
        if (existing := done.first()) is not None:
            return existing
    credit = ExternalCredit(learner=learner, submission_key=submission_key)
    _fill(
        credit,
        provider_name=provider_name,
        course_title=course_title,
        body=body,
        body_name=body_name,
        hours=hours,
        completed_on=completed_on,
    )
    if certificate is None:
        raise ValidationError({"certificate": NO_CERTIFICATE})
    _store(credit, certificate=certificate, topics=topics)
    return credit


@transaction.atomic
def external_credit_update(
    *,
    credit: ExternalCredit,
    provider_name: str,
    course_title: str,
    body=None,
    body_name: str = "",
    hours: Decimal,
    topics=(),
    completed_on: date,
    certificate=None,
) -> ExternalCredit:
    """Changes the learner's record. Whatever its status, the changed record is self-reported
    again: an acceptance vouched for what the reviewer saw, not for the new figures."""
    credit = ExternalCredit.objects.select_for_update().get(pk=credit.pk)
    _fill(
        credit,
        provider_name=provider_name,
        course_title=course_title,
        body=body,
        body_name=body_name,
        hours=hours,
        completed_on=completed_on,
    )
    credit.status = ExternalCredit.Status.SELF_REPORTED
    credit.reviewed_by = None
    credit.reviewed_at = None
    credit.review_reason = ""
    _store(credit, certificate=certificate, topics=topics)
    return credit


@transaction.atomic
def external_credit_delete(*, credit: ExternalCredit) -> None:
    """Removes the record; its certificate file goes once the deletion is committed."""
    credit = ExternalCredit.objects.select_for_update().filter(pk=credit.pk).first()
    if credit is None:
        return  # deleted already: a second click changes nothing
    name = credit.certificate.name
    credit.delete()
    if name:
        transaction.on_commit(lambda: uploads.private_storage().delete(name))


@transaction.atomic
def external_credit_review(
    *, credit: ExternalCredit, reviewer, accept: bool, reason: str = ""
) -> ExternalCredit:
    """Accepts the credit (it then counts toward the transcript's totals) or rejects it with a
    reason the learner reads. Only self-reported credit is reviewed; the same decision sent
    twice (a double click) changes nothing."""
    credit = ExternalCredit.objects.select_for_update().select_related("learner").get(pk=credit.pk)
    if not rules.may_review_external_credit(
        reviewer, learner_school_ids=learner_school_ids(learner=credit.learner)
    ):
        raise PermissionDenied(NOT_A_REVIEWER)
    decided = ExternalCredit.Status.ACCEPTED if accept else ExternalCredit.Status.REJECTED
    reason = reason.strip()
    if credit.status != ExternalCredit.Status.SELF_REPORTED:
        if credit.status == decided and credit.reviewed_by_id == reviewer.pk:
            return credit
        raise ValidationError(ALREADY_REVIEWED)
    if not accept and not reason:
        raise ValidationError({"reason": REASON_NEEDED})
    credit.status = decided
    credit.reviewed_by = reviewer
    credit.reviewed_at = timezone.now()
    credit.review_reason = reason
    credit.full_clean(exclude=["topics", "certificate"])
    credit.save(
        update_fields=["status", "reviewed_by", "reviewed_at", "review_reason", "updated_at"]
    )
    external_credit_reviewed.send(sender=ExternalCredit, credit=credit)
    return credit


@transaction.atomic
def external_credits_erase(*, learner) -> int:
    """Removes all of `learner`'s credit from elsewhere and, once committed, its files (account
    deletion: these are the learner's own papers, not a record a school must keep)."""
    credits = ExternalCredit.objects.select_for_update().filter(learner=learner)
    names = [name for name in credits.values_list("certificate", flat=True) if name]
    count, _ = credits.delete()

    def remove_files() -> None:
        storage = uploads.private_storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove_files)
    return count
