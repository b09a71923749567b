"""Import a GIFT or Moodle XML file into a bank, and export a bank as GIFT."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import FormView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from quizzes import admin_selectors
from quizzes.admin_views.base import BANKS, questions_url
from quizzes.admin_views.forms import ImportForm
from quizzes.importers.errors import QuestionFileError
from quizzes.models import QuestionBank, QuestionType
from quizzes.services.exports import bank_export_gift
from quizzes.services.imports import ImportReport, questions_import

FILE_REJECTED = "Nothing was imported. Line %(line)s: %(reason)s"


def import_summary(bank: QuestionBank, report: ImportReport) -> str:
    """“Imported 12 questions into Shoulder: 8 single choice, 4 true/false. …”"""
    counts = ", ".join(
        f"{count} {QuestionType(qtype).label.lower()}"
        for qtype, count in sorted(report.counts.items())
    )
    noun = "question" if report.total == 1 else "questions"
    summary = f"Imported {report.total} {noun} into {bank.name}"
    summary += f": {counts}." if counts else "."
    if report.categories:
        summary += f" Categories in the file: {report.categories}."
    if report.skipped:
        skipped = "; ".join(f"line {line}: {reason}" for line, reason in report.skipped)
        summary += f" Skipped {len(report.skipped)}: {skipped}."
    return summary


def _bank_or_404(request, pk: int, *, action: str) -> QuestionBank:
    bank = get_object_or_404(admin_selectors.banks_for(request.user), pk=pk)
    policy = policy_registry.get_by_type(QuestionBank)
    if not policy.user_has_permission_for_instance(request.user, action, bank):
        raise PermissionDenied
    return bank


class BankImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "quizzes/admin/bank_import.html"
    form_class = ImportForm
    page_title = "Import questions"
    header_icon = "upload"

    def dispatch(self, request, *args, pk, **kwargs):
        self.bank = _bank_or_404(request, pk, action="change")
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return self.bank.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{BANKS}:index"), "label": "Question banks"},
            {"url": questions_url(self.bank), "label": self.bank.name},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(bank=self.bank, questions_url=questions_url(self.bank),
                                        **kwargs)  # fmt: skip

    def form_valid(self, form):
        try:
            report = questions_import(
                bank=self.bank, file_name=form.cleaned_data["file"].name, text=form.text
            )
        except QuestionFileError as exc:
            form.add_error("file", FILE_REJECTED % {"line": exc.line, "reason": exc.reason})
            return self.form_invalid(form)
        messages.success(self.request, import_summary(self.bank, report))
        return redirect(questions_url(self.bank))


class BankExportView(View):
    """The whole bank as a GIFT text file, named after the bank."""

    def get(self, request, *args, pk, **kwargs):
        bank = _bank_or_404(request, pk, action="view")
        response = HttpResponse(
            bank_export_gift(bank=bank), content_type="text/plain; charset=utf-8"
        )
        filename = f"{slugify(bank.name) or 'question-bank'}.gift.txt"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
