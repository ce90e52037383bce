"""The staff roles: "ISU staff" manage registrations and the programme; "President's
office" view, export the List of Participants and see the figures, and change
nothing. The President's office does not see the e-mail outbox: its bodies carry
delegates' private links, which open a registration for editing; nor the photos and
the nominations' files. "Venue staff" let
people in at the door: they check delegates in and see the check-in pages (the lists,
their counts and entries), and nothing else of the admin. "Security liaison" alone
sees the venue's identity details and downloads the venue's security list. The
"Sponsorship committee" (the Donors' Group and its coordinator) sees the sponsorship
applications and decides; the "Travel administrator" books the travel of accepted
offers. Only these two see the applicants' passports, birth dates and nomination
letters on the sponsorship pages (`sponsorship.view_identity`): not the ISU staff, not
the President's office, which sees nothing of the sponsorship.

`grant_roles` is called from migrations (registration 0002 and 0006, and by any app
whose migration adds models) and by the tests after a flush. It is idempotent.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

ISU_STAFF = "ISU staff"
PRESIDENTS_OFFICE = "President's office"
VENUE_STAFF = "Venue staff"
SPONSORSHIP_COMMITTEE = "Sponsorship committee"
TRAVEL_ADMINISTRATOR = "Travel administrator"
SECURITY_LIAISON = "Security liaison"
# The booths: the advance copies of the statements, and nothing else of the site.
INTERPRETERS = "Interpreters"
INTERPRETERS_PERMISSIONS = [("room", "view_advance_copies")]
# Every app whose models staff manage. An app not yet in a migration's state is skipped.
ROLE_APPS = [
    "registration",
    "accreditation",
    "programme",
    "reference",
    "outbox",
    "documents",
    "floor",
    "room",
    "checkin",
    "privacy",
    "sponsorship",
]
CUSTOM = ["export_participants", "view_figures"]
# Hold private links (see the module docstring). Not compatibility code: migrations
# registration 0002 and 0006 grant roles while the outbox's model is still
# registration's, and registration 0009 moves its content type (permissions with it)
# to the outbox, so a database migrated from scratch needs both entries.
# Visa letters: the holder's name and nationality from the identity details. Photos and
# the nominations' files: personal data the office has no need of (the internal List of
# Participants gives each nomination's status). Taken back from an existing office's
# group by accreditation 0004, since grant_roles only adds.
HIDDEN_FROM_PRESIDENTS_OFFICE = {
    ("registration", "notification"),
    ("outbox", "notification"),
    ("documents", "visaletter"),
    ("accreditation", "photo"),
    ("accreditation", "nomination"),
}
# The door: let people in, see the lists, their entries and refused scans.
VENUE_STAFF_PERMISSIONS = [
    ("checkin", "add_checkin"),
    ("checkin", "view_checkin"),
    ("checkin", "view_checkinlist"),
    ("checkin", "view_failedscan"),
]
# The sponsorship's two groups; its sensitive and deciding permissions are theirs alone.
SPONSORSHIP_ONLY = {"decide_application", "view_identity"}
SPONSORSHIP_COMMITTEE_PERMISSIONS = [
    ("sponsorship", "view_programme"),
    ("sponsorship", "view_application"),
    ("sponsorship", "decide_application"),
    ("sponsorship", "view_identity"),
    ("sponsorship", "view_sponsorship_report"),
    ("sponsorship", "view_travel"),
    ("sponsorship", "view_nominationdownload"),
]
TRAVEL_ADMINISTRATOR_PERMISSIONS = [
    ("sponsorship", "view_programme"),
    ("sponsorship", "view_application"),
    ("sponsorship", "view_identity"),
    ("sponsorship", "view_sponsorship_report"),
    ("sponsorship", "view_travel"),
    ("sponsorship", "add_travel"),
    ("sponsorship", "change_travel"),
]

# The identity details: the security liaison's alone.
SECURITY_LIAISON_PERMISSIONS = [
    ("accreditation", "view_identitydetails"),
    ("accreditation", "export_security_list"),
]
# Also theirs: the accessibility needs and who is in which delegation.
SECURITY_LIAISON_ALSO = [
    ("accreditation", "view_accessneeds"),
    ("registration", "view_delegate"),
    ("registration", "view_delegation"),
]
ONLY_SECURITY_LIAISON = {
    ("accreditation", "view_identitydetails"),
    ("accreditation", "add_identitydetails"),
    ("accreditation", "change_identitydetails"),
    ("accreditation", "delete_identitydetails"),
    ("accreditation", "export_security_list"),
}


def _key(permission) -> tuple[str, str]:
    return permission.content_type.app_label, permission.codename


def grant_roles(apps, schema_editor):
    """Create the groups and give them their permissions. Idempotent: adds what is missing."""
    # At migrate time on a new database the permissions do not exist yet: Django makes
    # them in post_migrate, after every migration. Make them now from this state.
    labels = [label for label in ROLE_APPS if label in {c.label for c in apps.get_app_configs()}]
    for label in labels:
        create_permissions(global_apps.get_app_config(label), verbosity=0, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = list(
        Permission.objects.filter(content_type__app_label__in=labels).select_related("content_type")
    )

    isu_staff, _ = Group.objects.get_or_create(name=ISU_STAFF)
    isu_staff.permissions.add(
        *[
            p
            for p in perms
            if _key(p) not in ONLY_SECURITY_LIAISON
            and not (p.content_type.app_label == "sponsorship" and p.codename in SPONSORSHIP_ONLY)
        ]
    )

    office, _ = Group.objects.get_or_create(name=PRESIDENTS_OFFICE)
    office.permissions.add(
        *[
            p
            for p in perms
            if (p.codename.startswith("view_") or p.codename in CUSTOM)
            and (p.content_type.app_label, p.content_type.model)
            not in HIDDEN_FROM_PRESIDENTS_OFFICE
            and p.content_type.app_label != "sponsorship"
            and _key(p) not in ONLY_SECURITY_LIAISON
            # Embargoed statements are for the booths (and the ISU).
            and p.codename != "view_advance_copies"
        ]
    )

    venue, _ = Group.objects.get_or_create(name=VENUE_STAFF)
    venue.permissions.add(
        *[p for p in perms if (p.content_type.app_label, p.codename) in VENUE_STAFF_PERMISSIONS]
    )

    liaison, _ = Group.objects.get_or_create(name=SECURITY_LIAISON)
    liaison.permissions.add(
        *[p for p in perms if _key(p) in {*SECURITY_LIAISON_PERMISSIONS, *SECURITY_LIAISON_ALSO}]
    )
    # A database whose roles were granted before this rule: take them back from the others.
    for group in (isu_staff, office, venue):
        group.permissions.remove(*[p for p in perms if _key(p) in ONLY_SECURITY_LIAISON])
    interpreters, _ = Group.objects.get_or_create(name=INTERPRETERS)
    interpreters.permissions.add(
        *[p for p in perms if (p.content_type.app_label, p.codename) in INTERPRETERS_PERMISSIONS]
    )

    for name, wanted in (
        (SPONSORSHIP_COMMITTEE, SPONSORSHIP_COMMITTEE_PERMISSIONS),
        (TRAVEL_ADMINISTRATOR, TRAVEL_ADMINISTRATOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[p for p in perms if (p.content_type.app_label, p.codename) in wanted]
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[
            ISU_STAFF,
            PRESIDENTS_OFFICE,
            VENUE_STAFF,
            SECURITY_LIAISON,
            INTERPRETERS,
            SPONSORSHIP_COMMITTEE,
            TRAVEL_ADMINISTRATOR,
        ]
    ).delete()
