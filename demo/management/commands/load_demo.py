from django.conf import settings
from django.core.management.base import BaseCommand

from demo.loader import demo_load


class Command(BaseCommand):
    help = "Create or update the demo school, accounts and NMT courses (idempotent)."

    def handle(self, *args, **options):
        report = demo_load()
        if report.changed:
            for line in report.created:
                self.stdout.write(f"  created {line}")
            for line in report.updated:
                self.stdout.write(f"  updated {line}")
            self.stdout.write(self.style.SUCCESS(
                f"Demo loaded: {len(report.created)} created, {len(report.updated)} updated."
            ))  # fmt: skip
        else:
            self.stdout.write(self.style.SUCCESS("Demo already up to date: nothing changed."))
        if settings.DEBUG:
            self.stdout.write("Demo logins (DEBUG only):")
            for role, (email, password) in report.logins.items():
                self.stdout.write(f"  {role:<10} {email:<24} {password}")
        else:
            self.stdout.write("Demo logins are not printed with DEBUG off; use password reset.")
        for label, url in report.links.items():
            self.stdout.write(f"{label}: {url}")
