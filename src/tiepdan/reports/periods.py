"""Report periods with the official data cut-offs (DOMAIN §5; TT 06/2025/TT-TTCP). Pure: no ORM.

The figures of a period run from the 15th of the month before it starts to the 14th of its last month:

- quarter 1: 15/12 of the previous year – 14/03; quarters 2–4: the 15th of the last month of the previous
  quarter – the 14th of the last month of this quarter;
- 6 months: 15/12 (previous year) – 14/06; 9 months: 15/12 – 14/09; year: 15/12 – 14/12;
- or any range `FROM:TO` (ISO dates, both days included).

Accepted spellings: `2026-Q3`, `2026-H1` (or `2026-6M`), `2026-9M`, `2026`, `2026-01-01:2026-06-30`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop as _  # marks messages for the catalogue

LEGAL_SOURCE = "Thông tư 06/2025/TT-TTCP (thời điểm lấy số liệu báo cáo)"
CUTOFF_DAY = 14  # the last day of the data of a period; the next period starts on the 15th

SYNTAX = "2026-Q1…2026-Q4, 2026-H1 (6 tháng), 2026-9M (9 tháng), 2026 (năm) hoặc YYYY-MM-DD:YYYY-MM-DD"
_MIN_YEAR, _MAX_YEAR = 2000, 2100


class PeriodError(ValueError):
    """The period could not be read; the message is Vietnamese."""


@dataclass(frozen=True)
class Period:
    code: str  # canonical spelling, e.g. "2026-Q3" or "2026-01-01:2026-06-30"
    kind: str  # "quarter", "half", "nine_months", "year", "range"
    date_from: dt.date
    date_to: dt.date

    @property
    def label(self) -> str:
        """Vietnamese name of the period, e.g. "Quý III năm 2026 (từ 15/06/2026 đến 14/09/2026)"."""
        span = f"từ {self.date_from:%d/%m/%Y} đến {self.date_to:%d/%m/%Y}"
        year = self.code[:4]
        if self.kind == "quarter":
            roman = {"1": "I", "2": "II", "3": "III", "4": "IV"}[self.code[-1]]
            return f"Quý {roman} năm {year} ({span})"
        if self.kind == "half":
            return f"6 tháng đầu năm {year} ({span})"
        if self.kind == "nine_months":
            return f"9 tháng năm {year} ({span})"
        if self.kind == "year":
            return f"Năm {year} ({span})"
        return f"Từ ngày {self.date_from:%d/%m/%Y} đến ngày {self.date_to:%d/%m/%Y}"

    def as_dict(self) -> dict[str, str]:
        return {"from": self.date_from.isoformat(), "to": self.date_to.isoformat()}


def _start_of_year(year: int) -> dt.date:
    return dt.date(year - 1, 12, CUTOFF_DAY + 1)


def quarter(year: int, number: int) -> Period:
    if number not in (1, 2, 3, 4):
        raise PeriodError(f"Quý phải từ 1 đến 4, không phải {number}.")
    last_month = number * 3
    start = _start_of_year(year) if number == 1 else dt.date(year, last_month - 3, CUTOFF_DAY + 1)
    return Period(f"{year}-Q{number}", "quarter", start, dt.date(year, last_month, CUTOFF_DAY))


def half_year(year: int) -> Period:
    return Period(f"{year}-H1", "half", _start_of_year(year), dt.date(year, 6, CUTOFF_DAY))


def nine_months(year: int) -> Period:
    return Period(f"{year}-9M", "nine_months", _start_of_year(year), dt.date(year, 9, CUTOFF_DAY))


def whole_year(year: int) -> Period:
    return Period(str(year), "year", _start_of_year(year), dt.date(year, 12, CUTOFF_DAY))


def date_range(date_from: dt.date, date_to: dt.date) -> Period:
    if date_from > date_to:
        raise PeriodError(f"Ngày bắt đầu {date_from:%d/%m/%Y} phải trước hoặc bằng ngày kết thúc {date_to:%d/%m/%Y}.")
    return Period(f"{date_from.isoformat()}:{date_to.isoformat()}", "range", date_from, date_to)


def _year(text: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise PeriodError(f"Năm {year} nằm ngoài khoảng {_MIN_YEAR}–{_MAX_YEAR}.")
    return year


def _iso(text: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise PeriodError(f"Ngày “{text}” không hợp lệ; dùng dạng YYYY-MM-DD.") from None


def parse(text: str) -> Period:
    """Read a period; raise PeriodError with a Vietnamese message when it cannot be read."""
    raw = (text or "").strip()
    if not raw:
        raise PeriodError(f"Thiếu kỳ báo cáo. Dùng: {SYNTAX}.")
    upper = raw.upper()
    if ":" in raw:
        left, _sep, right = raw.partition(":")
        return date_range(_iso(left.strip()), _iso(right.strip()))
    if match := re.fullmatch(r"(\d{4})-Q(\d)", upper):
        return quarter(_year(match[1]), int(match[2]))
    if match := re.fullmatch(r"(\d{4})-(H1|6M)", upper):
        return half_year(_year(match[1]))
    if match := re.fullmatch(r"(\d{4})-9M", upper):
        return nine_months(_year(match[1]))
    if re.fullmatch(r"\d{4}", upper):
        return whole_year(_year(upper))
    raise PeriodError(f"Kỳ báo cáo “{raw}” không hợp lệ. Dùng: {SYNTAX}.")


def standard_periods(year: int) -> list[Period]:
    """The periods a statistician chooses from for one year, in the order of the reporting calendar."""
    return [quarter(year, 1), half_year(year), quarter(year, 2), nine_months(year), quarter(year, 3),
            quarter(year, 4), whole_year(year)]  # fmt: skip


def current_quarter(on: dt.date) -> Period:
    """The report quarter a day's figures belong to (15/12 already counts for the next year's first quarter)."""
    year = report_year(on)
    return next(p for p in (quarter(year, n) for n in (1, 2, 3, 4)) if p.date_from <= on <= p.date_to)


def from_dates(raw_from: str, raw_to: str) -> Period | None:
    """A range typed as two dates dd/mm/yyyy (the report pages); None when both are blank."""
    raw_from, raw_to = (raw_from or "").strip(), (raw_to or "").strip()
    if not raw_from and not raw_to:
        return None
    try:
        date_from = dt.datetime.strptime(raw_from, "%d/%m/%Y").date()
        date_to = dt.datetime.strptime(raw_to, "%d/%m/%Y").date()
    except ValueError:
        raise PeriodError(
            _("Nhập cả hai ngày của khoảng báo cáo theo dạng ngày/tháng/năm, ví dụ 01/01/2026 và 30/06/2026.")
        ) from None
    if date_to < date_from:
        raise PeriodError(_("Ngày kết thúc khoảng báo cáo phải sau ngày bắt đầu."))
    return date_range(date_from, date_to)


def report_year(on: dt.date) -> int:
    """The report year a day's data belongs to (15/12 starts the next year's figures)."""
    return on.year + 1 if (on.month, on.day) >= (12, CUTOFF_DAY + 1) else on.year
