"""The States Parties' obligations (issue 13), each waiting for the ISU to confirm it."""

import django.db.models.deletion
from django.db import migrations, models

from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_names_in_six_languages"),
    ]

    operations = [
        migrations.CreateModel(
            name="Obligation",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article_5", "Article 5: mine clearance"),
                            ("article_4", "Article 4: stockpile destruction"),
                            ("victim_assistance", "Victim assistance"),
                        ],
                        max_length=20,
                        verbose_name="obligation",
                    ),
                ),
                (
                    "deadline",
                    models.DateField(
                        blank=True,
                        help_text="The Article 5 or Article 4 deadline in force; empty for victim assistance.",
                        null=True,
                        verbose_name="deadline in force",
                    ),
                ),
                ("note", models.CharField(blank=True, max_length=300, verbose_name="note")),
                ("source", models.URLField(blank=True, max_length=500, verbose_name="source")),
                (
                    "confidence",
                    models.CharField(
                        choices=[
                            ("sourced", "Sourced"),
                            ("conflicting", "Sources differ"),
                            ("uncertain", "Not confirmed by a source"),
                        ],
                        default="sourced",
                        max_length=20,
                        verbose_name="confidence",
                    ),
                ),
                (
                    "confirmed",
                    models.BooleanField(
                        default=False,
                        help_text="Only confirmed obligations are shown on the programme and to delegations.",
                        verbose_name="confirmed by the ISU",
                    ),
                ),
                (
                    "confirmed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="confirmed at"
                    ),
                ),
                (
                    "state",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="obligations",
                        to="reference.state",
                        verbose_name="State",
                    ),
                ),
            ],
            options={
                "verbose_name": "obligation",
                "verbose_name_plural": "obligations",
                "ordering": ["kind", "state__un_name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("state", "kind"),
                        name="one_obligation_of_a_kind_per_state",
                        violation_error_message="This State already has this obligation.",
                    )
                ],
            },
        ),
        # The staff roles get the new model's permissions (ISU staff change, the
        # President's office views).
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
