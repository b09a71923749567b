"""The question list's filters: bank, category with its subcategories, type and tag."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from quizzes import admin_selectors
from quizzes.models import Question, QuestionType


class QuestionFilterSet(WagtailFilterSet):
    """Choices come from what the user may see, so a crafted id filters nothing it shouldn't.

    Building them costs three queries (banks, categories, tags) whatever the list's length.
    """

    bank = django_filters.ChoiceFilter(label="Bank", empty_label="Any bank", method="filter_bank")
    category = django_filters.ChoiceFilter(
        label="Category (with its subcategories)",
        empty_label="Any category",
        method="filter_category",
    )
    qtype = django_filters.ChoiceFilter(
        label="Type", empty_label="Any type", choices=QuestionType.choices
    )
    tag = django_filters.ChoiceFilter(label="Tag", empty_label="Any tag", method="filter_tag")

    class Meta:
        model = Question
        fields = []

    def __init__(self, data=None, *args, request=None, **kwargs):
        super().__init__(data, *args, request=request, **kwargs)
        user = request.user
        banks = {str(bank.pk): bank for bank in admin_selectors.banks_for(user)}
        self.bank = banks.get((data or {}).get("bank", ""))
        self.filters["bank"].extra["choices"] = [(pk, bank.name) for pk, bank in banks.items()]

        categories = admin_selectors.categories_for(user)
        questions = admin_selectors.questions_for(user)
        if self.bank is not None:
            categories = categories.filter(bank=self.bank)
            questions = questions.filter(bank=self.bank)
        self.categories = list(categories)
        self.filters["category"].extra["choices"] = admin_selectors.category_choices(
            self.categories, with_bank=self.bank is None
        )
        self.filters["tag"].extra["choices"] = [
            (tag, tag) for tag in admin_selectors.question_tags(questions)
        ]

    def filter_bank(self, queryset, name, value):
        return queryset.filter(bank_id=value) if value else queryset

    def filter_category(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            category_id__in=admin_selectors.category_descendants(int(value), self.categories)
        )

    def filter_tag(self, queryset, name, value):
        return admin_selectors.questions_tagged(queryset, value) if value else queryset
