"""Indexes found with EXPLAIN (ANALYZE) on 1,000,000 generated petitions (bench/README.md).

Plain SQL (valid on PostgreSQL and SQLite) rather than AddIndex, so the models' state does not change; the
lead may move them into Meta.indexes when merging.
"""

from django.db import migrations

OPEN = "('registered', 'classified')"  # petitions.selectors.OPEN_STATUSES

INDEXES = [
    # The queue of open petitions, most urgent first (selectors.petition_queue with status "open"): only open
    # rows (about 1 % of the table, so the index stays small), in the page's order. Without it a wide scope
    # (a province's statistician) walks the due_on index through every processed petition due earlier than
    # the first open one — fast today only because a few old open petitions sit at the front; with no
    # backlog it would read most of the table for one page.
    (
        "petition_open_queue_idx",
        f"ON petitions_petition (due_on, received_on DESC, id DESC) WHERE status IN {OPEN}",
    ),
    # Recent petitions of one unit and type, newest first: the rows duplicates.find_candidates scores by
    # content (LIMIT 3000), and lists filtered by unit and type. Without it PostgreSQL reads every row of the
    # unit through the unit_id index, filters the type and sorts (~20 ms at 8,000 rows for unit A).
    (
        "petition_unit_type_recent_idx",
        "ON petitions_petition (unit_id, type, received_on DESC, id DESC)",
    ),
]


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_trigram")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} {definition}", f"DROP INDEX IF EXISTS {name}")
        for name, definition in INDEXES
    ]
