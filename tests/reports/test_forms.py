"""Every column of 02/XLD, 03/GQKN and 04/GQTC reconciled with the hand-counted fixtures (tests/reports/fixtures.py),
and every cell's drill-down list agreeing with its number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tiepdan.reports import selectors
from tiepdan.reports.forms import get_form

from .fixtures import build

pytestmark = pytest.mark.django_db


def zeros(form_code: str) -> dict[str, float]:
    return {c.key: 0 for c in get_form(form_code).columns}


XLD_A = {
    "total": 8,
    "carried_over": 2,
    "received": 6,
    "processed": 5,
    "eligible": 4,
    "eligible_cases": 3,
    "unprocessed": 3,
    "archived": 1,
    "content_complaint": 3,
    "content_denunciation": 1,
    "status_unresolved": 2,
    "status_first_round": 1,
    "status_final": 1,
    "field_land": 2,
    "field_corruption": 1,
    "field_other": 1,
    "within_complaint": 2,
    "within_complaint_cases": 1,
    "guided": 1,
    "transferred": 1,
}
XLD_B = {
    "total": 2,
    "received": 2,
    "processed": 2,
    "eligible": 2,
    "eligible_cases": 2,
    "content_complaint": 1,
    "content_rec_feedback": 1,
    "status_unresolved": 1,
    "status_court": 1,
    "field_policy": 1,
    "within_complaint": 1,
    "within_complaint_cases": 1,
    "urged": 1,
}
XLD_P = {
    "total": 1,
    "received": 1,
    "processed": 1,
    "eligible": 1,
    "eligible_cases": 1,
    "content_denunciation": 1,
    "status_final": 1,
    "field_civil_service": 1,
    "within_denunciation": 1,
    "within_denunciation_cases": 1,
}

GQKN_A = {
    "petitions": 2,
    "cases": 5,
    "carried_over": 2,
    "accepted": 3,
    "resolved": 3,
    "withdrawn": 1,
    "by_decision": 2,
    "first_partly": 1,
    "first_wrong": 1,
    "money_to_state": 1_000_000,
    "land_to_state": 120.5,
    "money_to_citizens": 2_000_000,
    "land_to_citizens": 30.0,
    "people_benefited": 2,
    "people_recommended_sanction": 1,
    "people_sanctioned": 1,
    "transferred_cases": 1,
    "transferred_people": 2,
    "on_time": 1,
    "overdue": 1,
    "unresolved": 2,
    "unresolved_overdue": 1,
    "enforce_total": 2,
    "enforced": 1,
}
GQKN_B = {"petitions": 1, "cases": 1, "accepted": 1, "resolved": 1, "by_decision": 1, "first_right": 1, "overdue": 1}
GQKN_P = {
    "cases": 2,
    "accepted": 2,
    "resolved": 2,
    "by_decision": 2,
    "second_upheld": 1,
    "second_overturned": 1,
    "money_to_citizens": 5_000_000,
    "on_time": 2,
}

GQTC_A = {
    "cases": 3,
    "carried_over": 1,
    "accepted": 2,
    "resolved": 3,
    "withdrawn": 1,
    "by_decision": 2,
    "right": 1,
    "untrue": 1,
    "knowingly_false": 1,
    "money_to_state": 3_000_000,
    "people_sanctioned": 2,
    "on_time": 1,
    "overdue": 1,
    "enforce_total": 1,
    "enforced": 1,
}
GQTC_P = {"petitions": 1, "cases": 1, "accepted": 1, "unresolved": 1}


def expected(form: str, values: dict[str, float]) -> dict[str, float]:
    return {**zeros(form), **values}


def total_of(form: str, *parts: dict[str, float]) -> dict[str, float]:
    out = zeros(form)
    for part in parts:
        for k, v in part.items():
            out[k] += v
    return out


@pytest.mark.parametrize(
    ("form", "rows"),
    [
        ("02/XLD", {"P": XLD_P, "A": XLD_A, "B": XLD_B}),
        ("03/GQKN", {"P": GQKN_P, "A": GQKN_A, "B": GQKN_B}),
        ("04/GQTC", {"P": GQTC_P, "A": GQTC_A, "B": {}}),
    ],
)
def test_every_column_reconciles(world, form, rows):
    build(world)
    report = selectors.compute(user=None, form_code=form, unit_code="P", period_text="2026-Q2")
    data = report.as_dict()
    got = {row["unit"]: row["values"] for row in data["rows"]}
    assert list(got) == ["P", "A", "B"]  # own records first, then the children by name; D closed before
    for code, values in rows.items():
        assert got[code] == expected(form, values), (form, code)
    assert data["total"] == total_of(form, *rows.values())
    assert data["period"] == {"from": "2026-03-15", "to": "2026-06-14", "code": "2026-Q2",
                              "label": "Quý II năm 2026 (từ 15/03/2026 đến 14/06/2026)"}  # fmt: skip


def test_leaf_unit_report_has_its_own_row_and_history_of_merged_ward(world):
    build(world)
    data = selectors.compute(user=None, form_code="02/XLD", unit_code="A", period_text="2026-Q2").as_dict()
    assert [r["unit"] for r in data["rows"]] == ["A"]
    assert data["total"] == expected("02/XLD", XLD_A)  # p10 of the merged ward O counts under A


def test_period_before_the_merger_counts_the_old_ward_under_its_district(world):
    build(world)
    data = selectors.compute(user=None, form_code="02/XLD", unit_code="P", period_text="2025-Q2").as_dict()
    got = {row["unit"]: row["values"] for row in data["rows"]}
    assert "D" in got and "A" not in got  # the tree as it stood: A did not exist yet
    assert got["D"]["received"] == 1  # p10 received 10/05/2025 at the old ward O, under district D


def test_other_province_never_counted(world):
    build(world)
    data = selectors.compute(user=None, form_code="03/GQKN", unit_code="Q", period_text="2026-Q2").as_dict()
    assert data["total"]["cases"] == 1
    data = selectors.compute(user=None, form_code="03/GQKN", unit_code="P", period_text="2026-Q2").as_dict()
    assert data["total"]["cases"] == 8


@pytest.mark.parametrize("form", ["02/XLD", "03/GQKN", "04/GQTC"])
def test_every_cell_lists_exactly_the_records_it_counts(world, form):
    build(world)
    report = selectors.compute(user=None, form_code=form, unit_code="P", period_text="2026-Q2")
    f = report.form
    cells = [(r.code, r.values) for r in report.result.rows] + [("", report.result.total)]
    for row_code, values in cells:
        for column in f.columns:
            listing = selectors.cell_records(user=world.statistician_p, form_code=form, unit_code="P",
                                             period_text="2026-Q2", row=row_code, key=column.key)  # fmt: skip
            records = list(listing.records)
            agg = column.measure.agg
            if agg.startswith("sum:"):
                path = agg[4:].split("__")
                total = Decimal(0)
                for record in records:
                    value = record
                    for part in path:
                        value = getattr(value, part)
                    total += value
                assert float(total) == float(values[column.key]), (form, row_code, column.key)
            else:
                assert len(records) == values[column.key], (form, row_code, column.key)


def test_docs_define_every_column():
    from pathlib import Path

    from tiepdan.reports.forms import available

    text = (Path(__file__).resolve().parents[2] / "docs" / "reports.md").read_text(encoding="utf-8")
    for form in available():
        assert f"### {form.code}" in text
        for column in form.columns:
            assert column.rule and column.rule_en, (form.code, column.key)
            assert f"| {column.number} | `{column.key}` |" in text and column.rule in text, (form.code, column.key)
