"""Clean the questions written before every field was sanitised on save (issue 14).

Rows are kept and updated in place: a version is otherwise frozen, but feedback that runs a
script in a learner's browser must not survive. The walk is copied here, not imported, so
this migration keeps doing what it did when quizzes.question_data changes.
"""

from django.db import migrations

from cms.sanitize import plain_text, sanitize_html

HTML_KEYS = frozenset({"feedback", "feedback_true", "feedback_false"})
BATCH = 500


def _clean(data, is_html=False):
    if isinstance(data, dict):
        return {key: _clean(value, key in HTML_KEYS) for key, value in data.items()}
    if isinstance(data, list):
        return [_clean(item, is_html) for item in data]
    if isinstance(data, str):
        return sanitize_html(data) if is_html else plain_text(data).strip()
    return data


def _clean_rows(model, *, with_data: bool) -> None:
    fields = ["stem", "general_feedback"] + (["data"] if with_data else [])
    changed = []
    for row in model.objects.only("pk", *fields).iterator(chunk_size=BATCH):
        before = [getattr(row, field) for field in fields]
        row.stem = sanitize_html(row.stem)
        row.general_feedback = sanitize_html(row.general_feedback)
        if with_data:
            row.data = _clean(row.data)
        if [getattr(row, field) for field in fields] != before:
            changed.append(row)
        if len(changed) >= BATCH:
            model.objects.bulk_update(changed, fields)
            changed = []
    if changed:
        model.objects.bulk_update(changed, fields)


def clean_questions(apps, schema_editor):
    _clean_rows(apps.get_model("quizzes", "Question"), with_data=False)
    _clean_rows(apps.get_model("quizzes", "QuestionVersion"), with_data=True)


class Migration(migrations.Migration):
    dependencies = [("quizzes", "0005_question_import_jobs")]

    operations = [migrations.RunPython(clean_questions, migrations.RunPython.noop)]
