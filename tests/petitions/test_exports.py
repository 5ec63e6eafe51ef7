"""Excel export of the petition list: layout, filters and scope, redaction, the row cap."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from tiepdan.orgs.selectors import today
from tiepdan.people.rules import REDACTED_NAME
from tiepdan.petitions import exports, selectors
from tiepdan.petitions.services import PetitionerInput

from .conftest import RECEIVED, register

pytestmark = pytest.mark.django_db

DENOUNCER = "Trần Văn Khuê"
DENOUNCER_ID = "001085099999"


def download(client, **params):
    response = client.get("/don/xuat-excel/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith('attachment; filename="danh-sach-don-')
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def all_text(sheet) -> str:
    return "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None)


def test_export_layout(world, client):
    petition = register(world, letter_date=RECEIVED - dt.timedelta(days=3))
    client.force_login(world.handler)
    sheet = download(client).active
    assert sheet.title == "Danh sách đơn"
    assert sheet["A1"].value == "DANH SÁCH ĐƠN" and sheet["A1"].font.bold
    assert "Điều kiện lọc: Trạng thái: Đang xử lý." in sheet["A2"].value and "Tổng số: 1 đơn." in sheet["A2"].value
    headers = [c.value for c in sheet[exports.HEADER_ROW]]
    assert headers == [str(title) for title, _width in exports.COLUMNS]
    assert sheet.freeze_panes == f"A{exports.HEADER_ROW + 1}"
    assert sheet.column_dimensions["H"].width == 60  # Tóm tắt nội dung
    row = dict(zip(headers, sheet[exports.HEADER_ROW + 1], strict=True))
    assert row["STT"].value == 1 and row["Mã đơn"].value == petition.code
    assert row["Ngày nhận đơn"].value.date() == RECEIVED and row["Ngày nhận đơn"].number_format == "DD/MM/YYYY"
    assert row["Ngày viết đơn"].value.date() == RECEIVED - dt.timedelta(days=3)
    assert row["Hạn xử lý"].value.date() == petition.due_on and row["Hạn xử lý"].number_format == "DD/MM/YYYY"
    assert row["Người gửi đơn"].value == "Nguyễn Văn An"
    assert row["Loại đơn"].value == "Khiếu nại" and row["Nguồn đơn"].value == "Qua bưu chính"
    assert row["Tình trạng hạn"].value.startswith("Quá hạn")
    assert sheet.max_row == exports.HEADER_ROW + 1


def test_export_uses_the_queue_filters_and_scope(world, client):
    complaint = register(world)
    rec = register(world, type="rec_feedback", received_on=today(), letter_date=None,
                   summary="Phản ánh đèn đường hỏng", petitioners=[PetitionerInput(full_name="Lê Văn Tư")])  # fmt: skip
    other = register(world, actor=world.handler_b, unit=world.unit_b, petitioners=[PetitionerInput(full_name="B")])
    client.force_login(world.handler)
    text = all_text(download(client, type="rec_feedback").active)
    assert rec.code in text and complaint.code not in text and other.code not in text
    assert "Loại đơn: Kiến nghị, phản ánh" in text
    text = all_text(download(client, status="").active)
    assert rec.code in text and complaint.code in text and other.code not in text
    client.force_login(world.statistician_p)
    text = all_text(download(client, status="").active)
    assert {rec.code, complaint.code, other.code} <= set(text.split("\n"))
    client.force_login(world.outsider)
    assert download(client, status="").active.max_row == exports.HEADER_ROW


def test_export_never_names_a_denouncer(world, client):
    petition = register(
        world, type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền",
        content=f"Tôi là {DENOUNCER}, CCCD {DENOUNCER_ID}.", respondent_name="Ông X",
        petitioners=[PetitionerInput(full_name=DENOUNCER, id_number=DENOUNCER_ID, address="Số 9 ngõ Hạnh Phúc")],
    )  # fmt: skip
    for persona in ("handler", "head", "vault", "statistician_p"):
        client.force_login(getattr(world, persona))
        for params in ({}, {"status": ""}, {"q": "Khuê"}, {"type": "denunciation"}):
            book = download(client, **params)
            text = all_text(book.active)
            assert DENOUNCER not in text and DENOUNCER_ID not in text and "Hạnh Phúc" not in text
        assert petition.code in all_text(download(client, type="denunciation").active)
        assert REDACTED_NAME in all_text(download(client, type="denunciation").active)


def test_export_is_capped_with_a_message(world):
    for _ in range(3):
        register(world)
    qs = selectors.petition_queue(world.handler, selectors.QueueFilters())
    result = exports.export_petitions(world.handler, qs, description="Không lọc.", limit=2)
    assert result.rows == 2 and result.total == 3 and result.truncated
    sheet = openpyxl.load_workbook(result.file).active
    assert sheet.max_row == exports.HEADER_ROW + 2
    assert "vượt giới hạn 2 dòng nên chỉ xuất 2 đơn đầu tiên" in sheet["A2"].value


def test_export_writes_text_not_formulas(world, client):
    register(world, summary='=HYPERLINK("http://example.invalid","bấm vào đây")')
    client.force_login(world.handler)
    sheet = download(client).active
    cell = sheet.cell(row=exports.HEADER_ROW + 1, column=8)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
