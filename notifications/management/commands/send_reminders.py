"""Queue today's reminders and school alerts; run it daily (cron), any number of times."""

from django.core.management.base import BaseCommand

from notifications.reminders import reminders_queue


class Command(BaseCommand):
    help = (
        "Queue the reminders and school alerts due today (inactivity, licence renewal, CE "
        "reports due, approvals expiring) for the task worker to send. Safe to run twice."
    )

    def handle(self, *args, **options):
        counts = reminders_queue()
        summary = ", ".join(f"{kind}: {count}" for kind, count in counts.items())
        self.stdout.write(f"Reminders due: {summary}")
