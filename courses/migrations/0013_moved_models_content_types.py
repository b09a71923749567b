"""The moved models' content types follow them: each row keeps its id and only its app label
changes, so permissions, Wagtail's log entries and search index entries that point at it stay
attached."""

from django.db import migrations

MOVED = {
    ("courses", "school"): "schools",
    ("courses", "schoolmembership"): "schools",
    ("courses", "instructor"): "schools",
    ("courses", "order"): "commerce",
    ("courses", "stripeevent"): "commerce",
    ("courses", "seatpool"): "commerce",
    ("courses", "enrollmentcode"): "commerce",
    ("courses", "livesession"): "live",
    ("courses", "livesessionbreak"): "live",
    ("courses", "attendance"): "live",
    ("courses", "skillschecklistitem"): "live",
    ("courses", "skillsignoff"): "live",
    ("certificates", "transcriptshare"): "records",
    ("certificates", "completionreport"): "records",
}


def relabel(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for (old_app, model), new_app in MOVED.items():
        source, target = (new_app, old_app) if backwards else (old_app, new_app)
        current = ContentType.objects.using(db).filter(app_label=source, model=model).first()
        if current is None:
            continue
        taken = ContentType.objects.using(db).filter(app_label=target, model=model).first()
        if taken is not None:
            # Made by a post_migrate run in between: nothing refers to it yet, unlike the old
            # row, which keeps the permissions and log entries.
            taken.delete()
        current.app_label = target
        current.save(update_fields=["app_label"])


def relabel_backwards(apps, schema_editor):
    relabel(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0012_moved_models_gone"),
        ("certificates", "0006_schools_and_records_moved"),
        ("records", "0001_initial"),
        ("live", "0001_initial"),
        ("commerce", "0002_relations"),
        ("schools", "0001_initial"),
    ]

    operations = [migrations.RunPython(relabel, relabel_backwards)]
