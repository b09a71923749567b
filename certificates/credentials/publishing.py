"""What anyone may fetch to check our credentials: the issuer profile, keys, revocation list.

Keys are published at /credentials/keys/<multibase>.json (Multikey documents controlled by the
issuer profile /credentials/issuer.json). Plain HTTPS URLs rather than did:web: Open Badges 3.0
requires verifiers to dereference HTTP key URLs and leaves DID support optional, and the spec's
own signed example names an HTTPS issuer and key the same way.

Revocation is a W3C Bitstring Status List, signed as a JWT by the same key: credential N names
bit N (the certificate's primary key) of /credentials/status/revocation.jwt, built from the
certificates table on each request.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from openbadgeslib.ob3 import (  # noqa: TID251
    build_status_list_credential,
    multikey_from_pem,
    sign_status_list_credential,
)

from certificates import keys
from certificates.models import Certificate

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
# The two controller-document terms the issuer profile uses, as the W3C CID context defines
# them; inline because openbadgeslib bundles no context that defines them outside a proof.
KEY_TERMS = {
    "verificationMethod": {"@id": "https://w3id.org/security#verificationMethod", "@type": "@id"},
    "assertionMethod": {
        "@id": "https://w3id.org/security#assertionMethod",
        "@type": "@id",
        "@container": "@set",
    },
}
STATUS_PURPOSE = "revocation"
STATUS_LIST_BITS = 131072  # the Bitstring Status List minimum: hides which bits are in use
STATUS_LIST_VALIDITY = timedelta(days=1)  # a replayed old list stops being accepted
STATUS_LIST_TTL_MS = 5 * 60 * 1000


def issuer_id() -> str:
    return settings.SITE_URL + reverse("credentials:issuer")


def key_id(public_pem: bytes) -> str:
    """The key's Multikey form (z6Mk... for Ed25519), which also names it in URLs."""
    return multikey_from_pem(public_pem)


def verification_method(public_pem: bytes) -> str:
    return settings.SITE_URL + reverse("credentials:key", kwargs={"key_id": key_id(public_pem)})


def status_list_url() -> str:
    return settings.SITE_URL + reverse("credentials:status_list")


def key_document(public_pem: bytes) -> dict:
    """The Multikey document a proof's verificationMethod URL dereferences to."""
    return {
        "@context": MULTIKEY_CONTEXT,
        "id": verification_method(public_pem),
        "type": "Multikey",
        "controller": issuer_id(),
        "publicKeyMultibase": key_id(public_pem),
    }


def key_document_for(public_key_id: str) -> dict | None:
    for pem in keys.published_public_keys():
        if key_id(pem) == public_key_id:
            return key_document(pem)
    return None


def issuer_profile() -> dict:
    """The platform's issuer Profile, listing every key its credentials may be signed with."""
    methods = [
        {k: v for k, v in key_document(pem).items() if k != "@context"}
        for pem in keys.published_public_keys()
    ]
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT, MULTIKEY_CONTEXT, KEY_TERMS],
        "id": issuer_id(),
        "type": ["Profile"],
        "name": settings.WAGTAIL_SITE_NAME,
        "url": settings.SITE_URL + "/",
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def status_list_jwt() -> str:
    """The signed revocation list: bit N is set when certificate N is revoked."""
    revoked = Certificate.objects.filter(status=Certificate.Status.REVOKED)
    highest = Certificate.objects.aggregate(highest=Max("pk"))["highest"] or 0
    now = timezone.now()
    document = build_status_list_credential(
        issuer_id(),
        status_list_url(),
        STATUS_PURPOSE,
        revoked.values_list("pk", flat=True),
        size_bits=STATUS_LIST_BITS * (highest // STATUS_LIST_BITS + 1),
        issued=now,
        valid_until=now + STATUS_LIST_VALIDITY,
        ttl=STATUS_LIST_TTL_MS,
    )
    return sign_status_list_credential(document, keys.signing_key().private_pem, "EdDSA")
