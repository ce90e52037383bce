"""Give the staff roles their permissions on the models added since 0002 (badges,
print batches, speakers' lists, bilateral invitations)."""

from importlib import import_module

from django.db import migrations

staff_roles = import_module("registration.migrations.0002_staff_roles")


class Migration(migrations.Migration):
    dependencies = [("registration", "0005_speakers_lists_and_bilateral_invitations")]

    operations = [migrations.RunPython(staff_roles.grant_roles, migrations.RunPython.noop)]
