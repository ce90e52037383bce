"""Badges, print batches and export jobs, moved from registration with their rows."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("registration", "0008_tables_move_to_their_apps"),
        ("programme", "0002_sessions_agenda_items_bilateral_slots"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables exist already (registration 0008 renamed them): only Django's idea of
    # which app holds the models changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Badge",
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
                        ("fingerprint", models.CharField(max_length=64)),
                        ("pdf", models.FileField(upload_to="badges/")),
                        ("rendered_at", models.DateTimeField()),
                        (
                            "delegate",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="badge",
                                to="registration.delegate",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "badge",
                        "verbose_name_plural": "badges",
                    },
                ),
                migrations.CreateModel(
                    name="BadgeBatch",
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
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("rendering", "Rendering"),
                                    ("done", "Ready"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(verbose_name="asked at")),
                        (
                            "finished_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ready at"),
                        ),
                        ("total", models.PositiveIntegerField(default=0, verbose_name="badges")),
                        (
                            "done",
                            models.PositiveIntegerField(default=0, verbose_name="badges laid out"),
                        ),
                        ("pdf", models.FileField(blank=True, upload_to="badge-batches/")),
                        (
                            "delegates",
                            models.ManyToManyField(related_name="+", to="registration.delegate"),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "badge print batch",
                        "verbose_name_plural": "badge print batches",
                        "ordering": ["-created_at"],
                        "abstract": False,
                    },
                ),
                migrations.CreateModel(
                    name="ExportJob",
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
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("rendering", "Rendering"),
                                    ("done", "Ready"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("error", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(verbose_name="asked at")),
                        (
                            "finished_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="ready at"),
                        ),
                        ("fmt", models.CharField(max_length=10, verbose_name="format")),
                        ("public", models.BooleanField(verbose_name="public version")),
                        ("file", models.FileField(blank=True, upload_to="exports/")),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="programme.meeting",
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "export",
                        "verbose_name_plural": "exports",
                        "ordering": ["-created_at"],
                        "abstract": False,
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
