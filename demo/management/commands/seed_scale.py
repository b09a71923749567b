"""A realistic data set at scale: `manage.py seed_scale --learners N --attempts M`.

The building is done by demo/scale/ (see its package docstring); this command checks the
arguments and that the database has not been seeded already. Running it again on a seeded
database prints so and changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from demo.scale.plans import BATCH, DONE, MARKER_SLUG
from demo.scale.seed import scale_seed
from schools.models import School


class Command(BaseCommand):
    help = "Seed schools, courses, learners, enrolments, attempts and certificates at scale."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=1000)
        parser.add_argument("--attempts", type=int, default=5000)
        parser.add_argument("--schools", type=int, default=3)
        parser.add_argument("--courses-per-school", type=int, default=2)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--chunk", type=int, default=BATCH, help="Learners per transaction.")

    def handle(self, *args, **options):
        marker = School.objects.filter(slug=MARKER_SLUG).first()
        if marker is not None:
            if marker.description.startswith(DONE):
                self.stdout.write(f"Already seeded ({marker.description}); nothing to do.")
                return
            raise CommandError(
                "A previous seed_scale run did not finish: start again from an empty database."
            )
        if options["learners"] < 1 or options["attempts"] < 0 or options["schools"] < 1:
            raise CommandError("--learners and --schools must be at least 1, --attempts >= 0.")
        scale_seed(
            learners=options["learners"],
            attempts=options["attempts"],
            schools=options["schools"],
            courses_per_school=options["courses_per_school"],
            seed=options["seed"],
            chunk=options["chunk"],
            say=self._say,
        )

    def _say(self, message: str) -> None:
        self.stdout.write(message)
        self.stdout.flush()
