"""Excel export of the case list (the same filters as the page), in the common list layout (`core.xlsx`).

A case row carries no petitioner at all (the petition list export is where petitioners are listed, with a
denouncer redacted), so nothing here can reveal a denouncer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tiepdan.core import xlsx
from tiepdan.core.models import User
from tiepdan.core.xlsx import MAX_ROWS, Export

from . import rules
from .backlog import case_flags, due_label, prolonged_days
from .models import Case

CHUNK = 2000

# (header, column width in characters)
COLUMNS: list[tuple[Any, int]] = [
    (gettext_lazy("STT"), 7),
    (gettext_lazy("Mã vụ việc"), 20),
    (gettext_lazy("Loại vụ việc"), 16),
    (gettext_lazy("Tên vụ việc"), 60),
    (gettext_lazy("Đơn vị theo dõi"), 26),
    (gettext_lazy("Lĩnh vực"), 28),
    (gettext_lazy("Ngày mở"), 12),
    (gettext_lazy("Ngày thụ lý"), 12),
    (gettext_lazy("Trạng thái"), 22),
    (gettext_lazy("Người giải quyết"), 22),
    (gettext_lazy("Hạn giải quyết"), 12),
    (gettext_lazy("Tình trạng hạn"), 16),
    (gettext_lazy("Theo dõi"), 28),
    (gettext_lazy("Kết quả"), 18),
    (gettext_lazy("Quyết định, kết luận (số, ngày)"), 28),
]


def type_label(case: Case) -> str:
    label = str(case.get_type_display())
    return f"{label} {_('lần')} {case.round}" if case.type == "complaint" else label


def _row(ws: Any, index: int, case: Case, on: dt.date, prolonged_after: int) -> list[Any]:
    decision = getattr(case, "decision", None)  # RelatedObjectDoesNotExist is an AttributeError
    return [
        index,
        xlsx.text(ws, case.code),
        xlsx.text(ws, type_label(case)),
        xlsx.text(ws, case.title),
        xlsx.text(ws, case.unit.name),
        xlsx.text(ws, case.subject_field.name if case.subject_field else ""),
        xlsx.date(ws, case.opened_on),
        xlsx.date(ws, case.accepted_on),
        xlsx.text(ws, _(rules.STATE_LABELS.get(case.state, case.state))),
        xlsx.text(ws, case.assignee.get_full_name() if case.assignee else ""),
        xlsx.date(ws, case.due_on),
        xlsx.text(ws, due_label(case, on=on)),
        xlsx.text(ws, ", ".join(case_flags(case, on=on, prolonged_after=prolonged_after))),
        xlsx.text(ws, decision.get_result_display() if decision else ""),
        xlsx.text(ws, f"{decision.number}, {decision.issued_on:%d/%m/%Y}" if decision else ""),
    ]


def export_cases(user: User, qs: QuerySet[Case], *, description: str, on: dt.date, limit: int = MAX_ROWS) -> Export:
    """Write the (already scoped and filtered) cases to an .xlsx in a temporary file, at most `limit`."""
    days = prolonged_days()
    return xlsx.write_list(
        sheet="Danh sách vụ việc",
        title=_("DANH SÁCH VỤ VIỆC"),
        columns=COLUMNS,
        records=qs.select_related("decision")[:limit].iterator(chunk_size=CHUNK),
        row=lambda ws, index, case: _row(ws, index, case, on, days),
        total=qs.count(),
        author=user.get_full_name(),
        description=description,
        noun=_("vụ việc"),
        limit=limit,
    )


def filename(on: dt.date) -> str:
    return f"danh-sach-vu-viec-{on:%Y%m%d}.xlsx"
