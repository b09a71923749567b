"""The QuizPage editor's form: quiz slots offer only the course's school's questions.

quizzes.models imports this module (QuizPage.base_form_class) while the models are still
loading, so the selectors are imported where the form is built, not at the top.
"""

from wagtail.admin.forms import WagtailAdminPageForm

SLOT_OTHER_SCHOOL = "Choose a question or category from a bank of this course's school."
NO_SCHOOL_HELP = "The course has no school yet: set its school to choose questions from its banks."
EMPTY_CHOICE = ("", "---------")


def _scoped_slot_form(form_class, *, school_id, questions, categories):
    """The formset's form class, narrowed to one school's questions and categories.

    The choices are read once for the whole quiz and shared by every slot, so a quiz of 40
    slots costs the same two queries to render as a quiz of one.
    """
    from quizzes import admin_selectors

    choices = {
        "question": [EMPTY_CHOICE, *((q.pk, f"{q.bank.name}: {q.name}") for q in questions)],
        "category": [EMPTY_CHOICE, *admin_selectors.category_choices(categories, with_bank=True)],
    }
    querysets = {"question": questions, "category": categories}

    class ScopedSlotForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, queryset in querysets.items():
                field = self.fields[name]
                field.queryset = queryset  # what a submitted id is checked against
                field.widget.choices = choices[name]
                if school_id is None:
                    field.help_text = NO_SCHOOL_HELP

        def clean(self):
            cleaned = super().clean()
            for name in querysets:
                chosen = cleaned.get(name)
                if chosen is not None and chosen.bank.school_id != school_id:
                    self.add_error(name, SLOT_OTHER_SCHOOL)
            return cleaned

    return ScopedSlotForm


class QuizPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        from quizzes import admin_selectors

        super().__init__(*args, **kwargs)
        slots = self.formsets.get("slots")
        if slots is None:
            return
        course = admin_selectors.course_for_quiz_form(
            page=self.instance, parent_page=self.parent_page
        )
        school_id = course.school_id if course is not None else None
        slots.form = _scoped_slot_form(
            slots.form,
            school_id=school_id,
            questions=admin_selectors.slot_questions(school_id=school_id),
            categories=admin_selectors.slot_categories(school_id=school_id),
        )
