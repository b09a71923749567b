import sys
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from courses.services.schools import accrediting_body_find, provider_approval_set, school_create
from schools.models import SchoolMembership
from schools.services import school_member_add

UNKNOWN_ADMIN = "No user has the email {email}: they must sign up before they can run a school."
BAD_APPROVAL = (
    "--approval “{text}”: write BODY:NUMBER or BODY:NUMBER:YYYY-MM-DD "
    "(e.g. NCBTMB:451234-10:2027-06-30)."
)
BAD_EXPIRY = "--approval “{text}”: the expiry “{expiry}” is not a date like 2027-06-30."
PROMPT = "Provider approval (BODY:NUMBER[:YYYY-MM-DD]), or an empty line to finish: "


def parse_approval(text: str) -> tuple[str, str, date | None]:
    parts = [part.strip() for part in text.split(":")]
    if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
        raise CommandError(BAD_APPROVAL.format(text=text))
    expiry = None
    if len(parts) == 3 and parts[2]:
        try:
            expiry = date.fromisoformat(parts[2])
        except ValueError as exc:
            raise CommandError(BAD_EXPIRY.format(text=text, expiry=parts[2])) from exc
    return parts[0], parts[1], expiry


class Command(BaseCommand):
    help = (
        "Create a school with its catalog section, media collection, editor and reviewer "
        "groups and review workflow, and its provider approvals. Running it again repairs "
        "whatever is missing. Staff can also add schools in the admin; staff are invited from "
        "the school's Team screen."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The school's name, as printed on certificates.")
        parser.add_argument("--slug", required=True, help="Its URL part: /courses/<slug>/.")
        parser.add_argument("--email", default="", help="The school's contact email.")
        parser.add_argument("--admin", metavar="EMAIL", help="An existing user to make its admin.")
        parser.add_argument(
            "--approval",
            action="append",
            default=[],
            metavar="BODY:NUMBER[:EXPIRY]",
            help=(
                "A provider approval: the body's abbreviation or name, the school's provider "
                "number, and its expiry as YYYY-MM-DD. Repeat for each body."
            ),
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt (prompts are asked only on a terminal, without --approval).",
        )

    def _prompted_approvals(self, interactive: bool) -> list[str]:
        if not interactive or not sys.stdin.isatty():
            return []
        answers = []
        while True:
            text = input(PROMPT).strip()
            if not text:
                return answers
            parse_approval(text)  # a typo is reported before anything is created
            answers.append(text)

    def handle(self, *args, name, slug, email, admin, approval, interactive, **options):
        admin_user = None
        if admin:
            admin_user = get_user_model().objects.filter(email__iexact=admin).first()
            if admin_user is None:
                raise CommandError(UNKNOWN_ADMIN.format(email=admin))
        texts = approval or self._prompted_approvals(interactive)
        approvals = [parse_approval(text) for text in texts]
        changes: list[str] = []
        try:
            with transaction.atomic():
                school = school_create(name=name, slug=slug, email=email, changes=changes)
                if admin_user is not None:
                    school_member_add(
                        school=school, user=admin_user, role=SchoolMembership.Role.ADMIN
                    )
                for body_text, number, expires_on in approvals:
                    body = accrediting_body_find(body_text)
                    provider_approval_set(
                        school=school, body=body, provider_number=number, expires_on=expires_on
                    )
                    expiry = f", expires {expires_on:%Y-%m-%d}" if expires_on else ""
                    changes.append(f"provider approval: {body.abbreviation} {number}{expiry}")
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for line in changes:
            self.stdout.write(f"  created {line}")
        if admin_user is not None:
            self.stdout.write(f"  {admin_user.email} is the school's admin")
        summary = "created" if changes else "already set up: nothing changed"
        self.stdout.write(self.style.SUCCESS(f"School {school.name} {summary}."))
        section_url = school.section.get_url() or school.section.url_path
        self.stdout.write(f"Courses go in {section_url} (page id {school.section.pk}).")
        checklist = reverse("onboarding:checklist", args=[school.slug])
        self.stdout.write(f"Set it up (details, approvals, team, design): {checklist}")
