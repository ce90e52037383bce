"""The two staff roles of issue 6, and the two permissions that only they hold.

"ISU staff" manage registrations and the programme; "President's office" view,
export the List of Participants and see the figures, and change nothing. The
President's office does not see the e-mail outbox: its bodies carry delegates'
private links, which open a registration for editing.

Programme models added by later migrations need their permissions granted by
those migrations (call `grant_roles` again from them).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ISU_STAFF = "ISU staff"
PRESIDENTS_OFFICE = "President's office"
ROLE_APPS = ["registration", "programme"]
CUSTOM = ["export_participants", "view_figures"]
# Holds private links (see the module docstring).
HIDDEN_FROM_PRESIDENTS_OFFICE = {("registration", "notification")}


def grant_roles(apps, schema_editor):
    """Create the groups and give them their permissions. Idempotent: adds what is missing."""
    # At migrate time on a new database the permissions do not exist yet: Django makes
    # them in post_migrate, after every migration. Make them now from this state.
    for label in ROLE_APPS:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(
        Permission.objects.filter(content_type__app_label__in=ROLE_APPS).select_related(
            "content_type"
        )
    )

    isu_staff, _ = Group.objects.get_or_create(name=ISU_STAFF)
    isu_staff.permissions.add(*perms)

    office, _ = Group.objects.get_or_create(name=PRESIDENTS_OFFICE)
    office.permissions.add(
        *[
            p
            for p in perms
            if (p.codename.startswith("view_") or p.codename in CUSTOM)
            and (p.content_type.app_label, p.content_type.model)
            not in HIDDEN_FROM_PRESIDENTS_OFFICE
        ]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[ISU_STAFF, PRESIDENTS_OFFICE]).delete()


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
