"""Dashboard selectors against a hand-counted fixture (units A and B under P, C elsewhere), the period rules,
the scope and a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tiepdan.cases import services as case_services
from tiepdan.core.errors import DomainError
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.petitions.services import PetitionerInput
from tiepdan.reports import dashboard as d

from ..cases.test_services import proposed_case
from ..factories import make_unit
from ..petitions.conftest import register

pytestmark = pytest.mark.django_db
YEAR = d.year_period(2026)
ON = dt.date(2026, 11, 23)  # "today" for the derived states


def step(world, case, action, on, **kw):
    return case_services.transition(actor=world.head, case=case, action=action, on=on, **kw)


@pytest.fixture
def fixture(world):
    """Hand count (year 2026 = 15/12/2025 – 14/12/2026, today 23/11/2026):

    unit A — complaint 1: received 02/03, proposed 02/03 (processed on time), accepted 09/03 (due 08/04),
             decision 01/04 → resolved on time.
           — complaint 2: same, accepted 09/03, decision 20/04 → resolved late.
           — complaint 3: same, accepted 09/03, still running → fell due 08/04 unresolved (missed, overdue today).
           — complaint 4: received 02/03, never processed (due 16/03) → open, overdue today.
           — denunciation 5: received 02/03, proposed 02/03 (case pending acceptance: no resolution limit).
    unit B — recommendation 6: received 05/03, open, overdue today.
    unit C (other province) — complaint 7: must never be counted.
    """
    cases = [proposed_case(world) for _ in range(3)]
    for case in cases:
        step(world, case, "accept", dt.date(2026, 3, 9))
    for case, decided in ((cases[0], dt.date(2026, 4, 1)), (cases[1], dt.date(2026, 4, 20))):
        case = step(world, case, "start_verification", dt.date(2026, 3, 10))
        step(world, case, "issue_decision", decided)
    register(world)
    proposed_case(world, "denunciation", "TC.HC.CC")
    register(world, actor=world.handler_b, unit=world.unit_b, type="rec_feedback", received_on=dt.date(2026, 3, 5),
             summary="Kiến nghị sửa đường ngõ 5", content="")  # fmt: skip
    outsider_unit = world.unit_c
    register(world, actor=world.outsider, unit=outsider_unit)
    return cases


def build(world, user, unit=None, period=YEAR):
    return d.build(user, unit or world.province, period, on=ON)


def test_totals_by_type_and_by_unit_match_the_hand_count(world, fixture):
    board = build(world, world.statistician_p)
    t = board.total.counts
    assert t["p_received"] == 6  # 5 in A, 1 in B; C is outside
    assert t["p_processed"] == 4 and t["p_on_time"] == 4 and t["p_late"] == 0
    assert t["p_pending"] == 2 and t["p_missed"] == 2
    assert t["p_open"] == 2 and t["p_overdue"] == 2
    assert t["c_accepted"] == 3 and t["c_resolved"] == 2 and t["c_on_time"] == 1 and t["c_late"] == 1
    assert t["c_missed"] == 1 and t["c_open"] == 1 and t["c_overdue"] == 1
    assert board.total.case_rate == pytest.approx(33.3)  # 1 / (2 + 1)
    assert board.total.petition_rate == pytest.approx(66.7)  # 4 / (4 + 2)
    by_type = {r.key: r.counts for r in board.by_type}
    assert by_type["complaint"]["p_received"] == 4 and by_type["denunciation"]["p_received"] == 1
    assert by_type["rec_feedback"]["p_received"] == 1 and by_type["complaint"]["c_resolved"] == 2
    rows = {r.label: r.counts for r in board.by_unit}
    assert set(rows) == {"Phường An Bình", "Phường Bình Minh"}
    assert rows["Phường An Bình"]["p_received"] == 5 and rows["Phường Bình Minh"]["p_received"] == 1
    assert rows["Phường An Bình"]["c_on_time"] == 1 and rows["Phường Bình Minh"]["c_resolved"] == 0
    communes = {r.label: r.counts["p_overdue"] for r in board.by_commune}
    assert communes == {"Phường An Bình": 1, "Phường Bình Minh": 1}


def test_by_subject_field_rolls_up_to_the_second_level(world, fixture):
    board = build(world, world.statistician_p)
    rows = {r.key: r for r in board.by_field}
    land = rows["complaint:KN.HC.DD"]
    assert land.label == "Khiếu nại — Đất đai, nhà cửa"
    assert land.counts["p_received"] == 3 and land.counts["c_resolved"] == 2 and land.counts["c_missed"] == 1
    assert rows["complaint:"].counts["p_received"] == 1  # complaint 4 was never classified
    assert rows["denunciation:TC.HC.CC"].counts["p_received"] == 1


def test_trend_is_by_report_month(world, fixture):
    board = build(world, world.statistician_p)
    assert [t["label"] for t in board.trend][:4] == ["T1/2026", "T2/2026", "T3/2026", "T4/2026"]
    by_label = {t["label"]: t for t in board.trend}
    # 02/03 and 05/03 fall in report month 3 (15/02 – 14/03); acceptances 09/03 too; decisions 01/04 and
    # 20/04 in months 4 (15/03 – 14/04) and 5.
    assert by_label["T3/2026"]["p_received"] == 6 and by_label["T3/2026"]["c_accepted"] == 3
    assert by_label["T4/2026"]["c_resolved"] == 1 and by_label["T5/2026"]["c_resolved"] == 1
    assert len(board.trend) == 12


def test_lists_never_show_a_petitioner_or_a_denunciation_summary(world, fixture):
    register(world, type="denunciation", summary="Tố cáo ông Lê Văn Bí mật nhận hối lộ",
             petitioners=[PetitionerInput(full_name="Người Tố Cáo Thật", id_number="001085099999")])  # fmt: skip
    board = build(world, world.statistician_p)
    text = repr(board)
    assert "Người Tố Cáo Thật" not in text and "001085099999" not in text and "Bí mật" not in text
    assert "Nguyễn Văn An" not in text  # not even a complainant: the dashboard lists no people
    codes = [i["code"] for i in board.overdue_petitions]
    assert len(codes) == 3 and all(not c.startswith("C-") for c in codes)  # complaint 4, the new one, B's
    hidden = [i for i in board.overdue_petitions if i["type"] == "Tố cáo"]
    assert hidden[0]["about"] == "Nội dung tố cáo (xem trong hồ sơ)"
    assert [c["code"] for c in board.overdue_cases] == [fixture[2].code]


def test_flags_count_open_complex_prolonged_and_mass_cases(world, fixture):
    case = fixture[2]
    case.complexity_criteria = ["multi_site", "foreign"]
    case.mass_delegation = True
    case.accepted_on = dt.date(2025, 1, 1)
    case.save()
    board = build(world, world.statistician_p)
    # Open as the backlog counts it (cases.backlog): any state but not started / refused / terminated / closed:
    # the three complaints (two decided, one accepted) and the denunciation waiting for acceptance.
    assert board.flags == {"k_open": 4, "k_complex": 1, "k_prolonged": 1, "k_mass": 1}
    assert board.flagged_cases[0]["tags"] == ["Đặc biệt phức tạp", "Kéo dài", "Đông người"]


def test_a_sibling_or_outsider_sees_nothing_of_another_subtree(world, fixture):
    board = build(world, world.leader, world.unit_a)
    assert board.total.counts["p_received"] == 5 and board.by_unit[0].label == "Tại Phường An Bình (trực tiếp)"
    # The leader of A asking for the province gets only what their scope holds (A).
    assert build(world, world.leader).total.counts["p_received"] == 5
    assert build(world, world.outsider).total.counts["p_received"] == 0
    with pytest.raises(d.NotFoundError):
        d.get_unit(world.leader, "B")
    with pytest.raises(d.NotFoundError):
        d.get_unit(world.statistician_p, "C")
    assert d.get_unit(world.statistician_p, "B") == world.unit_b


def test_who_may_view_and_the_default_unit(world):
    assert d.may_view(world.leader) and d.may_view(world.head) and d.may_view(world.statistician_p)
    assert not d.may_view(world.handler) and not d.may_view(world.reception) and not d.may_view(world.outsider)
    assert d.default_unit(world.statistician_p) == world.province
    assert d.default_unit(world.leader) == world.unit_a


def test_drill_down_lists_exactly_what_each_number_counts(world, fixture):
    board = build(world, world.statistician_p)
    ctx = board.ctx
    for metric in ("p_received", "p_processed", "p_on_time", "p_overdue", "p_missed", "c_accepted", "c_resolved",
                   "c_on_time", "c_late", "c_missed", "c_overdue", "k_open"):  # fmt: skip
        expected = board.flags[metric] if metric.startswith("k_") else board.total.counts[metric]
        got = d.drill_records(world.statistician_p, d.Drill(metric=metric, unit=world.province), ctx).count()
        assert got == expected, metric
    own_b = d.Drill(metric="p_received", unit=world.unit_b, own=True)
    assert d.drill_records(world.statistician_p, own_b, ctx).count() == 1
    land = d.Drill(metric="c_resolved", unit=world.province, type="complaint", field="KN.HC.DD")
    assert d.drill_records(world.statistician_p, land, ctx).count() == 2
    unclassified = d.Drill(metric="p_received", unit=world.province, type="complaint", field="-")
    assert d.drill_records(world.statistician_p, unclassified, ctx).count() == 1


def test_number_of_queries_does_not_grow_with_the_data(world, fixture):
    def count() -> int:
        with CaptureQueriesContext(connection) as q:
            build(world, world.statistician_p)
        return len(q)

    count()  # warm the calendar and content-type caches
    before = count()
    extra_unit = make_unit("Phường Mới", parent=world.province, code="N")
    for _ in range(3):
        register(world, actor=world.admin, unit=extra_unit)
        proposed_case(world)
    assert TrackedDeadline.objects.count() > 0
    assert count() == before


def test_whole_report_months_read_the_tally_and_agree_with_the_petitions(world, fixture):
    """A year or a quarter reads the tally kept by triggers; any other range groups the petitions: same rows."""
    ids = d.area(world.statistician_p, world.province, YEAR).ids
    assert d.tally_months(YEAR) == (d.month_bucket(YEAR.date_from), d.month_bucket(YEAR.date_to))
    assert d.tally_months(d.quarter_period(2026, 2)) is not None
    assert d.tally_months(d.range_period(dt.date(2026, 1, 1), dt.date(2026, 3, 14))) is None
    assert d.tally_months(d.range_period(dt.date(2026, 2, 15), dt.date(2026, 4, 14))) is not None
    for period in (YEAR, d.quarter_period(2026, 2), d.quarter_period(2026, 1)):
        ctx = d.context(period, on=ON)
        tallied, grouped = d.cohort(ids, ctx), d.cohort(ids, ctx, use_tally=False)

        def counted(table):
            return {key: counts for key, counts in table.items() if any(counts.values())}

        for name in ("by_unit_type", "by_field", "by_month"):
            assert counted(getattr(tallied, name)) == counted(getattr(grouped, name)), (period.label, name)
    year = d.cohort(ids, d.context(YEAR, on=ON))
    assert sum(c["p_received"] for c in year.by_unit_type.values()) == 6
    assert sum(c["p_missed"] for c in year.by_month.values()) == 2
    assert sum(c["p_received"] for c in year.by_field.values()) == 6
    # A range that is not whole report months counts the same petitions the slow way.
    board = d.build(world.statistician_p, world.province, d.range_period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)),
                    on=ON)  # fmt: skip
    assert board.total.counts["p_received"] == 6 and board.total.counts["p_missed"] == 2


def test_periods_follow_the_official_cut_offs():
    assert d.quarter_period(2026, 1).span == "15/12/2025 – 14/03/2026"
    assert d.quarter_period(2026, 3).span == "15/06/2026 – 14/09/2026"
    assert d.year_period(2026).span == "15/12/2025 – 14/12/2026"
    assert d.current_quarter(dt.date(2026, 12, 15)) == (2027, 1)
    assert d.current_quarter(dt.date(2026, 9, 14)) == (2026, 3)
    assert d.parse_period({"year": "2026", "quarter": "2"}).label == "Quý II/2026"
    assert d.parse_period({"from": "01/01/2026", "to": "31/01/2026"}).span == "01/01/2026 – 31/01/2026"
    assert d.parse_period({}, on=dt.date(2026, 11, 23)).label == "Quý IV/2026"
    for bad, message in (({"from": "2026-01-01", "to": "31/01/2026"}, "dd/mm/yyyy"),
                         ({"from": "01/02/2026", "to": "01/01/2026"}, "Ngày kết thúc"),
                         ({"from": "01/02/2026"}, "cả ngày bắt đầu và ngày kết thúc"),
                         ({"year": "2026", "quarter": "5"}, "Quý"), ({"year": "abc"}, "Năm")):  # fmt: skip
        with pytest.raises(DomainError, match=message):
            d.parse_period(bad)


def test_report_months():
    assert d.month_bucket(dt.date(2025, 12, 15)) == d.month_bucket(dt.date(2026, 1, 14))
    assert d.bucket_label(d.month_bucket(dt.date(2025, 12, 15))) == "T1/2026"
    assert d.bucket_span(d.month_bucket(dt.date(2026, 3, 1))) == (dt.date(2026, 2, 15), dt.date(2026, 3, 14))


def test_resolution_rules_match_the_partial_index():
    """PostgreSQL uses the partial index on resolution limits only when a query names the same rule codes."""
    from tiepdan.lawcal.models import RESOLUTION_RULES
    from tiepdan.reports import scorecard

    assert set(d.RESOLVE_RULES) == set(RESOLUTION_RULES) == set(scorecard.RESOLVE_RULES)


def test_a_field_every_petition_has_left_shows_no_empty_row(world):
    from tiepdan.petitions import services

    from ..petitions.conftest import leaf

    petition = register(world)  # counted under "not classified" …
    services.classify_petition(actor=world.handler, petition=petition, subject_field=leaf("KN.HC.DD.TH", "complaint"),
                               within_competence=True)  # fmt: skip
    board = build(world, world.statistician_p)  # … then moved: that tally key is left at zero
    assert [r.key for r in board.by_field] == ["complaint:KN.HC.DD"]
    assert board.by_field[0].counts["p_received"] == 1
