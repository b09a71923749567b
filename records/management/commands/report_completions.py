"""Report the completions due to state tracking systems (CE Broker...): run it nightly (cron)."""

from django.core.management.base import BaseCommand, CommandError

from records.report_runs import report_due
from records.tasks import report_completions
from schools.models import School


class Command(BaseCommand):
    help = "Report every completion due to the tracking systems, for each school with credentials."

    def add_arguments(self, parser):
        parser.add_argument("--school", help="Only this school (its slug).")
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker instead."
        )

    def handle(self, *args, school=None, enqueue=False, **options):
        chosen = None
        if school:
            chosen = School.objects.filter(slug=school).first()
            if chosen is None:
                raise CommandError(f"No school with the slug {school!r}.")
        if enqueue:
            report_completions.enqueue(school_id=chosen.pk if chosen else None)
            self.stdout.write("Queued.")
            return
        summary = report_due(school=chosen)
        self.stdout.write(
            f"{summary.batches} batch(es), {summary.sent} record(s) sent: {summary.accepted} "
            f"accepted, {summary.already} already on the roster, {summary.rejected} rejected, "
            f"{summary.failed_batches} batch(es) to retry."
        )
        for error in summary.errors:
            self.stderr.write(error)
