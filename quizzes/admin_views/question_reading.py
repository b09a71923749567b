"""Reading a question: its details for reviewers, and the preview a student would see."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from quizzes import admin_selectors
from quizzes.admin_views.base import (
    QUESTIONS,
    ScopedInspectView,
    VisibleObjectsMixin,
    questions_url,
)
from quizzes.admin_views.data_examples import data_json
from quizzes.admin_views.preview import version_preview
from quizzes.admin_views.question_editing import QUESTION_RELATED
from quizzes.models import Question


class QuestionInspectView(ScopedInspectView):
    """Read-only, for reviewers too: the fields, the answer data and every version."""

    related = QUESTION_RELATED

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        version = self.object.current_version
        context |= {
            "question": self.object,
            "category_path": admin_selectors.category_paths(
                admin_selectors.categories_for_bank(self.object.bank)
            ).get(self.object.category_id, ""),
            "data": data_json(version.data if version else {}),
            "versions": admin_selectors.question_versions(self.object),
        }
        return context


class QuestionPreviewView(
    VisibleObjectsMixin, PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The question exactly as an attempt shows it, without its answers."""

    model = Question
    any_permission_required = ["view"]
    related = QUESTION_RELATED
    template_name = "quizzes/admin/question_preview.html"
    page_title = "Preview"
    header_icon = "view"

    def dispatch(self, request, *args, pk, **kwargs):
        self.object = get_object_or_404(self.visible_queryset(), pk=pk)
        number = request.GET.get("version", "")
        if number.isdigit():
            self.version = get_object_or_404(self.object.versions, number=number)
        else:
            self.version = self.object.current_version
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return self.object.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": questions_url(self.object.bank), "label": self.object.bank.name},
            {"url": "", "label": f"Preview: {self.object.name}"},
        ]

    def get_context_data(self, **kwargs):
        edit_url = None
        if self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        ):
            edit_url = reverse(f"{QUESTIONS}:edit", args=[self.object.pk])
        return super().get_context_data(
            question=self.object,
            version=self.version,
            is_current=self.version == self.object.current_version,
            display=version_preview(self.version) if self.version else None,
            edit_url=edit_url,
            **kwargs,
        )
