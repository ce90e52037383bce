"""Give the staff roles their permissions on the models added since 0002 (badges,
print batches, speakers' lists, bilateral invitations)."""

from django.db import migrations

from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    dependencies = [("registration", "0005_speakers_lists_and_bilateral_invitations")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
