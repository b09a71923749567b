"""Licence validation services (CE Broker's): does this licence exist, and is it this person's?

Pluggable per tracking system through settings.TRACKING_SYSTEMS[...]["validation_url"]. The
client asks with GET ?license=&state=&profession=&last_name= and reads a JSON answer
{"found": true, "first_name": "...", "last_name": "...", "status": "active"}. Any failure
(timeout, 5xx, unreadable answer) gives None: the caller falls back to the format check.
"""

import logging
from dataclasses import asdict, dataclass

import requests
from django.conf import settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LicenceLookup:
    found: bool
    name_matches: bool
    status: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def _last_name(full_name: str) -> str:
    parts = full_name.split()
    return parts[-1].casefold() if parts else ""


class HTTPLicenceValidator:
    def __init__(self, *, url: str, timeout: float = 5.0):
        self.url = url
        self.timeout = timeout

    def lookup(
        self, *, licence_number: str, state: str, profession: str, legal_name: str
    ) -> LicenceLookup | None:
        params = {
            "license": licence_number,
            "state": state,
            "profession": profession,
            "last_name": _last_name(legal_name),
        }
        try:
            response = requests.get(self.url, params=params, timeout=self.timeout)
            if response.status_code == 404:
                return LicenceLookup(found=False, name_matches=False)
            response.raise_for_status()
            data = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.warning("Licence validation did not answer: %s", error.__class__.__name__)
            return None
        if not isinstance(data, dict):
            return None
        found = bool(data.get("found"))
        matches = found and _last_name(str(data.get("last_name", ""))) == params["last_name"]
        return LicenceLookup(found=found, name_matches=matches, status=str(data.get("status", "")))


def validator_for(tracking_system: str) -> HTTPLicenceValidator | None:
    config = settings.TRACKING_SYSTEMS.get(tracking_system) or {}
    url = config.get("validation_url", "")
    if not url:
        return None
    return HTTPLicenceValidator(url=url, timeout=min(float(config.get("timeout", 5.0)), 10.0))
