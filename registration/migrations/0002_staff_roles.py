"""The two staff roles of issue 6, and the two permissions that only they hold.

"ISU staff" manage registrations and the programme; "President's office" view,
export the List of Participants and see the figures, and change nothing. The
President's office does not see the e-mail outbox: its bodies carry delegates'
private links, which open a registration for editing.

Models added by later migrations need their permissions granted by those
migrations (call `intersessional.roles.grant_roles` again from them).
"""

from django.db import migrations

# The roles' rules live in intersessional/roles.py, shared with later migrations.
from intersessional.roles import grant_roles, remove_roles


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0001_delegations_delegates_outbox"),
        ("programme", "0002_sessions_agenda_items_bilateral_slots"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="delegate",
            options={
                "ordering": ["family_name", "given_name"],
                "permissions": [
                    ("export_participants", "Can export the List of Participants"),
                    ("view_figures", "Can see the gender and diversity figures"),
                ],
                "verbose_name": "delegate",
                "verbose_name_plural": "delegates",
            },
        ),
        migrations.RunPython(grant_roles, remove_roles),
    ]
