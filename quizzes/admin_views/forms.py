"""Forms of the question-bank admin. Questions are saved by quizzes.services.questions only."""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.rich_text import expand_db_html

from courses.models import CourseObjective
from quizzes import admin_selectors
from quizzes.admin_views.answer_forms import AnswerEditor
from quizzes.admin_views.data_examples import DATA_NOTES
from quizzes.models import QuestionBank, QuestionCategory, QuestionType
from quizzes.services.imports import (
    FILE_TOO_BIG,
    file_size_label,
    import_max_bytes,
    import_max_questions,
)
from schools import rules
from schools.models import School

UPLOAD_NOT_UTF8 = (
    "The file is not UTF-8 text (line %(line)s). Save it as UTF-8 (in Moodle's export, "
    "or “Save as… UTF-8” in your editor) and upload it again."
)
UPLOAD_BAD_SUFFIX = "Upload a GIFT file (.gift or .txt) or a Moodle XML file (.xml)."
CATEGORY_OTHER_BANK = "Choose a category of the bank you chose."
SERVICE_FIELDS = (
    "name", "category", "stem", "general_feedback", "default_mark", "tags", "idnumber", "data",
)  # fmt: skip

# What Draftail can edit without losing anything; other HTML is edited as HTML (see below).
EDITOR_FEATURES = [
    "h2", "h3", "h4", "bold", "italic", "superscript", "subscript", "code",
    "ol", "ul", "blockquote", "hr", "link",
]  # fmt: skip
_DRAFTAIL_WOULD_DROP = re.compile(r"<(table|pre|abbr|u|img)\b", re.IGNORECASE)
HTML_SOURCE_HELP = (
    "This text has tables or other formatting the rich-text editor would drop, so it is "
    "edited as HTML. It is cleaned when saved."
)


class BankForm(WagtailAdminModelForm):
    """A school admin or instructor creates banks only for their own schools."""

    class Meta:
        model = QuestionBank
        fields = ["school", "name", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schools = rules.question_bank_scope(self.for_user, write=True)
        queryset = School.objects.all()
        self.fields["school"].queryset = (
            queryset if schools is None else queryset.filter(pk__in=schools)
        )
        if self.instance.pk is None and len(self.fields["school"].queryset) == 1:
            self.fields["school"].initial = self.fields["school"].queryset[0].pk


class CategoryForm(WagtailAdminModelForm):
    class Meta:
        model = QuestionCategory
        fields = ["bank", "parent", "name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        banks = admin_selectors.banks_for(self.for_user, write=True)
        self.fields["bank"].queryset = banks
        categories = admin_selectors.categories_for(self.for_user, write=True)
        if self.instance.pk:
            # Moving a category to another bank would strand its questions: banks are fixed.
            self.fields["bank"].disabled = True
            categories = categories.filter(bank=self.instance.bank_id).exclude(
                pk__in=admin_selectors.category_with_descendants(self.instance)
            )
        self.fields["parent"].queryset = categories
        self.fields["parent"].choices = [
            ("", "None (a top-level category)"),
            *admin_selectors.category_choices(categories, with_bank=not self.instance.pk),
        ]
        self.fields["parent"].help_text = "The category this one sits in, in the same bank."


def _rich_text_field(label: str, current: str) -> forms.CharField:
    if _DRAFTAIL_WOULD_DROP.search(current or ""):
        widget = forms.Textarea(attrs={"rows": 8})
        return forms.CharField(
            label=label, required=False, widget=widget, help_text=HTML_SOURCE_HELP
        )
    widget = get_rich_text_editor_widget(features=EDITOR_FEATURES)
    # Draftail's editable box is not the labelled <input>: give it the field's name (axe).
    widget.options["ariaLabel"] = label
    return forms.CharField(label=label, required=False, widget=widget)


def _html(value: str) -> str:
    """The editor's HTML as stored: page links made real URLs, an empty editor made ""."""
    html = expand_db_html(value or "")
    return html if strip_tags(html).strip() else ""


class ObjectiveChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.course.title}: {obj.text}"


class QuestionForm(forms.Form):
    """Every field of a question; the view hands the cleaned values to the service."""

    name = forms.CharField(max_length=255, help_text="Shown in the question bank, not to students.")
    qtype = forms.ChoiceField(label="Type", choices=QuestionType.choices)
    category = forms.TypedChoiceField(
        label="Category", coerce=int, required=False, empty_value=None
    )
    default_mark = forms.DecimalField(
        max_digits=7, decimal_places=2, min_value=Decimal(0), initial=Decimal(1)
    )
    tags = forms.CharField(required=False, help_text="Comma-separated, e.g. anatomy, shoulder.")
    idnumber = forms.CharField(
        label="ID number", max_length=100, required=False,
        help_text="Moodle's ID number: unique within the bank, optional.",
    )  # fmt: skip
    objectives = ObjectiveChoiceField(
        label="Learning objectives tested",
        queryset=CourseObjective.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "The objectives of your school's courses this question tests: each course's final "
            "assessment must test every objective (its assessment blueprint)."
        ),
    )

    field_order = [
        "name", "qtype", "category", "stem", "general_feedback",
        "objectives", "default_mark", "tags", "idnumber",
    ]  # fmt: skip

    def __init__(
        self, *args, bank: QuestionBank, question=None, qtype: str = "", stored=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.bank = bank
        self.fields["stem"] = _rich_text_field("Question text", question.stem if question else "")
        self.fields["general_feedback"] = _rich_text_field(
            "General feedback", question.general_feedback if question else ""
        )
        self.fields["general_feedback"].help_text = (
            self.fields["general_feedback"].help_text
            or "Shown to every student after the attempt, whatever they answered."
        )
        categories = list(admin_selectors.categories_for_bank(bank))
        self.fields["category"].choices = [
            ("", "None"),
            *admin_selectors.category_choices(categories),
        ]
        self._category_by_id = {category.pk: category for category in categories}
        self.fields["objectives"].queryset = (
            CourseObjective.objects.filter(course__school_id=bank.school_id)
            .select_related("course")
            .order_by("course__title", "course_id", "sort_order", "pk")
        )
        # The type is chosen before the form (the answer forms depend on it) and fixed once a
        # question exists.
        del self.fields["qtype"]
        if question is not None:
            qtype = question.qtype
        self.qtype = qtype or QuestionType.SINGLE_CHOICE
        self.data_note = DATA_NOTES[QuestionType(self.qtype)]
        # `stored`: the current answer data (None for a new question: blank rows to fill in).
        self.answers = AnswerEditor(
            self.qtype,
            data=self.data if self.is_bound else None,
            stored=stored,
            school_id=bank.school_id,
        )
        self.order_fields(self.field_order)

    def is_valid(self) -> bool:
        """The question's fields and its answer forms, each checked so every error shows."""
        valid = super().is_valid()
        answers_valid = self.answers.is_valid()
        if valid and answers_valid:
            self.cleaned_data["data"] = self.answers.to_data()
        return valid and answers_valid

    @property
    def media(self):
        return super().media + self.answers.media

    def clean_category(self):
        pk = self.cleaned_data["category"]
        if pk is None:
            return None
        if pk not in self._category_by_id:
            raise ValidationError(CATEGORY_OTHER_BANK)
        return self._category_by_id[pk]

    def clean_stem(self):
        return _html(self.cleaned_data["stem"])

    def clean_general_feedback(self):
        return _html(self.cleaned_data["general_feedback"])

    def clean_tags(self):
        tags = []
        for tag in self.cleaned_data["tags"].split(","):
            tag = " ".join(tag.split())
            if tag and tag.casefold() not in {t.casefold() for t in tags}:
                tags.append(tag)
        return tags

    def service_kwargs(self) -> dict:
        """The keyword arguments question_create and question_revise share."""
        return {field: self.cleaned_data[field] for field in SERVICE_FIELDS}

    def add_service_error(self, error: ValidationError) -> None:
        """Put the service's errors on the fields they name; data errors above the answers."""
        if not hasattr(error, "error_dict"):
            self.answers.add_error(error)
            return
        for field, errors in error.error_dict.items():
            if field == "data":
                self.answers.add_error(ValidationError(errors))
            else:
                self.add_error(field if field in self.fields else None, errors)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Question file",
        widget=forms.FileInput(attrs={"accept": ".gift,.txt,.xml"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"GIFT (.gift or .txt) or Moodle XML (.xml), UTF-8, up to "
            f"{file_size_label(import_max_bytes())} and {import_max_questions()} questions. The "
            "whole file is imported, or nothing if any question in it is wrong."
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".gift", ".txt", ".xml")):
            raise ValidationError(UPLOAD_BAD_SUFFIX)
        if upload.size > import_max_bytes():  # before reading it into memory
            raise ValidationError(
                FILE_TOO_BIG,
                params={
                    "size": file_size_label(upload.size),
                    "limit": file_size_label(import_max_bytes()),
                },
            )
        raw = upload.read()
        try:
            self.text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ValidationError(UPLOAD_NOT_UTF8, params={"line": line}) from exc
        return upload
