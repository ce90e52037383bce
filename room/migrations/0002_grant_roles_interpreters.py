from django.db import migrations

from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    """The ISU runs the console; the Interpreters group reads the advance copies."""

    dependencies = [("room", "0001_the_room_turns_consoles_and_advance_copies")]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
