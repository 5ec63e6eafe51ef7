"""The form registry: unknown vs not-yet-available forms, and a per-unit counts form (the shape 01/TCD takes)
registered, computed over the roll-up and exported, without drill-down."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.errors import DomainError
from tiepdan.reports import forms, selectors
from tiepdan.reports.forms import FormError, get_form
from tiepdan.reports.forms.base import Column, CountsForm

pytestmark = pytest.mark.django_db


class FakeReception(CountsForm):
    code = "01/TCD"
    title = "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"
    legal_source = "Biểu số 01/TCD, Thông tư 06/2025/TT-TTCP"
    columns = [
        Column("visits", "Số lượt", 1, group=("Tiếp thường xuyên",)),
        Column("persons", "Số người", 2, group=("Tiếp thường xuyên",)),
        Column("delegations", "Số đoàn", 3, group=("Đoàn đông người",)),
    ]

    def __init__(self, by_unit):
        self.by_unit = by_unit
        self.calls = []

    def counts(self, *, unit_ids, date_from, date_to):
        self.calls.append((sorted(unit_ids), date_from, date_to))
        return {uid: values for uid, values in self.by_unit.items() if uid in unit_ids}


def test_unknown_and_unavailable_forms():
    with pytest.raises(FormError, match="Không có biểu báo cáo “99/ABC”"):
        get_form("99/ABC")
    with pytest.raises(FormError, match=r"Biểu 05/KQTH .* chưa có trong hệ thống này"):
        get_form("05/kqth")
    assert get_form("01/tcd").code == "01/TCD"
    assert get_form("02/xld").code == "02/XLD"


def test_a_counts_form_plugs_in(world, monkeypatch):
    form = FakeReception({world.unit_a.pk: {"visits": 3, "persons": 7}, world.unit_b.pk: {"visits": 1, "persons": 1,
                          "delegations": 1}, world.unit_c.pk: {"visits": 50}})  # fmt: skip
    monkeypatch.setitem(forms._REGISTRY, "01/TCD", form)
    data = selectors.compute(user=world.statistician_p, form_code="01/TCD", unit_code="P",
                             period_text="2026-Q3").as_dict()  # fmt: skip
    assert [(r["unit"], r["values"]) for r in data["rows"]] == [
        ("A", {"visits": 3, "persons": 7, "delegations": 0}),
        ("B", {"visits": 1, "persons": 1, "delegations": 1}),
    ]
    assert data["total"] == {"visits": 4, "persons": 8, "delegations": 1}
    assert form.calls[0][1:] == (dt.date(2026, 6, 15), dt.date(2026, 9, 14))
    with pytest.raises(DomainError, match="không có danh sách chi tiết"):
        selectors.cell_records(user=world.statistician_p, form_code="01/TCD", unit_code="P", period_text="2026-Q3",
                               row="A", key="visits")  # fmt: skip
    assert [f.code for f in forms.available()] == ["01/TCD", "02/XLD", "03/GQKN", "04/GQTC"]
