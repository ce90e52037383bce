"""Give the staff roles their permissions on privacy's models: ISU staff erase on
request and see the requests; the President's office only sees them."""

from django.db import migrations

from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_erasure_requests_and_retention_runs")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
