"""Pure helpers for official documents (no ORM)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from django.utils.text import get_valid_filename

UNIT_PREFIXES = (
    "Phường ",
    "Xã ",
    "Thị trấn ",
    "Đặc khu ",
    "Tỉnh ",
    "Thành phố ",
    "Quận ",
    "Huyện ",
    "Thị xã ",
)


def vietnamese_date(day: dt.date) -> str:
    """'ngày 05 tháng 3 năm 2026'. Nghị định 30/2020/NĐ-CP, Phụ lục I, mục II.5: days below 10 and the
    months 1 and 2 take a leading zero (so "tháng 01", "tháng 02", but "tháng 3")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def full_number(number: int, symbol: str) -> str:
    """'12/QĐ-UBND': the number and the symbol (Phụ lục I, mục II.3)."""
    return f"{number}/{symbol}"


def place_name(unit_name: str) -> str:
    """The place in "An Bình, ngày …": the unit's name without its administrative prefix."""
    for prefix in UNIT_PREFIXES:
        if unit_name.startswith(prefix):
            return unit_name[len(prefix) :]
    return unit_name


def missing_variables(required: Iterable[str], context: Mapping[str, object]) -> list[str]:
    """Required variables absent from the context or blank."""
    missing = []
    for name in required:
        value = context.get(name)
        if value is None or (isinstance(value, str) and not value.strip()) or value in ([], ()):
            missing.append(name)
    return missing


def download_filename(number_string: str, title: str, extension: str) -> str:
    """A Vietnamese file name without slashes: '12-PCĐ-UBND Phiếu chuyển đơn tố cáo.pdf'."""
    base = re.sub(r"[\\/:*?\"<>|]+", "-", f"{number_string} {title}").strip()
    return f"{base}.{extension}" if base else get_valid_filename(f"van-ban.{extension}")
