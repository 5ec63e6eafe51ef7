"""The head-of-unit scorecard: built-in measures against the hand-counted fixture, and any registered measure."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.cases import services as case_services
from tiepdan.reports import scorecard

from ..cases.test_services import proposed_case
from .test_dashboard import fixture  # noqa: F401

pytestmark = pytest.mark.django_db
FROM, TO = dt.date(2025, 12, 15), dt.date(2026, 12, 14)


def test_case_and_petition_on_time_per_unit(world, fixture):  # noqa: F811
    ids = [world.unit_a.pk, world.unit_b.pk]
    cases = scorecard.case_resolution_on_time(unit_ids=ids, date_from=FROM, date_to=TO)
    assert cases == {world.unit_a.pk: (1, 3)}  # on time 1 / (resolved 2 + fell due unresolved 1)
    petitions = scorecard.petition_processing_on_time(unit_ids=ids, date_from=FROM, date_to=TO)
    assert petitions == {world.unit_a.pk: (4, 5), world.unit_b.pk: (0, 1)}


def test_enforcement_of_effective_complaint_decisions(world, fixture):  # noqa: F811
    first, second = fixture[0], fixture[1]
    for case, enforce in ((first, True), (second, False)):
        case = case_services.transition(actor=world.head, case=case, action="send_decision", on=dt.date(2026, 4, 21))
        case = case_services.transition(actor=world.head, case=case, action="become_effective",
                                        on=dt.date(2026, 5, 25))  # fmt: skip
        if enforce:
            case_services.transition(actor=world.head, case=case, action="start_enforcement", on=dt.date(2026, 5, 26))
    # issue_decision via transition records no CaseDecision; the measure counts decisions by their issue date.
    from tiepdan.cases.models import CaseDecision

    for case, day in ((first, dt.date(2026, 4, 1)), (second, dt.date(2026, 4, 20))):
        CaseDecision.objects.create(case=case, number=f"{case.pk}/QĐ", issued_on=day, result="right", summary="x")
    result = scorecard.decision_enforcement(unit_ids=[world.unit_a.pk], date_from=FROM, date_to=TO)
    assert result == {world.unit_a.pk: (1, 2)}
    # A decision outside the period does not count.
    assert scorecard.decision_enforcement(unit_ids=[world.unit_a.pk], date_from=dt.date(2026, 6, 1),
                                          date_to=TO) == {}  # fmt: skip


def test_a_registered_measure_is_rendered_and_heads_are_named(world, fixture, client):  # noqa: F811
    calls = []

    def reception_days(*, unit_ids, date_from, date_to):
        calls.append((sorted(unit_ids), date_from, date_to))
        return {world.unit_a.pk: (2, 12)}

    scorecard.register_measure("reception_days_test", "Tiếp công dân định kỳ (thử)", reception_days, order=10)
    try:
        client.force_login(world.statistician_p)
        page = client.get("/tong-quan/?year=2026").content.decode()
        assert "Tiếp công dân định kỳ (thử)" in page and "16,7%" in page and "(2/12)" in page
        assert calls == [(sorted([world.province.pk, world.unit_a.pk, world.unit_b.pk]), FROM, TO)]
        assert world.head.get_full_name() in page  # the head of A is named on A's row
        columns, rows = scorecard.scorecard([world.unit_a], date_from=FROM, date_to=TO)
        position = [c.key for c in columns].index("reception_days_test")
        assert rows[0].cells[position].rate == pytest.approx(16.7)
    finally:
        scorecard.unregister_measure("reception_days_test")
    assert "reception_days_test" not in [m.key for m in scorecard.measures()]


def test_scorecard_query_count_is_one_plus_one_per_measure(world, django_assert_num_queries):
    proposed_case(world)
    units = [world.province, world.unit_a, world.unit_b]
    # One for the heads, one per measure, and one more for the reception measure (the unit kinds decide the
    # legal minimum, then the sessions held) — none of them grows with the number of units.
    assert "reception_days" in [m.key for m in scorecard.measures()]
    with django_assert_num_queries(2 + len(scorecard.measures())):
        scorecard.scorecard(units, date_from=FROM, date_to=TO)


def test_the_dashboard_counts_give_the_measures_own_ratios(world, fixture):  # noqa: F811
    """The dashboard page hands its own per-unit counts to the scorecard instead of counting again: they must
    be the very ratios the two on-time measures compute."""
    from tiepdan.reports import dashboard

    board = dashboard.build(world.statistician_p, world.province, dashboard.year_period(2026))
    known = dashboard.scorecard_ratios(board)
    ids = [world.province.pk, world.unit_a.pk, world.unit_b.pk]

    def judged(ratios):
        return {unit_id: ratio for unit_id, ratio in ratios.items() if ratio[1]}

    assert known["case_on_time"] == judged(scorecard.case_resolution_on_time(unit_ids=ids, date_from=FROM, date_to=TO))
    assert known["petition_on_time"] == judged(
        scorecard.petition_processing_on_time(unit_ids=ids, date_from=FROM, date_to=TO)
    )
    assert known["case_on_time"] == {world.unit_a.pk: (1, 3)}
    _columns, rows = scorecard.scorecard([world.unit_a], date_from=FROM, date_to=TO, known=known)
    _columns, counted = scorecard.scorecard([world.unit_a], date_from=FROM, date_to=TO)
    assert [c.rate for c in rows[0].cells] == [c.rate for c in counted[0].cells]
