"""The first step of the move of issue 10 (one app per concern): the tables of the
models that leave registration take their new apps' names, with every row, index,
constraint and foreign key (PostgreSQL and SQLite rename a table in place; the
many-to-many table of the badge batches follows its model). Django's state moves in
the new apps' 0001 and in registration 0009."""

from django.db import migrations

NEW_TABLES = {
    "state": "reference_state",
    "organisation": "reference_organisation",
    "notification": "outbox_notification",
    "badge": "documents_badge",
    "badgebatch": "documents_badgebatch",
    "exportjob": "documents_exportjob",
    "bilateralinvitation": "floor_bilateralinvitation",
}


class Migration(migrations.Migration):
    dependencies = [("registration", "0007_export_jobs")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=model, table=table)
                for model, table in NEW_TABLES.items()
            ],
            state_operations=[],
        ),
    ]
