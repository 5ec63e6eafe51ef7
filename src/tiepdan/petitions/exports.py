"""Excel export of the petition list (the queue with the same filters), in the common list layout
(`core.xlsx`). A denouncer is shown redacted, as everywhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.core import xlsx
from tiepdan.core.models import User
from tiepdan.core.xlsx import HEADER_ROW, MAX_ROWS, Export
from tiepdan.lawcal import workcal

from . import selectors
from .models import Petition

CHUNK = 2000

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
__all__ = ["COLUMNS", "HEADER_ROW", "Export", "export_petitions", "filename"]


def _row(ws: Any, index: int, petition: Petition, cal: Any) -> list[Any]:
    state = selectors.due_state(petition, calendar=cal)
    field = petition.subject_field.name if petition.subject_field else ""
    return [
        index,
        xlsx.text(ws, petition.code),
        xlsx.date(ws, petition.received_on),
        xlsx.date(ws, petition.letter_date),
        xlsx.text(ws, petition.get_channel_display()),
        xlsx.text(ws, petition.get_type_display()),
        xlsx.text(ws, selectors.petitioner_label(petition)),  # a denouncer is redacted here
        xlsx.text(ws, petition.summary),
        xlsx.text(ws, petition.respondent_name),
        xlsx.text(ws, petition.unit.name),
        xlsx.text(ws, field),
        xlsx.text(ws, petition.get_status_display()),
        xlsx.text(ws, petition.assignee.get_full_name() if petition.assignee else ""),
        xlsx.date(ws, petition.due_on),
        xlsx.text(ws, state.label if state else ""),
        xlsx.text(ws, petition.get_outcome_display() if petition.outcome else ""),
        xlsx.date(ws, petition.outcome_on),
        xlsx.text(ws, petition.case.code if petition.case else ""),
    ]


def export_petitions(user: User, qs: QuerySet[Petition], *, description: str, limit: int = MAX_ROWS) -> Export:
    """Write the (already scoped and filtered) petitions to an .xlsx in a temporary file, at most `limit`."""
    cal = workcal.get_calendar()
    return xlsx.write_list(
        sheet="Danh sách đơn",
        title=_("DANH SÁCH ĐƠN"),
        columns=COLUMNS,
        records=qs[:limit].iterator(chunk_size=CHUNK),
        row=lambda ws, index, petition: _row(ws, index, petition, cal),
        total=qs.count(),
        author=user.get_full_name(),
        description=description,
        noun=_("đơn"),
        limit=limit,
    )


def filename(on: dt.date) -> str:
    return f"danh-sach-don-{on:%Y%m%d}.xlsx"
