"""Demo accrediting bodies and approvals: fictional numbers, real shapes.

The NMT course is approved as home study by a national board and a state board, so the demo
certificate, transcript and completions export show every field a board checks.
"""

from datetime import date
from decimal import Decimal

from courses.models import (
    AccreditingBody,
    CETopicCategory,
    CourseApproval,
    CourseType,
    ProviderApproval,
    TopicRequirement,
)
from schools.models import School

CATEGORIES = {
    "ethics": "Professional ethics",
    "laws-and-rules": "Laws and rules",
    "medical-errors": "Prevention of medical errors",
    "human-trafficking": "Human trafficking",
    "hands-on": "Live hands-on instruction",
    "technique": "Massage and bodywork techniques",
}
BODIES = (
    {
        "abbreviation": "NCBTMB",
        "name": "National Certification Board for Therapeutic Massage & Bodywork",
        "kind": AccreditingBody.Kind.NATIONAL,
        "region": "US",
        "website": "https://www.ncbtmb.org",
        "tracking_system": "",
        "renewal_cycle_months": 24,
        "required_hours": Decimal("24"),
        "requirements": {"ethics": Decimal("3")},
    },
    {
        "abbreviation": "FL-BMT",
        "name": "Florida Board of Massage Therapy",
        "kind": AccreditingBody.Kind.STATE_BOARD,
        "region": "FL",
        "website": "https://floridasmassagetherapy.gov",
        "tracking_system": "CE Broker",
        "renewal_cycle_months": 24,
        "required_hours": Decimal("24"),
        "requirements": {
            "ethics": Decimal("2"),
            "medical-errors": Decimal("2"),
            "laws-and-rules": Decimal("2"),
            "human-trafficking": Decimal("1"),
            "hands-on": Decimal("12"),
        },
    },
)
# Fictional approval numbers, marked as demo so nobody mistakes them for real ones.
PROVIDER_NUMBERS = {"NCBTMB": "DEMO-AP-451900", "FL-BMT": "DEMO-PCE-1042"}
# (body, approval number, topic categories, approved hours or None for the course's own, the
# body's own pass mark or None for the course's): one course approved for different hours by
# two bodies, each printed on the certificate; Florida asks for 85 % on the final assessment,
# so a learner between the course's pass mark and 85 % earns only NCBTMB's credit.
COURSE_APPROVALS = {
    "neuromuscular-therapy-foundations-and-clinical-practice": [
        ("NCBTMB", "DEMO-NCB-2026-0117", ["technique"], Decimal("0.75"), None),
        ("FL-BMT", "DEMO-FL-20-881204", ["technique"], None, 85),
    ],
}
SCHOOL_SIGNATORY = {"administrator_name": "Morgan Hale", "administrator_title": "School director"}


def accreditation_load(report, *, school: School) -> None:
    """Bodies, the school's provider approvals and signatory: created once, never overwritten."""
    categories = {}
    for slug, name in CATEGORIES.items():
        categories[slug], created = CETopicCategory.objects.get_or_create(
            slug=slug, defaults={"name": name}
        )
        if created:
            report.created.append(f"CE topic category: {name}")
    for data in BODIES:
        fields = {k: v for k, v in data.items() if k not in {"abbreviation", "requirements"}}
        body, created = AccreditingBody.objects.get_or_create(
            abbreviation=data["abbreviation"], defaults=fields
        )
        if created:
            report.created.append(f"accrediting body: {body.abbreviation}")
        for slug, hours in data["requirements"].items():
            TopicRequirement.objects.get_or_create(
                body=body, category=categories[slug], defaults={"hours": hours}
            )
        _, created = ProviderApproval.objects.get_or_create(
            school=school,
            body=body,
            defaults={"provider_number": PROVIDER_NUMBERS[body.abbreviation]},
        )
        if created:
            report.created.append(f"provider approval: {body.abbreviation}")
    if not school.administrator_name:
        School.objects.filter(pk=school.pk).update(**SCHOOL_SIGNATORY)
        report.updated.append("school signatory")


def course_approvals(*, slug: str, title: str, ce_hours: Decimal) -> list[CourseApproval]:
    """The approvals of a demo course, unsaved: they travel with the page's revision."""
    approvals = []
    for sort_order, (abbreviation, number, category_slugs, hours, pass_mark) in enumerate(
        COURSE_APPROVALS.get(slug, [])
    ):
        approval = CourseApproval(
            sort_order=sort_order,
            body=AccreditingBody.objects.get(abbreviation=abbreviation),
            approved_title=title,
            ce_hours=hours if hours is not None else ce_hours,
            course_type=CourseType.HOME_STUDY,
            approval_number=number,
            pass_mark=pass_mark,
            approved_on=date(2026, 1, 15),
            expires_on=date(2029, 1, 14),
        )
        approval.categories = list(CETopicCategory.objects.filter(slug__in=category_slugs))
        approvals.append(approval)
    return approvals
