"""Builds the working-day calendar and loads the rules: the only place the engine meets the database."""

from __future__ import annotations

import datetime as dt
import threading

import holidays as holidays_lib

from . import rules

_lock = threading.Lock()
_cache: dict[str, object] = {}

# Built a little wider than the accepted trigger years so that due dates of late triggers still fit.
CAL_FIRST = dt.date(rules.FIRST_YEAR - 1, 1, 1)
CAL_LAST = dt.date(rules.LAST_YEAR + 2, 12, 31)


def library_days(first_year: int, last_year: int) -> tuple[dict[dt.date, str], set[dt.date]]:
    """The `holidays` library's Vietnam calendar in Vietnamese: days off and its make-up working days."""
    vn = holidays_lib.country_holidays("VN", years=range(first_year, last_year + 1), language="vi")
    return dict(vn.items()), set(getattr(vn, "weekend_workdays", set()))


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


def get_calendar() -> rules.WorkCalendar:
    """The calendar, rebuilt when the overrides table changes (admin saves call `invalidate`)."""
    from .models import CalendarOverride

    with _lock:
        cal = _cache.get("calendar")
        if cal is None:
            rows = list(CalendarOverride.objects.values_list("day", "kind", "name"))
            cal = build_calendar(rows)
            _cache["calendar"] = cal
        return cal  # type: ignore[return-value]


def get_rules() -> list[rules.Rule]:
    from .models import DeadlineRule

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
