"""Reads for the practitioner's CE transcript: issued certificates by body, renewal cycle and topic.

Hours come from each certificate's frozen snapshot (what the certificate printed), never from
the course's current approvals: boards accept the hours on the certificate, nothing else.

Renewal cycles (which dates count toward a renewal) are worked out in transcript_cycles.py.

A course approved in a topic category counts its whole approved hours toward that category:
the snapshot lists the categories, not hours per category.

Credit earned elsewhere (records/external_credit) counts toward a body's totals once a reviewer
accepted it, and is shown apart from the hours earned here; self-reported credit is shown beside
the totals, never in them.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db.models import Prefetch, QuerySet
from django.urls import NoReverseMatch, reverse

from certificates.models import Certificate
from courses.models import AccreditingBody, TopicRequirement
from records.cycles import DEFAULT_CYCLE_MONTHS, cycle_start, default_cycle_end
from records.external_credit.transcript import ExternalEntry
from records.models import TranscriptShare

ALL_BODIES = "all"
ZERO = Decimal("0")


# --- What the transcript shows --------------------------------------------------------------


@dataclass(frozen=True)
class ApprovalHours:
    body: str
    body_name: str
    approval_number: str
    approved_title: str
    hours: Decimal
    categories: tuple[str, ...]


@dataclass(frozen=True)
class TranscriptEntry:
    certificate: Certificate
    number: str
    title: str
    completed_on: date
    is_revoked: bool
    approvals: tuple[ApprovalHours, ...]
    course_hours: Decimal
    verify_path: str
    provider: str = ""

    def approval_for(self, body: str) -> ApprovalHours | None:
        return next((a for a in self.approvals if a.body.casefold() == body.casefold()), None)


@dataclass(frozen=True)
class TopicProgress:
    category: str
    required: Decimal
    done: Decimal  # earned here and accepted from elsewhere
    elsewhere: Decimal = ZERO  # of which accepted from elsewhere
    awaiting: Decimal = ZERO  # self-reported, not in `done`

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.done, ZERO)

    @property
    def is_met(self) -> bool:
        return self.done >= self.required


@dataclass(frozen=True)
class BodyProgress:
    abbreviation: str
    name: str
    months: int
    cycle_start: date
    cycle_end: date
    done: Decimal  # earned here and accepted from elsewhere: what counts
    courses_counted: int
    required: Decimal | None
    topics: tuple[TopicProgress, ...]
    elsewhere: Decimal = ZERO  # of `done`, accepted from elsewhere
    elsewhere_counted: int = 0
    awaiting: Decimal = ZERO  # self-reported in the cycle, not in `done`
    awaiting_counted: int = 0

    @property
    def earned_here(self) -> Decimal:
        return self.done - self.elsewhere

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.done, ZERO) if self.required is not None else ZERO

    @property
    def is_complete(self) -> bool:
        return self.required is not None and not self.missing and all(t.is_met for t in self.topics)


@dataclass(frozen=True)
class Transcript:
    learner_name: str
    licence_number: str
    licensing_board: str
    board_body: AccreditingBody | None
    body: str  # an abbreviation, or ALL_BODIES
    cycle_end: date
    is_default_cycle: bool
    entries: tuple[TranscriptEntry, ...]
    progress: tuple[BodyProgress, ...]
    cycle_months: dict[str, int]  # casefolded abbreviation: the body's cycle length
    external: tuple[ExternalEntry, ...] = ()

    def external_counts(self, entry: ExternalEntry) -> bool:
        """Whether accepted credit from elsewhere counts toward its body's cycle."""
        months = self.cycle_months.get(entry.body.casefold(), DEFAULT_CYCLE_MONTHS)
        start = cycle_start(cycle_end=self.cycle_end, months=months)
        return entry.is_accepted and start <= entry.completed_on <= self.cycle_end

    def counts(self, entry: TranscriptEntry, approval: ApprovalHours) -> bool:
        """Whether `approval`'s hours count toward its body's cycle ending on `cycle_end`."""
        months = self.cycle_months.get(approval.body.casefold(), DEFAULT_CYCLE_MONTHS)
        start = cycle_start(cycle_end=self.cycle_end, months=months)
        return not entry.is_revoked and start <= entry.completed_on <= self.cycle_end


# --- Queries --------------------------------------------------------------------------------


def transcript_certificates(*, user) -> QuerySet[Certificate]:
    """Issued and revoked certificates of one learner, newest completion first: one query."""
    return Certificate.objects.filter(
        student=user, status__in=[Certificate.Status.ISSUED, Certificate.Status.REVOKED]
    ).order_by("-completed_at", "-pk")


def accrediting_bodies() -> list[AccreditingBody]:
    """Every body with its topic requirements: two queries (the table holds a few dozen rows)."""
    requirements = TopicRequirement.objects.select_related("category").order_by("category__name")
    return list(
        AccreditingBody.objects.prefetch_related(Prefetch("topic_requirements", requirements))
    )


def board_body(*, board: str, bodies: list[AccreditingBody]) -> AccreditingBody | None:
    """The body a learner's free-text licensing board names, by abbreviation or name."""
    wanted = board.strip().casefold()
    if not wanted:
        return None
    return next(
        (b for b in bodies if wanted in (b.abbreviation.casefold(), b.name.casefold())), None
    )


def active_share(*, token: str) -> TranscriptShare | None:
    return (
        TranscriptShare.objects.select_related("user")
        .filter(token=token, revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def shares_for(*, user) -> QuerySet[TranscriptShare]:
    return TranscriptShare.objects.filter(user=user).order_by("revoked_at", "-created_at")


# --- Building the transcript ----------------------------------------------------------------


def verify_path(code: str) -> str:
    try:
        return reverse("certificates:verify", kwargs={"code": code})
    except NoReverseMatch:
        return f"/certificates/verify/{code}/"


def _hours(value) -> Decimal:
    try:
        return Decimal(str(value)) if value not in (None, "") else ZERO
    except InvalidOperation:
        return ZERO


def _completed_on(certificate: Certificate) -> date:
    try:
        return date.fromisoformat(certificate.snapshot["completed_on"])
    except (KeyError, TypeError, ValueError):
        return certificate.completed_at.date()


def transcript_entry(certificate: Certificate, *, body: str = ALL_BODIES) -> TranscriptEntry:
    snapshot = certificate.snapshot or {}
    course = snapshot.get("course") or {}
    approvals = tuple(
        ApprovalHours(
            body=str(a.get("body") or ""),
            body_name=str(a.get("body_name") or a.get("body") or ""),
            approval_number=str(a.get("approval_number") or ""),
            approved_title=str(a.get("approved_title") or course.get("title") or ""),
            hours=_hours(a.get("ce_hours")),
            categories=tuple(str(c) for c in a.get("categories") or ()),
        )
        for a in snapshot.get("approvals") or ()
    )
    shown = next((a for a in approvals if a.body.casefold() == body.casefold()), None)
    shown = shown or (approvals[0] if approvals else None)
    return TranscriptEntry(
        certificate=certificate,
        number=certificate.number or "",
        title=shown.approved_title if shown else str(course.get("title") or ""),
        completed_on=_completed_on(certificate),
        is_revoked=certificate.status == Certificate.Status.REVOKED,
        approvals=approvals,
        course_hours=_hours(course.get("ce_hours", certificate.ce_hours)),
        verify_path=verify_path(certificate.verify_code),
        provider=str((snapshot.get("provider") or {}).get("name") or ""),
    )


def _topic_hours(items, category: str) -> Decimal:
    """Hours of `items` (approvals or credit from elsewhere) that list `category`."""
    wanted = category.casefold()
    return sum((i.hours for i in items if wanted in {c.casefold() for c in i.categories}), ZERO)


def body_progress(
    *,
    abbreviation: str,
    known: AccreditingBody | None,
    entries,
    cycle_end: date,
    external: tuple[ExternalEntry, ...] = (),
) -> BodyProgress:
    months = known.renewal_cycle_months if known else DEFAULT_CYCLE_MONTHS
    start = cycle_start(cycle_end=cycle_end, months=months)
    counted = [
        approval
        for entry in entries
        if not entry.is_revoked and start <= entry.completed_on <= cycle_end
        for approval in [entry.approval_for(abbreviation)]
        if approval is not None
    ]
    in_cycle = [
        e for e in external if e.is_for(abbreviation) and start <= e.completed_on <= cycle_end
    ]
    accepted = [e for e in in_cycle if e.is_accepted]
    awaiting = [e for e in in_cycle if e.is_awaiting]
    topics = tuple(
        TopicProgress(
            category=requirement.category.name,
            required=requirement.hours,
            done=_topic_hours(counted, requirement.category.name)
            + _topic_hours(accepted, requirement.category.name),
            elsewhere=_topic_hours(accepted, requirement.category.name),
            awaiting=_topic_hours(awaiting, requirement.category.name),
        )
        for requirement in (known.topic_requirements.all() if known else ())
    )
    elsewhere = sum((e.hours for e in accepted), ZERO)
    return BodyProgress(
        abbreviation=known.abbreviation if known else abbreviation,
        name=known.name if known else abbreviation,
        months=months,
        cycle_start=start,
        cycle_end=cycle_end,
        done=sum((a.hours for a in counted), ZERO) + elsewhere,
        courses_counted=len(counted),
        required=known.required_hours if known else None,
        topics=topics,
        elsewhere=elsewhere,
        elsewhere_counted=len(accepted),
        awaiting=sum((e.hours for e in awaiting), ZERO),
        awaiting_counted=len(awaiting),
    )


def body_choices(
    *, bodies: list[AccreditingBody], certificates, external: tuple[ExternalEntry, ...] = ()
) -> list[tuple[str, str]]:
    """Bodies to total by: every known body, and any other the certificates or credit from
    elsewhere name."""
    choices = {
        b.abbreviation.casefold(): (b.abbreviation, f"{b.abbreviation}: {b.name}") for b in bodies
    }
    for certificate in certificates:
        for approval in (certificate.snapshot or {}).get("approvals") or ():
            abbreviation = str(approval.get("body") or "")
            if abbreviation:
                choices.setdefault(abbreviation.casefold(), (abbreviation, abbreviation))
    for entry in external:
        choices.setdefault(entry.body.casefold(), (entry.body, entry.body))
    return sorted(choices.values())


def learner_transcript(
    *,
    user,
    certificates,
    bodies: list[AccreditingBody],
    today: date,
    body: str | None = None,
    cycle_end: date | None = None,
    external: tuple[ExternalEntry, ...] = (),
) -> Transcript:
    """The transcript of `user` from already-fetched `certificates`, `bodies` and credit from
    elsewhere (`external`, accepted or awaiting review): no queries.

    `body` None means the learner's own board when it names a body we know, else all bodies.
    """
    matched = board_body(board=user.licensing_board, bodies=bodies)
    body = body or (matched.abbreviation if matched else ALL_BODIES)
    by_abbreviation = {b.abbreviation.casefold(): b for b in bodies}
    selected = by_abbreviation.get(body.casefold())
    is_default_cycle = cycle_end is None
    if cycle_end is None:
        months = selected.renewal_cycle_months if selected else DEFAULT_CYCLE_MONTHS
        cycle_end = default_cycle_end(today=today, months=months)
    entries = tuple(transcript_entry(c, body=body) for c in certificates)
    if body == ALL_BODIES:
        abbreviations = sorted(
            {a.body for e in entries if not e.is_revoked for a in e.approvals if a.body}
            | {e.body for e in external if e.is_accepted or e.is_awaiting},
            key=str.casefold,
        )
    else:
        abbreviations = [body]
    progress = tuple(
        body_progress(
            abbreviation=abbreviation,
            known=by_abbreviation.get(abbreviation.casefold()),
            entries=entries,
            cycle_end=cycle_end,
            external=external,
        )
        for abbreviation in abbreviations
    )
    return Transcript(
        learner_name=user.legal_name or user.display_name or user.email,
        licence_number=user.licence_number,
        licensing_board=user.licensing_board,
        board_body=matched,
        body=body,
        cycle_end=cycle_end,
        is_default_cycle=is_default_cycle,
        entries=entries,
        progress=progress,
        cycle_months={k: b.renewal_cycle_months for k, b in by_abbreviation.items()},
        external=external,
    )
