"""01/TCD figures and periodic-reception compliance against hand-counted fixtures."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Petition
from tiepdan.reception import selectors, services

from .conftest import citizen, record

pytestmark = pytest.mark.django_db
SEPT = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def _session(world, on, kind="periodic"):
    return services.plan_session(
        actor=world.head, unit=world.unit_a, kind=kind, on=on, start_time=dt.time(8), end_time=dt.time(11),
        venue="Trụ sở", host=world.head, host_name="", host_title="Chủ tịch UBND phường",
    )  # fmt: skip


@pytest.fixture
def september(world):
    # 1. Regular desk, one citizen, first time, accepted.
    v1 = record(world, received_on=dt.date(2026, 9, 7))
    petition_services.resolve_duplicate(actor=world.handler, petition=v1.petition, decision="new")
    case_x = Petition.objects.get(pk=v1.petition.pk).case
    # 2. Regular desk, a delegation of 8 (two named, one representative), first time.
    record(
        world,
        received_on=dt.date(2026, 9, 8),
        outcome="explain",
        persons_count=8,
        summary="Đoàn 8 người",
        people=[citizen("Đại diện", "001085000001", is_representative=True), citizen("Thành viên", "001085000002")],
    )
    # 3. and 4. At the head's periodic session of 10/09: a recommendation (first) and a repeat on case X.
    s10 = _session(world, dt.date(2026, 9, 10))
    record(
        world,
        received_on=dt.date(2026, 9, 10),
        session=s10,
        type="rec_feedback",
        outcome="forward_rec",
        summary="Phản ánh đèn đường",
    )
    record(world, received_on=dt.date(2026, 9, 10), session=s10, outcome="explain", case=case_x)
    # 5. Regular desk, a delegation of 6 on case X again (repeat).
    record(
        world,
        received_on=dt.date(2026, 9, 11),
        outcome="explain",
        case=case_x,
        persons_count=6,
        people=[citizen("Người đại diện 2", "001085000003", is_representative=True)],
    )
    # Outside the range: 01/10/2026.
    record(world, received_on=dt.date(2026, 10, 1), summary="Tháng sau")
    # Unit B: one visit.
    record(
        world,
        actor=world.handler_b,
        unit=world.unit_b,
        received_on=dt.date(2026, 9, 9),
        summary="Ở B",
        people=[citizen("Công dân B", "001185000009")],
    )
    # Sessions: 17/09 held (closed), an unscheduled one the same day, 24/09 still planned, 03/09 cancelled.
    s17 = _session(world, dt.date(2026, 9, 17))
    services.close_session(actor=world.head, session=s17, conclusions="Kết luận")
    _session(world, dt.date(2026, 9, 17), kind="unscheduled")
    _session(world, dt.date(2026, 9, 24))
    s03 = _session(world, dt.date(2026, 9, 3))
    services.cancel_session(actor=world.head, session=s03, reason="Họp đột xuất")  # fmt: skip
    return case_x


def test_tcd01_counts_hand_counted(world, september):
    counts = selectors.tcd01_counts(unit_ids=[world.unit_a.pk, world.unit_b.pk, world.unit_c.pk],
                                    date_from=SEPT[0], date_to=SEPT[1])  # fmt: skip
    a = counts[world.unit_a.pk]
    assert {k: a[k] for k in selectors.TCD01_KEYS} == {
        "visits": 5, "persons": 17, "cases_first": 3, "cases_repeat": 1,
        "delegations": 2, "delegation_persons": 14, "delegation_cases": 2,
    }  # fmt: skip
    assert {k: a["regular_" + k] for k in selectors.TCD01_KEYS} == {
        "visits": 3, "persons": 15, "cases_first": 2, "cases_repeat": 1,
        "delegations": 2, "delegation_persons": 14, "delegation_cases": 2,
    }  # fmt: skip
    assert {k: a["head_" + k] for k in selectors.TCD01_KEYS} == {
        "visits": 2, "persons": 2, "cases_first": 1, "cases_repeat": 1,
        "delegations": 0, "delegation_persons": 0, "delegation_cases": 0,
    }  # fmt: skip
    b = counts[world.unit_b.pk]
    assert (b["visits"], b["persons"], b["cases_first"], b["regular_visits"], b["head_visits"]) == (1, 1, 1, 1, 0)
    assert set(counts[world.unit_c.pk].values()) == {0}
    # The range includes both ends: 01/10 alone is one visit.
    october = selectors.tcd01_counts(unit_ids=[world.unit_a.pk], date_from=dt.date(2026, 10, 1),
                                     date_to=dt.date(2026, 10, 1))  # fmt: skip
    assert october[world.unit_a.pk]["visits"] == 1


def test_periodic_reception_compliance_hand_counted(world, september):
    result = selectors.periodic_reception_compliance(
        unit_ids=[world.unit_a.pk, world.unit_b.pk, world.province.pk], date_from=SEPT[0], date_to=SEPT[1]
    )
    # A (ward, 1 day/week): held 10/09 and 17/09 (24/09 only planned, 03/09 cancelled, the unscheduled one is
    # not periodic); weeks ending 06, 13, 20, 27 September → 4 required.
    assert result[world.unit_a.pk] == (2, 4)
    assert result[world.unit_b.pk] == (0, 4)
    assert result[world.province.pk] == (0, 1)  # provincial chairman: the month ending 30/09


def test_periodic_warnings_for_head_and_reception_staff(world):
    monday = dt.date(2026, 9, 7)
    warnings = selectors.periodic_warnings(world.head, on=monday)
    assert [w.unit for w in warnings] == [world.unit_a]
    assert "Tuần này chưa có lịch tiếp định kỳ" in warnings[0].warning.message
    assert selectors.periodic_warnings(world.reception, on=monday)
    assert selectors.periodic_warnings(world.handler, on=monday) == []  # not their schedule
    _session(world, dt.date(2026, 9, 11))
    assert selectors.periodic_warnings(world.head, on=monday) == []


def test_public_schedule_lists_planned_sessions_and_regular_days(world):
    services.create_regular_schedule(
        actor=world.reception, unit=world.unit_a, weekdays=[1, 3], start_time=dt.time(8), end_time=dt.time(11),
        venue="Phòng tiếp dân", valid_from=dt.date(2026, 1, 1),
    )  # fmt: skip
    _session(world, dt.date(2026, 9, 10))
    listed = selectors.public_schedule(on=dt.date(2026, 9, 1))
    assert [entry.unit for entry in listed] == [world.unit_a]
    assert len(listed[0].regular) == 1 and len(listed[0].sessions) == 1
    assert selectors.public_schedule(on=dt.date(2026, 9, 11))[0].sessions == []
