"""Statements and presentations that delegations send for an agenda item (issue 13)."""

import django.db.models.deletion
from django.db import migrations, models

import floor.models
from intersessional.roles import grant_roles


class Migration(migrations.Migration):
    dependencies = [
        ("floor", "0001_initial"),
        ("programme", "0004_agenda_items_call_updates_on_an_obligation"),
        ("registration", "0009_models_move_to_their_apps"),
    ]

    operations = [
        migrations.CreateModel(
            name="Statement",
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
                        choices=[("statement", "Statement"), ("presentation", "Presentation")],
                        max_length=20,
                        verbose_name="type",
                    ),
                ),
                (
                    "language",
                    models.CharField(
                        choices=[
                            ("ar", "Arabic"),
                            ("zh", "Chinese"),
                            ("en", "English"),
                            ("fr", "French"),
                            ("ru", "Russian"),
                            ("es", "Spanish"),
                        ],
                        max_length=2,
                        verbose_name="language",
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        max_length=200, upload_to=floor.models.statement_path, verbose_name="file"
                    ),
                ),
                (
                    "file_type",
                    models.CharField(
                        choices=[
                            ("pdf", "PDF"),
                            ("docx", "Word (DOCX)"),
                            ("pptx", "PowerPoint (PPTX)"),
                            ("odt", "OpenDocument text (ODT)"),
                            ("odp", "OpenDocument presentation (ODP)"),
                        ],
                        editable=False,
                        max_length=4,
                        verbose_name="file type",
                    ),
                ),
                ("size", models.PositiveIntegerField(editable=False, verbose_name="size in bytes")),
                (
                    "original_name",
                    models.CharField(
                        editable=False, max_length=200, verbose_name="name of the file sent"
                    ),
                ),
                (
                    "reflects_gender_and_diversity",
                    models.BooleanField(verbose_name="reflects gender and diversity"),
                ),
                (
                    "includes_disaggregated_data",
                    models.BooleanField(verbose_name="includes sex- and age-disaggregated data"),
                ),
                ("uploaded_at", models.DateTimeField(editable=False, verbose_name="received at")),
                (
                    "delivered_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="delivered at"
                    ),
                ),
                (
                    "published_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="published at"
                    ),
                ),
                (
                    "agenda_item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="programme.agendaitem",
                        verbose_name="agenda item",
                    ),
                ),
                (
                    "delegation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="statements",
                        to="registration.delegation",
                        verbose_name="delegation",
                    ),
                ),
            ],
            options={
                "verbose_name": "statement or presentation",
                "verbose_name_plural": "statements and presentations",
                "ordering": ["agenda_item", "uploaded_at"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("published_at__isnull", True),
                            ("delivered_at__isnull", False),
                            _connector="OR",
                        ),
                        name="statement_published_only_after_delivery",
                        violation_error_message="A statement is published only once delivered.",
                    )
                ],
            },
        ),
        # The staff roles get the new model's permissions.
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
