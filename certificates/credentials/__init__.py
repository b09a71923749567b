"""Every certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential, VCDM 2.0).

This package is the only code that imports openbadgeslib and pyld (ruff bans them elsewhere).
A credential is built from the certificate's frozen snapshot, secured with a Data Integrity
proof (eddsa-rdfc-2022) by the platform's key (certificates/keys.py) and verified offline:
JSON-LD contexts come only from those openbadgeslib bundles, whose document loader refuses any
other URL (UnknownContextError).

- issuing.py: credential_build, credential_sign, credential_for, credential_ensure
- verifying.py: credential_verify -> VerificationResult
- publishing.py: the issuer profile, key documents and revocation list anyone can fetch
"""

from openbadgeslib.ob3.contexts import document_loader  # noqa: TID251
from pyld import jsonld  # noqa: TID251

from certificates.credentials.issuing import (
    CredentialError,
    credential_build,
    credential_ensure,
    credential_for,
    credential_sign,
)
from certificates.credentials.publishing import (
    issuer_id,
    issuer_profile,
    key_document_for,
    status_list_jwt,
    verification_method,
)
from certificates.credentials.verifying import VerificationResult, credential_verify

# pyld fetches unknown contexts over HTTP by default. openbadgeslib passes its own loader on
# every call; this makes any other pyld use in the process offline and allowlisted too.
jsonld.set_document_loader(document_loader())

__all__ = [
    "CredentialError",
    "VerificationResult",
    "credential_build",
    "credential_ensure",
    "credential_for",
    "credential_sign",
    "credential_verify",
    "issuer_id",
    "issuer_profile",
    "key_document_for",
    "status_list_jwt",
    "verification_method",
]
