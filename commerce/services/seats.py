"""Bulk seats: grant a pool of single-use enrolment codes, invite people, redeem, revoke.

The promise is "N seats give at most N enrolments": every function that creates codes locks
the pool row and counts its live codes first, and each code is redeemed under its own row lock.
"""

import csv
import io
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from commerce.models import EnrollmentCode, Order, SeatPool
from courses.models import CoursePage, Enrollment
from courses.selectors import course_version_current
from courses.services.enrollments import COURSE_NOT_LIVE
from courses.signals import enrollment_created
from schools import rules

# Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12  # 12 symbols x 5 bits = 60 bits: far beyond guessing at any request rate
CODE_GROUP = 4
_CODE_LOOKALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})
SEATS_MAX = 1000

SEAT_GRANT_FORBIDDEN = "Only staff or an admin of the course's school can grant seats."
SEAT_COURSE_NO_SCHOOL = "This course belongs to no school, so it cannot have seats."
SEAT_COUNT_INVALID = f"A pool holds from 1 to {SEATS_MAX} seats."
SEAT_MANAGE_FORBIDDEN = "Only the pool's manager, the school's admins or staff can do this."
# One message for unknown and revoked codes, so nobody can probe which codes exist.
SEAT_CODE_INVALID = "This code is not valid. Check it and try again."
SEAT_CODE_USED = "This code has already been used."
SEAT_ALREADY_ENROLLED = "You are already enrolled on this course; your code was not used."
SEAT_ENROLLMENT_BLOCKED = (
    "Your enrolment on this course is suspended or revoked; contact the school. "
    "Your code was not used."
)
SEAT_CODE_NOT_REVOCABLE = "Only an unused code can be revoked."
INVITE_BAD_HEADER = "The first line must be the header: name,email"
INVITE_EMAIL_MISSING = "No email address."
INVITE_EMAIL_INVALID = "Not a valid email address."
INVITE_NAME_TOO_LONG = "The name is longer than 200 characters."
INVITE_DUPLICATE = "Already invited to this pool."
INVITE_NO_SEATS = "No seats left."
INVITE_SENT = "Invitation sent."


def code_generate() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def code_normalise(text: str) -> str | None:
    """The stored form of what someone typed (any case, spaces, dashes), or None if malformed."""
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum()).translate(_CODE_LOOKALIKES)
    if len(raw) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def _codes_fill(*, pool: SeatPool) -> list[EnrollmentCode]:
    """Top the pool up to one live code per seat; the caller's transaction holds the pool lock."""
    SeatPool.objects.select_for_update().filter(pk=pool.pk).first()
    live = pool.codes.filter(revoked_at__isnull=True).count()
    missing = pool.seats - live
    if missing <= 0:
        return []
    codes: set[str] = set()
    while len(codes) < missing:
        fresh = {code_generate() for _ in range(missing - len(codes))}
        taken = set(EnrollmentCode.objects.filter(code__in=fresh).values_list("code", flat=True))
        codes |= fresh - taken
    return EnrollmentCode.objects.bulk_create(
        [EnrollmentCode(pool=pool, code=code) for code in sorted(codes)]
    )


@transaction.atomic
def seat_pool_grant(
    *, course: CoursePage, organisation: str, manager, seats: int, granted_by
) -> SeatPool:
    """Give `organisation` `seats` free places on `course`, handed out by `manager`."""
    if not rules.may_grant_seats(granted_by, course=course):
        raise PermissionDenied(SEAT_GRANT_FORBIDDEN)
    if not course.school_id:
        raise ValidationError(SEAT_COURSE_NO_SCHOOL)
    if not 1 <= seats <= SEATS_MAX:
        raise ValidationError(SEAT_COUNT_INVALID)
    pool = SeatPool(
        school_id=course.school_id,
        course=course,
        organisation=organisation.strip(),
        manager=manager,
        seats=seats,
        source=SeatPool.Source.GRANTED,
        created_by=granted_by,
    )
    pool.full_clean()
    pool.save()
    _codes_fill(pool=pool)
    return pool


@transaction.atomic
def seat_pool_purchased(*, order: Order) -> SeatPool:
    """The pool a paid seat order buys: `order.seats` codes its buyer hands out; once per order."""
    pool = SeatPool.objects.select_for_update().filter(order=order).first()
    if pool is None:
        pool = SeatPool(
            school_id=order.course.school_id,
            course=order.course,
            organisation=order.organisation,
            manager=order.student,
            seats=order.seats,
            source=SeatPool.Source.PURCHASED,
            order=order,
            created_by=order.student,
        )
        pool.full_clean()
        pool.save()
        _codes_fill(pool=pool)
    return pool


@transaction.atomic
def seat_pool_withdraw_unused(*, order: Order) -> int:
    """A refunded or disputed seat order: revoke its unused codes; returns how many were used.

    Seats already used stay enrolled: whether a refund takes those places back is for the
    school to decide with its customer, not for a webhook.
    """
    pool = SeatPool.objects.select_for_update().filter(order=order).first()
    if pool is None:
        return 0
    now = timezone.now()
    pool.codes.filter(redeemed_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
    return pool.codes.filter(redeemed_at__isnull=False).count()


@transaction.atomic
def seat_code_redeem(*, code: str, user) -> Enrollment:
    """Enrol `user` with a seat code; the code is spent only when it makes a new enrolment."""
    normalised = code_normalise(code)
    if normalised is None:
        raise ValidationError(SEAT_CODE_INVALID)
    # Lock only the code row: joined pages and pools stay free for everyone else.
    seat = (
        EnrollmentCode.objects.select_for_update(of=("self",))
        .select_related("pool__course", "enrollment")
        .filter(code=normalised)
        .first()
    )
    if seat is None or seat.revoked_at is not None:
        raise ValidationError(SEAT_CODE_INVALID)
    if seat.redeemed_by_id is not None:
        if seat.redeemed_by_id == user.pk:
            return seat.enrollment
        raise ValidationError(SEAT_CODE_USED)
    course = seat.pool.course
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    existing = Enrollment.objects.select_for_update().filter(student=user, course=course).first()
    if existing is not None:
        raise ValidationError(
            SEAT_ALREADY_ENROLLED if existing.is_active else SEAT_ENROLLMENT_BLOCKED
        )
    enrollment = Enrollment(
        student=user,
        course=course,
        source=Enrollment.Source.SEAT,
        course_version=course_version_current(course=course),
    )
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:  # another request enrolled them a moment ago: keep the seat
        raise ValidationError(SEAT_ALREADY_ENROLLED) from None
    seat.redeemed_by = user
    seat.redeemed_at = timezone.now()
    seat.enrollment = enrollment
    seat.save(update_fields=["redeemed_by", "redeemed_at", "enrollment"])
    enrollment_created.send(sender=Enrollment, enrollment=enrollment)
    return enrollment


@transaction.atomic
def seat_code_revoke(*, code: EnrollmentCode, by) -> EnrollmentCode:
    """Cancel an unused code (say it leaked) and put a fresh one in its place: seats are kept."""
    seat = EnrollmentCode.objects.select_for_update().select_related("pool").get(pk=code.pk)
    if not rules.may_manage_seat_pool(by, pool=seat.pool):
        raise PermissionDenied(SEAT_MANAGE_FORBIDDEN)
    if seat.redeemed_at is not None:
        raise ValidationError(SEAT_CODE_NOT_REVOCABLE)
    if seat.revoked_at is None:
        seat.revoked_at = timezone.now()
        seat.save(update_fields=["revoked_at"])
        _codes_fill(pool=seat.pool)
    return seat


# --- Invitations from a CSV file ----------------------------------------------------------


@dataclass(frozen=True)
class InviteRow:
    line: int
    email: str
    name: str
    status: str  # "invited", "invalid", "duplicate" or "no_seats"
    message: str


@dataclass
class InviteReport:
    rows: list[InviteRow] = field(default_factory=list)

    @property
    def invited(self) -> int:
        return sum(row.status == "invited" for row in self.rows)

    @property
    def skipped(self) -> int:
        return len(self.rows) - self.invited


def redeem_url(code: str) -> str:
    return f"{settings.SITE_URL}{reverse('seats:redeem')}?code={code}"


def _invite_send(*, seat: EnrollmentCode, course_title: str, organisation: str) -> None:
    greeting = f"Hello {seat.name}," if seat.name else "Hello,"
    body = (
        f"{greeting}\n\n{organisation} has a place for you on the course “{course_title}”.\n\n"
        f"Your enrolment code: {seat.code}\n"
        f"Redeem it here (sign in or create an account first): {redeem_url(seat.code)}\n\n"
        "The code works once; please do not share it."
    )
    send_mail(
        subject=f"Your place on {course_title}",
        message=body,
        from_email=None,
        recipient_list=[seat.email],
    )


def _invite_rows(csv_text: str):
    """(line number, name, email) for each data row; raises if the header is not name,email."""
    reader = csv.reader(io.StringIO(csv_text.lstrip("\ufeff")))
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "email" not in header:
        raise ValidationError(INVITE_BAD_HEADER)
    email_at = header.index("email")
    name_at = header.index("name") if "name" in header else None
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        email = cells[email_at].strip() if email_at < len(cells) else ""
        name = cells[name_at].strip() if name_at is not None and name_at < len(cells) else ""
        yield reader.line_num, " ".join(name.split()), email


def _invite_check(email: str, name: str) -> str:
    """The reason a row cannot be invited, or "" when it can."""
    if not email:
        return INVITE_EMAIL_MISSING
    try:
        validate_email(email)
    except ValidationError:
        return INVITE_EMAIL_INVALID
    if len(name) > 200:
        return INVITE_NAME_TOO_LONG
    return ""


@transaction.atomic
def seat_invites_import(*, pool: SeatPool, csv_text: str, invited_by) -> InviteReport:
    """Give each valid row of a `name,email` CSV one free seat and email its code after commit."""
    if not rules.may_manage_seat_pool(invited_by, pool=pool):
        raise PermissionDenied(SEAT_MANAGE_FORBIDDEN)
    rows = list(_invite_rows(csv_text))
    # The pool lock makes concurrent imports take turns; the code locks keep a seat that is
    # being redeemed right now out of this import.
    SeatPool.objects.select_for_update().filter(pk=pool.pk).first()
    free = list(
        pool.codes.select_for_update()
        .filter(email="", redeemed_at__isnull=True, revoked_at__isnull=True)
        .order_by("pk")
    )
    invited = {
        email.casefold() for email in pool.codes.exclude(email="").values_list("email", flat=True)
    }
    report, assigned = InviteReport(), []
    for line, name, raw_email in rows:
        problem = _invite_check(raw_email, name)
        if problem:
            report.rows.append(InviteRow(line, raw_email, name, "invalid", problem))
            continue
        email = BaseUserManager.normalize_email(raw_email)
        if email.casefold() in invited:
            report.rows.append(InviteRow(line, email, name, "duplicate", INVITE_DUPLICATE))
        elif not free:
            report.rows.append(InviteRow(line, email, name, "no_seats", INVITE_NO_SEATS))
        else:
            seat = free.pop(0)
            seat.email, seat.name = email, name
            assigned.append(seat)
            invited.add(email.casefold())
            report.rows.append(InviteRow(line, email, name, "invited", INVITE_SENT))
    EnrollmentCode.objects.bulk_update(assigned, ["email", "name"])
    course_title, organisation = pool.course.title, pool.organisation
    for seat in assigned:
        transaction.on_commit(
            lambda seat=seat: _invite_send(
                seat=seat, course_title=course_title, organisation=organisation
            )
        )
    return report
