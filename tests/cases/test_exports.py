"""Excel export of the case list: layout, the page's filters and scope, flags and decisions, no denouncer."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tiepdan.cases import exports, services
from tiepdan.core.xlsx import HEADER_ROW

from .test_services import proposed_case, step

pytestmark = pytest.mark.django_db


def download(client, **params):
    response = client.get("/vu-viec/xuat-excel/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-vu-viec-')
    assert response["Cache-Control"] == "no-store"
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active


def rows(sheet) -> list[dict[str, object]]:
    headers = [c.value for c in sheet[HEADER_ROW]]
    return [dict(zip(headers, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=HEADER_ROW + 1)]  # fmt: skip


def test_export_lists_the_filtered_cases_with_their_figures(world, client):
    decided = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    decided = step(world, decided, "start_verification", dt.date(2026, 3, 10))
    services.record_decision(actor=world.head, case=decided, number="7/QĐ-UBND", issued_on=dt.date(2026, 3, 30),
                             result="partly_right", summary="Đúng một phần")  # fmt: skip
    denunciation = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", dt.date(2026, 11, 20),
                        complexity_criteria=["foreign"])  # fmt: skip
    client.force_login(world.head)

    sheet = download(client)
    assert sheet.title == "Danh sách vụ việc" and sheet["A1"].value == "DANH SÁCH VỤ VIỆC"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert [c.value for c in sheet[HEADER_ROW]] == [str(title) for title, _w in exports.COLUMNS]
    assert "Tổng số: 2 vụ việc." in sheet["A2"].value and "Không lọc." in sheet["A2"].value
    listed = {row["Mã vụ việc"]: row for row in rows(sheet)}
    row = listed[decided.code]
    assert row["Loại vụ việc"] == "Khiếu nại lần 1" and row["Kết quả"] == "Đúng một phần"
    assert row["Quyết định, kết luận (số, ngày)"] == "7/QĐ-UBND, 30/03/2026"
    assert row["Ngày thụ lý"] == dt.datetime(2026, 3, 9)
    decided.refresh_from_db()  # the decision stopped the resolution clock: its due state is no longer shown
    assert (row["Tình trạng hạn"] or "") == ("Quá hạn" if decided.due_on else "")
    assert listed[denunciation.code]["Theo dõi"] == "Phức tạp"
    assert listed[denunciation.code]["Tình trạng hạn"] == "Còn hạn"

    sheet = download(client, type="denunciation", flag="complex")
    assert [row["Mã vụ việc"] for row in rows(sheet)] == [denunciation.code]
    assert "Loại vụ việc: Tố cáo; Theo dõi: Phức tạp." in sheet["A2"].value
    assert "Rà soát: Đang giải quyết." in download(client, review="in_progress")["A2"].value


def test_export_never_names_the_denouncer_and_keeps_to_the_scope(world, client):
    case = proposed_case(world, "denunciation", "TC.TN")  # the denouncer is "Ẩn Danh Hai"
    client.force_login(world.head)
    sheet = download(client)
    text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    assert case.code in text and "Ẩn Danh Hai" not in text
    client.force_login(world.handler_b)  # a sibling unit
    assert rows(download(client)) == []


def test_invalid_filters_export_nothing(world, client):
    proposed_case(world)
    client.force_login(world.head)
    assert rows(download(client, due="someday")) == []
