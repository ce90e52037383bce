"""Bilateral invitations, moved from registration with their rows."""

import django.db.models.deletion
from django.db import migrations, models

import programme.models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("registration", "0008_tables_move_to_their_apps"),
        ("programme", "0002_sessions_agenda_items_bilateral_slots"),
    ]

    # The tables exist already (registration 0008 renamed them): only Django's idea of
    # which app holds the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BilateralInvitation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("starts_at", models.DateTimeField(editable=False)),
                        ("ends_at", models.DateTimeField(editable=False)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("invited", "Invited"),
                                    ("accepted", "Accepted"),
                                    ("declined", "Declined"),
                                ],
                                default="invited",
                                max_length=20,
                                verbose_name="answer",
                            ),
                        ),
                        (
                            "access_token_hash",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        ("invited_at", models.DateTimeField(verbose_name="invited at")),
                        (
                            "answered_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="answered at"),
                        ),
                        (
                            "delegation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="bilateral_invitations",
                                to="registration.delegation",
                                verbose_name="delegation",
                            ),
                        ),
                        (
                            "slot",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="programme.bilateralslot",
                                verbose_name="slot",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "bilateral meeting invitation",
                        "verbose_name_plural": "bilateral meeting invitations",
                        "ordering": ["starts_at"],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status__in", ["invited", "accepted"])),
                                fields=("slot",),
                                name="one_delegation_per_bilateral_slot",
                                violation_error_message="Another delegation is already invited to this slot.",
                            ),
                            programme.models.PostgresExclusionConstraint(
                                condition=models.Q(("status__in", ["invited", "accepted"])),
                                expressions=[
                                    ("delegation", "="),
                                    (programme.models.TsTzRange("starts_at", "ends_at"), "&&"),
                                ],
                                name="delegation_never_in_two_bilaterals_at_once",
                                violation_error_message="The delegation already has a bilateral meeting at that time.",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
