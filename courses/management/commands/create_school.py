from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from courses.services.schools import school_create
from schools.models import SchoolMembership
from schools.services import school_member_add

UNKNOWN_ADMIN = "No user has the email {email}: they must sign up before they can run a school."


class Command(BaseCommand):
    help = (
        "Create a school with its catalog section, media collection, editor and reviewer "
        "groups and review workflow. Running it again repairs whatever is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="The school's name, as printed on certificates.")
        parser.add_argument("--slug", required=True, help="Its URL part: /courses/<slug>/.")
        parser.add_argument("--email", default="", help="The school's contact email.")
        parser.add_argument("--admin", metavar="EMAIL", help="An existing user to make its admin.")

    def handle(self, *args, name, slug, email, admin, **options):
        admin_user = None
        if admin:
            admin_user = get_user_model().objects.filter(email__iexact=admin).first()
            if admin_user is None:
                raise CommandError(UNKNOWN_ADMIN.format(email=admin))
        changes: list[str] = []
        try:
            school = school_create(name=name, slug=slug, email=email, changes=changes)
            if admin_user is not None:
                school_member_add(school=school, user=admin_user, role=SchoolMembership.Role.ADMIN)
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
