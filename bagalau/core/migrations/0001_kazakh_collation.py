"""The ICU collation that orders names by the Kazakh alphabet on PostgreSQL (core.collation);
SQLite registers the same name on each connection instead."""

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE COLLATION IF NOT EXISTS bagalau_kk (provider = icu, locale = 'kk-KZ')"
        )


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP COLLATION IF EXISTS bagalau_kk")


class Migration(migrations.Migration):
    dependencies: list[tuple[str, str]] = []
    operations = [migrations.RunPython(create, drop)]
