from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.orgs.models import UnitKind
from tiepdan.people import selectors, services
from tiepdan.people.models import Person, ProtectedIdentity

from ..factories import make_unit


def person(world, name="Nguyễn Văn A", unit=None, **kw):
    return services.create_person(actor=world.reception, owner_unit=unit or world.unit_a, full_name=name, **kw)


def test_create_person_normalises_and_audits(world):
    p = person(world, id_number="001 090 012345", date_of_birth=dt.date(1990, 3, 4), phone="+84912345678")
    assert p.id_type == "cccd" and p.id_number == "001090012345"
    assert p.phone == "0912345678"
    assert p.name_folded == "nguyen van a"
    assert AuditEvent.objects.filter(action="people.person.create", object_id=str(p.pk)).count() == 1


def test_create_person_rejects_bad_input_and_writes_nothing(world):
    with pytest.raises(DomainError, match="không khớp với năm sinh"):
        person(world, id_number="001090012345", date_of_birth=dt.date(1985, 1, 1))
    with pytest.raises(DomainError, match="tương lai"):
        person(world, date_of_birth=dt.date.today() + dt.timedelta(days=2))
    assert not Person.objects.exists()


def test_create_person_outside_scope_is_not_found(world):
    with pytest.raises(NotFoundError):
        services.create_person(actor=world.outsider, owner_unit=world.unit_a, full_name="X")


def test_address_units_as_they_stood(world):
    old_commune = make_unit(
        "Xã Cũ",
        kind=UnitKind.COMMUNE,
        parent=world.province,
        valid_from=dt.date(2008, 8, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    p = person(world, province=world.province, commune=old_commune, address="Thôn 1",
               address_recorded_on=dt.date(2024, 5, 1))  # fmt: skip
    assert p.commune == old_commune
    with pytest.raises(DomainError, match="không tồn tại vào ngày"):
        person(world, commune=old_commune, address_recorded_on=dt.date(2025, 8, 1))
    with pytest.raises(DomainError, match="không thuộc"):
        person(world, province=world.province, commune=world.unit_c)
    with pytest.raises(DomainError, match="cấp tỉnh"):
        person(world, province=world.unit_a)


@pytest.mark.parametrize("query", ["nguyen van a", "Nguyễn Văn A", "NGUYEN", "văn a", "nguyễn  van"])
def test_search_is_accent_insensitive(world, query):
    a = person(world)
    person(world, name="Trần Thị Bình")
    assert list(selectors.search_people(world.handler, query)) == [a]


def test_search_by_id_number_is_exact(world):
    a = person(world, id_number="001090012345")
    person(world, name="Khác", id_number="001090012346")
    assert list(selectors.search_people(world.handler, "001 090 012345")) == [a]
    assert list(selectors.search_people(world.handler, "00109001234")) == []


def test_search_is_scoped(world):
    person(world)
    assert selectors.search_people(world.handler_b, "nguyen").count() == 0
    assert selectors.search_people(world.outsider, "").count() == 0
    assert selectors.search_people(world.statistician_p, "nguyen").count() == 1


def test_merge_keeps_history_and_hides_duplicate(world):
    keep = person(world)
    dup = person(world, name="Nguyen Van A")
    identity = services.create_protected_identity(
        actor=world.vault, unit=world.unit_a, full_name="Nguyễn Văn A", person=dup
    )
    moved = services.merge_people(actor=world.head, keep=keep, duplicate=dup, reason="Trùng hồ sơ")
    # The vault link moves, but its count is not reported: it would reveal that the citizen is a denouncer.
    assert "people.protected_identity" not in moved
    assert "protected_identity" not in str(AuditEvent.objects.filter(action="people.person.merge").get().changes)
    dup.refresh_from_db()
    identity.refresh_from_db()
    assert dup.merged_into == keep and identity.person == keep
    assert list(selectors.search_people(world.handler, "nguyen van a")) == [keep]
    with pytest.raises(NotFoundError):
        selectors.get_person(world.handler, dup.pk)
    assert selectors.get_person(world.handler, dup.pk, include_merged=True) == dup
    event = AuditEvent.objects.get(action="people.person.merge")
    assert event.reason == "Trùng hồ sơ" and event.changes["merged_into"] == [None, keep.pk]


def test_merge_requires_head_or_admin_and_a_reason(world):
    keep, dup = person(world), person(world)
    with pytest.raises(DomainError, match="Chỉ thủ trưởng"):
        services.merge_people(actor=world.handler, keep=keep, duplicate=dup, reason="x")
    with pytest.raises(DomainError, match="lý do"):
        services.merge_people(actor=world.head, keep=keep, duplicate=dup, reason=" ")
    with pytest.raises(DomainError, match="chính nó"):
        services.merge_people(actor=world.admin, keep=keep, duplicate=keep, reason="x")
    services.merge_people(actor=world.admin, keep=keep, duplicate=dup, reason="x")
    with pytest.raises(DomainError, match="đã được gộp"):
        services.merge_people(actor=world.admin, keep=keep, duplicate=dup, reason="x")
    assert ProtectedIdentity.objects.count() == 0


def test_merge_calls_registered_movers(world):
    calls = []

    def mover(*, actor, keep, duplicate):
        calls.append((keep.pk, duplicate.pk))
        return 7

    keep, dup = person(world), person(world)
    services.PERSON_REFERENCE_MOVERS.append(("test.mover", mover))
    try:
        moved = services.merge_people(actor=world.head, keep=keep, duplicate=dup, reason="x")
    finally:
        services.PERSON_REFERENCE_MOVERS.remove(("test.mover", mover))
    assert calls == [(keep.pk, dup.pk)] and moved["test.mover"] == 7
