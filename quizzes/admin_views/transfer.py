"""Import a GIFT or Moodle XML file into a bank, and export a bank as GIFT. A large import
runs in the task worker; its page shows a progress bar that static/js/import-progress.js
moves by polling the job's progress."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permissions import policy_registry

from quizzes import admin_selectors
from quizzes.admin_views.base import BANKS, questions_url
from quizzes.admin_views.forms import ImportForm
from quizzes.importers.errors import QuestionFileError
from quizzes.models import ImportJob, QuestionBank
from quizzes.services.exports import bank_export_gift
from quizzes.services.imports import (
    FILE_REJECTED,
    import_job_fail_if_stalled,
    questions_import_start,
)


def _bank_or_404(request, pk: int, *, action: str) -> QuestionBank:
    bank = get_object_or_404(admin_selectors.banks_for(request.user), pk=pk)
    policy = policy_registry.get_by_type(QuestionBank)
    if not policy.user_has_permission_for_instance(request.user, action, bank):
        raise PermissionDenied
    return bank


def _job_or_404(request, pk: int) -> ImportJob:
    """An import job, for those who may import into its bank (its school's editors)."""
    job = get_object_or_404(
        ImportJob.objects.select_related("bank"),
        pk=pk,
        bank__in=admin_selectors.banks_for(request.user),
    )
    _bank_or_404(request, job.bank_id, action="change")
    return import_job_fail_if_stalled(job=job)


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
            started = questions_import_start(
                bank=self.bank,
                file_name=form.cleaned_data["file"].name,
                text=form.text,
                by=self.request.user,
            )
        except QuestionFileError as exc:
            form.add_error("file", FILE_REJECTED % {"line": exc.line, "reason": exc.reason})
            return self.form_invalid(form)
        except ValidationError as exc:  # over the size or question-count limit
            form.add_error("file", exc)
            return self.form_invalid(form)
        if started.job is not None:
            return redirect(f"{BANKS}:import_job", started.job.pk)
        messages.success(self.request, started.report.summary(self.bank))
        return redirect(questions_url(self.bank))


def job_progress(job: ImportJob) -> dict:
    return {
        "status": job.status,
        "label": job.get_status_display(),
        "total": job.total,
        "checked": job.checked,
        "imported": job.imported,
        "finished": job.finished,
        "message": job.message,
    }


@method_decorator(never_cache, name="dispatch")
class ImportJobView(WagtailAdminTemplateMixin, TemplateView):
    """A large import under way in the worker: its progress bar, then its outcome."""

    template_name = "quizzes/admin/import_job.html"
    page_title = "Importing questions"
    header_icon = "upload"

    def dispatch(self, request, *args, pk, **kwargs):
        self.job = _job_or_404(request, pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return self.job.file_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{BANKS}:index"), "label": "Question banks"},
            {"url": questions_url(self.job.bank), "label": self.job.bank.name},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            job=self.job,
            progress_url=reverse(f"{BANKS}:import_progress", args=[self.job.pk]),
            questions_url=questions_url(self.job.bank),
            import_url=reverse(f"{BANKS}:import", args=[self.job.bank_id]),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class ImportProgressView(View):
    """The job's progress as JSON, for the bar on its page."""

    def get(self, request, *args, pk, **kwargs):
        return JsonResponse(job_progress(_job_or_404(request, pk)))


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
