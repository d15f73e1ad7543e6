"""The lessons' full-text index: an FTS5 table on SQLite, a generated tsvector column with a GIN index on
PostgreSQL (see pmo.coe.lessons)."""

from django.db import migrations


def create(apps, schema_editor):
    from pmo.coe.lessons import create_index

    create_index(schema_editor)


def drop(apps, schema_editor):
    from pmo.coe.lessons import drop_index

    drop_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("coe", "0003_centre_of_excellence")]

    operations = [migrations.RunPython(create, drop)]
