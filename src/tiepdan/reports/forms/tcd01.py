"""Biểu 01/TCD — Tổng hợp kết quả tiếp công dân (TT 06/2025/TT-TTCP; DOMAIN §3, §5).

The figures come from the reception register (`reception.selectors.tcd01_counts`, whose docstring gives the
record-level rules): visits, persons, matters received for the first time or again, mass delegations, split
between the reception staff's regular reception and the heads' periodic and unscheduled sessions. Each unit
counts its own register; rows are the sums over each roll-up row's units.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import Column, CountsForm

G_ALL = "Tổng cộng"
G_REGULAR = "Tiếp thường xuyên (cán bộ tiếp công dân)"
G_HEAD = "Thủ trưởng tiếp định kỳ và đột xuất"
DELEGATION = "Đoàn đông người"

# (key suffix, label, sub-group, rule, English rule)
_MEASURES: list[tuple[str, str, str, str, str]] = [
    ("visits", "Số lượt tiếp", "",
     "Dòng của sổ tiếp công dân có ngày tiếp trong kỳ (một đoàn đông người là một lượt)",
     "Lines of the reception register dated in the period (a mass delegation is one visit)"),
    ("persons", "Số người được tiếp", "",
     "Tổng “số người cùng nội dung” của các lượt tiếp đó",
     "Sum of “number of people with the same content” of those visits"),
    ("cases_first", "Vụ việc tiếp lần đầu", "",
     "Lượt tiếp không phải tiếp nhiều lần (mỗi lượt là một vụ việc mới)",
     "Visits that are not repeats (each is a new matter)"),
    ("cases_repeat", "Vụ việc tiếp nhiều lần", "",
     "Số vụ việc khác nhau trong các lượt tiếp lại (lượt tiếp lại không gắn vụ việc tính là một vụ việc)",
     "Distinct cases among repeat visits (a repeat visit without a case counts as one matter)"),
    ("delegations", "Số đoàn", DELEGATION,
     "Lượt tiếp là đoàn đông người (từ 5 người cùng nội dung)",
     "Visits that are mass delegations (5 or more people on one matter)"),
    ("delegation_persons", "Số người", DELEGATION,
     "Tổng số người của các đoàn đó",
     "Sum of the persons of those delegations"),
    ("delegation_cases", "Số vụ việc", DELEGATION,
     "Số vụ việc khác nhau của các đoàn (đoàn không gắn vụ việc tính là một vụ việc)",
     "Distinct cases of those delegations (a delegation without a case counts as one matter)"),
]  # fmt: skip

_PREFIXES = [
    ("", G_ALL, "", ""),
    ("regular_", G_REGULAR, "; chỉ tiếp thường xuyên (không thuộc buổi tiếp của thủ trưởng)",
     "; regular reception only (not in a head's session)"),
    ("head_", G_HEAD, "; chỉ các buổi thủ trưởng tiếp định kỳ hoặc đột xuất",
     "; heads' periodic or unscheduled sessions only"),
]  # fmt: skip


def _columns() -> list[Column]:
    columns: list[Column] = []
    for prefix, group, scope_vi, scope_en in _PREFIXES:
        for suffix, label, sub, rule, rule_en in _MEASURES:
            columns.append(
                Column(
                    key=prefix + suffix, label=label, number=len(columns) + 1,
                    group=(group, sub) if sub else (group,), rule=rule + scope_vi, rule_en=rule_en + scope_en,
                )
            )  # fmt: skip
    return columns


class Form01TCD(CountsForm):
    code = "01/TCD"
    title = "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"
    legal_source = "Biểu số 01/TCD, Thông tư 06/2025/TT-TTCP"
    columns = _columns()

    def counts(self, *, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, dict[str, Any]]:
        from tiepdan.reception.selectors import tcd01_counts

        return tcd01_counts(unit_ids=unit_ids, date_from=date_from, date_to=date_to)


FORM = Form01TCD()
