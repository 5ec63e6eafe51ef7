"""Form 01/TCD from the reception register: the September fixture of the reception tests, counted by hand."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from tiepdan.reports import selectors
from tiepdan.reports.forms import get_form

from ..reception.test_selectors import september  # noqa: F401

pytestmark = pytest.mark.django_db


def test_tcd01_rows_and_total_hand_counted(world, september):  # noqa: F811
    data = selectors.compute(user=world.statistician_p, form_code="01/TCD", unit_code="P",
                             period_text="2026-09-01:2026-09-30").as_dict()  # fmt: skip
    rows = {r["unit"]: r["values"] for r in data["rows"]}
    assert set(rows) == {"A", "B"}
    a, b = rows["A"], rows["B"]
    # A: 5 visits (3 at the desk, 2 at the head's session of 10/09), 17 persons, two delegations of 8 and 6.
    assert (a["visits"], a["persons"], a["cases_first"], a["cases_repeat"]) == (5, 17, 3, 1)
    assert (a["delegations"], a["delegation_persons"], a["delegation_cases"]) == (2, 14, 2)
    assert (a["regular_visits"], a["regular_persons"], a["head_visits"], a["head_persons"]) == (3, 15, 2, 2)
    assert (a["head_delegations"], a["regular_delegations"]) == (0, 2)
    assert (b["visits"], b["persons"], b["cases_first"], b["head_visits"]) == (1, 1, 1, 0)
    assert data["total"]["visits"] == 6 and data["total"]["persons"] == 18
    assert all(data["total"][k] == a[k] + b[k] for k in a)
    assert [c["key"] for c in data["columns"]][:2] == ["visits", "persons"] and len(data["columns"]) == 21


def test_tcd01_cli_json_and_xlsx(world, september, tmp_path):  # noqa: F811
    out = io.StringIO()
    call_command("report", "01/TCD", "--unit", "P", "--period", "2026-09-01:2026-09-30", "--format", "json",
                 stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["form"] == "01/TCD" and data["total"]["visits"] == 6
    target = tmp_path / "01-TCD.xlsx"
    call_command("report", "01/TCD", "--unit", "P", "--period", "2026-Q3", "--format", "xlsx", "-o", str(target),
                 stdout=io.StringIO())  # fmt: skip
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN" in text and "Thủ trưởng tiếp định kỳ và đột xuất" in text
    assert get_form("01/TCD").drilldown is False
