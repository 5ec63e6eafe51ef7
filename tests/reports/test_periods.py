"""Report periods and their official data cut-offs (DOMAIN §5)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tiepdan.reports import periods

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end", "code"),
    [
        ("2026-Q1", D(2025, 12, 15), D(2026, 3, 14), "2026-Q1"),
        ("2026-Q2", D(2026, 3, 15), D(2026, 6, 14), "2026-Q2"),
        ("2026-Q3", D(2026, 6, 15), D(2026, 9, 14), "2026-Q3"),
        ("2026-q4", D(2026, 9, 15), D(2026, 12, 14), "2026-Q4"),
        ("2026-H1", D(2025, 12, 15), D(2026, 6, 14), "2026-H1"),
        ("2026-6M", D(2025, 12, 15), D(2026, 6, 14), "2026-H1"),
        ("2026-9M", D(2025, 12, 15), D(2026, 9, 14), "2026-9M"),
        ("2026", D(2025, 12, 15), D(2026, 12, 14), "2026"),
        (" 2026-01-01:2026-06-30 ", D(2026, 1, 1), D(2026, 6, 30), "2026-01-01:2026-06-30"),
        ("2026-05-05:2026-05-05", D(2026, 5, 5), D(2026, 5, 5), "2026-05-05:2026-05-05"),
    ],
)
def test_parse(text, start, end, code):
    p = periods.parse(text)
    assert (p.date_from, p.date_to, p.code) == (start, end, code)


def test_quarters_tile_the_year_without_gap_or_overlap():
    for year in (2024, 2025, 2026):
        qs = [periods.quarter(year, n) for n in (1, 2, 3, 4)]
        assert qs[0].date_from == periods.whole_year(year).date_from
        assert qs[-1].date_to == periods.whole_year(year).date_to
        for a, b in itertools.pairwise(qs):
            assert b.date_from == a.date_to + dt.timedelta(days=1)
        assert periods.quarter(year + 1, 1).date_from == qs[-1].date_to + dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Thiếu kỳ báo cáo"),
        ("2026-Q5", "Quý phải từ 1 đến 4"),
        ("2026-Q0", "Quý phải từ 1 đến 4"),
        ("quý 3", "không hợp lệ"),
        ("2026-H2", "không hợp lệ"),
        ("1999", "nằm ngoài khoảng"),
        ("2026-06-30:2026-01-01", "phải trước hoặc bằng"),
        ("2026-02-30:2026-03-01", "Ngày “2026-02-30” không hợp lệ"),
        ("2026-1-1:2026-03-01", "không hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message(text, message):
    with pytest.raises(periods.PeriodError, match=message):
        periods.parse(text)


def test_labels():
    assert periods.parse("2026-Q3").label == "Quý III năm 2026 (từ 15/06/2026 đến 14/09/2026)"
    assert periods.parse("2026").label == "Năm 2026 (từ 15/12/2025 đến 14/12/2026)"
    assert periods.parse("2026-01-01:2026-06-30").label == "Từ ngày 01/01/2026 đến ngày 30/06/2026"


def test_report_year_starts_on_15_december():
    assert periods.report_year(D(2025, 12, 14)) == 2025
    assert periods.report_year(D(2025, 12, 15)) == 2026
    assert [p.code for p in periods.standard_periods(2026)][:2] == ["2026-Q1", "2026-H1"]


def test_current_quarter_follows_the_cut_offs():
    assert periods.current_quarter(dt.date(2026, 11, 24)).code == "2026-Q4"
    assert periods.current_quarter(dt.date(2026, 12, 15)).code == "2027-Q1"  # 15/12 starts the next year
    assert periods.current_quarter(dt.date(2026, 9, 14)).code == "2026-Q3"


def test_a_range_typed_as_two_dates():
    assert periods.from_dates("", " ") is None
    assert periods.from_dates("01/01/2026", "30/06/2026").code == "2026-01-01:2026-06-30"
    for bad in (("31/02/2026", "30/06/2026"), ("01/07/2026", ""), ("2026-01-01", "30/06/2026")):
        with pytest.raises(periods.PeriodError, match="theo dạng ngày/tháng/năm"):
            periods.from_dates(*bad)
    with pytest.raises(periods.PeriodError, match="phải sau ngày bắt đầu"):
        periods.from_dates("30/06/2026", "01/01/2026")
