"""Question banks in the admin: the list, create/edit, and import/export of a bank's questions."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import Button, MenuItem

from quizzes import admin_selectors
from quizzes.admin_views.base import (
    BANKS,
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexMixin,
    ScopedInspectView,
    ScopedModelViewSet,
    categories_url,
    questions_url,
)
from quizzes.admin_views.forms import BankForm
from quizzes.admin_views.transfer import (
    BankExportView,
    BankImportView,
    ImportJobView,
    ImportProgressView,
)
from quizzes.models import QuestionBank


def bank_buttons(view, bank, *, button_class=MenuItem) -> list:
    """Links from a bank to its questions, categories, import and export."""
    may_change = view.permission_policy.user_has_permission_for_instance(
        view.request.user, "change", bank
    )
    buttons = [
        button_class("Questions", url=questions_url(bank), icon_name="list-ul", priority=1),
        button_class("Categories", url=categories_url(bank), icon_name="folder-open-inverse",
                     priority=2),
        button_class("Export as GIFT", url=reverse(f"{BANKS}:export", args=[bank.pk]),
                     icon_name="download", priority=4),
    ]  # fmt: skip
    if may_change:
        url = reverse(f"{BANKS}:import", args=[bank.pk])
        buttons.append(button_class("Import questions", url=url, icon_name="upload", priority=3))
    return buttons


class BankIndexView(ScopedIndexMixin, generic.IndexView):
    def visible_queryset(self):
        return admin_selectors.banks_listing(self.request.user)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Name",
                sort_key="name",
                get_url=questions_url,
            ),
            Column("school", label="School", sort_key="school__name"),
            Column("question_count", label="Questions", sort_key="question_count"),
            Column("category_count", label="Categories", sort_key="category_count"),
            DateColumn("created_at", label="Created", sort_key="created_at"),
        ]

    def get_list_more_buttons(self, instance):
        return [*bank_buttons(self, instance)[1:], *super().get_list_more_buttons(instance)]


class BankEditView(ScopedEditView):
    related = ("school",)

    def get_header_more_buttons(self):
        extra = bank_buttons(self, self.object, button_class=Button)
        return sorted([*extra, *super().get_header_more_buttons()])


class BankDeleteView(ScopedDeleteView):
    related = ("school",)


class BankInspectView(ScopedInspectView):
    related = ("school",)


class BankViewSet(ScopedModelViewSet):
    model = QuestionBank
    icon = "folder-inverse"
    menu_label = "Banks"
    index_view_class = BankIndexView
    edit_view_class = BankEditView
    delete_view_class = BankDeleteView
    inspect_view_class = BankInspectView
    inspect_view_enabled = True
    inspect_view_fields = ["school", "name", "description", "created_at"]
    form_fields = ["school", "name", "description"]
    search_fields = ["name", "description"]

    def get_form_class(self, for_update=False):
        return BankForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/<int:pk>/", BankImportView.as_view(), name="import"),
            path("export/<int:pk>/", BankExportView.as_view(), name="export"),
            path("import-jobs/<int:pk>/", ImportJobView.as_view(), name="import_job"),
            path(
                "import-jobs/<int:pk>/progress/",
                ImportProgressView.as_view(),
                name="import_progress",
            ),
        ]
