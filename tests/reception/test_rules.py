from __future__ import annotations

import datetime as dt

from tiepdan.reception import rules


def test_head_minimum_by_unit_kind_and_date():
    assert rules.head_minimum("province", dt.date(2026, 9, 1)).per == "month"
    assert rules.head_minimum("ward", dt.date(2026, 9, 1)).per == "week"
    assert rules.head_minimum("commune", dt.date(2026, 9, 1)).days == 1
    assert rules.head_minimum("special_zone", dt.date(2026, 9, 1)).per == "week"
    assert rules.head_minimum("provincial_department", dt.date(2026, 9, 1)).days == 1
    district = rules.head_minimum("district", dt.date(2024, 5, 1))
    assert district is not None and (district.days, district.per) == (2, "month")
    assert rules.head_minimum("district", dt.date(2025, 7, 1)) is None  # districts abolished
    assert rules.head_minimum("public_service_unit", dt.date(2026, 9, 1)) is None
    assert rules.head_minimum("ward", dt.date(2014, 6, 30)) is None  # before the law was in force


def test_periods_ending_in_follow_the_report_cut_offs():
    # Q1 2026 = 15/12/2025 – 14/03/2026: months ending 31/12, 31/01, 28/02 → 3 months.
    months = rules.periods_ending_in(dt.date(2025, 12, 15), dt.date(2026, 3, 14), "month")
    assert [end for _s, end in months] == [dt.date(2025, 12, 31), dt.date(2026, 1, 31), dt.date(2026, 2, 28)]
    weeks = rules.periods_ending_in(dt.date(2026, 9, 1), dt.date(2026, 9, 30), "week")
    # Sundays 06, 13, 20, 27 September.
    assert [end.day for _s, end in weeks] == [6, 13, 20, 27]


def test_required_days():
    assert rules.required_days("ward", dt.date(2026, 9, 1), dt.date(2026, 9, 30)) == 4
    assert rules.required_days("province", dt.date(2025, 12, 15), dt.date(2026, 3, 14)) == 3
    assert rules.required_days("district", dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == 12  # 6 months × 2
    # A ward created on 01/09/2026 owes nothing for weeks that ended before.
    assert rules.required_days("ward", dt.date(2026, 8, 1), dt.date(2026, 9, 30),
                               unit_valid=(dt.date(2026, 9, 1), None)) == 4  # fmt: skip


def test_compliance_warning_ahead_of_a_miss():
    monday = dt.date(2026, 9, 7)
    warning = rules.compliance_warning("ward", monday, [])
    assert warning is not None and "Tuần này chưa có lịch tiếp định kỳ" in warning.message
    assert rules.compliance_warning("ward", monday, [dt.date(2026, 9, 10)]) is None
    # A day in the previous week does not count for this one.
    assert rules.compliance_warning("ward", monday, [dt.date(2026, 9, 4)]) is not None
    month = rules.compliance_warning("province", monday, [])
    assert month is not None and month.message.startswith("Tháng này")
    assert rules.compliance_warning("public_service_unit", monday, []) is None


def test_representatives():
    assert rules.check_representatives(4, 0) is None
    assert rules.check_representatives(5, 0) is not None
    assert rules.check_representatives(5, 1) is None
    assert rules.check_representatives(10, 2) is None
    assert "tối đa 2" in rules.check_representatives(10, 3)
    assert rules.check_representatives(11, 5) is None
    assert "tối đa 5" in rules.check_representatives(30, 6)


def test_refusal_grounds_by_date():
    before = {g.code for g in rules.refusal_grounds_on(dt.date(2026, 6, 30))}
    after = {g.code for g in rules.refusal_grounds_on(dt.date(2026, 7, 1))}
    assert before == {"impaired", "threats", "resolved_correctly", "other_by_law"}
    assert {"weapons", "security_check", "recording", "inciting", "no_capacity", "outside_scope",
            "already_answered", "final_judgment", "handled_elsewhere", "impaired"} <= after  # fmt: skip
    assert "other_by_law" not in after
    assert rules.refusal_ground("weapons", dt.date(2026, 6, 30)) is None
    assert not rules.refusal_notice_required(dt.date(2026, 6, 30))
    assert rules.refusal_notice_required(dt.date(2026, 7, 1))


def test_outcome_checks():
    ok = {"petition_type": "complaint", "guided_to": "", "has_target_unit": False}
    assert rules.check_outcome(outcome="accept", within_competence=True, **ok) is None
    assert rules.check_outcome(outcome="accept", within_competence=False, **ok) is not None
    assert rules.check_outcome(outcome="guide", within_competence=False, **ok) is not None  # no body named
    assert rules.check_outcome(outcome="guide", within_competence=False, petition_type="complaint",
                               guided_to="Tòa án", has_target_unit=False) is None  # fmt: skip
    assert rules.check_outcome(outcome="forward_rec", within_competence=True, **ok) is not None
    assert rules.check_outcome(outcome="require_subordinate", within_competence=True, **ok) is not None
