"""Registration lets go of the models that moved to their own apps (0008 renamed
their tables; reference, outbox, documents and floor took them over in their 0001):
only Django's state changes here, and the content types (with the permissions and
the groups that hold them) follow the models."""

import django.db.models.deletion
from django.db import migrations, models

MOVED = {
    "state": "reference",
    "organisation": "reference",
    "notification": "outbox",
    "badge": "documents",
    "badgebatch": "documents",
    "exportjob": "documents",
    "bilateralinvitation": "floor",
}


def relabel_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, label in MOVED.items():
        if not ContentType.objects.filter(app_label=label, model=model).exists():
            ContentType.objects.filter(app_label="registration", model=model).update(
                app_label=label
            )


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, label in MOVED.items():
        ContentType.objects.filter(app_label=label, model=model).update(app_label="registration")


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0008_tables_move_to_their_apps"),
        ("reference", "0001_initial"),
        ("outbox", "0001_initial"),
        ("documents", "0001_initial"),
        ("floor", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="badgebatch",
                    name="delegates",
                ),
                migrations.RemoveField(
                    model_name="badgebatch",
                    name="requested_by",
                ),
                migrations.RemoveField(
                    model_name="bilateralinvitation",
                    name="delegation",
                ),
                migrations.RemoveField(
                    model_name="bilateralinvitation",
                    name="slot",
                ),
                migrations.RemoveField(
                    model_name="exportjob",
                    name="meeting",
                ),
                migrations.RemoveField(
                    model_name="exportjob",
                    name="requested_by",
                ),
                migrations.RemoveField(
                    model_name="notification",
                    name="delegate",
                ),
                migrations.AlterField(
                    model_name="delegation",
                    name="organisation",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="reference.organisation",
                        verbose_name="organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="delegation",
                    name="state",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        to="reference.state",
                        verbose_name="State",
                    ),
                ),
                migrations.DeleteModel(
                    name="Badge",
                ),
                migrations.DeleteModel(
                    name="BadgeBatch",
                ),
                migrations.DeleteModel(
                    name="BilateralInvitation",
                ),
                migrations.DeleteModel(
                    name="ExportJob",
                ),
                migrations.DeleteModel(
                    name="Notification",
                ),
                migrations.DeleteModel(
                    name="Organisation",
                ),
                migrations.DeleteModel(
                    name="State",
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
