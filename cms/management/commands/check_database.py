from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection


class Command(BaseCommand):
    help = "Fail with one clear line when the configured database cannot be reached."

    def handle(self, *args, **options):
        settings_dict = connection.settings_dict
        where = settings_dict.get("HOST") or settings_dict.get("NAME")
        try:
            connection.ensure_connection()
        except DatabaseError as exc:
            first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            raise CommandError(
                f"Cannot connect to the {connection.vendor} database at {where}: {first_line}. "
                "Check DATABASE_URL."
            ) from exc
        self.stdout.write(f"Database OK ({connection.vendor}: {where}).")
