import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import credential_verify


class Command(BaseCommand):
    help = (
        "Check an Open Badges 3.0 credential (JSON with a Data Integrity proof) offline. "
        "Prints VALID and exits 0, or INVALID with the reasons and exits 1. Trusts this "
        "platform's published keys unless --key names the issuer's public key."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The credential, as downloaded (.json).")
        parser.add_argument(
            "--key",
            action="append",
            metavar="PEM",
            help="A file with the issuer's public key (PEM) to trust; may be repeated.",
        )

    def handle(self, *args, file, key, **options):
        document = self._read_json(Path(file))
        public_keys = [self._read(Path(path)) for path in key] if key else None
        result = credential_verify(document, public_keys=public_keys)
        for warning in result.warnings:
            self.stderr.write(f"warning: {warning}")
        if not result.ok:
            self.stdout.write("INVALID: " + "; ".join(result.errors))
            sys.exit(1)
        self.stdout.write(f"VALID: {result.subject} issued by {result.issuer}")
        self.stdout.write(f"  achievement: {result.achievement}")
        self.stdout.write(f"  issuer id:   {result.issuer_id}")

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc

    def _read_json(self, path: Path):
        try:
            return json.loads(self._read(path))
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text: {exc.reason}") from exc
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
            ) from exc
