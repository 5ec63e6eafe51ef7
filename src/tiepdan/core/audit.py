"""The audit trail: every service write and every read of sensitive data records an event.

Events are chained: each stores the SHA-256 of its own content and of the previous event's hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from . import bulk
from .context import client_address
from .models import AuditChainHead, AuditEvent, User

GENESIS_HASH = "0" * 64


def _canonical(value: Any) -> Any:
    """JSON round trip so the hashed value is exactly what the database returns later."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))


# One encoder for every event (json.dumps with `cls=` builds a new one per call).
_HASH_ENCODER = DjangoJSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_quote = json.encoder.encode_basestring  # what json.dumps(…, ensure_ascii=False) writes for a str


# Values that serialise the same before and after the round trip, looked up by exact type (no call for them).
_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def _text_keys_only(value: Any) -> bool:
    kind = type(value)
    if kind is dict:
        for key, item in value.items():
            if type(key) is not str or (type(item) not in _PLAIN_SCALARS and not _text_keys_only(item)):
                return False
        return True
    if kind is list or kind is tuple:
        return all(type(item) in _PLAIN_SCALARS or _text_keys_only(item) for item in value)
    # Any other scalar (a date, a decimal, a lazy text) serialises the same before and after the round trip; a
    # container of any other type (an OrderedDict with number keys…) takes the round trip.
    return not isinstance(value, dict | list | tuple | set | frozenset)


def _changes_text(changes: Any) -> str:
    """`changes` as the hash reads it: the canonical value (`_canonical`) serialised with sorted keys.

    One serialisation when every mapping key is text (the JSON round trip changes nothing else the sorted text
    shows: dates, decimals and tuples serialise the same before and after it); other keys become text in the
    round trip, which changes their order, so those values take it first."""
    if not _text_keys_only(changes):
        changes = _canonical(changes)
    return _HASH_ENCODER.encode(changes)


def _hash_of(
    prev_hash: str, at: datetime, actor_id: int | None, actor_username: str, action: str, object_type: str,
    object_id: str, changes_text: str, reason: str, legal_basis: str, client_address: str,
) -> str:  # fmt: skip
    # The JSON array [prev_hash, at, actor_id, …, changes, reason, legal_basis, client_address] exactly as
    # json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(",", ":")) writes it, built directly: the
    # other members are text and one integer (or null), the changes are spliced in as already serialised.
    # str(): a lazy translation is written as its text, as DjangoJSONEncoder writes it.
    payload = ",".join((
        _quote(str(prev_hash)), _quote(at.astimezone(UTC).isoformat(timespec="microseconds")),
        "null" if actor_id is None else str(int(actor_id)), _quote(str(actor_username)), _quote(str(action)),
        _quote(str(object_type)), _quote(str(object_id)), changes_text, _quote(str(reason)),
        _quote(str(legal_basis)), _quote(str(client_address)),
    ))  # fmt: skip
    return hashlib.sha256(f"[{payload}]".encode()).hexdigest()


def compute_hash(
    *,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_username: str,
    action: str,
    object_type: str,
    object_id: str,
    changes: Any,
    reason: str,
    legal_basis: str,
    client_address: str,
) -> str:
    return _hash_of(
        prev_hash, at, actor_id, actor_username, action, object_type, object_id, _changes_text(changes), reason,
        legal_basis, client_address,
    )  # fmt: skip


def _event_hash(event: AuditEvent) -> str:
    return compute_hash(
        prev_hash=event.prev_hash,
        at=event.at,
        actor_id=event.actor_id,
        actor_username=event.actor_username,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        changes=event.changes,
        reason=event.reason,
        legal_basis=event.legal_basis,
        client_address=event.client_address,
    )


def object_label(obj: models.Model | None) -> tuple[str, str]:
    if obj is None:
        return "", ""
    return obj._meta.label_lower, str(obj.pk)


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    keys = list(dict.fromkeys([*before.keys(), *after.keys()]))
    return {k: [before.get(k), after.get(k)] for k in keys if before.get(k) != after.get(k)}


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif isinstance(value, date | datetime):
            value = value.isoformat()
        out[name] = value
    return out


# The columns of an event held by `batch()` until it is written, in this order.
_BATCH_COLUMNS = (
    "at", "actor", "actor_username", "action", "object_type", "object_id", "changes", "reason", "legal_basis",
    "client_address", "prev_hash", "hash",
)  # fmt: skip


@dataclass
class _Batch:
    head: AuditChainHead
    last_hash: str
    # Value tuples, not model instances: an import records three events per letter, and building tens of
    # thousands of AuditEvent instances was a tenth of its time.
    events: list[tuple[Any, ...]] = field(default_factory=list)
    written: bool = False  # some events already written by `write_batch()`


_batch: ContextVar[_Batch | None] = ContextVar("audit_batch", default=None)


@contextmanager
def batch() -> Iterator[None]:
    """Inside one all-or-nothing transaction (an import of thousands of rows): the chain head is locked once,
    events are chained in memory and written in one bulk insert when the block ends without a rollback.

    Same hashes, same order, same verification as one `record_event` at a time; only faster, because the
    head row is not locked and rewritten for every event.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.batch() must run inside transaction.atomic()")
    head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditChainHead.objects.create(pk=1, last_event_id=None, last_hash=GENESIS_HASH)
        head = AuditChainHead.objects.select_for_update().get(pk=1)
    current = _Batch(head=head, last_hash=head.last_hash)
    token = _batch.set(current)
    try:
        yield
    finally:
        _batch.reset(token)
    if (current.events or current.written) and not transaction.get_rollback():
        _write(current)
        # In the chain's order: the keys ascend with the rows, and the locked head keeps every other writer
        # out, so the newest key is this batch's last event.
        bulk.drain()
        head.last_event_id = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
        head.last_hash = current.last_hash
        head.save(update_fields=["last_event_id", "last_hash"])


def write_batch() -> None:
    """Inside `batch()`: write the events recorded so far now (queued with the rows they describe inside
    `core.bulk.pipelined()`), rather than all at the end; the head is still moved when the batch ends."""
    current = _batch.get()
    if current is not None and current.events and not transaction.get_rollback():
        _write(current)


def _write(current: _Batch) -> None:
    if current.events:
        bulk.insert_tuples(AuditEvent, _BATCH_COLUMNS, current.events, batch_size=1000)
        current.events = []  # a new list: a queued COPY may still be reading the old one
        current.written = True


def record_event(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    changes: dict[str, Any] | None = None,
    reason: str = "",
    legal_basis: str = "",
) -> AuditEvent | None:
    """Append one event to the chain. Call it inside the service's transaction. Returns the saved event, or
    None inside `batch()` (the event is written when the batch ends)."""
    if obj is not None:
        object_type, object_id = object_label(obj)
    pending = _batch.get()
    if pending is not None:
        # Batched (an import: three events a letter): the changes are serialised once, for the hash, and that
        # text is what the bulk insert writes.
        at = timezone.now()
        actor_id = actor.pk if actor is not None else None
        username = actor.get_username() if actor is not None else ""
        text = _changes_text(changes or {})
        address = client_address.get() or ""
        action, reason, legal_basis = str(action), str(reason or ""), str(legal_basis or "")
        prev_hash = pending.last_hash
        pending.last_hash = _hash_of(
            prev_hash, at, actor_id, username, action, object_type, str(object_id), text, reason or "",
            legal_basis or "", address,
        )  # fmt: skip
        pending.events.append((
            at, actor_id, username, action, object_type, str(object_id), bulk.JsonText(text), reason or "",
            legal_basis or "", address, prev_hash, pending.last_hash,
        ))  # fmt: skip
        return None
    values: dict[str, Any] = {
        "at": timezone.now(),
        "actor_id": actor.pk if actor is not None else None,
        "actor_username": actor.get_username() if actor is not None else "",
        "action": action,
        "object_type": object_type,
        "object_id": str(object_id),
        "changes": _canonical(changes or {}),
        "reason": reason or "",
        "legal_basis": legal_basis or "",
        "client_address": client_address.get() or "",
    }
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditChainHead.objects.create(pk=1, last_event_id=None, last_hash=GENESIS_HASH)
            head = AuditChainHead.objects.select_for_update().get(pk=1)
        event = AuditEvent(**values, prev_hash=head.last_hash, hash=compute_hash(prev_hash=head.last_hash, **values))
        event.save()
        head.last_event_id = event.pk
        head.last_hash = event.hash
        head.save(update_fields=["last_event_id", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    event_id: int | None
    message: str


def verify_chain(*, batch_size: int = 2000) -> tuple[int, ChainProblem | None]:
    """Walk the chain in order; return (events checked, the first problem or None)."""
    prev_hash = GENESIS_HASH
    checked = 0
    last_id: int | None = None
    qs = AuditEvent.objects.order_by("id")
    for event in qs.iterator(chunk_size=batch_size):
        if event.prev_hash != prev_hash:
            return checked, ChainProblem(
                event.pk,
                f"Sự kiện #{event.pk}: liên kết tới sự kiện trước bị đứt (một sự kiện trước nó đã bị xóa hoặc sửa).",
            )
        if _event_hash(event) != event.hash:
            return checked, ChainProblem(event.pk, f"Sự kiện #{event.pk}: nội dung đã bị sửa sau khi ghi.")
        prev_hash = event.hash
        last_id = event.pk
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev_hash or head.last_event_id != last_id):
        return checked, ChainProblem(
            head.last_event_id,
            f"Sự kiện cuối cùng đã ghi (#{head.last_event_id}) không còn trong nhật ký: nó đã bị xóa hoặc sửa.",
        )
    return checked, None
