"""Report selectors: the due date of a unit's periodic report (`DueDates`), the most specific rule in force."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.orgs.models import UnitKind
from tiepdan.reports import periods
from tiepdan.reports.models import ReportDueRule
from tiepdan.reports.selectors import DueDates

pytestmark = pytest.mark.django_db


def rule(days: int, *, unit_kind: str = "", period_kind: str = "", since: str = "2025-01-01", until=None):
    return ReportDueRule.objects.create(
        unit_kind=unit_kind, period_kind=period_kind, days_after_cutoff=days, legal_source="Quy chế",
        valid_from=dt.date.fromisoformat(since), valid_to=until,
    )  # fmt: skip


def test_no_rule_no_due_date(world):
    assert DueDates(periods.quarter(2026, 2)).due_on(world.unit_a) is None


def test_the_most_specific_rule_in_force_applies(world):
    q2, year = periods.quarter(2026, 2), periods.whole_year(2026)
    rule(10)
    assert DueDates(q2).due_on(world.unit_a) == dt.date(2026, 6, 24)  # any unit, any period: 14/06 + 10
    rule(5, period_kind="year")
    assert DueDates(year).due_on(world.unit_a) == dt.date(2026, 12, 19)  # the year's own rule
    assert DueDates(q2).due_on(world.unit_a) == dt.date(2026, 6, 24)
    rule(2, unit_kind=UnitKind.WARD)
    assert DueDates(q2).due_on(world.unit_a) == dt.date(2026, 6, 16)  # the ward's rule beats "any unit"
    assert DueDates(q2).due_on(world.province) == dt.date(2026, 6, 24)
    rule(4, unit_kind=UnitKind.WARD, since="2026-07-01")  # a newer rule, not yet in force on 14/06
    assert DueDates(q2).due_on(world.unit_a) == dt.date(2026, 6, 16)
    assert DueDates(periods.quarter(2026, 3)).due_on(world.unit_a) == dt.date(2026, 9, 18)


def test_a_range_chosen_by_hand_has_no_due_date(world):
    rule(10)
    span = periods.parse("2026-01-01:2026-06-30")
    assert span.kind == "range" and DueDates(span).due_on(world.unit_a) is None
