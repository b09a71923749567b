"""Licence checks at the door: the number's format per board (records/licence_formats.json),
then, where a validation service is configured, that the licence exists and is the learner's.

The profile form (accounts, the bottom layer) calls profile_licence_check() through
settings.LICENCE_CHECK. Without the service, or when it does not answer, only the format is
checked: a learner is never stopped because a tracking system is down.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache as django_cache

from courses.models import AccreditingBody
from records.selectors import board_body
from records.tracking.licence_validation import LicenceLookup, validator_for

FORMATS_FILE = Path(__file__).with_name("licence_formats.json")
BAD_FORMAT = (
    "{board} licence numbers are {description}, for example {example}. Enter the full number "
    "exactly as on your licence."
)
NOT_FOUND = (
    "{system} has no {board} licence numbered {number}. Check the number on your licence and "
    "enter it exactly as printed."
)
NAME_MISMATCH = (
    "{system} lists licence {number} under another name. Your legal name here must match the "
    "name on your licence: check both."
)


@dataclass(frozen=True)
class BoardFormat:
    state: str = ""
    profession: str = ""
    pattern: str = ""
    example: str = ""
    description: str = ""
    subject_areas: dict = field(default_factory=dict)

    def matches(self, number: str) -> bool:
        return not self.pattern or re.fullmatch(self.pattern, number) is not None


@cache
def _formats() -> dict[str, dict]:
    data = json.loads(FORMATS_FILE.read_text(encoding="utf-8"))
    return {k.casefold(): v for k, v in data.items() if not k.startswith("_")}


def board_format(body: AccreditingBody) -> BoardFormat:
    data = _formats().get(body.abbreviation.casefold(), {})
    return BoardFormat(**{"state": body.region, **data})


def format_error(*, body: AccreditingBody, licence_number: str) -> str:
    board = board_format(body)
    if board.matches(licence_number):
        return ""
    return BAD_FORMAT.format(
        board=body.name, description=board.description or "in another form", example=board.example
    )


def _lookup(*, body: AccreditingBody, licence_number: str, legal_name: str) -> LicenceLookup | None:
    """The validation service's answer, cached; None without a service or an answer."""
    validator = validator_for(body.tracking_system)
    if validator is None:
        return None
    board = board_format(body)
    raw = f"{body.tracking_system}|{board.state}|{board.profession}|{licence_number}|{legal_name}"
    key = "licence-check:" + hashlib.sha256(raw.encode()).hexdigest()
    cached = django_cache.get(key)
    if cached is not None:
        return LicenceLookup(**cached)
    result = validator.lookup(
        licence_number=licence_number,
        state=board.state,
        profession=board.profession,
        legal_name=legal_name,
    )
    if result is not None:
        django_cache.set(key, result.as_dict(), settings.LICENCE_CHECK_CACHE_SECONDS)
    return result


def licence_errors(*, body: AccreditingBody, licence_number: str, legal_name: str) -> list[str]:
    error = format_error(body=body, licence_number=licence_number)
    if error:
        return [error]
    lookup = _lookup(body=body, licence_number=licence_number, legal_name=legal_name)
    if lookup is None:
        return []
    values = {"system": body.tracking_system, "board": body.name, "number": licence_number}
    if not lookup.found:
        return [NOT_FOUND.format(**values)]
    if legal_name and not lookup.name_matches:
        return [NAME_MISMATCH.format(**values)]
    return []


def profile_licence_check(*, licence_number: str, licensing_board: str, legal_name: str) -> dict:
    """Errors for the profile form, by field: {"licence_number": [...]}; {} when all is well
    or the board is not one we know a format for."""
    if not licence_number or not licensing_board:
        return {}
    body = board_body(board=licensing_board, bodies=list(AccreditingBody.objects.all()))
    if body is None:
        return {}
    errors = licence_errors(body=body, licence_number=licence_number, legal_name=legal_name)
    return {"licence_number": errors} if errors else {}
