# The staff groups get the check-in permissions, and "Venue staff" is created.
from django.db import migrations

from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    dependencies = [
        ("checkin", "0001_checkin_lists_entries_refused_scans"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
