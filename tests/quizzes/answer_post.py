"""POST data of the question editor's answer forms, as a browser would send it."""

from wagtail.test.utils.form_data import rich_text

from quizzes.admin_views.answer_forms import FEEDBACK_FEATURES, AnswerEditor


def _value(field, value) -> str:
    if value is None:
        return ""
    if field.widget.__class__.__name__ == "FeedbackEditor":
        try:
            return rich_text(value or "", features=FEEDBACK_FEATURES)
        except AssertionError:  # HTML Draftail cannot parse: posted raw, as a script could
            return value
    if isinstance(value, bool):
        return "on" if value else ""
    if hasattr(value, "pk"):
        return str(value.pk)
    return str(value)


def answer_post(qtype: str, data: dict) -> dict:
    """The answer forms filled in with `data` (stored shape), management forms included."""
    editor = AnswerEditor(qtype, stored=data)
    post = {}
    for part in editor:
        forms = list(part) if part.is_formset else [part]
        if part.is_formset:
            management = part.management_form
            post |= {management.add_prefix(n): management.initial[n] for n in management.fields}
        for form in forms:
            for name, field in form.fields.items():
                if name == "DELETE":
                    continue
                value = form.initial.get(name, field.initial)
                if callable(value):
                    value = value()
                if name == "correct" and isinstance(value, bool):
                    value = "true" if value else "false"
                rendered = _value(field, value)
                if name == "case_sensitive" and not value:
                    continue
                post[form.add_prefix(name)] = rendered
    return post
