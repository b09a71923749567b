"""The answer part of the question editor as forms: one set of forms and formsets per type.

`AnswerEditor` turns QuestionVersion.data into initial values for its forms and, once they
validate, back into data of the shape quizzes.question_data checks. Each row's errors sit
beside its fields; what concerns the whole list (too few choices, no credit) sits above it.
The service still cleans and validates what comes out (clean_question_data, versioning).
A row whose main text is blank is left out, so blank rows may stay on the page.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import escape, strip_tags
from wagtail.admin.rich_text.editors.draftail import DraftailRichTextArea
from wagtail.images import get_image_model
from wagtail.images.widgets import AdminImageChooser
from wagtail.rich_text import expand_db_html

from cms.sanitize import plain_text
from quizzes.models import QuestionType
from quizzes.question_data import (
    DATA_LABEL_REPEATED,
    DATA_NO_CREDIT,
    DATA_TOO_FEW,
    RECOMMENDED_DISTRACTORS,
)
from schools.selectors import images_for_school

FEEDBACK_FEATURES = ["bold", "italic", "superscript", "subscript", "code", "ol", "ul", "link"]
ROW_NEEDS_TEXT = "Write the text, or clear this row's other fields to leave it out."
NUMERICAL_NEEDS_VALUE = "Give a value (with a tolerance), or a minimum and a maximum."
NUMERICAL_MIN_ABOVE_MAX = "The minimum must not be above the maximum."
CIRCLE_NEEDS = "A circle needs its centre (across, down) and a radius above 0."
POLYGON_NEEDS = (
    "A polygon needs at least 3 points, written “x,y x,y x,y” with each number from 0 to 1."
)
LABEL_NEEDED = "Name this area: the description of the image is given, so every region needs it."
NO_IMAGE = "Choose the image the regions are drawn on."
FEW_DISTRACTORS = (
    "Add at least %(count)s distractors (wrong areas): the list that learners who cannot use "
    "the image choose from is too easy otherwise."
)
MAX_ROWS = 50
# Long enough for any real answer text (the service sets no limit; this stops abuse).
TEXT_LIMIT = 5000


_ONE_PARAGRAPH = re.compile(r"^<p(?:\s[^>]*)?>((?:(?!</?p[\s>]).)*)</p>$", re.DOTALL)


def _html(value: str) -> str:
    """Feedback as stored: one paragraph unwrapped, so feedback imported as plain text
    ("Right.") reads the same after a round through the rich-text editor ("<p>Right.</p>")."""
    html = expand_db_html(value or "").strip()
    if not strip_tags(html).strip():
        return ""
    match = _ONE_PARAGRAPH.match(html)
    return match.group(1) if match else html


class FeedbackEditor(DraftailRichTextArea):
    """Draftail for feedback, sturdy both ways: stored HTML it cannot parse is shown as its
    text, and a posted value that is not Draftail's JSON is taken as HTML (then sanitised by
    the service) instead of failing the request."""

    def format_value(self, value):
        try:
            return super().format_value(value)
        except (AssertionError, ValueError, KeyError, IndexError):
            return super().format_value(escape(plain_text(value or "")))

    def value_from_datadict(self, data, files, name):
        try:
            return super().value_from_datadict(data, files, name)
        except (ValueError, TypeError, KeyError, AttributeError):
            return data.get(name, "")


def _feedback_field(label="Feedback") -> forms.CharField:
    widget = FeedbackEditor(features=FEEDBACK_FEATURES, attrs={"aria-label": label})
    return forms.CharField(label=label, required=False, widget=widget)


def _fraction_field(initial="0") -> forms.DecimalField:
    return forms.DecimalField(
        label="Credit (fraction)",
        required=False,
        min_value=Decimal(-1),
        max_value=Decimal(1),
        max_digits=9,
        decimal_places=7,
        initial=Decimal(initial),
        widget=forms.NumberInput(attrs={"step": "any", "class": "qe-fraction"}),
        help_text="1 = full credit, 0.5 = half, 0 = none, negative = a penalty.",
    )


def _number(value) -> str:
    """A Decimal as the exact string the data stores ("0.5", "30")."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


class RowForm(forms.Form):
    """A row of a list; `main` names the field whose text makes the row count."""

    main = "text"
    #: Fields that, when filled, mean the row was meant to count although its text is blank.
    companions: tuple[str, ...] = ()

    def is_blank(self) -> bool:
        return not str(self.cleaned_data.get(self.main) or "").strip()

    def clean(self):
        cleaned = super().clean()
        if self.is_blank() and any(
            _html(cleaned.get(name) or "") if name == "feedback" else cleaned.get(name)
            for name in self.companions
        ):
            self.add_error(self.main, ROW_NEEDS_TEXT)
        return cleaned

    def to_data(self) -> dict:
        raise NotImplementedError


class ChoiceForm(RowForm):
    companions = ("feedback",)
    text = forms.CharField(label="Choice", required=False, max_length=TEXT_LIMIT)
    fraction = _fraction_field()
    feedback = _feedback_field()

    def to_data(self):
        data = self.cleaned_data
        return {
            "text": data["text"].strip(),
            "fraction": _number(data["fraction"] or 0),
            "feedback": _html(data["feedback"]),
        }

    @classmethod
    def initial_from(cls, item):
        return {k: item.get(k, "") for k in ("text", "fraction", "feedback")}


class ShortAnswerForm(ChoiceForm):
    text = forms.CharField(
        label="Accepted answer", required=False, max_length=TEXT_LIMIT,
        help_text="* matches any text, e.g. “scalen*”.",
    )  # fmt: skip


class NumericalForm(RowForm):
    main = "value"
    value = forms.CharField(
        label="Value", required=False, max_length=40,
        help_text="The right number; * accepts any number.",
    )  # fmt: skip
    tolerance = forms.DecimalField(label="± tolerance", required=False, min_value=Decimal(0))
    minimum = forms.DecimalField(label="or from (minimum)", required=False)
    maximum = forms.DecimalField(label="to (maximum)", required=False)
    fraction = _fraction_field("1")
    feedback = _feedback_field()

    def is_blank(self):
        data = self.cleaned_data
        return not str(data.get("value") or "").strip() and data.get("minimum") is None

    def clean(self):
        cleaned = super().clean()
        value = str(cleaned.get("value") or "").strip()
        low, high = cleaned.get("minimum"), cleaned.get("maximum")
        if value and value != "*":
            try:
                number = Decimal(value)
                if not number.is_finite():
                    raise ValueError
            except (ArithmeticError, ValueError):
                self.add_error("value", "Enter a number, or * for any number.")
        if low is not None or high is not None:
            if low is None or high is None:
                self.add_error("maximum" if high is None else "minimum", NUMERICAL_NEEDS_VALUE)
            elif low > high:
                self.add_error("minimum", NUMERICAL_MIN_ABOVE_MAX)
        return cleaned

    def to_data(self):
        data = self.cleaned_data
        item = {}
        if data.get("minimum") is not None and not str(data.get("value") or "").strip():
            item |= {"min": _number(data["minimum"]), "max": _number(data["maximum"])}
        else:
            value = data["value"].strip()
            item["value"] = value if value == "*" else _number(value)
            if value != "*":
                item["tolerance"] = _number(data.get("tolerance") or 0)
        return item | {
            "fraction": _number(data["fraction"] or 0),
            "feedback": _html(data["feedback"]),
        }

    @classmethod
    def initial_from(cls, item):
        return {
            "value": item.get("value", ""),
            "tolerance": item.get("tolerance"),
            "minimum": item.get("min"),
            "maximum": item.get("max"),
            "fraction": item.get("fraction", "0"),
            "feedback": item.get("feedback", ""),
        }


class UnitForm(RowForm):
    main = "unit"
    unit = forms.CharField(label="Unit", required=False, max_length=TEXT_LIMIT)
    multiplier = forms.DecimalField(label="Multiplier", required=False, initial=Decimal(1))

    def clean(self):
        cleaned = super().clean()
        if not self.is_blank() and not cleaned.get("multiplier"):
            self.add_error("multiplier", "A multiplier other than 0, e.g. 1 for the main unit.")
        return cleaned

    def to_data(self):
        return {"unit": self.cleaned_data["unit"].strip(),
                "multiplier": _number(self.cleaned_data["multiplier"])}  # fmt: skip

    @classmethod
    def initial_from(cls, item):
        return {"unit": item.get("unit", ""), "multiplier": item.get("multiplier", "1")}


class PairForm(RowForm):
    main = "answer"
    question = forms.CharField(
        label="Sub-question", required=False, max_length=TEXT_LIMIT,
        help_text="Leave blank to make the answer a distractor.",
    )  # fmt: skip
    answer = forms.CharField(label="Matching answer", required=False, max_length=TEXT_LIMIT)

    def clean(self):
        cleaned = forms.Form.clean(self)
        if self.is_blank() and str(cleaned.get("question") or "").strip():
            self.add_error("answer", "Give the answer this sub-question matches.")
        return cleaned

    def to_data(self):
        return {"question": self.cleaned_data["question"].strip(),
                "answer": self.cleaned_data["answer"].strip()}  # fmt: skip

    @classmethod
    def initial_from(cls, item):
        return {"question": item.get("question", ""), "answer": item.get("answer", "")}


class OrderingItemForm(RowForm):
    text = forms.CharField(label="Item", required=False, max_length=TEXT_LIMIT)

    def to_data(self):
        return self.cleaned_data["text"].strip()

    @classmethod
    def initial_from(cls, item):
        return {"text": item}


def _coordinate(label, **attrs):
    return forms.DecimalField(
        label=label, required=False, min_value=Decimal(0), max_value=Decimal(1),
        max_digits=6, decimal_places=4,
        widget=forms.NumberInput(attrs={"step": "0.005", **attrs}),
    )  # fmt: skip


class RegionForm(RowForm):
    main = "shape"
    companions = ("label",)
    shape = forms.ChoiceField(
        label="Shape", required=False,
        choices=[("", "(leave out)"), ("circle", "Circle"), ("polygon", "Polygon")],
    )  # fmt: skip
    label = forms.CharField(
        label="Label (names the area)", required=False, max_length=200,
        help_text="Plain text learners choose from when they use the list instead of the image, "
        "e.g. “Upper trapezius, near the neck”.",
    )  # fmt: skip
    cx = _coordinate("Centre across (0 to 1)", **{"data-qe-coord": "cx"})
    cy = _coordinate("Centre down (0 to 1)", **{"data-qe-coord": "cy"})
    r = _coordinate("Radius (0 to 1)", **{"data-qe-coord": "r"})
    points = forms.CharField(
        label="Polygon points", required=False, max_length=2000,
        help_text="x,y pairs from 0 to 1, separated by spaces: 0.1,0.2 0.3,0.2 0.2,0.4",
        widget=forms.TextInput(attrs={"data-qe-coord": "points"}),
    )  # fmt: skip
    fraction = _fraction_field("1")
    feedback = _feedback_field()

    def clean_points(self):
        text = self.cleaned_data["points"].strip()
        if not text:
            return []
        points = []
        try:
            for pair in text.split():
                x, y = (Decimal(part) for part in pair.split(","))
                if not (0 <= x <= 1 and 0 <= y <= 1):
                    raise ValueError
                points.append([_number(x), _number(y)])
        except (ArithmeticError, ValueError) as exc:
            raise ValidationError(POLYGON_NEEDS) from exc
        return points

    def clean(self):
        cleaned = forms.Form.clean(self)
        shape = cleaned.get("shape")
        if shape == "circle" and (
            cleaned.get("cx") is None or cleaned.get("cy") is None or not cleaned.get("r")
        ):
            self.add_error("r", CIRCLE_NEEDS)
        if shape == "polygon" and "points" in cleaned and len(cleaned["points"]) < 3:
            self.add_error("points", POLYGON_NEEDS)
        return cleaned

    def to_data(self):
        data = self.cleaned_data
        if data["shape"] == "circle":
            region = {"shape": "circle", "cx": _number(data["cx"]), "cy": _number(data["cy"]),
                      "r": _number(data["r"])}  # fmt: skip
        else:
            region = {"shape": "polygon", "points": data["points"]}
        region |= {"fraction": _number(data["fraction"] or 0), "feedback": _html(data["feedback"])}
        if data["label"].strip():
            region["label"] = data["label"].strip()
        return region

    @classmethod
    def initial_from(cls, item):
        points = " ".join(f"{x},{y}" for x, y in item.get("points", []))
        return {
            "shape": item.get("shape", ""), "label": item.get("label", ""),
            "cx": item.get("cx"), "cy": item.get("cy"), "r": item.get("r"), "points": points,
            "fraction": item.get("fraction", "0"), "feedback": item.get("feedback", ""),
        }  # fmt: skip


class RowFormSet(forms.BaseFormSet):
    """Rows in the order shown (ORDER, moved by the editor's Up/Down), blank rows left out."""

    minimum = 0
    what = "rows"
    qtype_label = ""
    needs_credit = False

    def rows(self) -> list[RowForm]:
        kept = [
            form for form in self.forms
            if form.is_valid() and not self._should_delete_form(form) and not form.is_blank()
        ]  # fmt: skip
        return sorted(kept, key=lambda form: form.cleaned_data.get("ORDER") or 0)

    def clean(self):
        if any(self.errors):
            return
        rows = self.rows()
        if len(rows) < self.minimum:
            raise ValidationError(
                DATA_TOO_FEW,
                params={"qtype": self.qtype_label, "count": self.minimum, "what": self.what},
            )
        if self.needs_credit and rows and max(r.cleaned_data["fraction"] or 0 for r in rows) <= 0:
            raise ValidationError(DATA_NO_CREDIT)

    def to_data(self) -> list:
        return [form.to_data() for form in self.rows()]


def _formset(form, *, minimum=0, what="rows", needs_credit=False):
    base = type(
        f"{form.__name__}Set", (RowFormSet,),
        {"minimum": minimum, "what": what, "needs_credit": needs_credit},
    )  # fmt: skip
    return forms.formset_factory(
        form, formset=base, extra=0, can_delete=True, can_order=True,
        max_num=MAX_ROWS, validate_max=True,
    )  # fmt: skip


ChoiceFormSet = _formset(ChoiceForm, minimum=2, what="choices", needs_credit=True)
ShortAnswerFormSet = _formset(ShortAnswerForm, minimum=1, what="answer", needs_credit=True)
NumericalFormSet = _formset(NumericalForm, minimum=1, what="answer", needs_credit=True)
UnitFormSet = _formset(UnitForm, what="units")
PairFormSet = _formset(PairForm, minimum=2, what="pairs")
OrderingFormSet = _formset(OrderingItemForm, minimum=2, what="items")
RegionFormSet = _formset(RegionForm, minimum=1, what="region", needs_credit=True)


class TrueFalseForm(forms.Form):
    correct = forms.TypedChoiceField(
        label="The statement is", choices=[("true", "True"), ("false", "False")],
        coerce=lambda value: value == "true", widget=forms.RadioSelect, initial="true",
    )  # fmt: skip
    feedback_true = _feedback_field("Feedback to “True”")
    feedback_false = _feedback_field("Feedback to “False”")

    def to_data(self):
        data = self.cleaned_data
        return {"correct": data["correct"], "feedback_true": _html(data["feedback_true"]),
                "feedback_false": _html(data["feedback_false"])}  # fmt: skip

    @staticmethod
    def initial_from(data):
        return {"correct": "true" if data.get("correct", True) else "false",
                "feedback_true": data.get("feedback_true", ""),
                "feedback_false": data.get("feedback_false", "")}  # fmt: skip


class ShortAnswerOptionsForm(forms.Form):
    case_sensitive = forms.BooleanField(
        label="Upper and lower case must match", required=False,
        widget=forms.CheckboxInput(attrs={"value": "on"}),  # what browsers post when ticked
        help_text="Off: “Scalenes” and “scalenes” are both accepted.",
    )  # fmt: skip

    def to_data(self):
        return {"case_sensitive": self.cleaned_data["case_sensitive"]}

    @staticmethod
    def initial_from(data):
        return {"case_sensitive": bool(data.get("case_sensitive"))}


class EssayForm(forms.Form):
    grading_notes = forms.CharField(
        label="Grading notes", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For whoever grades the essay: what a full answer contains. Never shown to "
        "learners.",
    )  # fmt: skip

    def to_data(self):
        notes = self.cleaned_data["grading_notes"].strip()
        return {"grading_notes": notes} if notes else {}

    @staticmethod
    def initial_from(data):
        return {"grading_notes": data.get("grading_notes", "")}


class HotspotForm(forms.Form):
    image = forms.ModelChoiceField(
        label="Image", queryset=get_image_model().objects.all(), required=False,
        widget=AdminImageChooser,
    )  # fmt: skip
    description = forms.CharField(
        label="Text description of the image", required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the image shows, enough to answer without seeing it (without saying "
        "which area is right). Learners who cannot use the image read it and choose from the "
        "region labels and the distractors. Required for a CE course's final assessment.",
    )  # fmt: skip
    distractors = forms.CharField(
        label="Distractors (wrong areas), one per line", required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"At least {RECOMMENDED_DISTRACTORS} recommended, e.g. “Shoulder blade”.",
    )  # fmt: skip

    def clean_distractors(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["distractors"].splitlines()]
        return [line for line in lines if line]

    def to_data(self):
        data = self.cleaned_data
        result = {"image": data["image"].pk if data["image"] else ""}
        if data["description"].strip():
            result["description"] = data["description"].strip()
        if data["distractors"]:
            result["distractors"] = data["distractors"]
        return result

    @staticmethod
    def initial_from(data):
        return {"image": data.get("image") or None, "description": data.get("description", ""),
                "distractors": "\n".join(data.get("distractors", []))}  # fmt: skip


# What each type is made of: (name, form or formset class, the data key it fills or None
# when the form fills several keys).
PARTS = {
    QuestionType.SINGLE_CHOICE: [("choices", ChoiceFormSet, "choices")],
    QuestionType.MULTIPLE_RESPONSE: [("choices", ChoiceFormSet, "choices")],
    QuestionType.TRUE_FALSE: [("truefalse", TrueFalseForm, None)],
    QuestionType.SHORT_ANSWER: [
        ("answers", ShortAnswerFormSet, "answers"),
        ("options", ShortAnswerOptionsForm, None),
    ],
    QuestionType.NUMERICAL: [
        ("answers", NumericalFormSet, "answers"),
        ("units", UnitFormSet, "units"),
    ],
    QuestionType.MATCHING: [("pairs", PairFormSet, "pairs")],
    QuestionType.ORDERING: [("items", OrderingFormSet, "items")],
    QuestionType.HOTSPOT: [("hotspot", HotspotForm, None), ("regions", RegionFormSet, "regions")],
    QuestionType.ESSAY: [("essay", EssayForm, None)],
    QuestionType.DESCRIPTION: [],
}
# Blank rows a new question starts with, so most questions need no "Add" click.
NEW_ROWS = {"choices": 4, "answers": 1, "units": 0, "pairs": 3, "items": 3, "regions": 0}
LEGENDS = {
    "choices": "Choices", "answers": "Accepted answers", "units": "Units", "pairs": "Pairs",
    "items": "Items, in the correct order", "regions": "Regions", "truefalse": "Answer",
    "options": "Options", "hotspot": "Image", "essay": "Grading",
}  # fmt: skip
ADD_LABELS = {
    "choices": "Add a choice", "answers": "Add an answer", "units": "Add a unit",
    "pairs": "Add a pair", "items": "Add an item", "regions": "Add a region",
}  # fmt: skip


def _new_rows(name: str, qtype: str) -> list[dict]:
    rows = [{} for _ in range(NEW_ROWS.get(name, 0))]
    if rows and name == "choices":
        rows[0] = {"fraction": "1"}  # the first choice is the right one until said otherwise
    return rows


class AnswerEditor:
    """All the forms of one question type, bound or unbound, as one unit."""

    prefix = "answer"

    def __init__(
        self, qtype: str, *, data=None, stored: dict | None = None, school_id: int | None = None
    ):
        self.qtype = QuestionType(qtype)
        self.parts = []
        stored = stored if stored is not None else None
        for name, klass, key in PARTS[self.qtype]:
            prefix = f"{self.prefix}-{name}"
            if issubclass(klass, forms.BaseFormSet):
                if stored is None:
                    initial = _new_rows(name, qtype)
                else:
                    initial = [klass.form.initial_from(item) for item in stored.get(key, [])]
                initial = [{**row, "ORDER": i + 1} for i, row in enumerate(initial)]
                part = klass(data=data, initial=initial, prefix=prefix)
                part.qtype_label = self.qtype.label.lower()
            else:
                initial = klass.initial_from(stored or {}) if stored is not None else None
                part = klass(data=data, initial=initial, prefix=prefix)
                if school_id is not None and "image" in part.fields:
                    part.fields["image"].queryset = images_for_school(school_id=school_id)
            part.part_name, part.data_key = name, key
            part.legend = LEGENDS[name]
            part.add_label = ADD_LABELS.get(name, "")
            part.is_formset = isinstance(part, forms.BaseFormSet)
            self.parts.append(part)
        self.extra_errors: list[str] = []
        self.warnings: list[str] = []

    def __iter__(self):
        return iter(self.parts)

    @property
    def part(self) -> dict:
        return {part.part_name: part for part in self.parts}

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts]  # every part, so every error shows
        return all(results) and self._cross_check()

    def _cross_check(self) -> bool:
        """Checks across two parts: the hotspot's description needs labelled, distinct regions."""
        if self.qtype != QuestionType.HOTSPOT:
            return True
        options, regions = self.part["hotspot"], self.part["regions"]
        ok = True
        if not options.cleaned_data["image"]:
            options.add_error("image", NO_IMAGE)
            ok = False
        if not options.cleaned_data["description"].strip():
            return ok
        seen: set[str] = set()
        for form in regions.rows():
            label = form.cleaned_data["label"].strip()
            if not label:
                form.add_error("label", LABEL_NEEDED)
                ok = False
            elif label.casefold() in seen:
                form.add_error("label", DATA_LABEL_REPEATED % {"label": label})
                ok = False
            seen.add(" ".join(label.split()).casefold())
        distractors = options.cleaned_data["distractors"]
        for distractor in distractors:
            if distractor.casefold() in seen:
                options.add_error("distractors", DATA_LABEL_REPEATED % {"label": distractor})
                ok = False
            seen.add(distractor.casefold())
        if len(distractors) < RECOMMENDED_DISTRACTORS and ok:
            # Advice, not an error: the view shows it once the question is saved.
            self.warnings.append(FEW_DISTRACTORS % {"count": RECOMMENDED_DISTRACTORS})
        return ok

    def to_data(self) -> dict:
        data: dict = {}
        for part in self.parts:
            if part.data_key is not None:
                data[part.data_key] = part.to_data()
            else:
                data |= part.to_data()
        if self.qtype == QuestionType.NUMERICAL and not data.get("units"):
            data.pop("units", None)
        return data

    @property
    def hotspot_image_url(self) -> str:
        """The URL of the image regions are drawn on, as chosen on the page (one query)."""
        options = self.part.get("hotspot")
        if options is None:
            return ""
        value = options["image"].value()
        if hasattr(value, "pk"):
            value = value.pk
        if not str(value or "").isdigit():
            return ""
        image = get_image_model().objects.filter(pk=value).first()
        return image.file.url if image is not None else ""

    def add_error(self, message) -> None:
        self.extra_errors.extend(message.messages if hasattr(message, "messages") else [message])

    @property
    def media(self):
        media = forms.Media()
        for part in self.parts:
            media += part.media
        return media
