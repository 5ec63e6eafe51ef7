from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.core.errors import NotFoundError
from tiepdan.orgs import selectors, services
from tiepdan.orgs.models import OrgUnit, SuccessionKind, UnitKind

from ..factories import make_unit


def codes(qs) -> set[str]:
    return {u.code for u in qs}


def test_plain_role_sees_only_its_unit(world):
    assert codes(selectors.visible_units(world.handler)) == {"A"}
    assert codes(selectors.visible_units(world.handler_b)) == {"B"}


def test_supervising_roles_see_the_subtree(world):
    child = make_unit("Tổ tiếp dân", kind=UnitKind.RECEPTION_BOARD, parent=world.unit_a)
    assert codes(selectors.visible_units(world.head)) == {"A", child.code}
    assert codes(selectors.visible_units(world.statistician_p)) == {"P", "A", "B", child.code}


def test_system_admin_sees_everything(world):
    assert codes(selectors.visible_units(world.admin)) == set(OrgUnit.objects.values_list("code", flat=True))


def test_out_of_scope_unit_is_not_found(world):
    with pytest.raises(NotFoundError):
        selectors.get_visible_unit(world.handler_b, code="A")
    with pytest.raises(NotFoundError):
        selectors.get_visible_unit(world.outsider, code="P")
    assert selectors.get_visible_unit(world.handler, code="A") == world.unit_a


def test_expired_membership_gives_no_scope(world):
    membership = world.handler.memberships.get()
    services.end_membership(actor=None, membership=membership, last_day=dt.date(2025, 12, 31))
    fresh = type(world.handler).objects.get(pk=world.handler.pk)
    assert codes(selectors.visible_units(fresh)) == set()


def test_subtree_walk_is_one_query(world):
    level = world.unit_a
    for depth in range(6):
        level = make_unit(f"Cấp {depth}", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=level)
    with CaptureQueriesContext(connection) as ctx:
        units = list(selectors.subtree(world.province))
    assert len(units) == 3 + 6
    assert len(ctx.captured_queries) == 1


def test_successor_staff_see_the_predecessors_history(world):
    old = make_unit("Phường Cũ", parent=world.province, valid_from=dt.date(2020, 1, 1))
    # A merge into an existing unit: the old ward closes and A inherits it.
    services.reorganize(
        actor=None,
        kind=SuccessionKind.RENAME,
        predecessors=[old],
        successors=[world.unit_a],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết thử",
    )
    fresh = type(world.handler).objects.get(pk=world.handler.pk)
    assert codes(selectors.visible_units(fresh)) == {"A", old.code}
    assert old.code not in codes(selectors.visible_units(type(world.handler_b).objects.get(pk=world.handler_b.pk)))


def test_tree_as_it_stood(world):
    old = make_unit(
        "Quận Cũ",
        kind=UnitKind.DISTRICT,
        parent=world.province,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    assert old in selectors.visible_units(world.admin, on=dt.date(2024, 1, 1))
    assert old not in selectors.visible_units(world.admin, on=dt.date(2025, 7, 1))
    assert world.unit_a not in selectors.visible_units(world.admin, on=dt.date(2024, 1, 1))
