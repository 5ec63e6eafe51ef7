"""Scope widening through successions: only what took effect, and only what went to the user's unit."""

from __future__ import annotations

import datetime as dt

from tiepdan.orgs import selectors, services
from tiepdan.orgs.models import Role, SuccessionKind, UnitKind

from ..factories import UserFactory, give_role, make_unit


def codes(user) -> set[str]:
    fresh = type(user).objects.get(pk=user.pk)
    return set(selectors.visible_units(fresh).values_list("code", flat=True))


def test_a_decided_future_merger_gives_no_access_yet(world):
    later = make_unit("Phường Sẽ Sáp Nhập", parent=world.province, code="X", valid_from=dt.date(2020, 1, 1))
    services.reorganize(
        actor=None,
        kind=SuccessionKind.MERGE,
        predecessors=[later, world.unit_b],
        successors=[world.unit_a],
        effective_on=dt.date(2099, 1, 1),
        legal_basis="Nghị quyết thử",
    )
    assert codes(world.handler) == {"A"}
    assert codes(world.head) == {"A"}


def test_a_supervisor_inherits_only_the_history_that_came_to_its_unit(world):
    since = dt.date(2020, 1, 1)
    district = make_unit("Quận Cũ", kind=UnitKind.DISTRICT, parent=world.province, code="D", valid_from=since)
    w1 = make_unit("Phường Một", parent=district, code="W1", valid_from=since)
    w2 = make_unit("Phường Hai", parent=district, code="W2", valid_from=since)
    reform = dt.date(2025, 7, 1)
    c1 = services.NewUnit(code="C1", name="Phường Mới Một", kind=UnitKind.WARD, parent=world.province)
    c2 = services.NewUnit(code="C2", name="Phường Mới Hai", kind=UnitKind.WARD, parent=world.province)
    new1 = services.reorganize(
        actor=None,
        kind=SuccessionKind.RENAME,
        predecessors=[w1],
        successors=[c1],
        effective_on=reform,
        legal_basis="NQ thử",
    ).successors[0]
    services.reorganize(
        actor=None,
        kind=SuccessionKind.RENAME,
        predecessors=[w2],
        successors=[c2],
        effective_on=reform,
        legal_basis="NQ thử",
    )
    services.reorganize(
        actor=None,
        kind=SuccessionKind.TRANSFER,
        predecessors=[district],
        successors=[new1],
        effective_on=reform,
        legal_basis="NQ thử",
    )
    head = UserFactory(username="truong_c1")
    give_role(head, new1, Role.UNIT_HEAD)
    assert codes(head) == {"C1", "W1", "D"}  # not W2: its history went to C2


def test_a_handler_of_a_merged_ward_sees_its_predecessors_without_walking_further(world, django_assert_max_num_queries):
    since = dt.date(2020, 1, 1)
    old = [make_unit(f"Phường Cũ {i}", parent=world.province, code=f"O{i}", valid_from=since) for i in range(4)]
    merged = services.reorganize(
        actor=None,
        kind=SuccessionKind.MERGE,
        predecessors=old,
        successors=[services.NewUnit(code="M", name="Phường Hợp Nhất", kind=UnitKind.WARD, parent=world.province)],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="NQ thử",
    ).successors[0]
    handler = UserFactory(username="handler_m")
    give_role(handler, merged, Role.PETITION_HANDLER)
    fresh = type(handler).objects.get(pk=handler.pk)
    # Memberships and predecessors only: the supervisors' inheritance walk is not run for a handler.
    with django_assert_max_num_queries(3):
        scope = selectors.user_scope(fresh)
    assert scope.unit_ids == {merged.pk, *(u.pk for u in old)}
