# ruff: noqa: S608 — every statement here is built from the constants below, never from input.
"""The petition tally (`reports.PetitionTally`): petitions counted ahead of time by unit, report month, type and
subject field, kept exact by database triggers on `petitions_petition`.

Why triggers: petitions are written by the services, by the import's bulk COPY, by the demo generator, the
admin and the test factories; a trigger sees every one of them in the same transaction, so the tally can never
disagree with the petitions (a scheduled recount would be minutes stale, and counting in each service would
miss the bulk paths). On PostgreSQL the triggers are per statement with transition tables, so a COPY of
10,000 rows adds one grouped upsert, not 10,000; SQLite has only row triggers, each an upsert of one row.

The counts follow `reports.dashboard.petition_metrics` (a test keeps them equal):
- received: every petition, by the report month of `received_on` (`dashboard.month_bucket`);
- processed: status processed or split (`dashboard.DONE_STATUSES`);
- on_time / late: processed with `outcome_on` ≤ / > `due_on` (neither when one of the dates is missing).
A change of these rules needs a migration that calls `install()` again (and `rebuild()`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "reports_petitiontally"
PETITIONS = "petitions_petition"
KEY = ("unit_id", "month", "type", "subject_field_id")
COUNTS = ("received", "processed", "on_time", "late")
DONE = "('processed', 'split')"  # dashboard.DONE_STATUSES

# The report month of a date column, in each dialect (dashboard.month_bucket: the 15th starts the next month).
_MONTH = {
    "postgresql": "(EXTRACT(YEAR FROM {d})::int * 12 + EXTRACT(MONTH FROM {d})::int"
    " + CASE WHEN EXTRACT(DAY FROM {d}) >= 15 THEN 1 ELSE 0 END)",
    "sqlite": "(CAST(substr({d}, 1, 4) AS INTEGER) * 12 + CAST(substr({d}, 6, 2) AS INTEGER)"
    " + (CAST(substr({d}, 9, 2) AS INTEGER) >= 15))",
}


def _contribution(vendor: str, row: str, sign: int = 1, *, named: bool = True) -> str:
    """The tally key and counts one petition row (`row` is its alias: NEW, OLD, a transition table) adds;
    `named`: each value under its tally column's name (for a subquery), else bare (for VALUES)."""
    done = f"{row}.status IN {DONE}"
    s = "" if sign > 0 else "-"
    values = (
        f"{row}.unit_id",
        _MONTH[vendor].format(d=f"{row}.received_on"),
        f"{row}.type",
        f"COALESCE({row}.subject_field_id, 0)",
        f"{s}1",
        f"CASE WHEN {done} THEN {s}1 ELSE 0 END",
        f"CASE WHEN {done} AND {row}.outcome_on <= {row}.due_on THEN {s}1 ELSE 0 END",
        f"CASE WHEN {done} AND {row}.outcome_on > {row}.due_on THEN {s}1 ELSE 0 END",
    )
    if not named:
        return ", ".join(values)
    return ", ".join(f"{v} AS {c}" for v, c in zip(values, KEY + COUNTS, strict=True))


_COLUMNS = ", ".join(KEY + COUNTS)
_UPSERT = f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET " + ", ".join(
    f"{c} = {TABLE}.{c} + excluded.{c}" for c in COUNTS
)
# The columns whose change can move a petition in the tally (the SQLite update trigger fires only on these).
WATCHED = ("unit_id", "received_on", "type", "subject_field_id", "status", "outcome_on", "due_on")


def _postgresql_sql() -> list[str]:
    def summed(select: str) -> str:
        # Grouped per key, in key order (concurrent writers then lock tally rows in the same order), rows whose
        # net change is nothing left out.
        return (
            f"INSERT INTO {TABLE} ({_COLUMNS}) SELECT {', '.join(KEY)}, "
            + ", ".join(f"sum({c})" for c in COUNTS)
            + f" FROM ({select}) AS c GROUP BY {', '.join(KEY)} "
            + "HAVING " + " OR ".join(f"sum({c}) <> 0" for c in COUNTS)
            + f" ORDER BY {', '.join(KEY)} {_UPSERT}"
        )  # fmt: skip

    added = f"SELECT {_contribution('postgresql', 'n')} FROM tally_new n"
    removed = f"SELECT {_contribution('postgresql', 'o', -1)} FROM tally_old o"
    bodies = {
        "insert": summed(added),
        "update": summed(f"{added} UNION ALL {removed}"),
        "delete": summed(removed),
    }
    tables = {
        "insert": "NEW TABLE AS tally_new",
        "update": "OLD TABLE AS tally_old NEW TABLE AS tally_new",
        "delete": "OLD TABLE AS tally_old",
    }
    statements = []
    for event, body in bodies.items():
        name = f"reports_petition_tally_{event}"
        statements += [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body}; "
            "RETURN NULL; END $$",
            f"DROP TRIGGER IF EXISTS {name} ON {PETITIONS}",
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {PETITIONS} REFERENCING {tables[event]} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()",
        ]
    return statements


def _sqlite_sql() -> list[str]:
    def upsert(row: str, sign: int) -> str:
        values = _contribution("sqlite", row, sign, named=False)
        return f"INSERT INTO {TABLE} ({_COLUMNS}) VALUES ({values}) {_UPSERT};"

    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in WATCHED)
    return [
        "DROP TRIGGER IF EXISTS reports_petition_tally_insert",
        "DROP TRIGGER IF EXISTS reports_petition_tally_update",
        "DROP TRIGGER IF EXISTS reports_petition_tally_delete",
        f"CREATE TRIGGER reports_petition_tally_insert AFTER INSERT ON {PETITIONS} BEGIN {upsert('NEW', 1)} END",
        f"CREATE TRIGGER reports_petition_tally_update AFTER UPDATE ON {PETITIONS} WHEN {changed} "
        f"BEGIN {upsert('OLD', -1)} {upsert('NEW', 1)} END",
        f"CREATE TRIGGER reports_petition_tally_delete AFTER DELETE ON {PETITIONS} BEGIN {upsert('OLD', -1)} END",
    ]


def _statements(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return _postgresql_sql()
    if vendor == "sqlite":
        return _sqlite_sql()
    raise NotImplementedError(f"petition tally triggers for {vendor}")


def _run(conn: BaseDatabaseWrapper, statements: list[str]) -> None:
    with conn.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _drop_triggers(conn: BaseDatabaseWrapper, triggers: list[tuple[str, str]]) -> None:
    """Drop each (trigger, table) and, on PostgreSQL, its function of the same name."""
    if conn.vendor == "postgresql":
        pairs = [(f"DROP TRIGGER IF EXISTS {name} ON {table}", f"DROP FUNCTION IF EXISTS {name}()")
                 for name, table in triggers]  # fmt: skip
        _run(conn, [sql for pair in pairs for sql in pair])
    else:
        _run(conn, [f"DROP TRIGGER IF EXISTS {name}" for name, _table in triggers])


def install(conn: BaseDatabaseWrapper | None = None) -> None:
    """Create (or replace) the triggers. Called by the migration that creates the table."""
    conn = conn or connection
    _run(conn, _statements(conn.vendor))


def uninstall(conn: BaseDatabaseWrapper | None = None) -> None:
    _drop_triggers(
        conn or connection, [(f"reports_petition_tally_{e}", PETITIONS) for e in ("insert", "update", "delete")]
    )


def _live_sql(vendor: str) -> str:
    """The tally counted from the petitions themselves, one row per key."""
    return (
        f"SELECT {', '.join(KEY)}, " + ", ".join(f"sum({c})" for c in COUNTS)
        + f" FROM (SELECT {_contribution(vendor, 'p')} FROM {PETITIONS} p) AS c"
        + f" GROUP BY {', '.join(KEY)}"
    )  # fmt: skip


def rebuild(conn: BaseDatabaseWrapper | None = None) -> int:
    """Recount the whole tally from the petitions (after a restore that bypassed triggers). Returns its rows."""
    conn = conn or connection
    with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            # Writers wait while the tally is recounted, so that none of their changes is lost in between.
            cursor.execute(f"LOCK TABLE {PETITIONS} IN SHARE MODE")
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"INSERT INTO {TABLE} ({_COLUMNS}) {_live_sql(conn.vendor)}")
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        return int(cursor.fetchone()[0])


@dataclass(frozen=True)
class Drift:
    key: tuple[Any, ...]
    tally: tuple[int, ...]
    petitions: tuple[int, ...]


def drift(conn: BaseDatabaseWrapper | None = None) -> list[Drift]:
    """Every key where the tally and the petitions disagree (none when the triggers did their work)."""
    conn = conn or connection
    live: dict[tuple[Any, ...], tuple[int, ...]] = {}
    kept: dict[tuple[Any, ...], tuple[int, ...]] = {}
    with conn.cursor() as cursor:
        # One statement, so one snapshot: a petition written meanwhile is not reported as a difference.
        live_sql = _live_sql(conn.vendor)
        cursor.execute(f"SELECT 1, l.* FROM ({live_sql}) AS l UNION ALL SELECT 0, {_COLUMNS} FROM {TABLE}")
        for r in cursor.fetchall():
            (live if r[0] else kept)[tuple(r[1:5])] = tuple(int(v) for v in r[5:])
    zero = (0,) * len(COUNTS)
    return [
        Drift(key, kept.get(key, zero), live.get(key, zero))
        for key in sorted(set(live) | set(kept), key=str)
        if kept.get(key, zero) != live.get(key, zero)
    ]


# --- The subject field of the matter of each resolution limit (lawcal_trackeddeadline.matter_field_id) ----
#
# The dashboard counts resolution limits by the subject field of their matter (the case, or the petition of a
# recommendation). Looked up per limit, that was one primary-key probe per limit (17,818 for a city-year at
# 1M petitions, ~100 ms); copied onto the limit, it is read from the dashboard's index. The copy is kept by
# triggers, as the tally: set when a limit is created (or re-pointed), and followed when the matter's field
# changes, whoever writes.

LIMITS = "lawcal_trackeddeadline"
# lawcal.models.RESOLUTION_RULES, as SQL (a later change of the list needs a migration that installs again).
RESOLUTION = "('complaint.first.resolve', 'complaint.second.resolve', 'denunciation.resolve', 'rec_feedback.resolve')"
MATTERS = (("cases", "case", "cases_case"), ("petitions", "petition", "petitions_petition"))


def _content_type(app_label: str, model: str) -> str:
    return f"(SELECT id FROM django_content_type WHERE app_label = '{app_label}' AND model = '{model}')"


def _field_of(vendor: str, row: str) -> str:
    """The subject field of the matter of the limit `row` (NEW), or NULL."""
    as_key = f"{row}.object_id::bigint" if vendor == "postgresql" else f"CAST({row}.object_id AS INTEGER)"
    whens = " ".join(
        f"WHEN {row}.content_type_id = {_content_type(app, model)} "
        f"THEN (SELECT subject_field_id FROM {table} WHERE id = {as_key})"
        for app, model, table in MATTERS
    )
    numeric = (
        f"{row}.object_id ~ '^[0-9]+$'"
        if vendor == "postgresql"
        else f"{row}.object_id <> '' AND {row}.object_id NOT GLOB '*[^0-9]*'"
    )
    return f"CASE WHEN NOT ({numeric}) THEN NULL {whens} END"


def _follow_matter(vendor: str, app: str, model: str) -> str:
    """Point the limits of one matter (NEW) at its new field."""
    as_text = "NEW.id::text" if vendor == "postgresql" else "CAST(NEW.id AS TEXT)"
    return (
        f"UPDATE {LIMITS} SET matter_field_id = NEW.subject_field_id "
        f"WHERE content_type_id = {_content_type(app, model)} AND object_id = {as_text} AND rule_code IN {RESOLUTION}"
    )


def _matter_field_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        # The conditions are tested inside the functions, not in WHEN clauses or column lists: PostgreSQL
        # refuses to change the type of a column a trigger's definition names (a later migration widening
        # `rule_code` would fail), while a function's body is not tied to the columns it reads.
        statements = [
            "CREATE OR REPLACE FUNCTION reports_limit_matter_field() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF TG_OP = 'UPDATE' AND NEW.content_type_id = OLD.content_type_id AND NEW.object_id = OLD.object_id "
            "AND NEW.rule_code = OLD.rule_code THEN RETURN NEW; END IF; "
            f"IF NEW.rule_code IN {RESOLUTION} THEN NEW.matter_field_id := {_field_of(vendor, 'NEW')}; "
            "ELSE NEW.matter_field_id := NULL; END IF; RETURN NEW; END $$",
            f"DROP TRIGGER IF EXISTS reports_limit_matter_field ON {LIMITS}",
            f"CREATE TRIGGER reports_limit_matter_field BEFORE INSERT OR UPDATE ON {LIMITS} FOR EACH ROW "
            "EXECUTE FUNCTION reports_limit_matter_field()",
        ]
        for app, model, table in MATTERS:
            name = f"reports_{model}_field_to_limits"
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "IF OLD.subject_field_id IS DISTINCT FROM NEW.subject_field_id THEN "
                f"{_follow_matter(vendor, app, model)}; END IF; RETURN NULL; END $$",
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"CREATE TRIGGER {name} AFTER UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
            ]
        return statements
    # SQLite cannot change NEW in a BEFORE trigger: the new row is updated right after it is written.
    set_field = f"UPDATE {LIMITS} SET matter_field_id = {_field_of(vendor, 'NEW')} WHERE id = NEW.id;"
    statements = [
        "DROP TRIGGER IF EXISTS reports_limit_matter_field",
        "DROP TRIGGER IF EXISTS reports_limit_matter_field_moved",
        f"CREATE TRIGGER reports_limit_matter_field AFTER INSERT ON {LIMITS} WHEN NEW.rule_code IN {RESOLUTION} "
        f"BEGIN {set_field} END",
        f"CREATE TRIGGER reports_limit_matter_field_moved AFTER UPDATE OF content_type_id, object_id, rule_code "
        f"ON {LIMITS} WHEN NEW.rule_code IN {RESOLUTION} BEGIN {set_field} END",
    ]
    for app, model, table in MATTERS:
        name = f"reports_{model}_field_to_limits"
        statements += [
            f"DROP TRIGGER IF EXISTS {name}",
            f"CREATE TRIGGER {name} AFTER UPDATE OF subject_field_id ON {table} "
            f"WHEN OLD.subject_field_id IS NOT NEW.subject_field_id BEGIN {_follow_matter(vendor, app, model)}; END",
        ]
    return statements


def install_matter_fields(conn: BaseDatabaseWrapper | None = None) -> None:
    conn = conn or connection
    _run(conn, _matter_field_sql(conn.vendor))


def uninstall_matter_fields(conn: BaseDatabaseWrapper | None = None) -> None:
    triggers = [("reports_limit_matter_field", LIMITS), ("reports_limit_matter_field_moved", LIMITS)]
    _drop_triggers(conn or connection, triggers + [(f"reports_{m}_field_to_limits", t) for _a, m, t in MATTERS])


def _stale_fields(vendor: str) -> str:
    """The resolution limits whose copied field is not their matter's (a WHERE condition)."""
    differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return f"rule_code IN {RESOLUTION} AND matter_field_id {differs} {_field_of(vendor, LIMITS)}"


def refill_matter_fields(conn: BaseDatabaseWrapper | None = None) -> int:
    """Copy every resolution limit's matter field again; returns the number of limits changed."""
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute(
            f"UPDATE {LIMITS} SET matter_field_id = {_field_of(conn.vendor, LIMITS)} WHERE {_stale_fields(conn.vendor)}"
        )
        return int(cursor.rowcount)


def matter_field_drift(conn: BaseDatabaseWrapper | None = None) -> int:
    """How many resolution limits carry another field than their matter's (0 when the triggers did their work)."""
    conn = conn or connection
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {LIMITS} WHERE {_stale_fields(conn.vendor)}")
        return int(cursor.fetchone()[0])


# --- SQLite: triggers out of the way while migrations run ------------------------------------------------
#
# Django alters an SQLite table by copying it into a new one and renaming it; a trigger whose body names that
# table makes the rename fail ("error in trigger …: no such table"). So on SQLite the triggers are dropped
# before migrations run and put back after, and the tally and the copied fields are recounted — which also
# repairs them after a flush that emptied the tally before the petitions (the delete trigger then counted
# below zero). SQLite serves small offices: recounting takes well under a second there. PostgreSQL alters
# tables in place and its triggers name no column outside the function bodies, so nothing is needed there.


def _applied(conn: BaseDatabaseWrapper) -> set[str]:
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(conn)
    if not recorder.has_table():
        return set()
    return {name for app, name in recorder.applied_migrations() if app == "reports"}


def before_migrate(using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    conn = connections[using]
    if conn.vendor == "sqlite":
        uninstall(conn)
        uninstall_matter_fields(conn)


def after_migrate(using: str = "default", **kwargs: Any) -> None:
    from django.db import connections

    conn = connections[using]
    if conn.vendor != "sqlite":
        return
    applied = _applied(conn)
    if "0003_petition_tally" in applied:
        install(conn)
        rebuild(conn)
    if "0004_matter_fields" in applied:
        install_matter_fields(conn)
        refill_matter_fields(conn)
