"""Questions in the admin: the list of a bank's questions, and the viewset tying in the
editing (question_editing.py) and reading (question_reading.py) views."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, MenuItem

from quizzes import admin_selectors
from quizzes.admin_views.base import (
    BANKS,
    CATEGORIES,
    QUESTIONS,
    ScopedIndexMixin,
    ScopedModelViewSet,
)
from quizzes.admin_views.filters import QuestionFilterSet
from quizzes.admin_views.question_editing import (
    QuestionChooseView,
    QuestionCreateView,
    QuestionDeleteView,
    QuestionDraftPreviewView,
    QuestionEditView,
)
from quizzes.admin_views.question_objectives import QuestionObjectivesBulkView, SelectColumn
from quizzes.admin_views.question_reading import QuestionInspectView, QuestionPreviewView
from quizzes.models import Question


class QuestionIndexView(ScopedIndexMixin, generic.IndexView):
    filterset_class = QuestionFilterSet

    def visible_queryset(self):
        return admin_selectors.questions_for(self.request.user)

    @cached_property
    def bank(self):
        """The bank the list is filtered to, if any (the filter checked it is visible)."""
        filters = self.filters
        if filters is not None and filters.is_valid():
            return filters.bank
        return None

    @cached_property
    def paths(self) -> dict[int, str]:
        """Category paths from the categories the filters loaded: no query per row."""
        return admin_selectors.category_paths(self.filters.categories)

    @cached_property
    def columns(self):
        columns = [
            SelectColumn(),
            TitleColumn("name", label="Name", sort_key="name", get_url=self._title_url),
            Column("qtype", label="Type", accessor="get_qtype_display", sort_key="qtype"),
            Column(
                "category",
                label="Category",
                accessor=lambda q: self.paths.get(q.category_id, "") if q.category_id else "",
                sort_key="category__name",
            ),
            Column("default_mark", label="Default mark", sort_key="default_mark"),
            Column("version", label="Version", accessor="current_version.number"),
            DateColumn("updated_at", label="Updated", sort_key="updated_at"),
        ]
        if self.bank is None:
            columns.insert(2, Column("bank", label="Bank", sort_key="bank__name"))
        return columns

    def _title_url(self, question):
        return self.get_edit_url(question) or reverse(f"{QUESTIONS}:inspect", args=[question.pk])

    def get_list_more_buttons(self, instance):
        url = reverse(f"{QUESTIONS}:preview", args=[instance.pk])
        return [
            MenuItem("Preview", url=url, icon_name="view", priority=15),
            *super().get_list_more_buttons(instance),
        ]

    def get_add_url(self):
        url = super().get_add_url()
        if url and self.bank is not None:
            return f"{url}?bank={self.bank.pk}"
        return url

    def get_page_subtitle(self):
        return self.bank.name if self.bank is not None else ""

    def get_header_more_buttons(self):
        buttons = list(super().get_header_more_buttons())
        if self.bank is None:
            return buttons
        bank, user = self.bank, self.request.user
        buttons += [
            Button("Categories", url=f"{reverse(f'{CATEGORIES}:index')}?bank={bank.pk}",
                   icon_name="folder-open-inverse", priority=20),
            Button("Export as GIFT", url=reverse(f"{BANKS}:export", args=[bank.pk]),
                   icon_name="download", priority=40),
        ]  # fmt: skip
        if self.permission_policy.user_has_permission_for_instance(
            user, "add", Question(bank=bank)
        ):
            buttons.append(
                Button("Import questions", url=reverse(f"{BANKS}:import", args=[bank.pk]),
                       icon_name="upload", priority=30)
            )  # fmt: skip
        return sorted(buttons)


class QuestionViewSet(ScopedModelViewSet):
    model = Question
    icon = "help"
    menu_label = "Questions"
    index_view_class = QuestionIndexView
    add_view_class = QuestionCreateView
    edit_view_class = QuestionEditView
    delete_view_class = QuestionDeleteView
    inspect_view_class = QuestionInspectView
    inspect_view_enabled = True
    list_per_page = 50
    form_fields = ["name"]  # the views build QuestionForm themselves
    search_fields = ["name", "stem", "idnumber"]
    create_template_name = "quizzes/admin/question_create.html"
    edit_template_name = "quizzes/admin/question_edit.html"
    inspect_template_name = "quizzes/admin/question_inspect.html"
    index_template_name = "quizzes/admin/question_index.html"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new/choose/", QuestionChooseView.as_view(), name="choose"),
            path("preview/<int:pk>/", QuestionPreviewView.as_view(), name="preview"),
            path("preview-draft/", QuestionDraftPreviewView.as_view(), name="preview_draft"),
            path("objectives/", QuestionObjectivesBulkView.as_view(), name="objectives"),
        ]
