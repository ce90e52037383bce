"""The outbox, moved from registration with its rows: first as it was there (with
its link to a delegate), then made to know no delegates (0002)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [("registration", "0008_tables_move_to_their_apps")]

    # The table exists already (registration 0008 renamed it): only Django's idea of
    # which app holds the model changes here.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
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
                        ("kind", models.CharField(max_length=40, verbose_name="kind")),
                        ("to_email", models.EmailField(max_length=254, verbose_name="to")),
                        ("subject", models.CharField(max_length=300, verbose_name="subject")),
                        ("body_text", models.TextField(verbose_name="text")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML")),
                        ("ics", models.TextField(blank=True, verbose_name="calendar attachment")),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting to be sent"),
                                    ("sending", "Being sent"),
                                    ("sent", "Sent"),
                                    ("failed", "Failed"),
                                ],
                                default="pending",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(default=0, verbose_name="attempts"),
                        ),
                        ("last_error", models.TextField(blank=True, verbose_name="last error")),
                        (
                            "claimed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="claimed at"),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="next attempt at"
                            ),
                        ),
                        ("created_at", models.DateTimeField(verbose_name="queued at")),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="sent at"),
                        ),
                        (
                            "delegate",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="notifications",
                                to="registration.delegate",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "e-mail",
                        "verbose_name_plural": "e-mails",
                        "ordering": ["-created_at"],
                        "indexes": [
                            models.Index(
                                fields=["status", "created_at"],
                                name="registratio_status_1943d5_idx",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
