"""The UN regional group and 2018 least-developed-country status of each State (issue 24,
the Sponsorship Programme weighs both), filled from reference/data/ (SOURCES.md)."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from reference.load import fill_state_groups

    fill_state_groups(apps.get_model("reference", "State"))


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0003_obligations"),
    ]

    operations = [
        migrations.AddField(
            model_name="state",
            name="regional_group",
            field=models.CharField(
                blank=True,
                choices=[
                    ("african", "African States"),
                    ("asia_pacific", "Asia-Pacific States"),
                    ("eastern_european", "Eastern European States"),
                    ("latin_american_caribbean", "Latin American and Caribbean States"),
                    ("western_european_other", "Western European and other States"),
                ],
                help_text="Empty for a State in no group (the Holy See, the State of Palestine...).",
                max_length=30,
                verbose_name="UN regional group",
            ),
        ),
        migrations.AddField(
            model_name="state",
            name="least_developed",
            field=models.BooleanField(
                default=False,
                help_text="On the UN list of least developed countries in June 2018.",
                verbose_name="least developed country (2018)",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
