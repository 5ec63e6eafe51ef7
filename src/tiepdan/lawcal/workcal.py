"""Builds the working-day calendar and loads the rules: the only place the engine meets the database."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import holidays as holidays_lib

from . import rules

_lock = threading.Lock()
_cache: dict[str, object] = {}

# Built a little wider than the accepted trigger years so that due dates of late triggers still fit.
CAL_FIRST = dt.date(rules.FIRST_YEAR - 1, 1, 1)
CAL_LAST = dt.date(rules.LAST_YEAR + 2, 12, 31)


# Vietnamese names of the library's holidays. Asking the library for language="vi" costs ~2 s for 24 years
# (it re-translates per year), which the CLI pays at every start; the names are the library's own.
VI_NAMES = {
    "New Year's Day": "Tết Dương lịch",
    "29 of Lunar New Year": "29 Tết",
    "Lunar New Year's Eve": "Giao thừa Tết Nguyên Đán",
    "Lunar New Year": "Tết Nguyên Đán",
    "Second Day of Lunar New Year": "Mùng hai Tết Nguyên Đán",
    "Third Day of Lunar New Year": "Mùng ba Tết Nguyên Đán",
    "Fourth Day of Lunar New Year": "Mùng bốn Tết Nguyên Đán",
    "Fifth Day of Lunar New Year": "Mùng năm Tết Nguyên Đán",
    "Hung Kings' Commemoration Day": "Ngày Giỗ Tổ Hùng Vương",
    "Liberation Day/Reunification Day": "Ngày Chiến thắng",
    "International Labor Day": "Ngày Quốc tế Lao động",
    "National Day": "Quốc khánh",
    "Vietnam Cultural Day": "Ngày Văn hóa Việt Nam",
}
_SUBST = re.compile(r"^Day off \(substituted from (\d\d)/(\d\d)/(\d{4})\)$")


def vi_name(name: str) -> str:
    parts = []
    for one in name.split("; "):
        if m := _SUBST.match(one):
            parts.append(f"Ngày nghỉ (thay cho ngày {m[2]}/{m[1]}/{m[3]})")
        elif one.endswith(" (observed)"):
            base = one.removesuffix(" (observed)")
            parts.append(f"{VI_NAMES.get(base, base)} (nghỉ bù)")
        else:
            parts.append(VI_NAMES.get(one, one))
    return "; ".join(parts)


def library_days(first_year: int, last_year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
    """The `holidays` library's Vietnam calendar: days off (names in Vietnamese) and its make-up days."""
    vn = holidays_lib.country_holidays("VN", years=range(first_year, last_year + 1), language="en_US")
    return {d: vi_name(n) for d, n in vn.items()}, set(getattr(vn, "weekend_workdays", set()))


def build_calendar(overrides: list[tuple[dt.date, str, str]] | None = None) -> rules.WorkCalendar:
    """Library calendar with the government decisions (date, kind, name) laid over it."""
    off, makeup_set = library_days(CAL_FIRST.year, CAL_LAST.year)
    makeup = dict.fromkeys(makeup_set, "Ngày làm việc bù")
    for day, kind, name in overrides or []:
        if kind == "working_day":
            off.pop(day, None)
            makeup[day] = name
        else:
            makeup.pop(day, None)
            off[day] = name
    return rules.WorkCalendar.build(first=CAL_FIRST, last=CAL_LAST, holidays=off, makeup_days=makeup)


def invalidate() -> None:
    with _lock:
        _cache.clear()


_pinned: ContextVar[dict[str, Any] | None] = ContextVar("lawcal_pinned", default=None)


@contextmanager
def pinned() -> Iterator[None]:
    """Within one transaction that computes thousands of deadlines (an import), read the rules and the
    calendar once instead of once per deadline. They cannot change under the caller's feet meanwhile."""
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


def pinned_cache(name: str) -> dict[Any, Any] | None:
    """A dict kept for the duration of `pinned()` (None outside it), for other lookups that cannot change
    meanwhile (e.g. rule rows by id)."""
    memo = _pinned.get()
    if memo is None:
        return None
    return memo.setdefault(name, {})


def get_calendar() -> rules.WorkCalendar:
    """The calendar, rebuilt when the government decisions table changes (in any process: one cheap query)."""
    memo = _pinned.get()
    if memo is not None:
        if "calendar" not in memo:
            memo["calendar"] = _current_calendar()
        return memo["calendar"]
    return _current_calendar()


def _current_calendar() -> rules.WorkCalendar:
    from django.db.models import Count, Max

    from .models import CalendarOverride

    agg = CalendarOverride.objects.aggregate(n=Count("pk"), m=Max("updated_at"))
    stamp = (agg["n"], agg["m"])
    with _lock:
        cal = _cache.get("calendar")
        if cal is None or _cache.get("stamp") != stamp:
            rows = list(CalendarOverride.objects.values_list("day", "kind", "name"))
            cal = build_calendar(rows)
            _cache["calendar"] = cal
            _cache["stamp"] = stamp
        return cal  # type: ignore[return-value]


def get_rules() -> list[rules.Rule]:
    from .models import DeadlineRule

    memo = _pinned.get()
    if memo is not None:
        if "rules" not in memo:
            memo["rules"] = [r.to_rule() for r in DeadlineRule.objects.all()]
        return list(memo["rules"])
    return [r.to_rule() for r in DeadlineRule.objects.all()]


def calculate(
    code: str,
    start: dt.date,
    *,
    flags: list[str] | tuple[str, ...] = (),
    extensions: int = 0,
    suspensions: list[rules.Suspension] | tuple[rules.Suspension, ...] = (),
    all_rules: list[rules.Rule] | None = None,
    cal: rules.WorkCalendar | None = None,
) -> rules.Deadline:
    rule = rules.pick_rule(all_rules if all_rules is not None else get_rules(), code, start)
    return rules.compute_deadline(
        cal or get_calendar(), rule, start, flags=flags, extensions=extensions, suspensions=suspensions
    )
