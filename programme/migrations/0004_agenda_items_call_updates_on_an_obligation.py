"""Agenda items say which obligation they call updates on; the 2018 programme's
victim assistance, Article 5 and Article 4 items are tagged where they exist."""

from django.db import migrations, models

# As in programme/reference.py (UPDATES_2018), frozen here.
UPDATES_2018 = {2: "victim_assistance", 3: "article_5", 7: "article_4"}


def tag_2018_items(apps, schema_editor):
    AgendaItem = apps.get_model("programme", "AgendaItem")
    for number, kind in UPDATES_2018.items():
        AgendaItem.objects.filter(
            session__meeting__slug="2018-intersessional", number=number, obligation_kind=""
        ).update(obligation_kind=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0003_content_in_six_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="obligation_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("article_5", "Article 5: mine clearance"),
                    ("article_4", "Article 4: stockpile destruction"),
                    ("victim_assistance", "Victim assistance"),
                ],
                help_text="The States Parties with this obligation (once confirmed by the ISU) are listed under the item as invited to present updates.",
                max_length=20,
                verbose_name="calls updates on",
            ),
        ),
        migrations.RunPython(tag_2018_items, migrations.RunPython.noop),
    ]
