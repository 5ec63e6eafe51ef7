"""Deadline arithmetic (DOMAIN §8): pure functions over plain values, no ORM.

- Counting starts the day after the trigger (Civil Code Art 147).
- Calendar-day limit N: trigger + N; a non-working due date rolls forward to the next working day
  (Civil Code Art 148(5)).
- Working-day limit N: the N-th working day after the trigger.
- Suspension: the days used up to and including the suspension day are kept; counting resumes the day after
  the resumption date with the remaining days, in the same unit, then the same roll-forward.
- Extension: adds its length to the limit, counted from the same trigger.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext_noop as _  # marks messages for the catalogue

CALENDAR = "calendar"
WORKING = "working"
FLAGS = ("complex", "very_complex", "remote", "multi_site")
FLAG_LABELS = {
    "complex": "phức tạp",
    "very_complex": "đặc biệt phức tạp",
    "remote": "vùng sâu, vùng xa, đi lại khó khăn",
    "multi_site": "xác minh ở nhiều địa điểm",
}
UNIT_LABELS = {CALENDAR: "ngày (theo lịch, lùi sang ngày làm việc kế tiếp)", WORKING: "ngày làm việc"}

# The range of trigger dates the engine accepts; the calendar is built a little wider so due dates fit.
FIRST_YEAR = 2015
LAST_YEAR = 2035


class RuleError(ValueError):
    """Bad input for the engine; the message is Vietnamese and meant for the user."""


def fmt(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class WorkCalendar:
    """Non-working days (with their names) and the working days, precomputed as sorted ordinals."""

    first: dt.date
    last: dt.date
    off: Mapping[int, str]  # ordinal → name of every non-working day (weekends included)
    working: Sequence[int]  # sorted ordinals of working days
    off_sorted: Sequence[int] = field(default=())

    @classmethod
    def build(
        cls,
        *,
        first: dt.date,
        last: dt.date,
        holidays: Mapping[dt.date, str],
        makeup_days: Mapping[dt.date, str] | Iterable[dt.date] = (),
    ) -> WorkCalendar:
        """Monday–Friday minus `holidays`; a day in `makeup_days` is a working day even on a weekend."""
        makeup = {d.toordinal() for d in makeup_days}
        off: dict[int, str] = {}
        working: list[int] = []
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = dt.date.fromordinal(ordinal)
            name = holidays.get(day)
            if ordinal in makeup:
                working.append(ordinal)
            elif name is not None:
                off[ordinal] = name
            elif day.weekday() >= 5:
                off[ordinal] = "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật"
            else:
                working.append(ordinal)
        return cls(first=first, last=last, off=off, working=working, off_sorted=sorted(off))

    def _check(self, day: dt.date) -> None:
        if not self.first <= day <= self.last:
            raise RuleError(f"Ngày {fmt(day)} nằm ngoài phạm vi lịch làm việc ({fmt(self.first)} – {fmt(self.last)}).")

    def is_working(self, day: dt.date) -> bool:
        self._check(day)
        return day.toordinal() not in self.off

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """The n-th working day after `start` (n ≥ 1); n = 0 gives the first working day from `start` on."""
        self._check(start)
        if n <= 0:
            return self.roll_forward(start)
        i = bisect_right(self.working, start.toordinal()) + n - 1
        if i >= len(self.working):
            raise RuleError("Thời hạn vượt quá phạm vi lịch làm việc.")
        return dt.date.fromordinal(self.working[i])

    def roll_forward(self, day: dt.date) -> dt.date:
        """The day itself if it is a working day, else the next working day (Civil Code Art 148(5))."""
        self._check(day)
        i = bisect_left(self.working, day.toordinal())
        if i >= len(self.working):
            raise RuleError("Thời hạn vượt quá phạm vi lịch làm việc.")
        return dt.date.fromordinal(self.working[i])

    def working_days_between(self, after: dt.date, until: dt.date) -> int:
        """Working days d with after < d ≤ until (negative when until < after)."""
        self._check(after)
        self._check(until)
        a, b = after.toordinal(), until.toordinal()
        if b < a:
            return -self.working_days_between(until, after)
        return bisect_right(self.working, b) - bisect_right(self.working, a)

    def off_between(self, after: dt.date, until: dt.date) -> list[tuple[dt.date, str]]:
        """Non-working days d with after < d < until, with their names."""
        lo = bisect_right(self.off_sorted, after.toordinal())
        hi = bisect_left(self.off_sorted, until.toordinal())
        return [(dt.date.fromordinal(o), self.off[o]) for o in self.off_sorted[lo:hi]]

    def off_in_year(self, year: int) -> list[tuple[dt.date, str]]:
        return self.off_between(dt.date(year, 1, 1) - dt.timedelta(days=1), dt.date(year + 1, 1, 1))


@dataclass(frozen=True)
class Rule:
    """One version of a statutory time limit, as stored in `lawcal.DeadlineRule`."""

    code: str
    title: str
    unit: str  # CALENDAR or WORKING
    length: int
    source: str  # law and article
    effective_from: dt.date
    effective_to: dt.date | None = None
    # Length by flag combination: keys are flags joined by "+" in sorted order, e.g. "complex+remote".
    variants: Mapping[str, int] = field(default_factory=dict)
    # How many extensions each flag allows (none without a flag listed here).
    extensions: Mapping[str, int] = field(default_factory=dict)
    extension_length: int = 0
    version_id: int | None = None

    @property
    def allowed_flags(self) -> frozenset[str]:
        flags: set[str] = set(self.extensions)
        for key in self.variants:
            flags.update(key.split("+"))
        return frozenset(flags)

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def max_extensions(self, flags: Iterable[str]) -> int:
        return max((self.extensions.get(f, 0) for f in flags), default=0)


def pick_rule(rules: Sequence[Rule], code: str, trigger: dt.date) -> Rule:
    """The version of `code` in force on the trigger date (DOMAIN §0.1: old cases keep old rules)."""
    versions = [r for r in rules if r.code == code]
    if not versions:
        raise RuleError(f"Không có quy tắc thời hạn “{code}”.")
    in_force = [r for r in versions if r.in_force_on(trigger)]
    if not in_force:
        raise RuleError(f"Quy tắc “{code}” không có phiên bản hiệu lực vào ngày {fmt(trigger)}.")
    return max(in_force, key=lambda r: r.effective_from)


@dataclass(frozen=True)
class Suspension:
    suspended_on: dt.date
    resumed_on: dt.date | None = None  # None: still suspended


@dataclass(frozen=True)
class Deadline:
    rule: Rule
    start: dt.date
    flags: tuple[str, ...]
    extensions: int
    length: int  # total length with extensions
    due: dt.date | None  # None while suspended
    skipped: list[tuple[dt.date, str]]
    explanation: list[str]
    used: int = 0  # days used before the last suspension
    remaining_at_suspension: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule.code,
            "version": self.rule.version_id,
            "title": self.rule.title,
            "start": self.start.isoformat(),
            "due": self.due.isoformat() if self.due else None,
            "unit": self.rule.unit,
            "length": self.length,
            "base_length": self.length - self.extensions * self.rule.extension_length,
            "extensions": self.extensions,
            "flags": list(self.flags),
            "source": self.rule.source,
            "effective_from": self.rule.effective_from.isoformat(),
            "skipped": [d.isoformat() for d, _ in self.skipped],
            "explanation": self.explanation,
        }


def _length(rule: Rule, flags: tuple[str, ...], extensions: int) -> int:
    unknown = [f for f in flags if f not in rule.allowed_flags]
    if unknown:
        allowed = ", ".join(sorted(rule.allowed_flags)) or "không có"
        raise RuleError(f"Quy tắc “{rule.code}” không áp dụng tình tiết “{', '.join(unknown)}” (được phép: {allowed}).")
    if extensions < 0:
        raise RuleError("Số lần gia hạn không được âm.")
    limit = rule.max_extensions(flags)
    if extensions > limit:
        raise RuleError(
            f"Quy tắc “{rule.code}” chỉ cho phép gia hạn tối đa {limit} lần với các tình tiết đã chọn "
            f"(yêu cầu {extensions} lần)."
        )
    key = "+".join(sorted(flags))
    base = rule.variants.get(key, rule.length) if key else rule.length
    return base + extensions * rule.extension_length


def _count(cal: WorkCalendar, unit: str, start: dt.date, n: int) -> tuple[dt.date, list[tuple[dt.date, str]]]:
    """Due date counting n units from the day after `start`, with the non-working days skipped."""
    if unit == WORKING:
        due = cal.add_working_days(start, n)
        return due, cal.off_between(start, due)
    raw = start + dt.timedelta(days=n)
    due = cal.roll_forward(raw)
    return due, cal.off_between(raw - dt.timedelta(days=1), due)


def _used(cal: WorkCalendar, unit: str, after: dt.date, until: dt.date) -> int:
    if unit == WORKING:
        return cal.working_days_between(after, until)
    return (until - after).days


def compute_deadline(
    cal: WorkCalendar,
    rule: Rule,
    start: dt.date,
    *,
    flags: Iterable[str] = (),
    extensions: int = 0,
    suspensions: Sequence[Suspension] = (),
) -> Deadline:
    """Due date of `rule` triggered on `start`, with its explanation in Vietnamese."""
    flag_tuple = tuple(sorted(set(flags)))
    if not FIRST_YEAR <= start.year <= LAST_YEAR:
        raise RuleError(f"Ngày bắt đầu phải trong các năm {FIRST_YEAR}–{LAST_YEAR}.")
    if not rule.in_force_on(start):
        raise RuleError(f"Quy tắc “{rule.code}” không có hiệu lực vào ngày {fmt(start)}.")
    length = _length(rule, flag_tuple, extensions)
    unit_label = UNIT_LABELS[rule.unit]
    lines = [
        f"Quy tắc: {rule.code} — {rule.title}; căn cứ: {rule.source} "
        f"(phiên bản hiệu lực từ {fmt(rule.effective_from)}).",
        f"Ngày bắt đầu tính (sự kiện): {fmt(start)}; thời hạn được tính từ ngày tiếp theo (Điều 147 Bộ luật Dân sự).",
    ]
    if flag_tuple:
        lines.append("Tình tiết: " + ", ".join(FLAG_LABELS[f] for f in flag_tuple) + ".")
    if extensions:
        lines.append(
            f"Gia hạn {extensions} lần, mỗi lần {rule.extension_length} {unit_label}, tính từ cùng ngày bắt đầu."
        )
    lines.append(f"Thời hạn: {length} {unit_label}.")

    anchor = start
    remaining = length
    used_total = 0
    skipped: list[tuple[dt.date, str]] = []
    for s in sorted(suspensions, key=lambda x: x.suspended_on):
        if s.suspended_on < anchor:
            raise RuleError("Ngày tạm đình chỉ phải sau ngày bắt đầu tính hoặc ngày tiếp tục trước đó.")
        used = _used(cal, rule.unit, anchor, s.suspended_on)
        if used >= remaining:
            # The limit ran out before the suspension: the suspension does not move it.
            continue
        remaining -= used
        used_total += used
        skipped.extend(cal.off_between(anchor, s.suspended_on + dt.timedelta(days=1)) if rule.unit == WORKING else [])
        if s.resumed_on is None:
            lines.append(
                f"Tạm đình chỉ từ {fmt(s.suspended_on)}: đã dùng {used_total}, "
                f"còn lại {remaining} {unit_label}; "
                "chưa có ngày tiếp tục nên chưa có hạn."
            )
            return Deadline(rule, start, flag_tuple, extensions, length, None, skipped, lines, used_total, remaining)
        if s.resumed_on < s.suspended_on:
            raise RuleError("Ngày tiếp tục không được trước ngày tạm đình chỉ.")
        lines.append(
            f"Tạm đình chỉ {fmt(s.suspended_on)}, tiếp tục {fmt(s.resumed_on)}: đã dùng {used} "
            f"{unit_label}, còn lại {remaining}; tiếp tục đếm từ ngày sau ngày tiếp tục."
        )
        anchor = s.resumed_on
    due, more = _count(cal, rule.unit, anchor, remaining)
    skipped.extend(more)
    if rule.unit == CALENDAR:
        raw = anchor + dt.timedelta(days=remaining)
        if more:
            lines.append(
                f"Ngày thứ {remaining} là {fmt(raw)}, không phải ngày làm việc; "
                "hạn lùi sang ngày làm việc kế tiếp (khoản 5 Điều 148 Bộ luật Dân sự). Bỏ qua: "
                + "; ".join(f"{fmt(d)} ({n})" for d, n in more)
                + "."
            )
    elif more:
        lines.append("Không tính các ngày nghỉ: " + "; ".join(f"{fmt(d)} ({n})" for d, n in more) + ".")
    lines.append(f"Hạn cuối: {fmt(due)}.")
    return Deadline(rule, start, flag_tuple, extensions, length, due, skipped, lines, used_total)


# States of a deadline on a given day (derived, never stored).
ON_TIME = "on_time"
DUE_SOON = "due_soon"
DUE_TODAY = "due_today"
OVERDUE = "overdue"


STATE_LABELS = {
    ON_TIME: _("Trong hạn"),
    DUE_SOON: _("Sắp đến hạn"),
    DUE_TODAY: _("Đến hạn hôm nay"),
    OVERDUE: _("Quá hạn"),
}


@dataclass(frozen=True)
class State:
    state: str
    working_days_left: int  # working days after `today` up to the due date; negative when overdue
    days_overdue: int  # calendar days past the due date (0 unless overdue)

    @property
    def label(self) -> str:
        """In the active language (Vietnamese by default: the CLI and the API read it as before)."""
        from django.utils.translation import gettext, ngettext

        if self.state == OVERDUE:
            n = self.days_overdue
            return ngettext("Quá hạn %(days)s ngày", "Quá hạn %(days)s ngày", n) % {"days": n}
        if self.state in (ON_TIME, DUE_SOON):
            return gettext("%(state)s (còn %(days)s ngày làm việc)") % {
                "state": gettext(STATE_LABELS[self.state]),
                "days": self.working_days_left,
            }
        return gettext(STATE_LABELS[self.state])


def state_on(cal: WorkCalendar, due: dt.date, today: dt.date, *, due_soon_days: int = 3) -> State:
    """On time / due soon (≤ `due_soon_days` working days left) / due today / overdue by N days."""
    if today > due:
        return State(OVERDUE, -cal.working_days_between(due, today), (today - due).days)
    if today == due:
        return State(DUE_TODAY, 0, 0)
    left = cal.working_days_between(today, due)
    return State(DUE_SOON if left <= due_soon_days else ON_TIME, left, 0)


def remaining_working_days(cal: WorkCalendar, due: dt.date, today: dt.date) -> int:
    return cal.working_days_between(today, due)
