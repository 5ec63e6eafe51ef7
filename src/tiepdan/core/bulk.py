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

import datetime as dt
import functools
import gc
import json
import operator
import queue
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import psycopg
from django.db import connections, router
from django.db.models import NOT_PROVIDED, Field, Model
from django.db.models import fields as model_fields
from django.db.models.fields import related
from django.utils import timezone

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


class JsonText(str):
    """A JSON document already serialised: `insert_tuples` sends it to a JSON column as it is, instead of
    serialising the value again (the audit trail serialises each event's changes once, for its hash)."""

    __slots__ = ()


def _prepare_value(field: Field[Any, Any], value: Any, connection: Any) -> Any:
    if type(value) is JsonText:
        return str(value)
    return field.get_db_prep_save(value, connection)


def _preparer(field: Field[Any, Any], connection: Any) -> Callable[[Model], Any]:
    if (
        type(field) is model_fields.DateField
        and connection.vendor == "postgresql"
        and not (field.auto_now or field.auto_now_add)
    ):
        # psycopg takes a date as it is (Django's PostgreSQL backend passes it through); anything else (a
        # datetime, text) still goes through Django's conversion.
        attname = field.attname

        def date_value(obj: Model) -> Any:
            value = getattr(obj, attname)
            return value if value is None or type(value) is dt.date else field.get_db_prep_save(value, connection)

        return date_value
    if type(field) is model_fields.json.JSONField:
        # A list or mapping serialised here, as Django's JSONField would have it serialised (its encoder), and
        # sent as that text; SQL NULL and expressions still go through Django.
        attname, encoder = field.attname, field.encoder

        def json_value(obj: Model) -> Any:
            value = getattr(obj, attname)
            if type(value) is list or type(value) is dict:
                return JsonText(json.dumps(value, cls=encoder))
            return field.get_db_prep_save(value, connection)

        return json_value
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        # One time for the whole insert (as `insert_tuples`), set on every instance as `pre_save` would: reading
        # the clock and the settings per row was a third of building an import's petition rows.
        attname = field.attname
        stamped: list[Any] = []

        def stamp(obj: Model) -> Any:
            if not stamped:
                current = field.pre_save(obj, True)
                stamped[:] = [current, field.get_db_prep_save(current, connection)]
            else:
                setattr(obj, attname, stamped[0])
            return stamped[1]

        return stamp
    if type(field) in AS_IS:
        return operator.attrgetter(field.attname)
    attname = field.attname
    return lambda obj: field.get_db_prep_save(getattr(obj, attname), connection)


@functools.cache
def _forward_relations(model: type[Model]) -> dict[str, tuple[str, str]]:
    """cache name → (attname on the model, attname of the target) of each forward many-to-one relation."""
    fields: list[Any] = [f for f in model._meta.concrete_fields if f.is_relation and f.many_to_one]
    return {f.cache_name: (f.attname, f.target_field.attname) for f in fields}


def _related_need_check(obj: Model, forward: dict[str, tuple[str, str]]) -> bool:
    for name, target in obj._state.fields_cache.items():
        if target is None:
            continue
        attnames = forward.get(name)
        if attnames is None:
            return True  # not a plain foreign key: let Django look
        key = getattr(target, attnames[1])
        if target.pk is None or key is None or getattr(obj, attnames[0]) != key:
            return True  # unsaved (refused), or saved after it was assigned (its key is taken now)
    return False


@functools.cache
def _blueprint(model: type[Model]) -> tuple[dict[str, tuple[int, Any]], list[Any], list[tuple[int, Any]]]:
    """For `build`: each field's position (by name and attname, with the field for relations given by name),
    the defaults that are plain values, and the fields whose default is made per instance."""
    fields = model._meta.concrete_fields
    position: dict[str, tuple[int, Any]] = {}
    static: list[Any] = []
    dynamic: list[tuple[int, Any]] = []
    for i, f in enumerate(fields):
        position[f.attname] = (i, None)
        position[f.name] = (i, f if f.is_relation else None)
        if f.has_default() and callable(f.default):
            dynamic.append((i, f))  # a new list, dict, time… for every instance
            static.append(None)
        else:
            static.append(f.get_default())
    return position, static, dynamic


def build(model: type[M], **values: Any) -> M:
    """`model(**values)` for concrete fields only, several times faster (an import builds tens of thousands):
    the instance is made through Django's positional path (the one `from_db` uses) with the other fields at
    their defaults; a related object given by its field's name is cached on the instance as its descriptor
    would, and an unsaved one gives its key at `insert` (as with `bulk_create`)."""
    position, static, dynamic = _blueprint(model)
    args = static.copy()
    for i, f in dynamic:
        args[i] = f.get_default()
    related = []
    for name, value in values.items():
        try:
            i, relation = position[name]
        except KeyError:
            raise TypeError(f"{model.__name__}() got an unexpected field '{name}'") from None
        if relation is not None and value is not None:
            if not isinstance(value, relation.remote_field.model):
                raise ValueError(f"{model.__name__}.{name} must be a {relation.remote_field.model.__name__} instance")
            related.append((relation, value))
            value = getattr(value, relation.target_field.attname)
        args[i] = value
    obj = model(*args)
    for relation, value in related:
        relation.set_cached_value(obj, value)
    return obj


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
    forward = _forward_relations(model)
    for obj in objs:
        # A related object assigned before it was saved gives its key now, as in `bulk_create` (and an unsaved
        # one is refused); Django's check walks every field of every row, so it runs only where a cached
        # related object could need it.
        if _related_need_check(obj, forward):
            obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(str(f.column)) for f in fields)
    head = f"INSERT INTO {quote(opts.db_table)} ({columns}) "
    tail = f" RETURNING {quote(str(pk.column))}"
    if connection.vendor == "postgresql":
        # Keys drawn from the table's sequence first, then every row in one COPY: a multi-row INSERT makes
        # psycopg quote each value client-side, which cost more than the insert itself.
        writer = _writer.get()
        side = writer.keys_connection() if writer is not None and writer.connection is connection else connection
        with side.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [quote(opts.db_table), pk.column, len(objs)],
            )
            _set_keys(objs, cursor.fetchall(), pk.attname, db)
        _copy(connection, opts.db_table, [pk.column, *(f.column for f in fields)],
              [(getattr(obj, pk.attname), *(prepare_one(obj) for prepare_one in prepare)) for obj in objs])  # fmt: skip
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
    """Insert value tuples into `columns` of `model`'s table, without model instances or returned keys;
    returns the number of rows.

    Values are the fields' Python values: text, numbers, booleans and foreign keys (ids, under the field's
    name) go to the driver unchanged, the others (dates, times, JSON…) are prepared as Django would prepare
    them; a `JsonText` goes to its JSON column as the text it is. A field not named gets its default, the same
    for every row of the call (the current time for `auto_now`/`auto_now_add`), or NULL; a field with a
    database default is left to the database.
    On PostgreSQL one COPY, elsewhere a multi-row VALUES within the backend's limit on parameters.
    """
    if not rows:
        return 0
    opts = model._meta
    connection = connections[router.db_for_write(model)]
    fields: list[Field[Any, Any]] = [cast("Field[Any, Any]", opts.get_field(name)) for name in columns]
    named = {id(f) for f in fields}
    pk = opts.pk
    # Fields the caller left out: one prepared value each, appended to every row.
    rest = [
        f
        for f in opts.concrete_fields
        if id(f) not in named and f is not pk and getattr(f, "db_default", NOT_PROVIDED) is NOT_PROVIDED
    ]
    rest_values = tuple(f.get_db_prep_save(_default(f), connection) for f in rest)
    prepare = [None if type(f) in AS_IS else f for f in fields]
    if rest or any(p is not None for p in prepare):
        rows = [
            (*(v if p is None else _prepare_value(p, v, connection) for v, p in zip(r, prepare, strict=True)),
             *rest_values)
            for r in rows
        ]  # fmt: skip
        fields = [*fields, *rest]
    names = [str(f.column) for f in fields]
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


def _default(field: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        # What the field's own `pre_save` would set.
        return timezone.now() if isinstance(field, model_fields.DateTimeField) else dt.date.today()
    return field.get_default()  # as a new instance would have it: the default, "" for text, or None


def _copy(connection: Any, table: str, columns: Sequence[Any], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows into a PostgreSQL table (psycopg dumps each value by its Python type); database errors come
    out as Django's own (IntegrityError…), as from any query. Inside `pipelined()` the COPY is queued."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(table)} ({', '.join(quote(str(c)) for c in columns)}) FROM STDIN"
    writer = _writer.get()
    if writer is not None and writer.connection is connection:
        writer.put(statement, rows)
        return
    with connection.cursor() as cursor, connection.wrap_database_errors, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


# --- Pipelined writes (PostgreSQL) -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Params:
    """The parameters of a statement queued behind the COPYs (not rows to copy)."""

    values: Sequence[Any]


class _Writer:
    """Runs the COPYs of one transaction in a second thread, on the transaction's own connection, so that the
    import prepares the next thousand letters while PostgreSQL writes (and indexes) the last ones; on a
    two-core machine the database and Python then work side by side instead of in turn.

    Only COPYs are queued, in order; every other statement still runs at once on the caller's thread (psycopg
    serialises the two threads on the connection: a COPY holds its lock from start to end). Savepoints wait for
    the queue first (`_drain_before_savepoints`): a COPY queued before a savepoint that then ran inside it would
    be undone by its rollback. New keys are drawn from the sequences on a second, autocommit connection, so that
    drawing them does not wait for the queued COPYs (sequences are outside transactions anyway). A COPY that
    fails aborts the transaction; its error is raised once, as Django's exception, at the next queued COPY or
    at `drain()`; the COPYs after it are skipped, and so are those still queued when the block ends by an
    exception or when the connection is no longer inside the transaction.
    """

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.raw = connection.connection  # the psycopg connection of the caller's transaction
        self.jobs: queue.Queue[tuple[str, Iterable[Sequence[Any]] | _Params] | None] = queue.Queue(
            maxsize=_QUEUED_COPIES
        )
        self.error: BaseException | None = None
        self.raised = False  # the error was handed to the caller (who reports it and rolls back)
        self.cancelled = False
        self._keys: Any = None
        self.thread = threading.Thread(target=self._run, name="tiepdan-bulk-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            try:
                if job is None:
                    return
                if self.error is None and not self.cancelled:
                    if self.raw.info.transaction_status in _OUTSIDE_TRANSACTION:
                        # The transaction ended under the queue (it cannot while the block runs normally):
                        # never let the rows autocommit on their own, and say so.
                        raise RuntimeError("bulk.pipelined(): the transaction ended before its queued writes")
                    statement, rows = job
                    if isinstance(rows, _Params):  # a statement queued behind the COPYs (`GinMerge.now`)
                        with self.raw.cursor() as cursor:
                            cursor.execute(statement, rows.values)
                    else:
                        with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
                            for row in rows:
                                copy.write_row(row)
            except BaseException as exc:  # handed to the caller's thread
                self.error = exc
            finally:
                self.jobs.task_done()

    def put(self, statement: str, rows: Iterable[Sequence[Any]] | _Params) -> None:
        self.raise_error()
        self.jobs.put((statement, rows))

    def drain(self) -> None:
        """Wait until every queued COPY has run; raise a failure not raised before."""
        self.jobs.join()
        self.raise_error()

    def raise_error(self) -> None:
        if self.error is not None and not self.raised:
            self.raised = True
            with self.connection.wrap_database_errors:
                raise self.error

    def keys_connection(self) -> Any:
        if self._keys is None:
            self._keys = connections.create_connection(self.connection.alias)
        return self._keys

    def close(self, *, cancel: bool) -> None:
        self.cancelled = self.cancelled or cancel
        try:
            self.jobs.put(None)
            self.thread.join()
        finally:
            if self._keys is not None:
                self._keys.close()


# The writer thread needs the GIL only briefly, between chunks of data sent to PostgreSQL; with Python's
# default 5 ms turns it waited for the preparing thread and left the server idle meanwhile. Set while any
# pipelined block runs in the process (they may overlap in a threaded web server), restored after the last.
_SWITCH_INTERVAL = 0.0005
_QUEUED_COPIES = 16  # COPYs waiting at most; the caller blocks beyond (memory stays bounded)
_writer: ContextVar[_Writer | None] = ContextVar("bulk_writer", default=None)
_SAVEPOINT_SQL = ("SAVEPOINT", "ROLLBACK TO", "RELEASE")
# Read without the connection's lock, the status may be ACTIVE (the other thread's statement) or INERROR (the
# COPY then fails and says why): only these two mean there is no transaction to write into.
_OUTSIDE_TRANSACTION = frozenset({psycopg.pq.TransactionStatus.IDLE, psycopg.pq.TransactionStatus.UNKNOWN})


def _drain_before_savepoints(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
    if sql.lstrip().upper().startswith(_SAVEPOINT_SQL):
        writer = _writer.get()
        if writer is not None:
            writer.jobs.join()  # its error, if any, is raised at the next COPY or at the end
    return execute(sql, params, many, context)


class _ProcessSetting:
    """A per-process setting changed while any block needs it: the first block to open saves the process's own
    value and applies the blocks' one, the last to close restores it (blocks in several threads of a web or
    Celery worker, or nested ones, share it)."""

    def __init__(self, apply: Callable[[], Any], restore: Callable[[Any], object]) -> None:
        self._apply, self._restore = apply, restore
        self._lock = threading.Lock()
        self._open = 0
        self._saved: Any = None

    def open(self) -> None:
        with self._lock:
            if self._open == 0:
                self._saved = self._apply()
            self._open += 1

    def close(self) -> None:
        with self._lock:
            self._open -= 1
            if self._open == 0:
                self._restore(self._saved)


def _switch_fast() -> float:
    interval = sys.getswitchinterval()
    sys.setswitchinterval(_SWITCH_INTERVAL)
    return interval


_fast_switching = _ProcessSetting(_switch_fast, sys.setswitchinterval)


@contextmanager
def pipelined(using: str = "default") -> Iterator[None]:
    """Within one transaction on PostgreSQL, `insert` and `insert_tuples` queue their COPYs to a writer thread
    and return at once; the block waits for them at its end (and raises a failed COPY's error there, unless it
    was raised earlier). Reads that need this block's rows meanwhile must call `drain()` first. Elsewhere
    (SQLite) it changes nothing.
    """
    connection = connections[using]
    if connection.vendor != "postgresql" or _writer.get() is not None:
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk.pipelined() must run inside transaction.atomic()")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        # Django's foreign keys are checked at COMMIT (DEFERRABLE INITIALLY DEFERRED): for an import that is
        # hundreds of thousands of checks run one after another at the very end. Checked as each COPY ends,
        # they run while the next rows are being prepared. Every COPY here writes parents before children.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    writer = _Writer(connection)
    token = _writer.set(writer)
    _fast_switching.open()
    failed = True
    try:
        with connection.execute_wrapper(_drain_before_savepoints):
            yield
            writer.drain()
        failed = False
    finally:
        _fast_switching.close()
        _writer.reset(token)
        writer.close(cancel=failed)
        usable = not connection.needs_rollback and writer.error is None
        if usable and writer.raw.info.transaction_status not in _OUTSIDE_TRANSACTION:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's mode for the rest of the transaction


def drain() -> None:
    """Inside `pipelined()`: wait for the queued COPYs (before reading the rows they write)."""
    writer = _writer.get()
    if writer is not None:
        writer.drain()


# Young objects collected 70× less often than Python's default (700): the batch's objects live until it ends.
BATCH_GC_THRESHOLD = 50_000


def _freeze_collector() -> tuple[int, int, int]:
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], BATCH_GC_THRESHOLD), *threshold[1:])
    return threshold


def _thaw_collector(threshold: tuple[int, int, int]) -> None:
    gc.set_threshold(*threshold)
    gc.unfreeze()


_quiet_collector = _ProcessSetting(_freeze_collector, _thaw_collector)


@contextmanager
def long_lived_batch() -> Iterator[None]:
    """For a bulk job that keeps what it builds until it ends (an import): Python's cyclic garbage collector
    would otherwise traverse the process's objects and the batch's growing pile again and again — a quarter of
    an import's CPU, measured (bench/README.md). The objects that exist before the batch (Django, its apps,
    caches) are frozen out of collection and the youngest generation is collected far less often; garbage is
    still collected. Both are restored when the last open batch of the process ends."""
    _quiet_collector.open()
    try:
        yield
    finally:
        _quiet_collector.close()


_IN_ERROR = psycopg.pq.TransactionStatus.INERROR
# How far a GIN index's pending list may grow inside `merged_gin_once` (PostgreSQL's default is 4 MB).
GIN_PENDING_LIST_KB = 65536


# Only the owner of an index may merge it: where the application's role does not own the schema, the list is
# left to the next writer or autovacuum, as before, rather than failing the import.
_GIN_MERGE_SQL = (
    "SELECT gin_clean_pending_list(i.indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' AND i.indrelid = ANY(%s::regclass[]) "
    "AND pg_has_role(c.relowner, 'USAGE')"
)


class GinMerge:
    """What `merged_gin_once` yields: `now()` merges the pending lists before the block's end."""

    def __init__(self, connection: Any, tables: list[str]) -> None:
        self.connection, self.tables = connection, tables

    def now(self) -> None:
        """Merge the rows written so far into the indexes; inside `pipelined()` the merge is queued behind their
        COPYs and runs in the writer thread while the caller goes on (so it does not wait at the block's end)."""
        if self.connection.vendor != "postgresql":
            return
        writer = _writer.get()
        if writer is not None and writer.connection is self.connection:
            writer.put(_GIN_MERGE_SQL, _Params([self.tables]))
        else:
            with self.connection.cursor() as cursor:
                cursor.execute(_GIN_MERGE_SQL, [self.tables])


@contextmanager
def merged_gin_once(*models: type[Model], using: str = "default") -> Iterator[GinMerge]:
    """PostgreSQL: a GIN index (the trigram search indexes) takes new rows into a pending list and merges the
    list into the index whenever it passes `gin_pending_list_limit` (4 MB by default). An import of 10,000
    letters merged it about eight times, each time decoding and re-encoding the posting lists of the same
    common trigrams: a third of PostgreSQL's time for the import at 1,000,000 petitions (bench/README.md).
    Inside this block (one transaction) the list may grow to 64 MB and is merged when the caller says
    (`GinMerge.now()`, yielded: the import merges every few thousand rows, in the writer thread, while it checks
    the next ones) and once more at the block's end (`gin_clean_pending_list`), so no user's registration after
    the import pays for the merge and no search scans a long list. Elsewhere (SQLite) it changes nothing. While
    the import runs, another session that inserts a petition merges the list by its own 4 MB limit, i.e. what
    the import added since its last merge."""
    connection = connections[using]
    merge = GinMerge(connection, [model._meta.db_table for model in models])
    if connection.vendor != "postgresql":
        yield merge
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk.merged_gin_once() must run inside transaction.atomic()")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('gin_pending_list_limit'), set_config('gin_pending_list_limit', %s, true)",
            [str(GIN_PENDING_LIST_KB)],
        )
        previous = cursor.fetchone()[0]
    yield merge
    if connection.needs_rollback or connection.connection.info.transaction_status == _IN_ERROR:
        return  # the transaction failed: nothing more can run in it (the next writer merges the list)
    drain()  # the block's rows are all in the index's pending list
    with connection.cursor() as cursor:
        cursor.execute(_GIN_MERGE_SQL, [merge.tables])
        cursor.execute("SELECT set_config('gin_pending_list_limit', %s, true)", [previous])
