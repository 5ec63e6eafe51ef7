"""Excel export of the petition list (the queue with the same filters), with openpyxl.

A write-only workbook goes to an anonymous temporary file that the response streams and then deletes, so a
long list never sits in memory. A denouncer is shown redacted, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tiepdan.core.models import User
from tiepdan.lawcal import workcal

from . import selectors
from .models import Petition

MAX_ROWS = 100_000
CHUNK = 2000
DATE_FORMAT = "DD/MM/YYYY"

# (header, column width in characters)
COLUMNS: list[tuple[Any, int]] = [
    (gettext_lazy("STT"), 7),
    (gettext_lazy("Mã đơn"), 20),
    (gettext_lazy("Ngày nhận đơn"), 13),
    (gettext_lazy("Ngày viết đơn"), 13),
    (gettext_lazy("Nguồn đơn"), 18),
    (gettext_lazy("Loại đơn"), 16),
    (gettext_lazy("Người gửi đơn"), 30),
    (gettext_lazy("Tóm tắt nội dung"), 60),
    (gettext_lazy("Người, cơ quan bị khiếu nại, tố cáo"), 30),
    (gettext_lazy("Đơn vị nhận đơn"), 26),
    (gettext_lazy("Lĩnh vực"), 28),
    (gettext_lazy("Trạng thái"), 14),
    (gettext_lazy("Người xử lý"), 22),
    (gettext_lazy("Hạn xử lý"), 12),
    (gettext_lazy("Tình trạng hạn"), 26),
    (gettext_lazy("Kết quả xử lý"), 26),
    (gettext_lazy("Ngày xử lý"), 12),
    (gettext_lazy("Vụ việc"), 22),
]
HEADER_ROW = 3  # title, then the export's description, then the header (frozen)


@dataclass(frozen=True)
class Export:
    file: IO[bytes]
    rows: int
    total: int

    @property
    def truncated(self) -> bool:
        return self.total > self.rows


def _text(ws: Any, value: str, *, bold: bool = False, size: int | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if value[:1] in ("=", "+", "-", "@"):
        cell.data_type = "s"  # typed text, never a formula (CSV/Excel injection)
    if bold or size:
        cell.font = Font(bold=bold, size=size)
    return cell


def _number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands separator


def _date(ws: Any, value: dt.date | None) -> WriteOnlyCell | None:
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    return cell


def _row(ws: Any, index: int, petition: Petition, cal: Any) -> list[Any]:
    state = selectors.due_state(petition, calendar=cal)
    field = petition.subject_field.name if petition.subject_field else ""
    return [
        index,
        _text(ws, petition.code),
        _date(ws, petition.received_on),
        _date(ws, petition.letter_date),
        _text(ws, petition.get_channel_display()),
        _text(ws, petition.get_type_display()),
        _text(ws, selectors.petitioner_label(petition)),  # a denouncer is redacted here
        _text(ws, petition.summary),
        _text(ws, petition.respondent_name),
        _text(ws, petition.unit.name),
        _text(ws, field),
        _text(ws, petition.get_status_display()),
        _text(ws, petition.assignee.get_full_name() if petition.assignee else ""),
        _date(ws, petition.due_on),
        _text(ws, state.label if state else ""),
        _text(ws, petition.get_outcome_display() if petition.outcome else ""),
        _date(ws, petition.outcome_on),
        _text(ws, petition.case.code if petition.case else ""),
    ]


def export_petitions(user: User, qs: QuerySet[Petition], *, description: str, limit: int = MAX_ROWS) -> Export:
    """Write the (already scoped and filtered) petitions to an .xlsx in a temporary file, at most `limit`."""
    total = qs.count()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Danh sách đơn")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    for number, (_header, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
    now = timezone.localtime()
    ws.append([_text(ws, _("DANH SÁCH ĐƠN"), bold=True, size=14)])
    info = _("Xuất lúc %(time)s ngày %(day)s, người xuất: %(name)s.") % {
        "time": f"{now:%H:%M}", "day": f"{now:%d/%m/%Y}", "name": user.get_full_name(),
    }  # fmt: skip
    info += f" {description} " + _("Tổng số: %(n)s đơn.") % {"n": _number(total)}
    if total > limit:
        info += " " + _(
            "Danh sách vượt giới hạn %(limit)s dòng nên chỉ xuất %(limit)s đơn đầu tiên; hãy lọc thêm (đơn vị, "
            "thời gian, trạng thái) để xuất đủ."
        ) % {"limit": _number(limit)}
    ws.append([_text(ws, info)])
    header_fill = PatternFill("solid", fgColor="F2DCDB")
    header = []
    for title, _width in COLUMNS:
        cell = _text(ws, str(title), bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        header.append(cell)
    ws.append(header)
    cal = workcal.get_calendar()
    rows = 0
    for petition in qs[:limit].iterator(chunk_size=CHUNK):
        rows += 1
        ws.append(_row(ws, rows, petition, cal))
    out = tempfile.TemporaryFile(suffix=".xlsx")  # the response closes (and so deletes) it
    wb.save(out)
    out.seek(0)
    return Export(file=out, rows=rows, total=total)


def filename(on: dt.date) -> str:
    return f"danh-sach-don-{on:%Y%m%d}.xlsx"
