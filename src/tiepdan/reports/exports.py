"""The official .xlsx layout of a report form: title block with the unit and period, merged multi-level headers,
the column numbers row, one row per unit, the totals row and the signature block; A4 landscape with the headers
repeated on every printed page. Works from the report's JSON (`Report.as_dict()` or a frozen snapshot), so a
frozen report prints exactly as it was frozen.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

FONT = "Times New Roman"
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
FIXED = 2  # "STT" and "Đơn vị" before the form's columns
NUMBER_FORMATS = {"money": "#,##0", "area": "#,##0.0", "count": "#,##0", "people": "#,##0"}


def _font(size: float = 11, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _merge(ws: Worksheet, row1: int, col1: int, row2: int, col2: int, value: Any, font: Font, align: Alignment,
           border: bool = False) -> None:  # fmt: skip
    if (row1, col1) != (row2, col2):
        ws.merge_cells(start_row=row1, start_column=col1, end_row=row2, end_column=col2)
    cell = ws.cell(row=row1, column=col1, value=value)
    cell.font = font
    cell.alignment = align
    if border:
        for r in range(row1, row2 + 1):
            for c in range(col1, col2 + 1):
                ws.cell(row=r, column=c).border = BOX


def header_layout(columns: list[dict[str, Any]]) -> tuple[int, list[tuple[int, int, int, int, str]]]:
    """Header depth and the merged cells (row offset, first col, last row offset, last col, text), columns
    counted from 0 over the form's columns. Equal group cells next to each other merge across; a column whose
    groups are fewer than the depth has its label merged down to the bottom header row."""
    depth = max((len(c.get("group") or []) for c in columns), default=0) + 1
    cells: list[tuple[int, int, int, int, str]] = []
    for level in range(depth - 1):
        i = 0
        while i < len(columns):
            groups = columns[i].get("group") or []
            if level >= len(groups):
                i += 1
                continue
            prefix = groups[: level + 1]
            j = i
            while j + 1 < len(columns) and (columns[j + 1].get("group") or [])[: level + 1] == prefix:
                j += 1
            cells.append((level, i, level, j, groups[level]))
            i = j + 1
    for i, c in enumerate(columns):
        top = len(c.get("group") or [])
        cells.append((top, i, depth - 1, i, c["label"]))
    return depth, cells


def build_workbook(
    data: dict[str, Any], *, parent_name: str = "", place: str = "", on: dt.date | None = None
) -> Workbook:
    columns = data["columns"]
    ncols = FIXED + len(columns)
    last = get_column_letter(ncols)
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = data["form"].replace("/", "-")
    # Title block: the reporting body on the left, the form number on the right.
    half = max(3, ncols // 3)
    _merge(ws, 1, 1, 1, half, (parent_name or "").upper(), _font(11), CENTER)
    _merge(ws, 2, 1, 2, half, data.get("unit_name", data["unit"]).upper(), _font(11, bold=True), CENTER)
    _merge(ws, 1, ncols - half + 1, 1, ncols, f"Biểu số {data['form']}", _font(11, bold=True), CENTER)
    _merge(ws, 2, ncols - half + 1, 2, ncols, "Ban hành kèm theo Thông tư số 06/2025/TT-TTCP",
           _font(10, italic=True), CENTER)  # fmt: skip
    title = data.get("title") or data["form"]
    _merge(ws, 4, 1, 4, ncols, title, _font(14, bold=True), CENTER)
    period = data["period"]
    date_from = dt.date.fromisoformat(period["from"])
    date_to = dt.date.fromisoformat(period["to"])
    label = period.get("label") or ""
    _merge(ws, 5, 1, 5, ncols, f"Kỳ báo cáo: {label}" if label else "", _font(12, italic=True), CENTER)
    _merge(ws, 6, 1, 6, ncols,
           f"(Số liệu tính từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y})", _font(11, italic=True),
           CENTER)  # fmt: skip
    _merge(ws, 7, 1, 7, ncols, f"Đơn vị báo cáo: {data.get('unit_name', data['unit'])} (mã {data['unit']})",
           _font(11), LEFT)  # fmt: skip
    # Headers.
    top = 9
    depth, cells = header_layout(columns)
    bold = _font(10, bold=True)
    _merge(ws, top, 1, top + depth - 1, 1, "STT", bold, CENTER, border=True)
    _merge(ws, top, 2, top + depth - 1, 2, "Đơn vị", bold, CENTER, border=True)
    for r1, c1, r2, c2, text in cells:
        _merge(ws, top + r1, FIXED + 1 + c1, top + r2, FIXED + 1 + c2, text, bold, CENTER, border=True)
    numbers_row = top + depth
    for col, text in enumerate(["A", "B", *[c.get("number", i + 1) for i, c in enumerate(columns)]], start=1):
        cell = ws.cell(row=numbers_row, column=col, value=text)
        cell.font = _font(10, italic=True)
        cell.alignment = CENTER
        cell.border = BOX
    # Body.
    row_no = numbers_row + 1
    for index, row in enumerate(data["rows"], start=1):
        ws.cell(row=row_no, column=1, value=index)
        ws.cell(row=row_no, column=2, value=row.get("unit_name") or row["unit"])
        for i, c in enumerate(columns):
            ws.cell(row=row_no, column=FIXED + 1 + i, value=row["values"].get(c["key"], 0))
        row_no += 1
    ws.cell(row=row_no, column=2, value="Tổng cộng")
    for i, c in enumerate(columns):
        ws.cell(row=row_no, column=FIXED + 1 + i, value=data["total"].get(c["key"], 0))
    total_row = row_no
    for r in range(numbers_row + 1, total_row + 1):
        for col in range(1, ncols + 1):
            cell = ws.cell(row=r, column=col)
            cell.border = BOX
            cell.font = _font(10, bold=r == total_row)
            cell.alignment = LEFT if col == 2 else Alignment(horizontal="right" if col > FIXED else "center",
                                                              vertical="center")  # fmt: skip
            if col > FIXED:
                cell.number_format = NUMBER_FORMATS.get(columns[col - FIXED - 1].get("kind", "count"), "#,##0")
    # Signature block.
    sign = total_row + 2
    day = on or dt.date.today()
    _merge(ws, sign, ncols - half + 1, sign, ncols,
           f"{place or '…'}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", _font(11, italic=True),
           CENTER)  # fmt: skip
    _merge(ws, sign + 1, 1, sign + 1, half, "NGƯỜI LẬP BIỂU", _font(11, bold=True), CENTER)
    _merge(ws, sign + 2, 1, sign + 2, half, "(Ký, ghi rõ họ tên)", _font(10, italic=True), CENTER)
    _merge(ws, sign + 1, ncols - half + 1, sign + 1, ncols, "THỦ TRƯỞNG ĐƠN VỊ", _font(11, bold=True), CENTER)
    _merge(ws, sign + 2, ncols - half + 1, sign + 2, ncols, "(Ký, ghi rõ họ tên, đóng dấu)", _font(10, italic=True),
           CENTER)  # fmt: skip
    # Sizes and printing.
    ws.column_dimensions["A"].width = 5
    ws.column_dimensions["B"].width = 28
    for col in range(FIXED + 1, ncols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11
    for r in range(top, top + depth):
        ws.row_dimensions[r].height = 48
    ws.row_dimensions[4].height = 24
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.print_title_rows = f"{top}:{numbers_row}"
    ws.print_area = f"A1:{last}{sign + 6}"
    ws.freeze_panes = ws.cell(row=numbers_row + 1, column=FIXED + 1)
    return wb


def to_xlsx_bytes(data: dict[str, Any], **kwargs: Any) -> bytes:
    buffer = io.BytesIO()
    build_workbook(data, **kwargs).save(buffer)
    return buffer.getvalue()


def header_rows(data: dict[str, Any]) -> tuple[int, int]:
    """(first header row, column numbers row) of the sheet, for readers and tests."""
    depth, _cells = header_layout(data["columns"])
    return 9, 9 + depth
