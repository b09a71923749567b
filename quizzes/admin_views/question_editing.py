"""Creating and editing questions. Saving goes through quizzes.services.questions, so every
edit is a new QuestionVersion and attempts already taken keep the version they were given."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from cms.sanitize import sanitize_html
from quizzes import admin_selectors
from quizzes.admin_views.base import QUESTIONS, ScopedDeleteView, ScopedEditView, questions_url
from quizzes.admin_views.forms import QuestionForm
from quizzes.admin_views.preview import version_preview
from quizzes.models import Question, QuestionType, QuestionVersion
from quizzes.question_data import clean_question_data, validate_question_data
from quizzes.services.questions import question_create, question_objectives_set, question_revise

NOTHING_CHANGED = "Nothing changed, so no new version was saved."
OBJECTIVES_SAVED = "Learning objectives of “%(name)s” saved; the question itself is unchanged."
SAVED_AS_VERSION = "Question “%(name)s” saved as version %(number)s."
QUESTION_RELATED = ("bank__school", "category", "current_version")


def _question_fields(question: Question) -> dict:
    return {
        "name": question.name,
        "category": question.category_id,
        "stem": question.stem,
        "general_feedback": question.general_feedback,
        "default_mark": question.default_mark,
        "tags": ", ".join(question.tags),
        "idnumber": question.idnumber,
        "objectives": [objective.pk for objective in question.objectives.all()],
    }


class QuestionFormMixin:
    """Create and edit share the form, the error mapping and the success page."""

    def get_form_class(self):
        return QuestionForm

    def form_kwargs(self, **kwargs) -> dict:
        kwargs |= {"initial": self.get_initial(), "prefix": self.get_prefix()}
        if self.request.method in ("POST", "PUT"):
            kwargs |= {"data": self.request.POST, "files": self.request.FILES}
        return kwargs

    def form_valid(self, form):
        try:
            response = super().form_valid(form)
        except ValidationError as exc:
            form.add_service_error(exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        for warning in form.answers.warnings:
            messages.warning(self.request, warning)
        return response

    def get_success_url(self):
        return questions_url(self.object.bank)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["preview_url"] = (
            f"{reverse(f'{QUESTIONS}:preview_draft')}?bank={self.preview_bank().pk}"
            f"&qtype={form.qtype}"
        )
        return context


class QuestionCreateView(QuestionFormMixin, generic.CreateView):
    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("add"):
            raise PermissionDenied
        bank_id = request.GET.get("bank", "")
        if not bank_id.isdigit():
            return redirect(f"{QUESTIONS}:choose")
        self.bank = get_object_or_404(admin_selectors.banks_for(request.user), pk=bank_id)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "add", Question(bank=self.bank)
        ):
            raise PermissionDenied
        qtype = request.GET.get("qtype", "")
        self.qtype = qtype if qtype in QuestionType.values else QuestionType.SINGLE_CHOICE
        return super().dispatch(request, *args, **kwargs)

    def get_add_url(self):
        return f"{reverse(self.add_url_name)}?bank={self.bank.pk}&qtype={self.qtype}"

    def get_page_subtitle(self):
        return f"New question in {self.bank.name}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": questions_url(self.bank), "label": f"Questions: {self.bank.name}"},
            {"url": "", "label": "New question"},
        ]

    def get_initial(self):
        mark = 0 if self.qtype == QuestionType.DESCRIPTION else 1
        return {"default_mark": mark}

    def preview_bank(self):
        return self.bank

    def get_form_kwargs(self):
        return self.form_kwargs(bank=self.bank, qtype=self.qtype)

    def save_instance(self):
        question = question_create(
            bank=self.bank, qtype=self.form.qtype, **self.form.service_kwargs()
        )
        question_objectives_set(question=question, objectives=self.form.cleaned_data["objectives"])
        log(instance=question, action="wagtail.create", user=self.request.user)
        return question


class QuestionEditView(QuestionFormMixin, ScopedEditView):
    related = QUESTION_RELATED

    def get_initial(self):
        return _question_fields(self.object)

    def preview_bank(self):
        return self.object.bank

    def get_form_kwargs(self):
        version = self.object.current_version
        return self.form_kwargs(
            bank=self.object.bank,
            question=self.object,
            stored=version.data if version is not None else {},
        )

    def unchanged(self, form) -> bool:
        current = self.object.current_version
        new = form.service_kwargs()
        return (
            current is not None
            and clean_question_data(new.pop("data")) == current.data
            and all(getattr(self.object, field) == value for field, value in new.items()
                    if field not in ("stem", "general_feedback"))
            # The service stores HTML sanitised; compare what it would store.
            and sanitize_html(form.cleaned_data["stem"]) == self.object.stem
            and sanitize_html(form.cleaned_data["general_feedback"])
            == self.object.general_feedback
        )  # fmt: skip

    def objectives_changed(self, form) -> bool:
        chosen = {objective.pk for objective in form.cleaned_data["objectives"]}
        return chosen != {objective.pk for objective in self.object.objectives.all()}

    def form_valid(self, form):
        if self.unchanged(form):
            if not self.objectives_changed(form):
                messages.info(self.request, NOTHING_CHANGED)
                return redirect(self.get_edit_url())
            # Retagging is not a new version: what students were asked stays the same.
            try:
                question_objectives_set(
                    question=self.object, objectives=form.cleaned_data["objectives"]
                )
            except ValidationError as exc:
                form.add_service_error(exc)
                return self.form_invalid(form)
            messages.success(self.request, OBJECTIVES_SAVED % {"name": self.object.name})
            return redirect(self.get_success_url())
        return super().form_valid(form)

    def save_instance(self):
        question = question_revise(question=self.object, **self.form.service_kwargs())
        question_objectives_set(question=question, objectives=self.form.cleaned_data["objectives"])
        log(instance=question, action="wagtail.edit", user=self.request.user)
        return question

    def get_success_message(self):
        return SAVED_AS_VERSION % {
            "name": self.object.name, "number": self.object.current_version.number
        }  # fmt: skip

    def get_header_more_buttons(self):
        url = reverse(f"{QUESTIONS}:preview", args=[self.object.pk])
        preview = Button("Preview", url=url, icon_name="view", priority=5)
        return sorted([preview, *super().get_header_more_buttons()])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["versions"] = admin_selectors.question_versions(self.object)
        context["qtype_label"] = self.object.get_qtype_display()
        return context


class QuestionDeleteView(ScopedDeleteView):
    related = QUESTION_RELATED

    def get_success_url(self):
        return questions_url(self.object.bank)


class QuestionChooseView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Before the form: which bank the question goes in, and its type (as Moodle asks)."""

    model = Question
    permission_required = "add"
    template_name = "quizzes/admin/question_choose.html"
    page_title = "New question"
    header_icon = "plus"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(f"{QUESTIONS}:index"), "label": "Questions"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            banks=admin_selectors.banks_for(self.request.user, write=True),
            qtypes=QuestionType.choices,
            add_url=reverse(f"{QUESTIONS}:add"),
            **kwargs,
        )


PREVIEW_INCOMPLETE = "The preview appears once the answers are complete."


class QuestionDraftPreviewView(View):
    """The question as the editor holds it, as learners would see it: an HTML fragment the
    editor's script asks for as the author types. Nothing is saved. Only those who may add
    questions to the bank may ask (a 404 for a bank they cannot write to)."""

    http_method_names = ["post"]

    def post(self, request):
        bank_id, qtype = request.GET.get("bank", ""), request.GET.get("qtype", "")
        if not bank_id.isdigit() or qtype not in QuestionType.values:
            raise PermissionDenied
        bank = get_object_or_404(admin_selectors.banks_for(request.user, write=True), pk=bank_id)
        form = QuestionForm(request.POST, bank=bank, qtype=qtype, prefix=None)
        form.is_valid()  # the stem may be half written: preview whatever is there
        version, problems = None, []
        if form.answers.is_valid():
            data = clean_question_data(form.answers.to_data())
            try:
                validate_question_data(qtype, data)
            except ValidationError as exc:
                problems = exc.messages
            else:
                version = QuestionVersion(
                    qtype=qtype,
                    number=1,
                    stem=sanitize_html(form.cleaned_data.get("stem", "")),
                    default_mark=form.cleaned_data.get("default_mark") or 1,
                    data=data,
                )
        else:
            problems = [PREVIEW_INCOMPLETE]
        return TemplateResponse(
            request,
            "quizzes/admin/_question_preview_fragment.html",
            {"display": version_preview(version) if version else None, "problems": problems},
        )
