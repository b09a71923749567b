"""Reads of credit earned elsewhere: a learner's own list, and a reviewer's queue."""

from django.db.models import Exists, OuterRef, QuerySet

from courses.models import Enrollment
from records.external_credit.models import ExternalCredit
from schools import rules


def _with_relations(queryset: QuerySet[ExternalCredit]) -> QuerySet[ExternalCredit]:
    # The body and the topics: two queries however many rows (the topics' only when any).
    return queryset.select_related("body").prefetch_related("topics")


def external_credits_for(*, user) -> QuerySet[ExternalCredit]:
    return _with_relations(ExternalCredit.objects.filter(learner=user)).order_by(
        "-completed_on", "-pk"
    )


def external_credits_for_record(*, learner_id: int) -> QuerySet[ExternalCredit]:
    """The learner's credit from elsewhere that a school's copy of their transcript lists:
    accepted (it counts) and self-reported (shown as not counted). Rejected credit is no
    credit, so a record copy leaves it out."""
    statuses = [ExternalCredit.Status.ACCEPTED, ExternalCredit.Status.SELF_REPORTED]
    return _with_relations(
        ExternalCredit.objects.filter(learner_id=learner_id, status__in=statuses)
    ).order_by("-completed_on", "-pk")


def own_credit(*, user, pk: int) -> ExternalCredit | None:
    return ExternalCredit.objects.filter(learner=user, pk=pk).select_related("body").first()


def learner_school_ids(*, learner) -> frozenset[int]:
    """The schools `learner` enrolled with (any status: a revoked place was still taught)."""
    rows = Enrollment.objects.filter(student=learner, course__school__isnull=False)
    return frozenset(rows.values_list("course__school_id", flat=True).distinct())


def _in_scope(queryset: QuerySet[ExternalCredit], *, user) -> QuerySet[ExternalCredit]:
    scope = rules.external_credit_review_scope(user)
    if scope is None:
        return queryset
    enrolled = Enrollment.objects.filter(
        student_id=OuterRef("learner_id"), course__school_id__in=scope
    )
    return queryset.filter(Exists(enrolled))


def review_queue(*, user) -> QuerySet[ExternalCredit]:
    """Self-reported credit `user` may review, oldest first (it has waited longest)."""
    queryset = ExternalCredit.objects.filter(status=ExternalCredit.Status.SELF_REPORTED)
    return (
        _with_relations(_in_scope(queryset, user=user))
        .select_related("learner")
        .order_by("created_at", "pk")
    )


def reviewable_credit(*, user, pk: int) -> ExternalCredit | None:
    """One credit, of any status, that `user` may review and whose certificate they may read."""
    queryset = ExternalCredit.objects.filter(pk=pk)
    return _with_relations(_in_scope(queryset, user=user)).select_related("learner").first()
