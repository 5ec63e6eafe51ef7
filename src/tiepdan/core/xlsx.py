"""Excel exports of a filtered list (petitions, cases …), with openpyxl in write-only mode.

Every list export has the same shape, which users learn once: a title, a line saying when, by whom and with
which filters it was made and how many records it holds, a frozen header, then one row per record. The
workbook goes to an anonymous temporary file that the response streams and then deletes, so a long list never
sits in memory. Text that starts like a formula is stored as typed text (CSV/Excel injection).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

DATE_FORMAT = "DD/MM/YYYY"
HEADER_ROW = 3  # title, then the export's description, then the header (frozen)
MAX_ROWS = 100_000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Export:
    file: IO[bytes]
    rows: int
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > self.rows


def text(ws: Any, value: str, *, bold: bool = False, size: int | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"  # typed text, never a formula
    if bold or size:
        cell.font = Font(bold=bold, size=size)
    return cell


def date(ws: Any, value: dt.date | None) -> WriteOnlyCell | None:
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def number(n: int) -> str:
    """An integer with the Vietnamese thousands separator (1.234.567)."""
    return f"{n:,}".replace(",", ".")


def write_list(
    *,
    sheet: str,
    title: str,
    columns: Sequence[tuple[Any, int]],
    records: Iterable[Any],
    row: Callable[[Any, int, Any], list[Any]],
    total: int,
    author: str,
    description: str,
    noun: str,
    limit: int = MAX_ROWS,
) -> Export:
    """Write `records` (already scoped, filtered and cut to `limit`) as a list; `row(ws, index, record)` gives
    the cells of one record. `noun` names the records in the count line ("đơn", "vụ việc")."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    for position, (_header, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(position)].width = width
    now = timezone.localtime()
    ws.append([text(ws, title, bold=True, size=14)])
    info = _("Xuất lúc %(time)s ngày %(day)s, người xuất: %(name)s.") % {
        "time": f"{now:%H:%M}", "day": f"{now:%d/%m/%Y}", "name": author,
    }  # fmt: skip
    info += f" {description} " + _("Tổng số: %(n)s %(noun)s.") % {"n": number(total), "noun": noun}
    if total > limit:
        info += " " + _(
            "Danh sách vượt giới hạn %(limit)s dòng nên chỉ xuất %(limit)s %(noun)s đầu tiên; hãy lọc thêm (đơn "
            "vị, thời gian, trạng thái) để xuất đủ."
        ) % {"limit": number(limit), "noun": noun}
    ws.append([text(ws, info)])
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    header = []
    for heading, _width in columns:
        cell = text(ws, str(heading), bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    rows = 0
    for record in records:
        rows += 1
        ws.append(row(ws, rows, record))
    out = tempfile.TemporaryFile(suffix=".xlsx")  # the response closes (and so deletes) it
    wb.save(out)
    out.seek(0)
    return Export(file=out, rows=rows, total=total)


def response(export: Export, filename: str) -> FileResponse:
    """The download of an export, never cached (it holds personal data)."""
    result = FileResponse(export.file, as_attachment=True, filename=filename, content_type=XLSX_MIME)
    result["Cache-Control"] = "no-store"
    return result
