"""Oversight flags and due state (`cases.backlog`): the query and the loaded-case forms agree, flag by flag."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.cases import backlog
from tiepdan.cases.models import Case

from .test_services import proposed_case, step

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 11, 23)


@pytest.fixture
def cases(world):
    prolonged = step(world, proposed_case(world), "accept", dt.date(2025, 9, 8))
    complex_ = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", dt.date(2026, 11, 20),
                    complexity_criteria=["foreign"])  # fmt: skip
    pending = proposed_case(world, "denunciation", "TC.TN")
    pending.mass_delegation, pending.bypasses_level, pending.assigned_by = True, True, "Ban Thường vụ Tỉnh ủy"
    pending.save()
    return [prolonged, complex_, pending]


def test_each_flag_selects_the_cases_whose_loaded_flags_name_it(world, cases):
    for key, label in backlog.FLAG_LABELS.items():
        selected = set(Case.objects.filter(backlog.flag_q(key, on=ON)).values_list("pk", flat=True))
        named = {c.pk for c in Case.objects.all() if str(label) in backlog.case_flags(c, on=ON)}
        assert selected == named, key
    prolonged, complex_, pending = cases
    assert backlog.case_flags(prolonged, on=ON) == ["Kéo dài"]
    assert backlog.case_flags(complex_, on=ON) == ["Phức tạp"]
    assert backlog.case_flags(pending, on=ON) == ["Đoàn đông người", "Vượt cấp", "Cấp trên giao, chỉ đạo"]
    assert Case.objects.filter(backlog.flag_q("bogus", on=ON)).count() == 0


def test_prolonged_follows_the_configured_period(world, cases, settings):
    prolonged, complex_, _ = cases
    settings.TIEPDAN_PROLONGED_DAYS = 2
    assert backlog.is_prolonged(complex_, on=ON)  # accepted three days before ON
    settings.TIEPDAN_PROLONGED_DAYS = 3650
    assert not backlog.is_prolonged(prolonged, on=ON)
    assert backlog.is_prolonged(prolonged, on=ON, prolonged_after=30)


def test_flagged_lists_open_cases_with_a_standing_flag(world, cases):
    _, complex_, pending = cases
    assert {c.pk for c in backlog.flagged(world.head, on=ON)} == {complex_.pk, pending.pk}


def test_due_state_of_a_case(world, cases):
    prolonged, complex_, pending = cases
    assert backlog.is_overdue(prolonged, on=ON) and backlog.due_label(prolonged, on=ON) == "Quá hạn"
    assert not backlog.is_overdue(complex_, on=ON) and backlog.due_label(complex_, on=ON) == "Còn hạn"
    assert backlog.due_label(pending, on=ON) == ""  # no resolution limit before acceptance
