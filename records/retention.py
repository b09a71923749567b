"""CE records are kept: nothing deletes one younger than CE_RECORD_RETENTION_YEARS.

Accrediting bodies (NCBTMB: 6 years) ask providers to keep certificates, rosters, attendance,
assessments and evaluations, and to reissue a certificate or transcript from them. This module
knows every model that holds such a record and the dates that start its retention. A
`pre_delete` receiver on each refuses the delete with `RecordRetained` while the newest of those
dates is younger than the window. Django sends `pre_delete` for every object a delete collects,
so this covers `instance.delete()`, `QuerySet.delete()` (the collector never takes its fast,
signal-less path for a model with receivers), cascades from a user, a page or a parent record,
the Django admin and Wagtail's views, and the whole delete is rolled back.

Another app's model becomes a retained record with one line in RETAINED below (app label,
model and the dates that start its retention, `parent__field` for a date on a parent).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.db.models.deletion import ProtectedError
from django.db.models.signals import pre_delete
from django.utils import timezone

DAYS_PER_YEAR = 365.25
RECORD_RETAINED = (
    "{label} {pk} is a CE record kept until {until:%d %B %Y} ({years} years after {start:%d %B "
    "%Y}): it cannot be deleted before then."
)


@dataclass(frozen=True)
class RetainedModel:
    model: str  # "app_label.ModelName"
    date_fields: tuple[str, ...]  # its retention starts at the newest of these dates

    def model_class(self):
        return apps.get_model(self.model)


RETAINED: tuple[RetainedModel, ...] = (
    RetainedModel("certificates.Certificate", ("created_at", "issued_at", "revoked_at")),
    RetainedModel("certificates.CertificateEvent", ("at",)),
    RetainedModel("certificates.CourseEvaluation", ("submitted_at",)),
    RetainedModel("records.CompletionReport", ("reported_at",)),
    RetainedModel("courses.Enrollment", ("enrolled_at", "completed_at", "revoked_at")),
    RetainedModel("commerce.Order", ("created_at", "paid_at", "refunded_at")),
    RetainedModel("courses.LessonVisit", ("first_visited_at", "last_visited_at")),
    RetainedModel("live.Attendance", ("checked_in_at", "checked_out_at", "updated_at")),
    RetainedModel("live.SkillSignoff", ("signed_at",)),
    RetainedModel("quizzes.Attempt", ("started_at", "submitted_at")),
    RetainedModel("quizzes.AttemptSlot", ("attempt__started_at", "attempt__submitted_at")),
)


class RecordRetained(ProtectedError, PermissionDenied):
    """A delete that would remove a CE record inside its retention window.

    A ProtectedError for code that handles protected deletes, and a PermissionDenied so that a
    view which reaches it answers 403 rather than 500.
    """

    def __init__(self, message: str, records):
        ProtectedError.__init__(self, message, records)


def retention_years() -> int:
    return settings.CE_RECORD_RETENTION_YEARS


def retention_window() -> timedelta:
    return timedelta(days=round(retention_years() * DAYS_PER_YEAR))


def retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Records whose newest date is on or after this are still kept."""
    return (now or timezone.now()) - retention_window()


def _retained_model(model) -> RetainedModel | None:
    label = model._meta.label
    return next((entry for entry in RETAINED if entry.model == label), None)


def _value(instance, path: str):
    for part in path.split("__"):
        instance = getattr(instance, part, None)
        if instance is None:
            return None
    return instance


def retention_start(instance) -> datetime | None:
    """The newest of the record's retention dates (None if it is not a retained record)."""
    entry = _retained_model(type(instance))
    if entry is None:
        return None
    dates = [value for f in entry.date_fields if (value := _value(instance, f)) is not None]
    # A record not saved with its dates yet (a row being created) is as young as now.
    return max(dates) if dates else timezone.now()


def retained_until(instance) -> datetime | None:
    start = retention_start(instance)
    return None if start is None else start + retention_window()


def is_retained(instance, *, now: datetime | None = None) -> bool:
    until = retained_until(instance)
    return until is not None and until > (now or timezone.now())


def retained_filter(model, *, now: datetime | None = None) -> Q:
    """A filter for the rows of a retained `model` that may not be deleted yet."""
    entry = _retained_model(model)
    if entry is None:
        return Q(pk__in=[])
    cutoff = retention_cutoff(now=now)
    condition = Q()
    for field in entry.date_fields:
        condition |= Q(**{f"{field}__gte": cutoff})
    return condition


def refuse_delete_of_retained(sender, instance, **kwargs) -> None:
    if not is_retained(instance):
        return
    start = retention_start(instance)
    raise RecordRetained(
        RECORD_RETAINED.format(
            label=sender._meta.verbose_name.capitalize(),
            pk=instance.pk,
            until=retained_until(instance),
            years=retention_years(),
            start=start,
        ),
        [instance],
    )


def connect() -> None:
    """Lock every retained model against deletes (called once, from AppConfig.ready)."""
    for entry in RETAINED:
        pre_delete.connect(
            refuse_delete_of_retained,
            sender=entry.model_class(),
            dispatch_uid=f"ce_retention:{entry.model}",
        )


def _linked_retained(target, ids, *, now: datetime | None, young_only: bool) -> list[str]:
    """Counts of the kept records that point at rows `ids` of `target` (or a subclass)."""
    found = []
    for entry in RETAINED:
        model = entry.model_class()
        links = Q()
        for field in model._meta.fields:
            related = field.related_model
            if field.many_to_one and isinstance(related, type) and issubclass(related, target):
                links |= Q(**{f"{field.name}__in": ids})
        if not links:
            continue
        rows = model.objects.filter(links)
        if young_only:
            rows = rows.filter(retained_filter(model, now=now))
        count = rows.count()
        if count:
            name = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
            found.append(f"{count} {name}")
    return found


def page_retained_records(page, *, now: datetime | None = None) -> list[str]:
    """What `page` and the pages under it hold that is still kept, e.g. ["3 lesson visits"],
    for a clear refusal before Wagtail deletes a page (the receivers refuse it anyway)."""
    from wagtail.models import Page

    ids = Page.objects.descendant_of(page, inclusive=True).values("pk")
    return _linked_retained(Page, ids, now=now, young_only=True)


def user_retained_records(user, *, now: datetime | None = None) -> list[str]:
    """The CE records of `user` (as learner, buyer or actor), e.g. ["1 certificate"]: of any
    age, as these tables protect their user from deletion whatever the date."""
    return _linked_retained(type(user), [user.pk], now=now, young_only=False)
