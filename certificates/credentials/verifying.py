"""Checking a credential offline: ours against our published keys, anyone's against theirs."""

import json
from dataclasses import dataclass, field

from openbadgeslib.ob3 import (  # noqa: TID251
    OB3GuardUnavailable,
    OB3LdpVerifier,
    OB3VerificationError,
    OpenBadgeCredential,
)

from certificates import keys
from certificates.credentials.issuing import CredentialError
from certificates.credentials.publishing import (
    issuer_id,
    key_id,
    status_list_jwt,
    status_list_url,
    verification_method,
)

NOT_OURS = (
    "issued by {issuer}, not by this platform ({ours}): give the issuer's public key to check it"
)
KEY_NOT_PUBLISHED = "signed with {method}, which is not one of this platform's published keys"
KEY_NOT_OURS = "it names this platform as issuer, but the key given is not this platform's key"
BAD_KEY = "the public key given is not usable: {reason}"
STATUS_OFFLINE = "refusing to fetch {url}: credentials are verified offline"
STATUS_NOT_CHECKED = (
    "revocation not checked: the status list {url} is not this platform's, and nothing is "
    "fetched over the network"
)


@dataclass
class VerificationResult:
    ok: bool
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    issuer: str = ""  # the issuer's name, or its id when it gives none
    issuer_id: str = ""
    subject: str = ""  # the learner's name, or the subject's id
    achievement: str = ""


def credential_verify(
    document: dict | str | bytes, *, public_keys: list[bytes | str] | None = None
) -> VerificationResult:
    """Check a credential's proof and content offline.

    Without `public_keys` only this platform's credentials, signed by one of its published
    keys, are accepted. With them, any issuer's credential signed by one of those keys is; a
    credential naming this platform as issuer must still carry this platform's key. Our own
    credentials are also checked against the revocation list, read from the database.
    """
    if not isinstance(document, dict):
        try:
            document = json.loads(document)
        except ValueError as exc:
            return VerificationResult(ok=False, errors=[f"not valid JSON: {exc}"])
    if not isinstance(document, dict):
        return VerificationResult(ok=False, errors=["a credential must be a JSON object"])
    claimed_issuer, method = _claimed(document)
    ours = claimed_issuer == issuer_id()
    given = [_pem(key) for key in public_keys] if public_keys is not None else None
    failed = VerificationResult(ok=False, issuer=claimed_issuer, issuer_id=claimed_issuer)
    if ours:
        try:
            candidates = [_our_key(method, given)]
        except _Refused as refusal:
            failed.errors.append(str(refusal))
            return failed
    elif given is None:
        failed.errors.append(NOT_OURS.format(issuer=claimed_issuer, ours=issuer_id()))
        return failed
    else:
        candidates = given
    for pem in candidates:
        try:
            credential = OB3LdpVerifier(pubkey_pem=pem).verify(
                document,
                check_status=ours,
                download=_status_list_from_database,
                verify_status_list=False,  # read from our own database, not fetched
            )
        except OB3GuardUnavailable:
            raise  # the verifier itself cannot run: an outage, not a bad credential
        except (OB3VerificationError, TypeError, ValueError) as exc:
            reason = (
                str(exc) if isinstance(exc, OB3VerificationError) else BAD_KEY.format(reason=exc)
            )
            if reason not in failed.errors:
                failed.errors.append(reason)
            continue
        return _valid(credential, ours=ours)
    return failed


class _Refused(Exception):
    pass


def _our_key(method: str, given: list[bytes] | None) -> bytes:
    """The published key a credential naming us as issuer must verify with, if it is ours."""
    published = {verification_method(pem): pem for pem in keys.published_public_keys()}
    if method not in published:
        raise _Refused(KEY_NOT_PUBLISHED.format(method=method))
    if given is not None:
        try:
            given_ids = {key_id(pem) for pem in given}
        except (TypeError, ValueError) as exc:
            raise _Refused(BAD_KEY.format(reason=exc)) from exc
        if key_id(published[method]) not in given_ids:
            raise _Refused(KEY_NOT_OURS)
    return published[method]


def _valid(credential: OpenBadgeCredential, *, ours: bool) -> VerificationResult:
    plain_names = [
        i.identity_hash
        for i in credential.identifiers
        if i.identity_type == "name" and not i.hashed
    ]
    result = VerificationResult(
        ok=True,
        issuer=credential.issuer.name or credential.issuer.id,
        issuer_id=credential.issuer.id,
        subject=(plain_names[0] if plain_names else credential.recipient_id) or "(no name)",
        achievement=credential.achievement.name,
    )
    if not ours:
        for entry in credential.credential_status:
            url = entry.get("statusListCredential") or entry.get("id")
            result.warnings.append(STATUS_NOT_CHECKED.format(url=url))
    return result


def _status_list_from_database(url: str) -> bytes:
    if url != status_list_url():
        raise CredentialError(STATUS_OFFLINE.format(url=url))
    return status_list_jwt().encode()


def _claimed(document: dict) -> tuple[str, str]:
    """The issuer id and verification method the document claims, before anything is checked."""
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    proof = document.get("proof")
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    return (
        issuer if isinstance(issuer, str) else "",
        method if isinstance(method, str) else "",
    )


def _pem(key: bytes | str) -> bytes:
    return key.encode() if isinstance(key, str) else key
