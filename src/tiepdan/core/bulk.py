"""A lean multi-row INSERT for imports: `insert(objs)` writes new model instances as `bulk_create` does — one
statement per batch, primary keys set on the instances, no signals — but prepares the values itself.

Why: importing a register writes about eight rows per letter (person, petition, signer, deadline, event,
three audit events). Profiled, `bulk_create` spent three quarters of its time compiling the statement: for
every value of every row it resolves the field's SQL placeholder and runs the field's full preparation
chain, although for text, numbers, booleans and foreign keys the value goes to the driver unchanged. Here the
statement is built once per batch size and only the fields that need it (dates, times, JSON, decimals…) go
through `get_db_prep_save`, exactly as Django would prepare them.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import Field, Model
from django.db.models import fields as model_fields
from django.db.models.fields import related

M = TypeVar("M", bound=Model)

# Django's own field classes (exactly these, not subclasses) whose Python value the database driver takes
# as it is: their `get_db_prep_save` returns str, int, bool or None unchanged.
AS_IS: frozenset[type[Field[Any, Any]]] = frozenset(
    {
        model_fields.CharField,
        model_fields.TextField,
        model_fields.SlugField,
        model_fields.EmailField,
        model_fields.URLField,
        model_fields.IntegerField,
        model_fields.BigIntegerField,
        model_fields.SmallIntegerField,
        model_fields.PositiveIntegerField,
        model_fields.PositiveSmallIntegerField,
        model_fields.PositiveBigIntegerField,
        model_fields.BooleanField,
        related.ForeignKey,
        related.OneToOneField,
    }
)


def _preparer(field: Field[Any, Any], connection: Any) -> Callable[[Model], Any]:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if type(field) in AS_IS:
        return operator.attrgetter(field.attname)
    attname = field.attname
    return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)


def insert(objs: Sequence[M], *, batch_size: int | None = None, using: str | None = None) -> Sequence[M]:
    """Insert new instances of one model (no primary key yet) and set their primary keys; returns `objs`.

    Falls back to `bulk_create` where this shortcut does not apply (a database that cannot return the new
    keys, inherited models, instances that already carry a key).
    """
    if not objs:
        return objs
    model = type(objs[0])
    opts = model._meta
    db = using or router.db_for_write(model)
    connection = connections[db]
    pk = opts.pk
    assert pk is not None
    if (
        not connection.features.can_return_rows_from_bulk_insert
        or opts.parents
        or any(type(obj) is not model or getattr(obj, pk.attname) is not None for obj in objs)
    ):
        return model._default_manager.using(db).bulk_create(objs, batch_size=batch_size)
    fields = [f for f in opts.concrete_fields if f is not pk]
    prepare = [_preparer(f, connection) for f in fields]
    for obj in objs:
        # A related object assigned before it was saved gives its key now, as in `bulk_create`.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) "
    tail = f" RETURNING {quote(str(pk.column))}"
    if connection.vendor == "postgresql":
        # Keys drawn from the table's sequence first, then every row in one COPY: a multi-row INSERT makes
        # psycopg quote each value client-side, which cost more than the insert itself.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(opts.db_table), pk.column, len(objs)],
            )
            _set_keys(objs, cursor.fetchall(), pk.attname, db)
        _copy(connection, opts.db_table, [pk.column, *(f.column for f in fields)],
              ([getattr(obj, pk.attname), *(prepare_one(obj) for prepare_one in prepare)] for obj in objs))  # fmt: skip
        return objs
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    # The backend's own limit on parameters per statement (999 on SQLite).
    size = max(1, connection.ops.bulk_batch_size(fields, objs))
    if batch_size:
        size = min(size, batch_size)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start : start + size]
            params = [prepare_one(obj) for obj in chunk for prepare_one in prepare]
            cursor.execute(head + "VALUES " + ", ".join([row] * len(chunk)) + tail, params)
            _set_keys(chunk, cursor.fetchall(), pk.attname, db)
    return objs


def _set_keys(chunk: Sequence[Model], returned: Sequence[Any], attname: str, db: str) -> None:
    # One statement's new keys ascend in the order of its rows (a sequence on PostgreSQL, the rowid on SQLite);
    # RETURNING itself promises no order, so sort them.
    keys = sorted(r[0] for r in returned)
    for obj, key in zip(chunk, keys, strict=True):
        setattr(obj, attname, key)
        obj._state.adding = False
        obj._state.db = db


def insert_tuples(
    model: type[Model], columns: Sequence[str], rows: Sequence[Sequence[Any]], *, batch_size: int = 5000
) -> int:
    """Insert plain value tuples (already what the driver takes: numbers, text) into `columns` of `model`'s
    table, without model instances or returned keys; returns the number of rows.

    On PostgreSQL one COPY, elsewhere a multi-row VALUES within the backend's limit on parameters.
    """
    if not rows:
        return 0
    opts = model._meta
    connection = connections[router.db_for_write(model)]
    fields = [opts.get_field(name) for name in columns]
    names = [str(getattr(f, "column", name)) for f, name in zip(fields, columns, strict=True)]
    if connection.vendor == "postgresql":
        _copy(connection, opts.db_table, names, rows)
        return len(rows)
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(opts.db_table)} ({', '.join(quote(n) for n in names)}) "
    with connection.cursor() as cursor:
        size = max(1, min(batch_size, connection.ops.bulk_batch_size(fields, rows)))
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            cursor.execute(head + "VALUES " + ", ".join([row] * len(chunk)), [v for r in chunk for v in r])
    return len(rows)


def _copy(connection: Any, table: str, columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows into a PostgreSQL table (psycopg dumps each value by its Python type); database errors come
    out as Django's own (IntegrityError…), as from any query."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(str(c)) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
