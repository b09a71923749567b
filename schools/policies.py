"""A school's registration, cancellation and refund policies: shown at checkout, accepted by the
buyer, and stored with the order exactly as shown.

Accrediting bodies require written policies from every provider. A school that has not written
its own gets the platform's defaults below. The checkout form carries a digest of the policies
the buyer read, so an order is never stored with policies the buyer did not see (a school that
edits them while the buyer is reading makes the buyer read them again).
"""

import hashlib
import json

from django.core.exceptions import ValidationError

POLICY_KINDS = (
    ("registration", "Registration policy"),
    ("cancellation", "Cancellation policy"),
    ("refund", "Refund policy"),
)
POLICIES_NOT_ACCEPTED = "Please read and accept the school's policies to continue."
POLICIES_CHANGED = (
    "The school's policies changed while you were reading them. Please read them again and "
    "accept the current version."
)

DEFAULT_POLICIES = {
    "registration": (
        "Registration is open to anyone who wants to take the course. Your place is confirmed "
        "as soon as your payment is received, and you can start at once.\n"
        "To receive a CE certificate you need a learner account in your own name, your legal "
        "name, licence number and licensing board as they appear on your licence, the whole "
        "course completed, and the final assessment passed where the course has one.\n"
        "The course fee includes the certificate: there is no separate certificate fee."
    ),
    "cancellation": (
        "You may cancel your registration at any time by contacting the school.\n"
        "If the school has to withdraw or cancel a course, you are told by email and refunded "
        "in full.\n"
        "A course whose CE approval lapses before you finish is completed under the approval in "
        "force when you enrolled, or refunded if that is not possible."
    ),
    "refund": (
        "A full refund is given if you ask within 14 days of payment and have not completed the "
        "course or received its certificate.\n"
        "After 14 days, or once the certificate has been issued, the fee is not refundable.\n"
        "A refund ends your access to the course and withdraws any certificate issued for it. "
        "Refunds go back to the card you paid with, usually within 5 to 10 working days."
    ),
}


def school_policies(school) -> dict[str, str]:
    """The policies a buyer accepts: the school's own text, or the platform's default for any
    the school left blank (and all of them for a course without a school)."""
    policies = {"school": school.name if school else "NMT Academy"}
    for kind, _ in POLICY_KINDS:
        text = getattr(school, f"{kind}_policy", "") if school else ""
        policies[kind] = (text or "").strip() or DEFAULT_POLICIES[kind]
    return policies


def policies_digest(policies: dict[str, str]) -> str:
    """A short fingerprint of the policies' text, sent back by the checkout form."""
    payload = json.dumps(policies, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(payload).hexdigest()[:32]


def policies_for_course(course) -> dict[str, str]:
    return school_policies(course.school if course.school_id else None)


def policies_accepted_check(*, course, accepted_digest: str) -> dict[str, str]:
    """The policies the buyer accepted, or ValidationError if none or another version were."""
    if not accepted_digest:
        raise ValidationError(POLICIES_NOT_ACCEPTED, code="policies")
    policies = policies_for_course(course)
    if accepted_digest != policies_digest(policies):
        raise ValidationError(POLICIES_CHANGED, code="policies_changed")
    return policies


def policy_sections(policies: dict[str, str]) -> list[tuple[str, str]]:
    """(heading, text) for each policy, in the order they are shown."""
    return [(label, policies.get(kind, "")) for kind, label in POLICY_KINDS]
