"""The outbox stops knowing delegates: the link to a delegate becomes an opaque
`reference` ("delegate:42"), copied row by row before the column goes."""

from django.db import migrations, models
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat


def delegate_to_reference(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    Notification.objects.filter(delegate__isnull=False).update(
        reference=Concat(Value("delegate:"), Cast(F("delegate_id"), models.CharField()))
    )


def reference_to_delegate(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    for pk, reference in Notification.objects.filter(reference__startswith="delegate:").values_list(
        "pk", "reference"
    ):
        Notification.objects.filter(pk=pk).update(delegate_id=int(reference.split(":", 1)[1]))


class Migration(migrations.Migration):
    dependencies = [("outbox", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="reference",
            field=models.CharField(blank=True, db_index=True, max_length=100, verbose_name="about"),
        ),
        migrations.RunPython(delegate_to_reference, reference_to_delegate),
        migrations.RemoveField(model_name="notification", name="delegate"),
        migrations.RenameIndex(
            model_name="notification",
            new_name="notification_due_idx",
            old_name="registratio_status_1943d5_idx",
        ),
    ]
