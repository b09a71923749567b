"""Question categories in the admin: folders of a bank, nested as in Moodle."""

import django_filters
from django.db.models import Count
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.widgets.button import MenuItem

from quizzes import admin_selectors
from quizzes.admin_views.base import (
    CATEGORIES,
    ScopedDeleteView,
    ScopedEditView,
    ScopedIndexMixin,
    ScopedModelViewSet,
    questions_url,
)
from quizzes.admin_views.forms import CategoryForm
from quizzes.models import QuestionCategory


class CategoryFilterSet(WagtailFilterSet):
    bank = django_filters.ChoiceFilter(label="Bank", empty_label="Any bank", method="filter_bank")

    class Meta:
        model = QuestionCategory
        fields = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        banks = admin_selectors.banks_for(request.user)
        self.filters["bank"].extra["choices"] = [(bank.pk, bank.name) for bank in banks]

    def filter_bank(self, queryset, name, value):
        return queryset.filter(bank_id=value) if value else queryset


class CategoryIndexView(ScopedIndexMixin, generic.IndexView):
    def visible_queryset(self):
        return admin_selectors.categories_for(self.request.user).annotate(
            question_count=Count("questions")
        )

    @cached_property
    def paths(self) -> dict[int, str]:
        """Every visible category's path, so nested names cost one query for the page."""
        return admin_selectors.category_paths(
            admin_selectors.categories_for(self.request.user)
            .select_related(None)
            .only("pk", "name", "parent_id")
        )

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label="Category",
                sort_key="name",
                accessor=lambda category: self.paths.get(category.pk, category.name),
                get_url=self._title_url,
            ),
            Column("bank", label="Bank", sort_key="bank__name"),
            Column("question_count", label="Questions", sort_key="question_count"),
        ]

    def _title_url(self, category):
        return self.get_edit_url(category) or (
            f"{questions_url(category.bank)}&category={category.pk}"
        )

    def get_list_more_buttons(self, instance):
        url = f"{questions_url(instance.bank)}&category={instance.pk}"
        return [
            MenuItem("Questions", url=url, icon_name="list-ul", priority=1),
            *super().get_list_more_buttons(instance),
        ]

    def get_add_url(self):
        url = super().get_add_url()
        bank = self.request.GET.get("bank", "")
        return f"{url}?bank={bank}" if url and bank.isdigit() else url


class CategoryCreateView(generic.CreateView):
    def get_initial(self):
        bank = self.request.GET.get("bank", "")
        return {"bank": bank} if bank.isdigit() else {}

    def get_success_url(self):
        return f"{reverse(f'{CATEGORIES}:index')}?bank={self.object.bank_id}"


class CategoryEditView(ScopedEditView):
    related = ("bank",)

    def get_success_url(self):
        return f"{reverse(f'{CATEGORIES}:index')}?bank={self.object.bank_id}"


class CategoryDeleteView(ScopedDeleteView):
    related = ("bank",)


class CategoryViewSet(ScopedModelViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = "Categories"
    index_view_class = CategoryIndexView
    add_view_class = CategoryCreateView
    edit_view_class = CategoryEditView
    delete_view_class = CategoryDeleteView
    filterset_class = CategoryFilterSet
    form_fields = ["bank", "parent", "name"]
    search_fields = ["name"]

    def get_form_class(self, for_update=False):
        return CategoryForm
