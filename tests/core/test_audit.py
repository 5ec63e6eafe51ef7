from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
from collections import OrderedDict
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tiepdan.core import audit
from tiepdan.core.audit import record_event, verify_chain
from tiepdan.core.context import client_address
from tiepdan.core.models import AuditEvent

from ..factories import UserFactory


@pytest.fixture
def chain(db):
    actor = UserFactory(username="kiemtoan")
    token = client_address.set("10.1.2.3")
    try:
        events = [
            record_event(
                actor=actor,
                action="test.write",
                object_type="x",
                object_id=str(i),
                changes={"trang_thai": ["mới", f"bước {i}"]},
                reason="Thử",
                legal_basis="Điều 1",
            )
            for i in range(5)
        ]
    finally:
        client_address.reset(token)
    return events


def test_events_are_chained_and_record_who_and_where(chain):
    assert chain[0].prev_hash == "0" * 64
    for before, after in itertools.pairwise(chain):
        assert after.prev_hash == before.hash
    assert chain[0].actor_username == "kiemtoan"
    assert chain[0].client_address == "10.1.2.3"
    assert verify_chain() == (5, None)


def test_audit_events_refuse_orm_edits(chain):
    event = AuditEvent.objects.get(pk=chain[0].pk)
    event.reason = "sửa"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_verify_finds_an_edited_event(chain):
    _raw("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["đã sửa tay", chain[2].pk])
    checked, problem = verify_chain()
    assert checked == 2
    assert problem is not None and problem.event_id == chain[2].pk
    assert "bị sửa" in problem.message


def test_verify_finds_a_deleted_event(chain):
    _raw("DELETE FROM core_auditevent WHERE id = %s", [chain[1].pk])
    _checked, problem = verify_chain()
    assert problem is not None and problem.event_id == chain[2].pk


def test_verify_finds_the_newest_event_deleted(chain):
    _raw("DELETE FROM core_auditevent WHERE id = %s", [chain[-1].pk])
    _checked, problem = verify_chain()
    assert problem is not None and problem.event_id == chain[-1].pk


def test_audit_verify_command(chain, capsys):
    call_command("audit", "verify")
    assert "toàn vẹn: 5 sự kiện" in capsys.readouterr().out
    _raw("UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"trang_thai": ["x", "y"]}', chain[3].pk])
    with pytest.raises(CommandError, match="KHÔNG toàn vẹn"):
        call_command("audit", "verify")


def test_batch_writes_the_same_verifiable_chain_at_the_end_and_nothing_on_rollback(db):
    from django.db import transaction

    from tiepdan.core.audit import batch, record_event, verify_chain

    record_event(actor=None, action="test.before")
    with transaction.atomic(), batch():
        for i in range(5):
            record_event(actor=None, action="test.batch", changes={"i": [None, i]})
        assert AuditEvent.objects.filter(action="test.batch").count() == 0  # written when the block ends
    record_event(actor=None, action="test.after")
    assert list(AuditEvent.objects.filter(action="test.batch").values_list("changes__i", flat=True)) == [
        [None, i] for i in range(5)
    ]
    count, problem = verify_chain()
    assert problem is None and count == AuditEvent.objects.count()
    with transaction.atomic(), batch():
        record_event(actor=None, action="test.rolled_back")
        transaction.set_rollback(True)
    assert not AuditEvent.objects.filter(action="test.rolled_back").exists()
    assert verify_chain()[1] is None


AWKWARD_CHANGES = [
    {},
    {"trạng thái": ["mới", "đã xử lý"], "due_on": [None, dt.date(2026, 3, 16)]},
    {"b": {"z": 1, "a": [1.5, True, None]}, "a": ("tuple", "kept as a list")},
    {10: "ten", 9: "nine", "x": {2: "two", 1: "one"}},  # keys that are not text: ordered as their text
    {"amount": Decimal("12.50"), "at": dt.datetime(2026, 3, 2, 8, 30)},
    ["a", {"k": "v"}],
    {"x": OrderedDict([(9, "a"), (10, "b")])},  # a mapping of another type with number keys
    {"k": [None, [{3: "c", 20: "t"}]]},  # number keys deep in lists
    ({"a": 1}, [{"z": {10: 1, 9: 2}}]),  # …and in a tuple
]


@pytest.mark.parametrize("changes", AWKWARD_CHANGES)
def test_the_batched_hash_equals_the_hash_of_the_canonical_value(changes):
    """The batch serialises an event's changes once and splices the text into the hashed payload; verification
    recomputes the hash from the value the database returns. Both must agree for any changes."""
    at = dt.datetime(2026, 3, 2, 1, 2, 3, 456789, tzinfo=dt.UTC)
    args = ("0" * 64, at, 7, "xuly1", "test.write", "petitions.petition", "12")
    tail = ("Lý do", "Điều 1", "10.0.0.1")
    text = audit._changes_text(changes)
    canonical = audit._canonical(changes)
    assert json.loads(text) == canonical
    expected = audit.compute_hash(
        prev_hash=args[0], at=at, actor_id=7, actor_username="xuly1", action="test.write",
        object_type="petitions.petition", object_id="12", changes=canonical, reason=tail[0], legal_basis=tail[1],
        client_address=tail[2],
    )  # fmt: skip
    assert audit._hash_of(*args, text, *tail) == expected
    # …and the hash is the one the chain had before the splice (one dump of the whole array).
    payload = json.dumps(
        [args[0], at.isoformat(timespec="microseconds"), *args[2:], canonical, *tail],
        ensure_ascii=False, sort_keys=True, separators=(",", ":"),
    )  # fmt: skip
    assert expected == hashlib.sha256(payload.encode()).hexdigest()


@pytest.mark.parametrize("changes", [c for c in AWKWARD_CHANGES if isinstance(c, dict) and c])
def test_batched_events_with_awkward_changes_verify(db, changes):
    with transaction.atomic(), audit.batch():
        record_event(actor=None, action="test.awkward", changes=changes)
    assert verify_chain()[1] is None
    assert AuditEvent.objects.get(action="test.awkward").changes == __import__(
        "tiepdan.core.audit"
    ).core.audit._canonical(changes)


def test_a_lazy_reason_is_hashed_and_stored_as_its_text(db):
    from django.utils.translation import gettext_lazy

    with transaction.atomic(), audit.batch():
        record_event(actor=None, action="test.lazy", reason=gettext_lazy("Lý do"), legal_basis=gettext_lazy("Điều 1"))
    record_event(actor=None, action="test.lazy", reason=gettext_lazy("Lý do"))
    assert set(AuditEvent.objects.filter(action="test.lazy").values_list("reason", flat=True)) == {"Lý do"}
    assert verify_chain()[1] is None
