from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quizzes.importers.errors import QuestionFileError
from quizzes.models import QuestionBank
from quizzes.services.imports import questions_import
from schools.models import School

SCHOOL_REQUIRED = "There is more than one school: name one with --school SLUG."
NO_SCHOOL = "No school has the slug {slug!r}."
NO_SCHOOLS = "There is no school yet to own the bank."


class Command(BaseCommand):
    help = "Import a GIFT or Moodle XML file into a question bank (created if missing)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--bank", required=True, help="the bank's name")
        parser.add_argument("--school", help="the owning school's slug (needed if several)")

    def handle(self, *args, file, bank, school=None, **options):
        path = Path(file)
        raw = self._read(path)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise CommandError(f"{file}:{line}: the file is not UTF-8") from exc
        owner = self._school(school)
        try:
            with transaction.atomic():
                question_bank, _ = QuestionBank.objects.get_or_create(school=owner, name=bank)
                report = questions_import(bank=question_bank, file_name=path.name, text=text)
        except QuestionFileError as exc:
            raise CommandError(f"{file}:{exc.line}: {exc.reason}") from exc
        except ValidationError as exc:  # over the size or question-count limit
            raise CommandError(f"{file}: {' '.join(exc.messages)}") from exc
        for qtype, count in sorted(report.counts.items()):
            self.stdout.write(f"{qtype}: {count}")
        for line, reason in report.skipped:
            self.stdout.write(f"{file}:{line}: {reason}")
        self.stdout.write(
            self.style.SUCCESS(f"Imported {report.total} questions into {question_bank.name}.")
        )

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc

    @staticmethod
    def _school(slug: str | None) -> School:
        if slug:
            try:
                return School.objects.get(slug=slug)
            except School.DoesNotExist as exc:
                raise CommandError(NO_SCHOOL.format(slug=slug)) from exc
        schools = list(School.objects.all()[:2])
        if not schools:
            raise CommandError(NO_SCHOOLS)
        if len(schools) > 1:
            raise CommandError(SCHOOL_REQUIRED)
        return schools[0]
