"""Trigram GIN indexes on PostgreSQL only (SQLite uses MinHash bands and LIKE on the same columns).

* `summary_folded`: near-duplicate candidates with the pg_trgm `%` operator (petitions.duplicates).
* `search_folded`: the accent-insensitive `?q=` search, whose `LIKE '%word%'` the GIN index serves.
"""

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
    dependencies = [("petitions", "0002_seed_subject_fields")]

    operations = [
        # Same effect as TrigramExtension() + GinIndex(opclasses=["gin_trgm_ops"]), guarded by vendor.
        PostgresOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", reverse_sql=migrations.RunSQL.noop),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS petition_summary_trgm ON petitions_petition "
            "USING gin (summary_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS petition_summary_trgm",
        ),
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition "
            "USING gin (search_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS petition_search_trgm",
        ),
    ]
