"""A statement in Chinese is "zh-hans", as the site's language and a person's are
("zh" before): one code for Chinese across the project."""

from django.db import migrations, models


def to_site_code(apps, schema_editor):
    Statement = apps.get_model("floor", "Statement")
    Statement.objects.filter(language="zh").update(language="zh-hans")


def to_old_code(apps, schema_editor):
    Statement = apps.get_model("floor", "Statement")
    Statement.objects.filter(language="zh-hans").update(language="zh")


class Migration(migrations.Migration):
    dependencies = [
        ("floor", "0003_updates_invitations"),
    ]

    operations = [
        migrations.AlterField(
            model_name="statement",
            name="language",
            field=models.CharField(
                choices=[
                    ("ar", "Arabic"),
                    ("zh-hans", "Chinese"),
                    ("en", "English"),
                    ("fr", "French"),
                    ("ru", "Russian"),
                    ("es", "Spanish"),
                ],
                max_length=8,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(to_site_code, to_old_code),
    ]
