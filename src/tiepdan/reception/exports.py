"""The reception register (sổ tiếp công dân, Mẫu 03/TCD) as .xlsx in the official layout, for any date range.

Title block (body and motto), the book's title and range, the 13 columns of the form with their numbers, one
row per visit, A4 landscape. A denouncer is redacted, as everywhere else; text starting with = + - @ is stored
as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tiepdan.orgs.models import OrgUnit

from . import selectors
from .models import Visit

MAX_ROWS = 50_000
# (header, width) of Mẫu 03/TCD in the order of the form.
COLUMNS: list[tuple[Any, int]] = [
    (gettext_lazy("STT"), 6),
    (gettext_lazy("Ngày tiếp"), 12),
    (gettext_lazy("Họ tên - Địa chỉ"), 30),
    (gettext_lazy("Số CMND/CCCD/Hộ chiếu"), 16),
    (gettext_lazy("Nội dung vụ việc"), 45),
    (gettext_lazy("Phân loại đơn/vụ việc"), 14),
    (gettext_lazy("Số người cùng nội dung"), 10),
    (gettext_lazy("Cơ quan đã giải quyết"), 22),
    (gettext_lazy("Thuộc thẩm quyền"), 11),
    (gettext_lazy("Hướng dẫn, chuyển đơn"), 24),
    (gettext_lazy("Đơn vị tiếp nhận"), 24),
    (gettext_lazy("Theo dõi kết quả giải quyết"), 24),
    (gettext_lazy("Ghi chú"), 20),
]
HEADER_ROW = 7
FIRST_DATA_ROW = HEADER_ROW + 2  # the row of column numbers comes between
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _put(ws: Worksheet, row: int, col: int, value: Any, *, bold: bool = False, center: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"  # typed text, never a formula (CSV/Excel injection)
    cell.font = Font(name="Times New Roman", bold=bold, size=12)
    cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center" if center else None)


def _merged(ws: Worksheet, row: int, first: int, last: int, value: str, *, bold: bool = False, italic: bool = False,
            size: int = 12) -> None:  # fmt: skip
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row=row, column=first, value=value)
    cell.font = Font(name="Times New Roman", bold=bold, italic=italic, size=size)
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def accepting_unit(visit: Visit) -> str:
    if visit.petition_id is not None and visit.petition is not None:
        return f"{visit.unit.name} (đơn {visit.petition.code})"
    if visit.target_unit is not None:
        return visit.target_unit.name
    return ""


def guided(visit: Visit) -> str:
    if visit.guided_to:
        return visit.guided_to
    if visit.target_unit is not None:
        return _("Yêu cầu %(unit)s giải quyết") % {"unit": visit.target_unit.name}
    return visit.get_outcome_display() if visit.outcome != "accept" else ""


def row_values(visit: Visit, index: int) -> list[Any]:
    """The 13 values of one line of the register (the same in the page and the file)."""
    follow = visit.follow_up
    if visit.result_due_on and not follow:
        follow = _("Hạn thông báo kết quả %(day)s") % {"day": f"{visit.result_due_on:%d/%m/%Y}"}
    note = visit.note
    if visit.is_delegation:
        note = (_("Đoàn đông người") + (f"; {note}" if note else "")).strip()
    if visit.is_repeat:
        note = (_("Tiếp nhiều lần") + (f"; {note}" if note else "")).strip()
    return [
        index,
        visit.received_on,
        selectors.name_and_address(visit),
        selectors.id_numbers(visit),
        visit.summary,
        visit.get_type_display(),
        visit.persons_count,
        visit.already_resolved_by,
        _("Có") if visit.within_competence else _("Không"),
        guided(visit),
        accepting_unit(visit),
        follow,
        note,
    ]


def export_register(
    qs: QuerySet[Visit], *, unit: OrgUnit | None, date_from: dt.date, date_to: dt.date, limit: int = MAX_ROWS
) -> bytes:
    """The register between two dates (the queryset is already scoped and filtered), as .xlsx bytes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "So tiep cong dan"
    last = len(COLUMNS)
    for number, (_header, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    body = unit.name.upper() if unit is not None else _("CÁC ĐƠN VỊ TRONG PHẠM VI")
    _merged(ws, 1, 1, 4, body, bold=True)
    _merged(ws, 1, 6, last, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), bold=True)
    _merged(ws, 2, 6, last, _("Độc lập - Tự do - Hạnh phúc"), bold=True)
    _merged(ws, 2, 1, 4, _("Mẫu số 03/TCD"), italic=True)
    _merged(ws, 4, 1, last, _("SỔ TIẾP CÔNG DÂN"), bold=True, size=14)
    _merged(ws, 5, 1, last, _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": f"{date_from:%d/%m/%Y}", "end": f"{date_to:%d/%m/%Y}",
    }, italic=True)  # fmt: skip
    for col, (title, _width) in enumerate(COLUMNS, start=1):
        _put(ws, HEADER_ROW, col, str(title), bold=True, center=True)
        _put(ws, HEADER_ROW + 1, col, f"({col})", center=True)
        ws.cell(row=HEADER_ROW, column=col).border = BOX
        ws.cell(row=HEADER_ROW + 1, column=col).border = BOX
    row = FIRST_DATA_ROW
    for index, visit in enumerate(qs[:limit], start=1):
        for col, value in enumerate(row_values(visit, index), start=1):
            _put(ws, row, col, value, center=col in (1, 2, 6, 7, 9))
            ws.cell(row=row, column=col).border = BOX
            if isinstance(value, dt.date):
                ws.cell(row=row, column=col).number_format = "DD/MM/YYYY"
        row += 1
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def filename(date_from: dt.date, date_to: dt.date) -> str:
    return f"so-tiep-cong-dan-{date_from:%Y%m%d}-{date_to:%Y%m%d}.xlsx"
