"""The set-up checklist of one school, read in a fixed number of queries."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from certificates.models import CertificateTemplate
from courses.models import ProviderApproval
from schools.models import School, SchoolInvitation, SchoolMembership

Role = SchoolMembership.Role


@dataclass
class Item:
    key: str
    title: str
    done: bool
    detail: str
    url: str
    link_text: str
    # Needed before the school's first CE course can publish with a complete certificate.
    blocks_ce: bool = False
    rows: list[str] = field(default_factory=list)


def _settings_url(school: School, anchor: str = "") -> str:
    url = reverse("wagtailsnippets_schools_school:edit", args=[school.pk])
    return f"{url}#{anchor}" if anchor else url


def _missing(pairs) -> list[str]:
    return [label for label, value in pairs if not value]


def school_checklist(*, school: School) -> list[Item]:
    today = timezone.localdate()
    approvals = list(
        ProviderApproval.objects.filter(school=school).select_related("body").order_by("sort_order")
    )
    roles = set(SchoolMembership.objects.filter(school=school).values_list("role", flat=True))
    invited = set(
        SchoolInvitation.objects.filter(
            school=school, accepted_at__isnull=True, revoked_at__isnull=True
        ).values_list("role", flat=True)
    )
    designs = CertificateTemplate.objects.filter(school=school).order_by("-is_default", "name")
    design = designs.first()

    legal_missing = _missing([("contact e-mail", school.email), ("postal address", school.address)])
    current = [a for a in approvals if a.expires_on is None or a.expires_on >= today]
    signature_missing = _missing(
        [
            ("administrator's name", school.administrator_name),
            ("administrator's title", school.administrator_title),
            ("signature image", school.administrator_signature_id),
        ]
    )
    team_missing = [
        label
        for role, label in ((Role.INSTRUCTOR, "an instructor"), (Role.REVIEWER, "a reviewer"))
        if role not in roles
    ]
    team_detail = (
        "Instructors write courses; reviewers approve them before they go live."
        if not team_missing
        else "Still to join: "
        + ", ".join(
            f"{label} (invited)" if role in invited else label
            for role, label in ((Role.INSTRUCTOR, "an instructor"), (Role.REVIEWER, "a reviewer"))
            if role not in roles
        )
        + "."
    )
    return [
        Item(
            key="legal",
            title="Legal and receipt details",
            done=not legal_missing,
            detail=(
                f"Printed on receipts and certificates as {school.legal_name or school.name}"
                + (f", tax number {school.tax_id}" if school.tax_id else "")
                + "."
                if not legal_missing
                else "Missing: " + ", ".join(legal_missing) + "."
            ),
            url=_settings_url(school),
            link_text="Edit the school's details",
            blocks_ce=True,
        ),
        Item(
            key="approvals",
            title="Provider approvals",
            done=bool(current),
            detail=(
                "Your provider number for each accrediting body goes on certificates and on the "
                "rosters you report."
                if current
                else "No current provider approval: add each body's provider number and expiry."
            ),
            rows=[
                f"{a.body.abbreviation or a.body.name}: {a.provider_number}"
                + (
                    f", expires {a.expires_on:%d %b %Y}"
                    + (" (expired)" if a.expires_on < today else "")
                    if a.expires_on
                    else ", no expiry"
                )
                for a in approvals
            ],
            url=_settings_url(school),
            link_text="Add provider approvals",
            blocks_ce=True,
        ),
        Item(
            key="signatures",
            title="Signatures for certificates",
            done=not signature_missing,
            detail=(
                f"Certificates are signed by {school.administrator_name}, "
                f"{school.administrator_title}, beside the course's instructor."
                if not signature_missing
                else "Missing: " + ", ".join(signature_missing) + "."
            ),
            url=_settings_url(school),
            link_text="Add the signature",
            blocks_ce=True,
        ),
        Item(
            key="team",
            title="Team: an instructor and a reviewer",
            done=not team_missing,
            detail=team_detail,
            url=reverse("schools_team:team", args=[school.slug]),
            link_text="Invite people",
        ),
        Item(
            key="payout",
            title="Payout account (optional)",
            done=bool(school.payout_account),
            detail=(
                f"Course payments go to {school.payout_account}, less the platform fee."
                if school.payout_account
                else "Without one the platform is paid and settles with the school."
            ),
            url=_settings_url(school),
            link_text="Add the Stripe account",
        ),
        Item(
            key="design",
            title="Certificate design",
            done=design is not None,
            detail=(
                f"“{design.name}”" + (" is your default design." if design.is_default else ".")
                if design
                else "Your certificates use the platform's built-in design. Copy it to make "
                "it your own: your logo, colours and wording."
            ),
            url=(
                reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[design.pk])
                if design
                else ""
            ),
            link_text="Edit the design" if design else "",
        ),
    ]


def ce_blockers(items: list[Item]) -> list[Item]:
    return [item for item in items if item.blocks_ce and not item.done]
