"""Credit earned elsewhere as the transcript reads it: plain values, labelled by status."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from records.external_credit.models import ExternalCredit

Status = ExternalCredit.Status
# What the transcript calls each status, beside "earned here" for our own certificates.
LABELS = {
    Status.ACCEPTED: "Accepted from elsewhere",
    Status.SELF_REPORTED: "Self-reported, awaiting review",
    Status.REJECTED: "Not accepted",
}


@dataclass(frozen=True)
class ExternalEntry:
    pk: int
    title: str
    provider: str
    body: str  # the body's abbreviation, or the name the learner typed
    hours: Decimal
    categories: tuple[str, ...]
    completed_on: date
    status: str
    review_reason: str

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def is_accepted(self) -> bool:
        return self.status == Status.ACCEPTED

    @property
    def is_awaiting(self) -> bool:
        return self.status == Status.SELF_REPORTED

    def is_for(self, body: str) -> bool:
        return self.body.casefold() == body.casefold()


def external_entry(credit: ExternalCredit) -> ExternalEntry:
    """From a credit fetched with its body and topics (external_credits_for): no queries."""
    return ExternalEntry(
        pk=credit.pk,
        title=credit.course_title,
        provider=credit.provider_name,
        body=credit.body_label,
        hours=credit.hours,
        categories=tuple(sorted(t.name for t in credit.topics.all())),
        completed_on=credit.completed_on,
        status=credit.status,
        review_reason=credit.review_reason,
    )
