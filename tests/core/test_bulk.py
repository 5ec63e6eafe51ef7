"""The lean bulk insert (`core.bulk`): the same rows as `bulk_create`, keys set, Django's errors, on both
databases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tiepdan.core import bulk
from tiepdan.core.models import AuditEvent
from tiepdan.petitions.models import MinHashBand

from ..factories import UserFactory
from ..petitions.conftest import register

pytestmark = pytest.mark.django_db

AWKWARD = 'Nguyễn Văn "Á"\ttab\nnew line \\ backslash, 100% {x}'


def events(actor: Any, tag: str) -> list[AuditEvent]:
    at = timezone.make_aware(dt.datetime(2026, 11, 23, 8, 30, 15, 123456))
    return [
        AuditEvent(
            at=at,
            actor=actor,
            actor_username=AWKWARD,
            action=f"test.{tag}",
            object_type="Petition",
            object_id=str(i),
            changes={"ghi chú": AWKWARD, "n": i, "list": [1, None, "ư"]},
            reason=AWKWARD if i % 2 else "",
            prev_hash="0" * 64,
            hash=f"{tag}{i:063d}",
        )
        for i in range(7)
    ]


def stored(tag: str) -> list[dict[str, Any]]:
    rows = AuditEvent.objects.filter(action=f"test.{tag}").order_by("pk").values()
    return [{k: v for k, v in row.items() if k not in ("id", "action", "hash")} for row in rows]


def test_insert_writes_what_bulk_create_writes_and_sets_the_keys():
    actor = UserFactory()
    AuditEvent.objects.bulk_create(events(actor, "a"))
    mine = events(actor, "b")
    assert bulk.insert(mine) is mine
    assert all(e.pk is not None and not e._state.adding for e in mine)
    assert [e.pk for e in mine] == sorted(e.pk for e in mine)
    assert stored("b") == stored("a") and len(stored("b")) == 7
    assert AuditEvent.objects.get(pk=mine[3].pk).object_id == "3"  # each key belongs to its own row


def test_insert_stamps_auto_now_fields_once_for_all_rows_and_on_the_instances(world):
    from tiepdan.people.models import Person

    before = timezone.now()
    people = [Person(full_name=f"Người {i}", name_folded=f"nguoi {i}", owner_unit=world.unit_a) for i in range(5)]
    bulk.insert(people)
    after = timezone.now()
    assert len({p.created_at for p in people}) == 1 and len({p.updated_at for p in people}) == 1
    assert before <= people[0].created_at <= after
    assert set(Person.objects.filter(pk__in=[p.pk for p in people]).values_list("created_at", "updated_at")) == {
        (people[0].created_at, people[0].updated_at)
    }


def test_a_related_object_saved_after_it_was_assigned_gives_its_key():
    actor = UserFactory.build()
    pending = events(actor, "r")[:1]  # the actor had no key yet when the event was built
    actor.save()
    bulk.insert(pending)
    assert AuditEvent.objects.get(pk=pending[0].pk).actor_id == actor.pk


def test_an_unsaved_related_object_is_refused_and_nothing_is_written():
    unsaved = events(UserFactory.build(), "u")[:2]  # an actor never saved
    with pytest.raises(ValueError, match="unsaved related object"):
        bulk.insert(unsaved)
    assert not AuditEvent.objects.filter(action="test.u").exists()


def test_a_broken_constraint_is_djangos_integrity_error_and_writes_nothing():
    actor = UserFactory()
    clash = events(actor, "c")
    clash[5].hash = clash[1].hash  # the chain's hashes are unique
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(clash)
    assert stored("c") == []


def test_instances_with_keys_go_through_bulk_create():
    actor = UserFactory()
    first = events(actor, "d")
    bulk.insert(first[:1])
    again = events(actor, "e")[:1]
    again[0].pk = first[0].pk + 1000
    bulk.insert(again)
    assert AuditEvent.objects.filter(pk=first[0].pk + 1000).exists()
    assert bulk.insert([]) == []


def test_insert_tuples(world):
    petition = register(world)
    MinHashBand.objects.filter(petition=petition).delete()
    rows = [(petition.pk, petition.unit_id, 2**62 + i) for i in range(3)]
    assert bulk.insert_tuples(MinHashBand, ["petition", "unit", "band"], rows) == 3
    bands = sorted(MinHashBand.objects.filter(petition=petition).values_list("band", flat=True))
    assert bands == [2**62, 2**62 + 1, 2**62 + 2]
    assert bulk.insert_tuples(MinHashBand, ["petition_id", "unit_id", "band"], []) == 0


def test_insert_tuples_prepares_values_and_fills_the_fields_left_out():
    actor = UserFactory()
    at = timezone.make_aware(dt.datetime(2026, 11, 23, 8, 30, 15, 123456))
    columns = ["at", "actor", "action", "changes", "prev_hash", "hash"]
    rows = [(at, actor.pk, "test.t", {"ghi chú": AWKWARD, "n": i}, "0" * 64, f"t{i:063d}") for i in range(3)]
    assert bulk.insert_tuples(AuditEvent, columns, rows) == 3
    got = list(AuditEvent.objects.filter(action="test.t").order_by("pk"))
    assert [e.at for e in got] == [at] * 3  # dates prepared as Django would (SQLite keeps text)
    assert [e.changes for e in got] == [{"ghi chú": AWKWARD, "n": i} for i in range(3)]
    assert {(e.reason, e.object_id, e.actor_username) for e in got} == {("", "", "")}  # defaults of the model


def test_pipelined_writes_are_all_there_when_the_block_ends_and_keys_are_set():
    actor = UserFactory()
    with transaction.atomic(), bulk.pipelined():
        first = bulk.insert(events(actor, "p"))
        at = timezone.now()
        bulk.insert_tuples(
            AuditEvent, ["at", "action", "prev_hash", "hash"], [(at, "test.p2", "0" * 64, "p2" + "0" * 62)]
        )
        bulk.drain()
        assert AuditEvent.objects.filter(action="test.p2").count() == 1  # drained: readable in the block
        second = bulk.insert(events(actor, "q"))
    assert all(e.pk is not None for e in [*first, *second])
    assert first[-1].pk < second[0].pk
    assert stored("p") == stored("q") and len(stored("q")) == 7
    assert AuditEvent.objects.get(pk=second[3].pk).object_id == "3"


def test_a_pipelined_copy_that_fails_is_raised_as_djangos_error_and_nothing_stays():
    actor = UserFactory()
    clash = events(actor, "f")
    clash[5].hash = clash[1].hash
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.pipelined():
        bulk.insert(events(actor, "g"))
        bulk.insert(clash)  # on PostgreSQL queued: the error comes when the block waits for the writes
    assert stored("f") == [] and stored("g") == []


def test_after_a_pipelined_block_foreign_keys_wait_for_the_commit_again():
    from tiepdan.core.models import User

    with transaction.atomic():
        with bulk.pipelined():
            bulk.insert(events(UserFactory(), "k"))  # checked as each COPY ends, inside the block
        later = (User.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
        # A child written before its parent, as Django's deferred constraints allow.
        AuditEvent.objects.create(at=timezone.now(), actor_id=later, action="test.k2", prev_hash="0" * 64,
                                  hash="k2" + "0" * 62)  # fmt: skip
        UserFactory(pk=later)
    assert AuditEvent.objects.get(action="test.k2").actor_id == later


@pytest.mark.parametrize("savepoint_fails", [False, True])
def test_a_savepoint_rolled_back_inside_the_block_keeps_the_rows_queued_before_it(savepoint_fails):
    at = timezone.now()
    rows = [(at, "test.sp", "0" * 64, f"sp-{i}".rjust(64, "0")) for i in range(2000)]
    with transaction.atomic(), bulk.pipelined():
        bulk.insert_tuples(AuditEvent, ["at", "action", "prev_hash", "hash"], rows)  # queued on PostgreSQL
        try:
            with transaction.atomic():  # e.g. get_or_create's savepoint
                AuditEvent.objects.filter(action="nothing").count()
                if savepoint_fails:
                    raise ValueError
        except ValueError:
            pass
    assert AuditEvent.objects.filter(action="test.sp").count() == 2000


def _fields_of(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_build_makes_the_instance_the_constructor_makes(world):
    from django.contrib.contenttypes.models import ContentType

    from tiepdan.lawcal.models import DeadlineRule, TrackedDeadline
    from tiepdan.people.models import Person
    from tiepdan.petitions.models import Petition

    unit = world.unit_a
    cases: list[tuple[type[Any], dict[str, Any]]] = [
        (Petition, {"unit": unit, "channel": "post", "type": "complaint", "received_on": dt.date(2026, 3, 2),
                    "summary": AWKWARD, "assignee": world.handler, "created_by": world.handler,
                    "respondent_unit": None, "external_ref": "SO-1"}),
        (Person, {"full_name": "Lê Thị Hoa", "name_folded": "le thi hoa", "owner_unit": unit, "province_id": None}),
        (TrackedDeadline, {"content_type": ContentType.objects.get_for_model(Petition), "object_id": "",
                           "rule_code": "petition.process", "rule": DeadlineRule.objects.first(),
                           "trigger_on": dt.date(2026, 3, 2), "flags": ["x"], "unit": unit}),
    ]  # fmt: skip
    for model, values in cases:
        made, built = model(**values), bulk.build(model, **values)
        assert type(built) is model and built._state.adding and built.pk is None
        assert _fields_of(built) == _fields_of(made), model
        assert built._state.fields_cache == {k: v for k, v in made._state.fields_cache.items() if v is not None}
    # Defaults made per instance are not shared; an unknown field is refused as the constructor refuses it.
    first, second = bulk.build(Petition, unit=unit), bulk.build(Petition, unit=unit)
    assert first.eligibility_failures == [] and first.eligibility_failures is not second.eligibility_failures
    with pytest.raises(TypeError):
        bulk.build(Petition, no_such_field=1)
    with pytest.raises(ValueError):  # a related object of the wrong model, as the constructor refuses it
        bulk.build(Petition, unit=world.handler)


def test_long_lived_batch_freezes_older_objects_and_restores_the_collector() -> None:
    import gc

    threshold = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with bulk.long_lived_batch():
        assert gc.get_freeze_count() > frozen  # what existed before is out of the collector's passes
        assert gc.get_threshold()[0] == max(threshold[0], bulk.BATCH_GC_THRESHOLD)
        assert gc.get_threshold()[1:] == threshold[1:]
        assert gc.isenabled()  # garbage is still collected
    assert gc.get_threshold() == threshold
    assert gc.get_freeze_count() == 0


def _gin_setting_and_pending() -> tuple[str, int]:
    """The session's pending-list limit, then how many pending pages the petitions' GIN index held (merging
    them: `gin_clean_pending_list` is the only way to read that without an extension)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('gin_pending_list_limit'), gin_clean_pending_list(i.indexrelid) FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
            "WHERE a.amname = 'gin' AND i.indrelid = 'petitions_petition'::regclass"
        )
        return cursor.fetchone()


def test_merged_gin_once_lets_the_pending_list_grow_and_merges_it_when_the_block_ends(world):
    from django.db import connection

    from tiepdan.petitions.models import Petition

    if connection.vendor != "postgresql":
        with transaction.atomic(), bulk.merged_gin_once(Petition):  # nothing to do elsewhere
            register(world)
        return
    with transaction.atomic():
        register(world)
        default, pending = _gin_setting_and_pending()
        assert pending >= 1  # without the block the new row waits in the pending list
        with bulk.merged_gin_once(Petition), bulk.pipelined():
            register(world)
            with connection.cursor() as cursor:
                cursor.execute("SHOW gin_pending_list_limit")
                assert cursor.fetchone()[0] == "64MB"
        assert _gin_setting_and_pending() == (default, 0)  # merged at the end, the server's limit restored


def test_gin_merge_now_merges_in_the_writer_thread_before_the_block_ends(world):
    from django.db import connection

    from tiepdan.petitions.models import Petition

    with transaction.atomic(), bulk.merged_gin_once(Petition) as merge, bulk.pipelined():
        register(world)
        merge.now()  # SQLite: nothing to merge, nothing done
        if connection.vendor == "postgresql":
            bulk.drain()  # the merge was queued behind the writes
            assert _gin_setting_and_pending() == ("64MB", 0)  # nothing left pending, still inside the block
            register(world)
            merge.now()
            merge.now()  # twice in a row: the second finds nothing to do
            bulk.drain()
            assert _gin_setting_and_pending() == ("64MB", 0)


def test_nested_long_lived_batches_restore_the_collector_when_the_last_one_ends() -> None:
    import gc

    threshold = gc.get_threshold()
    with bulk.long_lived_batch():
        with bulk.long_lived_batch():  # e.g. a second import in another thread of the same worker
            pass
        assert gc.get_freeze_count() > 0 and gc.get_threshold()[0] >= bulk.BATCH_GC_THRESHOLD  # still the batch's
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == 0
