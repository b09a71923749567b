"""Importing question files (GIFT, Moodle XML) into a bank: all of a file, or none of it.

A file is refused above QUESTION_IMPORT_MAX_BYTES or QUESTION_IMPORT_MAX_QUESTIONS, whatever
the path (the editor's upload, the worker, the import_questions command). One of more than
QUESTION_IMPORT_BACKGROUND_ABOVE questions is imported by the task worker: an ImportJob row
carries its progress. The import runs in two steps so that progress can be seen while nothing
is yet written: each question is converted and checked outside any transaction (the slow part:
Markdown, sanitising, validation), then all are saved in one transaction.
"""

import math
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quizzes.importers.errors import QuestionFileError
from quizzes.importers.gift import parse_gift
from quizzes.importers.moodle_xml import parse_moodle_xml
from quizzes.importers.text import to_html
from quizzes.models import ImportJob, Question, QuestionBank, QuestionType
from quizzes.question_data import validate_question_data
from quizzes.services.questions import (
    category_ensure_path,
    objectives_by_tag,
    objectives_for_tags,
    question_create,
)

INVALID_QUESTION = "question {name!r} is invalid: {reason}"
FILE_TOO_BIG = (
    "The file is %(size)s; files up to %(limit)s can be imported. Split it into smaller files."
)
TOO_MANY_QUESTIONS = (
    "The file has %(count)s questions; up to %(limit)s can be imported from one file. "
    "Split it into smaller files."
)
FILE_REJECTED = "Nothing was imported. Line %(line)s: %(reason)s"
WORKER_FAILED = "Nothing was imported: the import stopped unexpectedly. Try again."
WORKER_STOPPED = (
    "Nothing was imported: the worker stopped before finishing this file. Upload it again."
)
# "$course$/top/A/B": the context and Moodle's "top" are not categories of ours.
_CONTEXT = re.compile(r"^\$[a-z0-9]+\$$")
# The waiting page's bar moves in about this many steps: each is one UPDATE of the job.
_PROGRESS_STEPS = 50


def import_max_bytes() -> int:
    return settings.QUESTION_IMPORT_MAX_BYTES


def import_max_questions() -> int:
    return settings.QUESTION_IMPORT_MAX_QUESTIONS


def import_background_above() -> int:
    return settings.QUESTION_IMPORT_BACKGROUND_ABOVE


@dataclass
class ImportReport:
    file_name: str
    format: str
    counts: Counter = field(default_factory=Counter)
    categories: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    # Tags that name one of the school's learning objectives tag the question with it.
    objective_links: int = 0
    unmatched_tags: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self, bank: QuestionBank) -> str:
        """“Imported 12 questions into Shoulder: 8 single choice, 4 true/false. …”"""
        counts = ", ".join(
            f"{count} {QuestionType(qtype).label.lower()}"
            for qtype, count in sorted(self.counts.items())
        )
        noun = "question" if self.total == 1 else "questions"
        summary = f"Imported {self.total} {noun} into {bank.name}"
        summary += f": {counts}." if counts else "."
        if self.categories:
            summary += f" Categories in the file: {self.categories}."
        if self.objective_links:
            summary += (
                f" Tagged with learning objectives named by their tags: {self.objective_links}."
            )
        if self.unmatched_tags:
            tags = ", ".join(f"“{tag}”" for tag in sorted(self.unmatched_tags, key=str.casefold))
            summary += (
                f" Tags that name no learning objective of this school (kept as tags): {tags}."
            )
        if self.skipped:
            skipped = "; ".join(f"line {line}: {reason}" for line, reason in self.skipped)
            summary += f" Skipped {len(self.skipped)}: {skipped}."
        return summary


@dataclass(frozen=True)
class QuestionFile:
    """A parsed file within the limits: its format, its items in order, how many questions."""

    file_name: str
    format: str
    items: list[dict]
    questions: int


def detect_format(*, file_name: str, text: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix == ".xml":
        return "moodle_xml"
    if suffix in (".gift", ".txt"):
        return "gift"
    head = text.lstrip("\ufeff \t\r\n")[:100]
    return "moodle_xml" if head.startswith(("<?xml", "<quiz")) else "gift"


def category_path(moodle_path: str) -> list[str]:
    """Names from a Moodle category path; "//" is an escaped "/" inside a name."""
    names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", moodle_path)]
    names = [name for name in names if name]
    if names and _CONTEXT.match(names[0]):
        names.pop(0)
    if names and names[0] == "top":
        names.pop(0)
    return names


def storable(value):
    """Parsed question data as we store it: texts to sanitised HTML, numbers to strings."""
    if isinstance(value, dict):
        if set(value) == {"text", "format"}:
            return to_html(value)
        return {key: storable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable(item) for item in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def _default_mark(item: dict) -> Decimal:
    default = Decimal(0) if item["type"] == "description" else Decimal(1)
    return item.get("default_mark", default).quantize(Decimal("0.01"))


def _reason(error: ValidationError) -> str:
    return "; ".join(error.messages)


def file_size_label(size: int) -> str:
    """“2 MB”, “2.1 MB”, “12 KB”: rounded up, so a file just over a limit never reads as equal."""
    megabyte = 1024 * 1024
    if size % megabyte == 0 and size:
        return f"{size // megabyte} MB"
    if size >= megabyte:
        return f"{math.ceil(size * 10 / megabyte) / 10:.1f} MB"
    return f"{math.ceil(size / 1024)} KB"


def question_file_read(*, file_name: str, text: str) -> QuestionFile:
    """Parse a question file; ValidationError (FILE_TOO_BIG, TOO_MANY_QUESTIONS) past the limits,
    QuestionFileError for a file that cannot be parsed. The size is checked before parsing."""
    size = len(text.encode("utf-8"))
    if size > import_max_bytes():
        raise ValidationError(
            FILE_TOO_BIG,
            code="too_big",
            params={"size": file_size_label(size), "limit": file_size_label(import_max_bytes())},
        )
    fmt = detect_format(file_name=file_name, text=text)
    items = parse_gift(text) if fmt == "gift" else parse_moodle_xml(text)
    questions = sum(1 for item in items if item["type"] not in ("category", "skipped"))
    if questions > import_max_questions():
        raise ValidationError(
            TOO_MANY_QUESTIONS,
            code="too_many",
            params={"count": questions, "limit": import_max_questions()},
        )
    return QuestionFile(file_name=file_name, format=fmt, items=items, questions=questions)


def _prepared(item: dict) -> dict:
    """question_create's arguments for a parsed question, checked: QuestionFileError if not."""
    data = storable(item["data"])
    try:
        validate_question_data(item["type"], data)
    except ValidationError as exc:
        reason = INVALID_QUESTION.format(name=item["name"], reason=_reason(exc))
        raise QuestionFileError(item["line"], reason) from exc
    return {
        "name": item["name"][:255],
        "qtype": item["type"],
        "stem": to_html(item["stem"]),
        "general_feedback": to_html(item["general_feedback"]),
        "default_mark": _default_mark(item),
        "data": data,
        "tags": item["tags"],
        "idnumber": item["idnumber"][:100],
    }


def _import(
    *,
    bank: QuestionBank,
    source: QuestionFile,
    progress: Callable[[int], None] | None = None,
    saved: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    report = ImportReport(file_name=source.file_name, format=source.format)
    steps: list[tuple[dict, dict | None]] = []
    checked = 0
    for item in source.items:
        if item["type"] == "skipped":
            report.skipped.append((item["line"], item["reason"]))
        elif item["type"] == "category":
            steps.append((item, None))
            report.categories += 1
        else:
            steps.append((item, _prepared(item)))
            checked += 1
            if progress is not None:
                progress(checked)
    lookup = objectives_by_tag(school_id=bank.school_id)
    links = []
    with transaction.atomic():
        category = None
        for item, arguments in steps:
            if arguments is None:
                category = category_ensure_path(bank=bank, path=category_path(item["category"]))
                continue
            try:
                question = question_create(bank=bank, category=category, **arguments)
            except ValidationError as exc:
                reason = INVALID_QUESTION.format(name=item["name"], reason=_reason(exc))
                raise QuestionFileError(item["line"], reason) from exc
            report.counts[item["type"]] += 1
            objective_ids, unmatched = objectives_for_tags(arguments["tags"], lookup)
            report.unmatched_tags.update(unmatched)
            links += [
                Question.objectives.through(question_id=question.pk, courseobjective_id=pk)
                for pk in objective_ids
            ]
        Question.objectives.through.objects.bulk_create(links)
        report.objective_links = len(links)
        if saved is not None:
            saved(report)
    return report


@transaction.atomic
def questions_import(*, bank: QuestionBank, file_name: str, text: str) -> ImportReport:
    """Import every question of a file into `bank` now; a bad file raises QuestionFileError, one
    past the limits ValidationError."""
    return _import(bank=bank, source=question_file_read(file_name=file_name, text=text))


@dataclass(frozen=True)
class ImportStarted:
    """What became of an upload: imported (`report`), or queued for the worker (`job`)."""

    report: ImportReport | None = None
    job: ImportJob | None = None


@transaction.atomic
def questions_import_start(*, bank: QuestionBank, file_name: str, text: str, by) -> ImportStarted:
    """An editor's upload: a small file is imported at once; a large one becomes an ImportJob
    that the task worker runs once this transaction commits. Limits and syntax are checked
    here either way, so the editor hears at once about a file that could never be imported."""
    source = question_file_read(file_name=file_name, text=text)
    if source.questions <= import_background_above():
        return ImportStarted(report=_import(bank=bank, source=source))
    job = ImportJob(bank=bank, created_by=by, file_name=file_name[:255], source=text)
    job.total = source.questions
    job.full_clean()
    job.save()
    from quizzes.tasks import question_import_run  # the task module imports this one

    transaction.on_commit(lambda: question_import_run.enqueue(job.pk))
    return ImportStarted(job=job)


def import_job_run(*, job_id: int) -> ImportJob | None:
    """The worker's side of an ImportJob: import its file, moving `checked` as questions are
    checked, and record the outcome. A job already started (a duplicate or retried task) is
    left alone. Not one transaction: progress must be visible while the import runs; the
    questions and the job's "done" are saved in one, so a worker that dies leaves nothing half
    imported and `import_job_fail_if_stalled` can say so truthfully."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.CHECKING, heartbeat_at=timezone.now()
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("bank").get(pk=job_id)
    every = max(1, job.total // _PROGRESS_STEPS)

    def progress(checked: int) -> None:
        if checked >= job.total:  # all checked: what remains is the one saving transaction
            ImportJob.objects.filter(pk=job.pk).update(
                checked=job.total, status=ImportJob.Status.SAVING, heartbeat_at=timezone.now()
            )
        elif checked % every == 0:
            ImportJob.objects.filter(pk=job.pk).update(checked=checked, heartbeat_at=timezone.now())

    def saved(report: ImportReport) -> None:
        done = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.SAVING).update(
            status=ImportJob.Status.DONE,
            message=report.summary(job.bank),
            imported=report.total,
            checked=job.total,
            source="",
            finished_at=timezone.now(),
        )
        if not done:  # given up as stalled meanwhile: the editor was told nothing came in
            raise ValidationError(WORKER_STOPPED)

    outcome = {"status": ImportJob.Status.FAILED, "source": "", "finished_at": None}
    try:
        source = question_file_read(file_name=job.file_name, text=job.source)
        _import(bank=job.bank, source=source, progress=progress, saved=saved)
    except QuestionFileError as exc:
        outcome["message"] = FILE_REJECTED % {"line": exc.line, "reason": exc.reason}
    except ValidationError as exc:
        outcome["message"] = "Nothing was imported. " + _reason(exc)
    except Exception:
        outcome["message"] = WORKER_FAILED
        _finish(job, outcome)
        raise
    else:
        job.refresh_from_db()
        return job
    return _finish(job, outcome)


def import_job_fail_if_stalled(*, job: ImportJob) -> ImportJob:
    """Give up a job whose worker has not moved it for QUESTION_IMPORT_STALL_SECONDS (the worker
    died): it is marked failed, so its page stops waiting and the editor can upload again.
    Nothing was imported, since the questions are saved with the job's "done"."""
    running = (ImportJob.Status.CHECKING, ImportJob.Status.SAVING)
    if job.status not in running or job.heartbeat_at is None:
        return job
    cutoff = timezone.now() - timedelta(seconds=settings.QUESTION_IMPORT_STALL_SECONDS)
    if job.heartbeat_at >= cutoff:
        return job
    ImportJob.objects.filter(pk=job.pk, status__in=running, heartbeat_at=job.heartbeat_at).update(
        status=ImportJob.Status.FAILED,
        message=WORKER_STOPPED,
        source="",
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def _finish(job: ImportJob, outcome: dict) -> ImportJob:
    outcome["finished_at"] = timezone.now()
    ImportJob.objects.filter(pk=job.pk).update(**outcome)
    job.refresh_from_db()
    return job
