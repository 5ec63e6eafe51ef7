"""The MinHash band table gains the petition's receiving unit, and its lookup index begins with it: (unit, band,
petition) instead of (band, petition). See `MinHashBand.unit`.

The table is rewritten rather than updated in place (one pass, no dead rows: at 1,000,000 petitions it holds 16
million rows, 26 s on the bench machine); bands of petitions that no longer exist are left behind. On PostgreSQL the
old table is locked against writes first, so a letter registered while the migration runs waits for it instead of
writing bands into the table being replaced (duplicate lookups can still read until the swap).
"""

import django.db.models.deletion
from django.db import migrations, models

TABLE = "petitions_minhashband"
PETITIONS = "petitions_petition"
OLD_INDEX = "petition_minhash_band_pet_idx"
NEW_INDEX = "petition_minhash_unit_band_idx"

POSTGRESQL = [
    f"LOCK TABLE {TABLE} IN EXCLUSIVE MODE",
    f"CREATE TABLE new__{TABLE} (petition_id bigint NOT NULL, unit_id bigint NOT NULL, band bigint NOT NULL)",
    f"INSERT INTO new__{TABLE} (petition_id, unit_id, band) SELECT b.petition_id, p.unit_id, b.band "
    f"FROM {TABLE} b JOIN {PETITIONS} p ON p.id = b.petition_id",
    f"DROP TABLE {TABLE}",
    f"ALTER TABLE new__{TABLE} RENAME TO {TABLE}",
    f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (petition_id, band)",
    f"CREATE INDEX {NEW_INDEX} ON {TABLE} (unit_id, band, petition_id)",
    f"ANALYZE {TABLE}",  # a new table has no statistics until autovacuum comes by
]
POSTGRESQL_BACK = [
    f"DROP INDEX {NEW_INDEX}",
    f"ALTER TABLE {TABLE} DROP COLUMN unit_id",
    f"CREATE INDEX {OLD_INDEX} ON {TABLE} (band, petition_id)",
]
SQLITE = [
    f'CREATE TABLE "new__{TABLE}" ("petition_id" bigint NOT NULL, "unit_id" bigint NOT NULL, '
    f'"band" bigint NOT NULL, PRIMARY KEY ("petition_id", "band"))',
    f'INSERT INTO "new__{TABLE}" ("petition_id", "unit_id", "band") SELECT b."petition_id", p."unit_id", b."band" '
    f'FROM "{TABLE}" b JOIN "{PETITIONS}" p ON p."id" = b."petition_id"',
    f'DROP TABLE "{TABLE}"',
    f'ALTER TABLE "new__{TABLE}" RENAME TO "{TABLE}"',
    f'CREATE INDEX "{NEW_INDEX}" ON "{TABLE}" ("unit_id", "band", "petition_id")',
]
SQLITE_BACK = [
    f'CREATE TABLE "new__{TABLE}" ("petition_id" bigint NOT NULL, "band" bigint NOT NULL, '
    f'PRIMARY KEY ("petition_id", "band"))',
    f'INSERT INTO "new__{TABLE}" ("petition_id", "band") SELECT "petition_id", "band" FROM "{TABLE}"',
    f'DROP TABLE "{TABLE}"',
    f'ALTER TABLE "new__{TABLE}" RENAME TO "{TABLE}"',
    f'CREATE INDEX "{OLD_INDEX}" ON "{TABLE}" ("band", "petition_id")',
]

FORWARD = {"postgresql": POSTGRESQL, "sqlite": SQLITE}
BACKWARD = {"postgresql": POSTGRESQL_BACK, "sqlite": SQLITE_BACK}


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("orgs", "0001_initial"),
        ("petitions", "0013_indexes_no_query_uses"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="minhashband", name=OLD_INDEX),
                migrations.AddField(
                    model_name="minhashband",
                    name="unit",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="orgs.orgunit",
                    ),
                ),
                migrations.AddIndex(
                    model_name="minhashband",
                    index=models.Index(fields=["unit", "band", "petition"], name=NEW_INDEX),
                ),
            ],
            database_operations=[migrations.RunPython(_run(FORWARD), _run(BACKWARD))],
        ),
    ]
