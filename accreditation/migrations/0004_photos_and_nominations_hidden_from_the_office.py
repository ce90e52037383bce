"""The President's office no longer sees the photos and the nominations' files
(intersessional/roles.py, HIDDEN_FROM_PRESIDENTS_OFFICE): grant_roles only adds, so the
permissions an existing database gave the office's group are taken back here."""

from django.db import migrations

# As they stand today: a later change of roles.py must not change what this did.
PRESIDENTS_OFFICE = "President's office"
HIDDEN = ["photo", "nomination"]


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    office = Group.objects.filter(name=PRESIDENTS_OFFICE).first()
    if office is None:
        return
    office.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="accreditation", content_type__model__in=HIDDEN
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accreditation", "0003_photos"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(take_back, migrations.RunPython.noop)]
