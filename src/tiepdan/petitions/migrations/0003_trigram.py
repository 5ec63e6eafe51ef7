"""Indexes for duplicate detection and search.

* pg_trgm (PostgreSQL only): `similarity()` scores duplicate candidates, and a GIN trigram index on
  `search_folded` serves the accent-insensitive `?q=` search (`LIKE '%word%'` per word).
* MinHash bands (both databases): the index on (band, petition) replaces the one on band alone, so that the
  newest petitions of a band are read from the index only; on PostgreSQL (unit, type, id) on petitions
  serves the join of those hits to the unit's petitions.

No trigram index on `summary_folded`: measured on 200,000 generated petitions, a pg_trgm `%` query on a GIN
index takes 0.25–0.3 s at threshold 0.8, 0.3–0.7 s at 0.6 and 2.4–4.5 s at 0.4 (summaries share most of
their trigrams, so the bitmap scan alone costs 250–450 ms), while the band lookup takes a few milliseconds;
see petitions/duplicates.py and bench/explain_duplicates.py.
"""

from django.db import migrations, models


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
            "CREATE INDEX IF NOT EXISTS petition_search_trgm ON petitions_petition "
            "USING gin (search_folded gin_trgm_ops)",
            reverse_sql="DROP INDEX IF EXISTS petition_search_trgm",
        ),
        # The band lookup joins its hits to the petitions of one unit (and type): on PostgreSQL this index
        # makes that side an index-only scan of the unit's ids (SQLite joins on the rowid).
        PostgresOnlySQL(
            "CREATE INDEX IF NOT EXISTS petition_unit_type_id_idx ON petitions_petition (unit_id, type, id)",
            reverse_sql="DROP INDEX IF EXISTS petition_unit_type_id_idx",
        ),
        migrations.RemoveIndex(model_name="minhashband", name="petition_minhash_band_idx"),
        migrations.AddIndex(
            model_name="minhashband",
            index=models.Index(fields=["band", "petition"], name="petition_minhash_band_pet_idx"),
        ),
    ]
