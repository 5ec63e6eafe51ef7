from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.audit import verify_chain
from tiepdan.core.errors import DomainError
from tiepdan.core.models import AuditEvent
from tiepdan.orgs import selectors, services
from tiepdan.orgs.models import Membership, OrgUnit, Role, Succession, SuccessionKind, UnitKind

from ..factories import UserFactory, give_role, make_unit

D2020 = dt.date(2020, 1, 1)
REFORM = dt.date(2025, 7, 1)


def test_create_unit_sets_path_and_audits(world):
    unit = make_unit("Tổ 1", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=world.unit_a)
    assert unit.path == f"{world.unit_a.path}{unit.pk}/"
    assert unit.depth == 2
    event = AuditEvent.objects.filter(action="orgs.unit.create", object_id=str(unit.pk)).get()
    assert event.changes["name"] == [None, "Tổ 1"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "A"}, "đã được dùng"),
        ({"name": "  "}, "Tên đơn vị không được để trống"),
        ({"kind": "xyz"}, "không hợp lệ"),
        ({"valid_from": dt.date(2000, 1, 1)}, "nằm trong thời gian hiệu lực của đơn vị cấp trên"),
        ({"valid_from": dt.date(2026, 1, 2), "valid_to": dt.date(2026, 1, 1)}, "không được trước"),
    ],
)
def test_create_unit_refuses_bad_input_and_writes_nothing(world, kwargs, message):
    count, events = OrgUnit.objects.count(), AuditEvent.objects.count()
    args = {
        "code": "NEW",
        "name": "Phường Mới",
        "kind": UnitKind.WARD,
        "parent": world.province,
        "valid_from": REFORM,
    } | kwargs
    with pytest.raises(DomainError, match=message):
        services.create_unit(actor=None, **args)
    assert (OrgUnit.objects.count(), AuditEvent.objects.count()) == (count, events)


def test_move_refuses_a_cycle(world):
    child = make_unit("Tổ 1", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=world.unit_a)
    with pytest.raises(DomainError, match="vòng lặp"):
        services.move_unit(actor=None, unit=world.unit_a, new_parent=child)
    with pytest.raises(DomainError, match="vòng lặp"):
        services.move_unit(actor=None, unit=world.unit_a, new_parent=world.unit_a)
    world.unit_a.refresh_from_db()
    assert world.unit_a.parent == world.province


def test_move_rewrites_the_subtree_paths(world):
    child = make_unit("Tổ 1", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=world.unit_a)
    services.move_unit(actor=None, unit=world.unit_a, new_parent=world.unit_b)
    child.refresh_from_db()
    assert child.path.startswith(world.unit_b.path)
    assert list(selectors.subtree(world.unit_b)) == [world.unit_b, OrgUnit.objects.get(code="A"), child]


def test_merge_moves_staff_and_keeps_history(world):
    old1 = make_unit("Phường Cũ Một", parent=world.province, valid_from=D2020)
    old2 = make_unit("Phường Cũ Hai", parent=world.province, valid_from=D2020)
    officer = UserFactory(username="canbo_cu")
    give_role(officer, old1, Role.PETITION_HANDLER, valid_from=dt.date(2021, 3, 1))
    result = services.reorganize(
        actor=world.admin,
        kind=SuccessionKind.MERGE,
        predecessors=[old1, old2],
        successors=[services.NewUnit(code="NEW", name="Phường Hợp Nhất", kind=UnitKind.WARD, parent=world.province)],
        effective_on=dt.date(2026, 1, 1),
        legal_basis="Nghị quyết số 1/2025 (thử)",
    )
    new = result.successors[0]
    old1.refresh_from_db()
    assert old1.valid_to == dt.date(2025, 12, 31)
    assert new.valid_from == dt.date(2026, 1, 1)
    assert set(Succession.objects.filter(successor=new).values_list("predecessor__code", flat=True)) == {
        old1.code,
        old2.code,
    }
    # The officer's old membership ends, a new one starts at the successor.
    memberships = list(Membership.objects.filter(user=officer).order_by("valid_from"))
    assert [(m.unit.code, m.valid_from, m.valid_to) for m in memberships] == [
        (old1.code, dt.date(2021, 3, 1), dt.date(2025, 12, 31)),
        ("NEW", dt.date(2026, 1, 1), None),
    ]
    assert result.memberships_moved == 1
    # The tree as it stood on each side of the date.
    before = set(selectors.visible_units(world.admin, on=dt.date(2025, 12, 31)).values_list("code", flat=True))
    after = set(selectors.visible_units(world.admin, on=dt.date(2026, 1, 1)).values_list("code", flat=True))
    assert {old1.code, old2.code} <= before and "NEW" not in before
    assert "NEW" in after and not ({old1.code, old2.code} & after)
    assert verify_chain()[1] is None


def test_reorganize_refuses_a_successor_inside_a_predecessor(world):
    old = make_unit("Quận Cũ", kind=UnitKind.DISTRICT, parent=world.province, valid_from=D2020)
    with pytest.raises(DomainError, match="vòng lặp"):
        services.reorganize(
            actor=None,
            kind=SuccessionKind.RENAME,
            predecessors=[old],
            successors=[services.NewUnit(code="X", name="Phường X", kind=UnitKind.WARD, parent=old)],
            effective_on=dt.date(2026, 1, 1),
            legal_basis="Thử",
        )
    assert not OrgUnit.objects.filter(code="X").exists()
    old.refresh_from_db()
    assert old.valid_to is None


def test_reorganize_refuses_open_children_and_closed_units(world):
    district = make_unit("Quận Cũ", kind=UnitKind.DISTRICT, parent=world.province, valid_from=D2020)
    make_unit("Phường Con", parent=district, valid_from=D2020)
    with pytest.raises(DomainError, match="còn đơn vị trực thuộc"):
        services.reorganize(
            actor=None,
            kind=SuccessionKind.RENAME,
            predecessors=[district],
            successors=[world.province],
            effective_on=dt.date(2026, 1, 1),
            legal_basis="Thử",
        )
    closed = make_unit("Phường Đã Đóng", parent=world.province, valid_from=D2020, valid_to=dt.date(2024, 1, 1))
    with pytest.raises(DomainError, match="không còn hiệu lực"):
        services.reorganize(
            actor=None,
            kind=SuccessionKind.RENAME,
            predecessors=[closed],
            successors=[world.unit_a],
            effective_on=dt.date(2026, 1, 1),
            legal_basis="Thử",
        )


def test_reorganize_needs_a_legal_basis(world):
    old = make_unit("Phường Cũ", parent=world.province, valid_from=D2020)
    with pytest.raises(DomainError, match="căn cứ pháp lý"):
        services.reorganize(
            actor=None,
            kind=SuccessionKind.RENAME,
            predecessors=[old],
            successors=[world.unit_a],
            effective_on=dt.date(2026, 1, 1),
            legal_basis=" ",
        )


def test_membership_outside_unit_validity_is_refused(world):
    user = UserFactory(username="moi")
    with pytest.raises(DomainError, match="chỉ có hiệu lực từ 01/07/2025"):
        services.add_membership(
            actor=None, user=user, unit=world.unit_a, role=Role.PETITION_HANDLER, valid_from=dt.date(2024, 1, 1)
        )
    with pytest.raises(DomainError, match="không hợp lệ"):
        services.add_membership(actor=None, user=user, unit=world.unit_a, role="boss", valid_from=REFORM)
    assert not Membership.objects.filter(user=user).exists()
