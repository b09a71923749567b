"""One interface to every tracking system (CE Broker...): the records we send, the receipt we
get back, and the errors that mean "try the whole batch again later".

A transport turns a Batch into a Receipt. It never touches the database: records/report_runs.py
claims the records, calls the transport, and stores what the receipt says.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Protocol


@dataclass(frozen=True)
class SubjectCredit:
    """Partial credit: hours earned in one subject area (CE Broker's subject-area code)."""

    code: str
    hours: Decimal


@dataclass(frozen=True)
class RosterRecord:
    """One completion as the tracking system wants it."""

    key: str  # ours, echoed by the receipt: which record a result belongs to
    licence_number: str  # the full number as in the state's licence database
    state: str  # "FL"
    profession: str  # the tracking system's profession code
    provider_number: str  # "50-1234"
    course_number: str  # "20-5678"
    completed_on: date
    hours: Decimal
    first_name: str = ""
    last_name: str = ""
    publishing: str = ""  # one dated instance of a (live) course, optional
    subject_credits: tuple[SubjectCredit, ...] = ()  # empty: full credit

    @property
    def partial(self) -> bool:
        return bool(self.subject_credits)


@dataclass(frozen=True)
class Credentials:
    provider_id: str
    username: str
    secret: str
    endpoint_url: str


@dataclass(frozen=True)
class Batch:
    idempotency_key: str
    credentials: Credentials
    records: Iterable[RosterRecord]  # may be a generator: a transport reads it once


class Outcome(StrEnum):
    ACCEPTED = "accepted"
    ALREADY_REPORTED = "already"  # the licensee is on the roster already: reported, not an error
    REJECTED = "rejected"


@dataclass(frozen=True)
class RecordResult:
    key: str
    outcome: Outcome
    identifier: str = ""
    message: str = ""

    @property
    def reported(self) -> bool:
        return self.outcome in (Outcome.ACCEPTED, Outcome.ALREADY_REPORTED)


@dataclass
class Receipt:
    receipt_id: str
    results: list[RecordResult] = field(default_factory=list)
    # A roster file for upload by hand (spreadsheet transport), with its file name.
    document: bytes = b""
    document_name: str = ""


class TransportError(Exception):
    """The batch did not get through (timeout, 5xx, unreadable receipt): send it again later.

    Nothing in it is known to be accepted or rejected; resending is safe because the tracking
    system refuses a licensee already on the roster, and we count that as reported.
    """


class Transport(Protocol):
    name: str

    def send(self, batch: Batch) -> Receipt: ...
