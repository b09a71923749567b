"""Tagging a selection of questions with a learning objective (or removing it) in one action.

Objectives are metadata on Question, not frozen in its versions, so this makes no version.
The questions must be ones the user may change (instructors and admins of the bank's school,
and staff), all of one school; the objectives offered are that school's only.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from courses.models import CourseObjective
from quizzes import admin_selectors
from quizzes.admin_views.base import QUESTIONS, questions_url
from quizzes.services.questions import question_objectives_bulk

NOTHING_CHOSEN = "Select the questions to tag first: tick them in the list."
ONE_SCHOOL = "Select questions of one school's banks at a time."
TAGGED = "Tagged %(count)s question(s) with “%(objective)s”. No new versions were made."
UNTAGGED = "Removed “%(objective)s” from %(count)s question(s). No new versions were made."
MAX_SELECTED = 500


class SelectColumn(Column):
    """A checkbox per row, belonging to the bulk form above the list (HTML form attribute)."""

    cell_template_name = "quizzes/admin/_select_cell.html"

    def __init__(self):
        super().__init__("select", label="Select")


class ObjectiveBulkForm(forms.Form):
    objective = forms.ModelChoiceField(
        label="Learning objective", queryset=CourseObjective.objects.none(),
        empty_label="Choose an objective…",
    )  # fmt: skip
    action = forms.ChoiceField(
        label="Action",
        choices=[("add", "Tag the questions with it"), ("remove", "Remove it from the questions")],
        widget=forms.RadioSelect,
        initial="add",
    )

    def __init__(self, *args, school_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["objective"]
        field.queryset = (
            CourseObjective.objects.filter(course__school_id=school_id)
            .select_related("course")
            .order_by("course__title", "course_id", "sort_order", "pk")
        )
        field.label_from_instance = lambda objective: f"{objective.course.title}: {objective.text}"


class QuestionObjectivesBulkView(WagtailAdminTemplateMixin, TemplateView):
    """GET ?id=1&id=2: the form for the selection; POST: apply it and go back to the list."""

    template_name = "quizzes/admin/question_objectives_bulk.html"
    page_title = "Tag with objective"
    header_icon = "tag"

    def dispatch(self, request, *args, **kwargs):
        source = request.POST if request.method == "POST" else request.GET
        ids = {int(pk) for pk in source.getlist("id")[:MAX_SELECTED] if pk.isdigit()}
        if not ids:
            messages.error(request, NOTHING_CHOSEN)
            return redirect(reverse(f"{QUESTIONS}:index"))
        # Only questions the user may change: another school's (or a reviewer's) are not found.
        self.questions = list(
            admin_selectors.questions_for(request.user, write=True)
            .filter(pk__in=ids)
            .order_by("name", "pk")
        )
        if len(self.questions) != len(ids):
            raise Http404
        schools = {question.bank.school_id for question in self.questions}
        if len(schools) != 1:
            messages.error(request, ONE_SCHOOL)
            return redirect(reverse(f"{QUESTIONS}:index"))
        self.school_id = schools.pop()
        banks = {question.bank_id: question.bank for question in self.questions}
        self.back_url = (
            questions_url(next(iter(banks.values())))
            if len(banks) == 1
            else reverse(f"{QUESTIONS}:index")
        )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.back_url, "label": "Questions"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or ObjectiveBulkForm(school_id=self.school_id)
        return super().get_context_data(
            form=form, questions=self.questions, back_url=self.back_url, **kwargs
        )

    def post(self, request, *args, **kwargs):
        form = ObjectiveBulkForm(request.POST, school_id=self.school_id)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        objective, remove = form.cleaned_data["objective"], form.cleaned_data["action"] == "remove"
        try:
            count = question_objectives_bulk(
                question_ids=[question.pk for question in self.questions],
                objective=objective,
                remove=remove,
            )
        except ValidationError as exc:
            form.add_error("objective", exc)
            return self.render_to_response(self.get_context_data(form=form))
        message = UNTAGGED if remove else TAGGED
        messages.success(request, message % {"count": count, "objective": objective.text})
        return redirect(self.back_url)
