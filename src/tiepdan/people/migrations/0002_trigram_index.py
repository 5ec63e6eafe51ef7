"""Trigram GIN index on the folded name, on PostgreSQL only (SQLite falls back to LIKE on the column)."""

from django.db import migrations


class PostgresOnlySQL(migrations.RunSQL):
    """RunSQL that does nothing on other databases."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # noqa: ANN001
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [
        # Same effect as TrigramExtension() + GinIndex(opclasses=["gin_trgm_ops"]), guarded by vendor.
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS people_person_name_trgm ON people_person "
            "USING gin (name_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS people_person_name_trgm",
        ),
    ]
