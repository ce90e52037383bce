"""The States and organisations, moved from registration with their rows."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("registration", "0008_tables_move_to_their_apps")]

    # The tables exist already (registration 0008 renamed them): only Django's idea of
    # which app holds the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
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
                        (
                            "name",
                            models.CharField(max_length=200, unique=True, verbose_name="name"),
                        ),
                        (
                            "acronym",
                            models.CharField(blank=True, max_length=20, verbose_name="acronym"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("international", "International organisation"),
                                    ("ngo", "Non-governmental organisation"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "organisation",
                        "verbose_name_plural": "organisations",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="State",
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
                        (
                            "un_name",
                            models.CharField(max_length=120, unique=True, verbose_name="UN name"),
                        ),
                        (
                            "alpha3",
                            models.CharField(
                                max_length=3, unique=True, verbose_name="ISO 3166 code"
                            ),
                        ),
                        (
                            "entry_into_force",
                            models.DateField(
                                blank=True,
                                help_text="Empty for a State not party.",
                                null=True,
                                verbose_name="Convention in force for it on",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "State",
                        "verbose_name_plural": "States",
                        "ordering": ["un_name"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
