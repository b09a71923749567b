"""A certificate's credential: built from its snapshot, signed, and stored once."""

import hashlib
import uuid
from decimal import Decimal

from django.db import transaction
from openbadgeslib.errors import ErrorSigningFile  # noqa: TID251
from openbadgeslib.ob3 import (  # noqa: TID251
    Achievement,
    Evidence,
    IdentityObject,
    Issuer,
    OB3LdpVerifier,
    OB3VerificationError,
    OpenBadgeCredential,
    add_data_integrity_proof,
    status_entry,
)

from certificates import keys
from certificates.credentials.publishing import (
    STATUS_PURPOSE,
    issuer_id,
    status_list_url,
    verification_method,
)
from certificates.models import Certificate, CertificateKind
from cms.text import ce_hours_label

# urn:uuid ids derived from stable values, so rebuilding a credential gives the same ids.
ID_NAMESPACE = uuid.UUID("6ad4066a-2a64-4550-a0fb-1c5d42f7b952")
ACHIEVEMENT_TYPES = {
    CertificateKind.ACHIEVEMENT: "Certificate",
    CertificateKind.COMPLETION: "CertificateOfCompletion",
}

NOT_ISSUED = "Only issued certificates have a credential; this one is {status}."
NO_LEARNER = "The certificate snapshot names no learner (neither a name nor an email)."
CANNOT_SIGN = "Cannot sign the credential: {reason}"
SELF_CHECK_FAILED = "Refusing to issue a credential that does not verify: {reason}"


class CredentialError(Exception):
    pass


def credential_build(*, certificate: Certificate) -> dict:
    """The unsigned OpenBadgeCredential, from the values the certificate prints."""
    if certificate.status == Certificate.Status.PENDING or certificate.issued_at is None:
        raise CredentialError(NOT_ISSUED.format(status=certificate.status))
    snapshot = certificate.snapshot
    course, provider = snapshot["course"], snapshot["provider"]
    approvals = snapshot.get("approvals") or []
    kind = snapshot.get("kind") or certificate.kind
    kind_label = snapshot.get("kind_label") or certificate.get_kind_display()
    title = (approvals[0].get("approved_title") if approvals else "") or course["title"]
    hours = Decimal(str(course.get("ce_hours") or certificate.ce_hours or 0))
    type_label = course.get("course_type_label") or "continuing education"
    achievement = Achievement(
        id=_urn(f"achievement:{course['id']}:{kind}:{_hours(hours)}:{title}"),
        name=title,
        description=(
            f"{title}: a {_hours(hours)} CE-hour continuing-education course "
            f"({type_label}) from {provider['name']}."
        ),
        criteria_narrative=(
            f"Completed the course's required lessons and assessments, as recorded by "
            f"{provider['name']} on {snapshot['completed_on']}."
        ),
        achievement_type=ACHIEVEMENT_TYPES.get(kind, "Certificate"),
        credits_available=float(hours),
    )
    website = provider.get("website") or ""
    credential = OpenBadgeCredential(
        id=_urn(f"credential:{certificate.verify_code}"),
        name=f"{kind_label}: {title}",
        issuer=Issuer(
            id=issuer_id(),
            name=provider["name"],
            # The proof cannot cover a relative IRI, so a bare "school.example" is left out.
            url=website if website.startswith(("https://", "http://")) else None,
            email=provider.get("email") or None,
        ),
        recipient_id=None,
        identifiers=_learner_identifiers(snapshot.get("learner") or {}, certificate.verify_code),
        achievement=achievement,
        credits_earned=float(hours),
        issuance_date=certificate.issued_at,
        evidence=[_approval_evidence(approval, provider) for approval in approvals],
        credential_status=[status_entry(status_list_url(), STATUS_PURPOSE, certificate.pk)],
    )
    document = credential.to_vc()
    document["description"] = (
        f"{kind_label} {snapshot.get('number') or certificate.number}: {_hours(hours)} CE "
        f"hours, completed on {snapshot['completed_on']}."
    )
    return document


def credential_sign(*, document: dict) -> dict:
    """The document secured with an eddsa-rdfc-2022 Data Integrity proof by the platform key."""
    key = keys.signing_key()
    try:
        signed = add_data_integrity_proof(
            document, key.private_pem, verification_method(key.public_pem)
        )
    except ErrorSigningFile as exc:
        raise CredentialError(CANNOT_SIGN.format(reason=exc)) from exc
    # The checks every verifier makes, among them that the proof covers every JSON member
    # (a member no context defines would be shown to people but left unsigned).
    try:
        OB3LdpVerifier(pubkey_pem=key.public_pem).verify(signed)
    except OB3VerificationError as exc:
        raise CredentialError(SELF_CHECK_FAILED.format(reason=exc)) from exc
    return signed


def credential_for(*, certificate: Certificate) -> dict:
    return credential_sign(document=credential_build(certificate=certificate))


def credential_ensure(*, certificate: Certificate) -> dict:
    """The certificate's stored credential, signed and stored first if it has none."""
    if certificate.credential:
        return certificate.credential
    signed = credential_for(certificate=certificate)  # outside the transaction: ~0.1 s of work
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if not locked.credential:  # else another request stored one first: keep that one
            locked.credential = signed
            locked.save(update_fields=["credential", "updated_at"])
    certificate.credential = locked.credential
    return locked.credential


def _learner_identifiers(learner: dict, verify_code: str) -> list[IdentityObject]:
    """The learner's name in plain text (the certificate is public) and a salted email hash.

    The hash lets a board that knows the learner's address confirm it without the address
    being published. Addresses are lowercased first: they are compared case-insensitively.
    """
    name, email = (learner.get("name") or "").strip(), (learner.get("email") or "").strip()
    identifiers = []
    if name and "@" not in name:  # an account without a legal name falls back to its email
        identifiers.append(IdentityObject(identity_hash=name, identity_type="name", hashed=False))
    if email:
        salt = hashlib.sha256(f"credential-salt:{verify_code}".encode()).hexdigest()[:16]
        identifiers.append(IdentityObject.create(email.lower(), salt=salt))
    if not identifiers:
        raise CredentialError(NO_LEARNER)
    return identifiers


def _approval_evidence(approval: dict, provider: dict) -> Evidence:
    """What one accrediting body approved, with its approval and provider numbers."""
    body = approval.get("body") or "Accrediting body"
    number = approval.get("approval_number") or ""
    provider_numbers = [
        a.get("provider_number")
        for a in provider.get("approvals") or []
        if a.get("body") == body and a.get("provider_number")
    ]
    hours = _hours(Decimal(str(approval.get("ce_hours") or 0)))
    course_type = approval.get("course_type_label") or approval.get("course_type") or "course"
    description = (
        f"Approved by {approval.get('body_name') or body} as "
        f"“{approval.get('approved_title')}”: {ce_hours_label(hours)}, {course_type}."
    )
    if number:
        description += f" Approval number {number}."
    if provider_numbers:
        description += f" Provider number {provider_numbers[0]}."
    return Evidence(name=f"{body} approval {number}".strip(), description=description)


def _hours(hours: Decimal) -> str:
    """3.00 -> "3", 1.50 -> "1.5": hours as a certificate prints them."""
    return f"{hours.normalize():f}"


def _urn(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, name)}"
