"""Freeze, approve, submit: who may do what, the parent's view of its children, and a frozen report that never
changes when the data changes later."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.reports import selectors, services
from tiepdan.reports.models import ReportSnapshot, SnapshotStatus

from .fixtures import build, petition

pytestmark = pytest.mark.django_db


def test_freeze_approve_submit_and_the_parent_sees_submitted_and_missing(world):
    build(world)
    snap = services.freeze_report(actor=world.statistician, form_code="02/XLD", unit=world.unit_a,
                                  period_text="2026-Q2")  # fmt: skip
    assert snap.status == SnapshotStatus.FROZEN and snap.data["total"]["total"] == 8
    with pytest.raises(DomainError, match="phải được thủ trưởng đơn vị duyệt"):
        services.submit_report(actor=world.statistician, snapshot=snap)
    with pytest.raises(DomainError, match="Chỉ thủ trưởng"):
        services.approve_report(actor=world.statistician, snapshot=snap)
    services.approve_report(actor=world.head, snapshot=snap)
    with pytest.raises(DomainError, match="Chỉ duyệt được"):
        services.approve_report(actor=world.head, snapshot=snap)
    with pytest.raises(DomainError, match="đã được duyệt, không thể hủy"):
        services.discard_freeze(actor=world.statistician, snapshot=snap, reason="sai")
    snap = services.submit_report(actor=world.statistician, snapshot=snap)
    assert snap.status == SnapshotStatus.SUBMITTED and snap.submitted_to == world.province
    actions = list(AuditEvent.objects.filter(action__startswith="reports.").values_list("action", flat=True))
    assert actions == ["reports.freeze", "reports.approve", "reports.submit"]

    period = selectors.parse_period("2026-Q2")
    statuses = selectors.submission_status(user=world.statistician_p, unit=world.province, form_code="02/XLD",
                                           period=period)  # fmt: skip
    assert [(s.unit.code, s.submitted) for s in statuses] == [("A", True), ("B", False)]
    # Another form or period: nobody submitted.
    statuses = selectors.submission_status(user=world.statistician_p, unit=world.province, form_code="03/GQKN",
                                           period=period)  # fmt: skip
    assert not any(s.submitted for s in statuses)


def test_frozen_report_never_changes_when_data_changes(world):
    built = build(world)
    snap = services.freeze_report(actor=world.statistician, form_code="02/XLD", unit=world.unit_a,
                                  period_text="2026-Q2")  # fmt: skip
    frozen = dict(snap.data["total"])
    # Later: a late-registered petition of the period, and a correction of a counted one.
    petition(world.unit_a, "complaint", dt.date(2026, 4, 3))
    p1 = built.petitions["p1"]
    p1.eligible = False
    p1.save(update_fields=["eligible"])
    live = selectors.compute(user=None, form_code="02/XLD", unit_code="A", period_text="2026-Q2").as_dict()
    assert live["total"]["total"] == 9 and live["total"]["eligible"] == 3
    snap.refresh_from_db()
    assert snap.data["total"] == frozen
    assert snap.data["total"]["total"] == 8 and snap.data["total"]["eligible"] == 4
    # Freezing the same report again is refused while the first one stands.
    with pytest.raises(DomainError, match="đã được chốt"):
        services.freeze_report(actor=world.statistician, form_code="02/XLD", unit=world.unit_a, period_text="2026-Q2")
    assert ReportSnapshot.objects.count() == 1


def test_discard_then_freeze_again_takes_the_new_figures(world):
    build(world)
    snap = services.freeze_report(actor=world.statistician, form_code="04/GQTC", unit=world.unit_a,
                                  period_text="2026-Q2")  # fmt: skip
    with pytest.raises(DomainError, match="lý do"):
        services.discard_freeze(actor=world.statistician, snapshot=snap, reason=" ")
    services.discard_freeze(actor=world.statistician, snapshot=snap, reason="Bổ sung hồ sơ")
    assert not ReportSnapshot.objects.exists()
    again = services.freeze_report(actor=world.statistician, form_code="04/GQTC", unit=world.unit_a,
                                   period_text="2026-Q2")  # fmt: skip
    assert again.data["total"]["cases"] == 3


@pytest.mark.parametrize("persona", ["handler", "head", "reception"])
def test_only_the_units_statistician_freezes(world, persona):
    with pytest.raises(DomainError, match="Chỉ cán bộ thống kê"):
        services.freeze_report(actor=world.users[persona], form_code="02/XLD", unit=world.unit_a,
                               period_text="2026-Q2")  # fmt: skip
    assert not ReportSnapshot.objects.exists()


def test_statistician_of_the_parent_cannot_freeze_for_a_child_and_outsider_gets_404(world):
    with pytest.raises(DomainError, match="Chỉ cán bộ thống kê"):
        services.freeze_report(actor=world.statistician_p, form_code="02/XLD", unit=world.unit_a,
                               period_text="2026-Q2")  # fmt: skip
    with pytest.raises(NotFoundError):
        services.freeze_report(actor=world.outsider, form_code="02/XLD", unit=world.unit_a, period_text="2026-Q2")


def test_scoped_compute(world):
    build(world)
    with pytest.raises(NotFoundError):
        selectors.compute(user=world.outsider, form_code="02/XLD", unit_code="P", period_text="2026-Q2")
    with pytest.raises(NotFoundError):  # a handler of A does not see the province's subtree
        selectors.compute(user=world.handler, form_code="02/XLD", unit_code="P", period_text="2026-Q2")
    report = selectors.compute(user=world.handler, form_code="02/XLD", unit_code="A", period_text="2026-Q2")
    assert report.result.total["total"] == 8
