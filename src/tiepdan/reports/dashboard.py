"""Reads for the leaders' dashboard (issue 6): totals, trends, on-time rates, overdue lists, flagged cases.

Everything is aggregated in the database with grouped conditional counts, in a constant number of queries
whatever the size of the subtree or of the tables; Python only adds the grouped rows up the org tree.

Definitions (docs/dashboard.md gives the record-level rule of every number):
- Periods follow the official data cut-offs of TT 06/2025 (DOMAIN §5): a year runs 15/12 – 14/12, a quarter
  from the 15th of the last month of the previous quarter to the 14th of its last month; a custom range is
  taken as typed. Trends are by "report month" (15th of the previous month – 14th).
- Petitions: the cohort received in the period (by the receiving unit), what became of them (processed,
  processed within the processing limit), and what is open today (overdue, due soon).
- Resolution: the statutory resolution limits of `lawcal` (`complaint.first.resolve`,
  `complaint.second.resolve`, `denunciation.resolve`, `rec_feedback.resolve`) tracked for the unit. A case is
  accepted when its limit starts, resolved when it closes (decision, conclusion, answer, withdrawal,
  termination). The on-time rate is resolved on time / (resolved in the period + limits that fell due in
  the period and were still running at its end).
- Scope: the selected unit's subtree intersected with the user's scope (`orgs.selectors.user_scope`).
- No petitioner or denouncer appears anywhere: lists show codes, units, types and dates; the summary of a
  denunciation is never shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext, gettext_noop

from tiepdan.cases import rules as case_rules
from tiepdan.cases.backlog import flag_q, is_prolonged
from tiepdan.cases.models import Case
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.lawcal import workcal
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import SUPERVISING_ROLES, OrgUnit, UnitKind
from tiepdan.orgs.selectors import active_memberships, today, user_scope
from tiepdan.petitions.models import Petition, PetitionStatus, PetitionType, SubjectField

TYPES = [(PetitionType.COMPLAINT.value, gettext_noop("Khiếu nại")),
         (PetitionType.DENUNCIATION.value, gettext_noop("Tố cáo")),
         (PetitionType.REC_FEEDBACK.value, gettext_noop("Kiến nghị, phản ánh"))]  # fmt: skip
TYPE_LABELS = dict(TYPES)
OPEN_STATUSES = (PetitionStatus.REGISTERED, PetitionStatus.CLASSIFIED)
DONE_STATUSES = (PetitionStatus.PROCESSED, PetitionStatus.SPLIT)
# The statutory resolution limits (DOMAIN §8) and the type of matter each one governs.
RESOLVE_RULES = {
    "complaint.first.resolve": PetitionType.COMPLAINT.value,
    "complaint.second.resolve": PetitionType.COMPLAINT.value,
    "denunciation.resolve": PetitionType.DENUNCIATION.value,
    "rec_feedback.resolve": PetitionType.REC_FEEDBACK.value,
}
COMMUNE_KINDS = frozenset({UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE})
OPEN_CASE_EXCLUDED = ["", *case_rules.TERMINAL]
LIST_LIMIT = 15


# --- Periods -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    date_from: dt.date
    date_to: dt.date
    label: str
    year: int | None = None
    quarter: int | None = None  # 1–4 for a quarter, None for a year or a range

    @property
    def span(self) -> str:
        return f"{self.date_from:%d/%m/%Y} – {self.date_to:%d/%m/%Y}"

    def query(self) -> dict[str, str]:
        """The query-string parameters that select this period again."""
        if self.year is not None:
            return {"year": str(self.year), "quarter": str(self.quarter or "")}
        return {"from": f"{self.date_from:%d/%m/%Y}", "to": f"{self.date_to:%d/%m/%Y}"}


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def year_period(year: int) -> Period:
    """Official reporting year: 15/12 of the previous year to 14/12 (TT 06/2025)."""
    return Period(dt.date(year - 1, 12, 15), dt.date(year, 12, 14), f"Năm {year}", year=year)


def quarter_period(year: int, quarter: int) -> Period:
    """Official quarter: from the 15th of the last month of the previous quarter to the 14th of its last month."""
    if quarter not in ROMAN:
        raise DomainError("Quý phải là 1, 2, 3 hoặc 4.", field="quarter")
    end = dt.date(year, 3 * quarter, 14)
    start = dt.date(year - 1, 12, 15) if quarter == 1 else dt.date(year, 3 * quarter - 3, 15)
    return Period(start, end, f"Quý {ROMAN[quarter]}/{year}", year=year, quarter=quarter)


def range_period(date_from: dt.date, date_to: dt.date) -> Period:
    if date_to < date_from:
        raise DomainError("Ngày kết thúc phải từ ngày bắt đầu trở đi.", field="to")
    if (date_to - date_from).days > 3 * 366:
        raise DomainError("Khoảng thời gian tối đa là 3 năm.", field="to")
    return Period(date_from, date_to, f"Từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y}")


def current_year(on: dt.date) -> int:
    """The reporting year `on` falls in (from 15 Dec the next year has begun)."""
    return on.year + 1 if (on.month, on.day) >= (12, 15) else on.year


def current_quarter(on: dt.date) -> tuple[int, int]:
    year = current_year(on)
    for q in (1, 2, 3, 4):
        p = quarter_period(year, q)
        if p.date_from <= on <= p.date_to:
            return year, q
    return year, 4  # unreachable: the four quarters cover the year


def _parse_date(raw: str, name: str) -> dt.date:
    try:
        return dt.datetime.strptime(raw.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise DomainError("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026.", field=name) from None


def parse_period(params: Any, *, on: dt.date | None = None) -> Period:
    """`from`+`to` (dd/mm/yyyy) for a range; else `year` and optional `quarter`; else the current quarter."""
    day = on or today()
    raw_from, raw_to = (params.get("from") or "").strip(), (params.get("to") or "").strip()
    if raw_from or raw_to:
        if not (raw_from and raw_to):
            raise DomainError("Hãy nhập cả ngày bắt đầu và ngày kết thúc.", field="from" if not raw_from else "to")
        return range_period(_parse_date(raw_from, "from"), _parse_date(raw_to, "to"))
    raw_year, raw_quarter = (params.get("year") or "").strip(), (params.get("quarter") or "").strip()
    if not raw_year:
        return quarter_period(*current_quarter(day))
    if not raw_year.isdigit() or not 2000 <= int(raw_year) <= 2100:
        raise DomainError("Năm không hợp lệ.", field="year")
    if not raw_quarter:
        return year_period(int(raw_year))
    if not raw_quarter.isdigit():
        raise DomainError("Quý phải là 1, 2, 3 hoặc 4.", field="quarter")
    return quarter_period(int(raw_year), int(raw_quarter))


def month_bucket(day: dt.date) -> int:
    """The report month of a day as one integer (year × 12 + month); the 15th starts the next month."""
    return day.year * 12 + day.month + (1 if day.day >= 15 else 0)


def bucket_label(bucket: int) -> str:
    year, month = divmod(bucket - 1, 12)
    return gettext("T%(month)s/%(year)s") % {"month": month + 1, "year": year}


def bucket_span(bucket: int) -> tuple[dt.date, dt.date]:
    year, month = divmod(bucket - 1, 12)
    month += 1
    start = dt.date(year - 1, 12, 15) if month == 1 else dt.date(year, month - 1, 15)
    return start, dt.date(year, month, 14)


def _bucket_expr(date_field: str) -> Any:
    """`month_bucket` of a date column in SQL. On PostgreSQL in integers: EXTRACT gives numerics, whose
    arithmetic and grouping cost more than the rest of the query over tens of thousands of rows."""
    if connection.vendor == "postgresql":
        return Func(
            F(date_field),
            template="(date_part('year', %(expressions)s)::int * 12 + date_part('month', %(expressions)s)::int"
            " + (date_part('day', %(expressions)s) >= 15)::int)",
            output_field=IntegerField(),
        )
    return (
        ExtractYear(date_field) * Value(12)
        + ExtractMonth(date_field)
        + CaseWhen(
            When(**{f"{date_field}__day__gte": 15}, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


# --- Access --------------------------------------------------------------------------------------------


def may_view(user: User) -> bool:
    """Leaders, heads, statisticians, inspectors and administrators: the roles that oversee a subtree.
    Cached on the user object (the menu asks on every page)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_tiepdan_dashboard", None)
    if cached is None:
        cached = active_memberships(user).filter(role__in=SUPERVISING_ROLES).exists()
        user.__dict__["_tiepdan_dashboard"] = cached
    return bool(cached)


def register() -> None:
    """The menu entry; called by `ReportsConfig.ready()`."""
    from django.utils.translation import gettext_lazy as _

    from tiepdan.core.navigation import NavItem
    from tiepdan.core.navigation import register as register_nav

    register_nav(NavItem(key="dashboard", label=_("Bảng điều hành"), url_name="dashboard:index", icon="graph-up",
                         order=12, visible=may_view))  # fmt: skip


def unit_choices(user: User) -> list[OrgUnit]:
    """The units the picker offers: the subtrees the user oversees (and what they succeeded), tree order."""
    return list(OrgUnit.objects.filter(user_scope(user).q()).order_by("path").only("pk", "code", "name", "path",
                                                                                   "depth", "valid_to"))  # fmt: skip


def default_unit(user: User) -> OrgUnit | None:
    memberships = [m for m in active_memberships(user) if m.role in SUPERVISING_ROLES]
    if memberships:
        return min((m.unit for m in memberships), key=lambda u: (u.depth, u.path))
    if user.is_superuser:
        return OrgUnit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def get_unit(user: User, code: str) -> OrgUnit:
    """The unit with `code` if the user may see it, else NotFoundError (the view answers 404)."""
    unit = OrgUnit.objects.filter(user_scope(user).q(), code=code).first()
    if unit is None:
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")
    return unit


# --- Scope of one dashboard ----------------------------------------------------------------------------


@dataclass
class Area:
    """The selected unit, its subtree (within the user's scope), and how each unit rolls up."""

    unit: OrgUnit
    units: dict[int, OrgUnit]
    children: list[OrgUnit]  # direct children that existed at some point of the period
    child_of: dict[int, int]  # unit id → the direct child it rolls up to (absent: the unit itself)
    commune_of: dict[int, int]  # unit id → the commune/ward/special zone it belongs to (self or ancestor)

    @property
    def ids(self) -> list[int]:
        return sorted(self.units)


def area(user: User, unit: OrgUnit, period: Period) -> Area:
    """One query: the subtree of `unit` that the user may see."""
    units = {
        u.pk: u
        for u in OrgUnit.objects.filter(user_scope(user).q(), path__startswith=unit.path).only(
            "pk", "code", "name", "kind", "path", "depth", "parent_id", "valid_from", "valid_to"
        )
    }
    units.setdefault(unit.pk, unit)
    prefix = len(unit.path)
    child_of: dict[int, int] = {}
    commune_of: dict[int, int] = {}
    for u in units.values():
        rest = u.path[prefix:].strip("/")
        if rest:
            child_of[u.pk] = int(rest.split("/")[0])
        chain = [int(p) for p in u.path.strip("/").split("/") if p]
        for ancestor_id in reversed(chain):
            ancestor = units.get(ancestor_id)
            if ancestor is not None and ancestor.kind in COMMUNE_KINDS:
                commune_of[u.pk] = ancestor_id
                break
    children = sorted(
        (u for u in units.values() if u.parent_id == unit.pk and u.valid_from <= period.date_to
         and (u.valid_to is None or u.valid_to >= period.date_from)),
        key=lambda u: u.name,
    )  # fmt: skip
    # Children with data but closed before the period still get their row (their ids are in child_of).
    return Area(unit=unit, units=units, children=children, child_of=child_of, commune_of=commune_of)


# --- Metrics: one predicate per number, shared by the counts and the lists behind them ------------------


@dataclass(frozen=True)
class Context:
    period: Period
    on: dt.date  # today
    soon: dt.date  # the last day that counts as "due soon" (DUE_SOON_WORKING_DAYS working days ahead)

    @property
    def last_due_day(self) -> dt.date:
        """Limits due up to this day and still running are missed (yesterday, or the period's end)."""
        return min(self.period.date_to, self.on - dt.timedelta(days=1))


def petition_metrics(c: Context) -> dict[str, Q]:
    received = Q(received_on__gte=c.period.date_from, received_on__lte=c.period.date_to)
    done = Q(status__in=DONE_STATUSES)
    open_ = Q(status__in=OPEN_STATUSES)
    return {
        "p_received": received,
        "p_processed": received & done,
        "p_on_time": received & done & Q(outcome_on__lte=F("due_on")),
        "p_late": received & done & Q(outcome_on__gt=F("due_on")),
        "p_pending": received & open_,
        "p_missed": received & open_ & Q(due_on__lt=c.on),
        "p_open": open_,
        "p_overdue": open_ & Q(due_on__lt=c.on),
        "p_due_soon": open_ & Q(due_on__gte=c.on, due_on__lte=c.soon),
    }


def deadline_metrics(c: Context) -> dict[str, Q]:
    p = c.period
    resolved = Q(closed_on__gte=p.date_from, closed_on__lte=p.date_to)
    running = Q(closed_on__isnull=True)
    missed = Q(due_on__gte=p.date_from, due_on__lte=c.last_due_day) & (running | Q(closed_on__gt=p.date_to))
    return {
        "c_accepted": Q(trigger_on__gte=p.date_from, trigger_on__lte=p.date_to),
        "c_resolved": resolved,
        "c_on_time": resolved & Q(closed_on__lte=F("due_on")),
        "c_late": resolved & Q(closed_on__gt=F("due_on")),
        "c_missed": missed,
        "c_open": running,
        "c_overdue": running & Q(due_on__lt=c.on),
        "c_due_soon": running & Q(due_on__gte=c.on, due_on__lte=c.soon),
    }


def case_flag_metrics(c: Context) -> dict[str, Q]:
    return {
        "k_open": Q(),
        "k_complex": flag_q("complex", on=c.on),
        "k_prolonged": flag_q("prolonged", on=c.on),
        "k_mass": flag_q("mass", on=c.on),
    }


# Vietnamese, marked for the English catalogue; shown through gettext.
METRIC_LABELS = {
    "p_received": gettext_noop("Đơn nhận trong kỳ"),
    "p_processed": gettext_noop("Đơn nhận trong kỳ đã xử lý"),
    "p_on_time": gettext_noop("Đơn nhận trong kỳ đã xử lý đúng hạn"),
    "p_late": gettext_noop("Đơn nhận trong kỳ xử lý quá hạn"),
    "p_pending": gettext_noop("Đơn nhận trong kỳ chưa xử lý xong"),
    "p_missed": gettext_noop("Đơn nhận trong kỳ đã hết hạn mà chưa xử lý xong"),
    "p_open": gettext_noop("Đơn đang xử lý (hôm nay)"),
    "p_overdue": gettext_noop("Đơn quá hạn xử lý (hôm nay)"),
    "p_due_soon": gettext_noop("Đơn sắp đến hạn xử lý"),
    "c_accepted": gettext_noop("Vụ việc thụ lý trong kỳ"),
    "c_resolved": gettext_noop("Vụ việc giải quyết xong trong kỳ"),
    "c_on_time": gettext_noop("Vụ việc giải quyết đúng hạn trong kỳ"),
    "c_late": gettext_noop("Vụ việc giải quyết quá hạn trong kỳ"),
    "c_missed": gettext_noop("Vụ việc đến hạn trong kỳ nhưng chưa giải quyết xong"),
    "c_open": gettext_noop("Vụ việc đang giải quyết (hôm nay)"),
    "c_overdue": gettext_noop("Vụ việc quá hạn giải quyết (hôm nay)"),
    "c_due_soon": gettext_noop("Vụ việc sắp đến hạn giải quyết"),
    "k_open": gettext_noop("Vụ việc chưa kết thúc"),
    "k_complex": gettext_noop("Vụ việc phức tạp chưa kết thúc"),
    "k_prolonged": gettext_noop("Vụ việc kéo dài chưa kết thúc"),
    "k_mass": gettext_noop("Vụ việc đông người chưa kết thúc"),
}


def context(period: Period, *, on: dt.date | None = None) -> Context:
    day = on or today()
    soon = workcal.get_calendar().add_working_days(day, settings.DUE_SOON_WORKING_DAYS)
    return Context(period=period, on=day, soon=soon)


def _rows(qs: Any) -> list[dict[str, Any]]:
    """The grouped rows of a `.values().annotate()` query as plain dicts."""
    return list(qs)


def _counts(metrics: dict[str, Q]) -> dict[str, Count]:
    # COUNT(1), not COUNT(id): the key is never null, and a count that names no column lets PostgreSQL answer
    # from an index that does not hold the key (index-only scans of the covering indexes).
    return {key: Count(Value(1), filter=q) for key, q in metrics.items()}


def resolution_deadlines(unit_ids: list[int]) -> QuerySet[TrackedDeadline]:
    return TrackedDeadline.objects.filter(rule_code__in=list(RESOLVE_RULES), unit_id__in=unit_ids)


# Being resolved: any state of the workflow but not started, refused, terminated or closed (as cases.backlog).
OPEN_CASE_STATES = list(case_rules.OPEN_STATES)


def open_cases(unit_ids: list[int]) -> QuerySet[Case]:
    """Listed states rather than an exclusion, so that the index on `state` serves the filter."""
    return Case.objects.filter(unit_id__in=unit_ids, state__in=OPEN_CASE_STATES)


# --- The dashboard -------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a breakdown: counts by metric key, and the query string that narrows the lists to it."""

    key: str
    label: str
    query: dict[str, str]
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    note: str = ""
    links: dict[str, str] = field(default_factory=dict)  # metric → the list behind the number (set by the view)
    unit_url: str = ""  # the dashboard of the row's unit (set by the view)

    def add(self, values: dict[str, Any], keys: Any = None) -> None:
        """Add the counts under `keys` (all counts, not the grouping values, when None)."""
        counts = self.counts
        if keys is not None:  # the hot path: thousands of grouped rows per dashboard
            for k in keys:
                counts[k] += values[k]
            return
        for k, v in values.items():
            if isinstance(v, int):
                counts[k] += v

    def rate(self, num: str, *dens: str) -> float | None:
        den = sum(self.counts.get(d, 0) for d in dens)
        return round(100.0 * self.counts.get(num, 0) / den, 1) if den else None

    @property
    def case_rate(self) -> float | None:
        return self.rate("c_on_time", "c_resolved", "c_missed")

    @property
    def petition_rate(self) -> float | None:
        return self.rate("p_on_time", "p_processed", "p_missed")


@dataclass
class Dashboard:
    unit: OrgUnit
    period: Period
    ctx: Context
    children: list[OrgUnit]
    total: Row
    by_type: list[Row]
    by_unit: list[Row]
    by_commune: list[Row]
    by_field: list[Row]
    trend: list[dict[str, Any]]
    flags: dict[str, int]
    overdue_petitions: list[dict[str, Any]]
    due_soon_petitions: list[dict[str, Any]]
    overdue_cases: list[dict[str, Any]]
    due_soon_cases: list[dict[str, Any]]
    flagged_cases: list[dict[str, Any]]
    per_unit: dict[int, dict[str, int]] = field(default_factory=dict)  # each unit's own counts (not rolled up)


def _row_for_unit(u: OrgUnit, rows: dict[int, Row], *, own: bool = False) -> Row:
    key = -u.pk if own else u.pk
    if key not in rows:
        label = f"Tại {u.name} (trực tiếp)" if own else u.name
        query = {"unit": u.code, "own": "1"} if own else {"unit": u.code}
        note = "đã giải thể / sáp nhập" if u.valid_to is not None and not own else ""
        rows[key] = Row(key=str(key), label=label, query=query, note=note)
    return rows[key]


def build(user: User, unit: OrgUnit, period: Period, *, on: dt.date | None = None) -> Dashboard:
    """Every number of the dashboard for `unit`'s subtree in `period`, in a constant number of queries."""
    ctx = context(period, on=on)
    a = area(user, unit, period)
    ids = a.ids
    total = Row(key="total", label="Tổng", query={})
    types = {t: Row(key=t, label=label, query={"type": t}) for t, label in TYPES}
    unit_rows: dict[int, Row] = {}
    for child in a.children:
        _row_for_unit(child, unit_rows)
    commune_rows: dict[int, Row] = {}
    trend: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    per_unit: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def roll(unit_id: int, values: dict[str, Any], keys: tuple[str, ...]) -> None:
        """Collect by unit first; each unit is added up the tree once at the end (`roll_up`)."""
        counts = per_unit[unit_id]
        for k in keys:
            counts[k] += values[k]

    def roll_up(unit_id: int, values: dict[str, Any]) -> None:
        total.add(values)
        child_id = a.child_of.get(unit_id)
        if child_id is None:
            _row_for_unit(a.unit, unit_rows, own=True).add(values)
        elif child_id in a.units:
            _row_for_unit(a.units[child_id], unit_rows).add(values)
        commune_id = a.commune_of.get(unit_id)
        if commune_id is not None and commune_id in a.units:
            _row_for_unit(a.units[commune_id], commune_rows).add(values)

    fields = {f.pk: f for f in SubjectField.objects.all()}
    field_rows: dict[str, Row] = {}

    field_cache: dict[tuple[int | None, str], Row] = {}

    def field_row(field_id: int | None, kind: str) -> Row:
        row = field_cache.get((field_id, kind))
        if row is None:
            row = field_cache[(field_id, kind)] = _field_row(field_id, kind)
        return row

    def _field_row(field_id: int | None, kind: str) -> Row:
        f = fields.get(field_id) if field_id else None
        while f is not None and f.depth > 2 and f.parent_id in fields:
            f = fields[f.parent_id]
        key = f"{kind}:{f.code}" if f else f"{kind}:"
        if key not in field_rows:
            label = f"{gettext(TYPE_LABELS.get(kind, kind))} — {f.name if f else gettext('Chưa phân loại lĩnh vực')}"
            query = {"type": kind, "field": f.code if f else "-"}
            field_rows[key] = Row(key=key, label=label, query=query)
        return field_rows[key]

    # 1. Petitions received in the period, by unit and type, by type and field, by report month.
    pm = petition_metrics(ctx)
    cohort_keys = COHORT_KEYS
    received = cohort(ids, ctx)
    for (unit_id, type_), counts in received.by_unit_type.items():
        roll(unit_id, counts, cohort_keys)
        types[type_].add(counts, cohort_keys)
    for (type_, field_id), counts in received.by_field.items():
        field_row(field_id, type_).add(counts, cohort_keys)
    for bucket, counts in received.by_month.items():
        for k in ("p_received", "p_on_time", "p_processed", "p_missed"):
            trend[bucket][k] += counts[k]
    # 2. Open petitions today (petition_queue_idx).
    now_keys = ("p_open", "p_overdue", "p_due_soon")
    for r in _rows(
        Petition.objects.filter(unit_id__in=ids, status__in=OPEN_STATUSES)
        .values("unit_id", "type")
        .annotate(**_counts({k: pm[k] for k in now_keys}))
        .order_by()
    ):
        roll(r["unit_id"], r, now_keys)
        types[r["type"]].add(r, now_keys)
    # 3. Resolution limits alive during the period or running today — running, or started by the end of the
    # period and not closed before it began — by unit, rule, the matter's subject field (copied onto the limit,
    # `reports.tally`), closing month and month of acceptance: one pass serves the units, the types, the fields
    # and both trends. Read as its two disjoint halves: each is a narrow range of the resolution-limit index,
    # where the OR made PostgreSQL read every resolution limit of the area to keep one in eight.
    dm = deadline_metrics(ctx)
    deadline_keys = tuple(dm)
    by_field = ("c_resolved", "c_on_time", "c_missed", "c_accepted")
    halves = [Q(closed_on__isnull=True), Q(trigger_on__lte=period.date_to, closed_on__gte=period.date_from)]
    # Thousands of grouped rows for a city-year: summed first into plain lists by the few keys each breakdown
    # needs (unit and rule; rule and field; month), then handed to the rows once per key.
    width = len(deadline_keys)
    by_unit_rule: dict[tuple[int, str], list[int]] = {}
    by_rule_field: dict[tuple[str, int | None], list[int]] = {}
    for half in halves:
        for unit_id, rule_code, field_id, closed, accepted, *values in (
            resolution_deadlines(ids)
            .filter(half)
            .annotate(closed=_bucket_expr("closed_on"), accepted=_bucket_expr("trigger_on"))
            .values("unit_id", "rule_code", "matter_field_id", "closed", "accepted")
            .annotate(**_counts(dm))
            .values_list("unit_id", "rule_code", "matter_field_id", "closed", "accepted", *deadline_keys)
            .order_by()
        ):
            for table, key in ((by_unit_rule, (unit_id, rule_code)), (by_rule_field, (rule_code, field_id))):
                sums = table.get(key)
                if sums is None:
                    table[key] = list(values)
                else:
                    for i in range(width):
                        sums[i] += values[i]
            counts = dict(zip(deadline_keys, values, strict=True))
            if closed is not None:
                trend[closed]["c_resolved"] += counts["c_resolved"]
                trend[closed]["c_on_time"] += counts["c_on_time"]
            trend[accepted]["c_accepted"] += counts["c_accepted"]
    for (unit_id, rule_code), sums in by_unit_rule.items():
        counts = dict(zip(deadline_keys, sums, strict=True))
        roll(unit_id, counts, deadline_keys)
        types[RESOLVE_RULES[rule_code]].add(counts, deadline_keys)
    for (rule_code, field_id), sums in by_rule_field.items():
        kind = RESOLVE_RULES[rule_code]
        field_row(field_id, kind).add(dict(zip(deadline_keys, sums, strict=True)), by_field)
    for unit_id, values in per_unit.items():
        roll_up(unit_id, values)
    # 7. Open cases: complex, prolonged, mass delegations.
    fm = case_flag_metrics(ctx)
    flags = open_cases(ids).aggregate(**_counts(fm))
    # 8–12. The short lists (LIST_LIMIT rows each).
    overdue_p = _petition_list(Petition.objects.filter(unit_id__in=ids).filter(pm["p_overdue"]))
    soon_p = _petition_list(Petition.objects.filter(unit_id__in=ids).filter(pm["p_due_soon"]))
    overdue_c = _case_list(open_cases(ids).filter(due_on__lt=ctx.on), ctx)
    soon_c = _case_list(open_cases(ids).filter(due_on__gte=ctx.on, due_on__lte=ctx.soon), ctx)
    flagged = _case_list(
        open_cases(ids).filter(fm["k_complex"] | fm["k_prolonged"] | fm["k_mass"]), ctx, order=("accepted_on", "pk")
    )
    buckets = range(month_bucket(period.date_from), month_bucket(period.date_to) + 1)
    trend_rows = []
    trend_keys = ("p_received", "p_processed", "p_on_time", "p_missed", "c_accepted", "c_resolved", "c_on_time")
    for b in buckets:
        values = trend.get(b, {})
        start, end = bucket_span(b)
        row = {"bucket": b, "label": bucket_label(b), "from": max(start, period.date_from),
               "to": min(end, period.date_to)}  # fmt: skip
        row.update({k: values.get(k, 0) for k in trend_keys})
        trend_rows.append(row)
    own_key = -a.unit.pk
    by_unit = [r for k, r in unit_rows.items() if k != own_key] + ([unit_rows[own_key]] if own_key in unit_rows else [])
    return Dashboard(
        unit=unit, period=period, ctx=ctx, children=a.children, total=total, by_type=list(types.values()),
        by_unit=by_unit,
        by_commune=sorted(commune_rows.values(), key=lambda r: r.label),
        by_field=sorted(field_rows.values(), key=lambda r: r.query["type"] + "|" + r.query["field"]),
        trend=trend_rows, flags={k: flags.get(k) or 0 for k in fm}, overdue_petitions=overdue_p,
        due_soon_petitions=soon_p, overdue_cases=overdue_c, due_soon_cases=soon_c, flagged_cases=flagged,
        per_unit={unit_id: dict(values) for unit_id, values in per_unit.items()},
    )  # fmt: skip


COHORT_KEYS = ("p_received", "p_processed", "p_on_time", "p_late", "p_pending", "p_missed")


def tally_months(period: Period) -> tuple[int, int] | None:
    """The first and last report month of `period` when it is made of whole report months (a year, a quarter,
    a range from a 15th to a 14th), else None."""
    first, last = month_bucket(period.date_from), month_bucket(period.date_to)
    if bucket_span(first)[0] == period.date_from and bucket_span(last)[1] == period.date_to:
        return first, last
    return None


@dataclass
class Cohort:
    """The petitions received in the period, `COHORT_KEYS` counted three ways: by unit and type, by type and
    subject field, by report month."""

    by_unit_type: dict[tuple[int, str], dict[str, int]] = field(default_factory=dict)
    by_field: dict[tuple[str, int | None], dict[str, int]] = field(default_factory=dict)
    by_month: dict[int, dict[str, int]] = field(default_factory=dict)

    def add(self, values: dict[str, int], *, unit_type: tuple[int, str] | None = None,
            field: tuple[str, int | None] | None = None, month: int | None = None) -> None:  # fmt: skip
        """Add `values` to each breakdown whose key is given."""
        tables: list[tuple[dict[Any, dict[str, int]], Any]] = [
            (self.by_unit_type, unit_type), (self.by_field, field), (self.by_month, month)
        ]  # fmt: skip
        for table, key in tables:
            if key is None:
                continue
            counts = table.setdefault(key, dict.fromkeys(COHORT_KEYS, 0))
            for k, v in values.items():
                counts[k] += v

    def add_row(self, r: dict[str, Any], keys: tuple[str, ...]) -> None:
        """A row grouped by unit, type, field and month, added to all three."""
        values = {k: r[k] for k in keys}
        self.add(values, unit_type=(r["unit_id"], r["type"]), field=(r["type"], r["subject_field_id"]),
                 month=r["bucket"])  # fmt: skip


def cohort(unit_ids: list[int], ctx: Context, *, use_tally: bool = True) -> Cohort:
    """The petitions received in the period (`petition_metrics`), by unit and type, type and field, month.

    A period of whole report months reads the tally kept by triggers (`reports.tally`) for what cannot change
    with the days (received, processed, on time, late) — three small grouped reads instead of every petition
    of the period — and the open petitions for the rest (not processed yet, past the limit). Any other range
    groups the petitions themselves. Both give the same numbers (tests/reports/test_dashboard.py)."""
    from django.db.models import Sum

    from tiepdan.reports.models import PetitionTally

    period = ctx.period
    pm = petition_metrics(ctx)
    result = Cohort()
    months = tally_months(period) if use_tally else None
    if months is None:
        for r in _rows(
            Petition.objects.filter(unit_id__in=unit_ids, received_on__gte=period.date_from,
                                    received_on__lte=period.date_to)
            .annotate(bucket=_bucket_expr("received_on"))
            .values("unit_id", "type", "subject_field_id", "bucket")
            .annotate(**_counts({k: pm[k] for k in COHORT_KEYS}))
            .order_by()
        ):  # fmt: skip
            result.add_row(r, COHORT_KEYS)
        return result
    # received = 0: a key every petition has left (classified, moved); nothing else is counted there either.
    tallied = PetitionTally.objects.filter(unit_id__in=unit_ids, month__gte=months[0], month__lte=months[1],
                                           received__gt=0)  # fmt: skip
    sums = {"p_received": Sum("received"), "p_processed": Sum("processed"), "p_on_time": Sum("on_time"),
            "p_late": Sum("late")}  # fmt: skip
    for r in _rows(tallied.values("unit_id", "type").annotate(**sums).order_by()):
        result.add({k: r[k] for k in sums}, unit_type=(r["unit_id"], r["type"]))
    for r in _rows(tallied.values("type", "subject_field_id").annotate(**sums).order_by()):
        result.add({k: r[k] for k in sums}, field=(r["type"], r["subject_field_id"] or None))  # 0: no field
    for r in _rows(tallied.values("month").annotate(**sums).order_by()):
        result.add({k: r[k] for k in sums}, month=r["month"])
    for r in _rows(
        Petition.objects.filter(unit_id__in=unit_ids, status__in=OPEN_STATUSES, received_on__gte=period.date_from,
                                received_on__lte=period.date_to)
        .annotate(bucket=_bucket_expr("received_on"))
        .values("unit_id", "type", "subject_field_id", "bucket")
        .annotate(**_counts({k: pm[k] for k in ("p_pending", "p_missed")}))
        .order_by()
    ):  # fmt: skip
        result.add_row(r, ("p_pending", "p_missed"))
    return result


def scorecard_ratios(board: Dashboard) -> dict[str, dict[int, tuple[int, int]]]:
    """The scorecard's two on-time measures for each unit's own work, read off the counts the dashboard has
    already made (the same predicates as `scorecard.case_resolution_on_time` and
    `scorecard.petition_processing_on_time`, which a test keeps equal), so the page does not count them twice."""
    cases: dict[int, tuple[int, int]] = {}
    petitions: dict[int, tuple[int, int]] = {}
    for unit_id, c in board.per_unit.items():
        if c.get("c_resolved", 0) + c.get("c_missed", 0):
            cases[unit_id] = (c.get("c_on_time", 0), c["c_resolved"] + c["c_missed"])
        if c.get("p_processed", 0) + c.get("p_missed", 0):
            petitions[unit_id] = (c.get("p_on_time", 0), c["p_processed"] + c["p_missed"])
    return {"case_on_time": cases, "petition_on_time": petitions}


def _first(qs: QuerySet[Any], order: tuple[str, ...]) -> list[Any]:
    """The first LIST_LIMIT rows in `order`, joined to their unit and field only after the limit (two small
    queries instead of joining every candidate row before sorting)."""
    ids = list(qs.order_by(*order).values_list("pk", flat=True)[:LIST_LIMIT])
    found = qs.model.objects.select_related("unit", "subject_field").in_bulk(ids)
    return [found[i] for i in ids if i in found]


def _petition_list(qs: QuerySet[Petition]) -> list[dict[str, Any]]:
    return [petition_item(p) for p in _first(qs, ("due_on", "pk"))]


def petition_item(p: Petition) -> dict[str, Any]:
    """What the dashboard shows of a petition: never a petitioner, never a denunciation's summary."""
    if p.type == PetitionType.DENUNCIATION:
        about = p.subject_field.name if p.subject_field else gettext("Nội dung tố cáo (xem trong hồ sơ)")
    else:
        about = p.summary
    return {"pk": p.pk, "code": p.code, "unit": p.unit.name, "type": gettext(TYPE_LABELS.get(p.type, p.type)),
            "about": about, "due_on": p.due_on, "received_on": p.received_on}  # fmt: skip


def _case_list(qs: QuerySet[Case], ctx: Context, *, order: tuple[str, ...] = ("due_on", "pk")) -> list[dict[str, Any]]:
    return [case_item(c, ctx) for c in _first(qs, order)]


def case_item(c: Case, ctx: Context) -> dict[str, Any]:
    if c.type == PetitionType.DENUNCIATION:
        about = c.subject_field.name if c.subject_field else gettext("Nội dung tố cáo (xem trong hồ sơ)")
    else:
        about = c.title
    level = case_rules.complexity(set(c.complexity_criteria)) if c.complexity_criteria else ""
    tags = []
    if level:
        tags.append(gettext("Đặc biệt phức tạp") if level == "very_complex" else gettext("Phức tạp"))
    if is_prolonged(c, on=ctx.on):
        tags.append(gettext("Kéo dài"))
    if c.mass_delegation:
        tags.append(gettext("Đông người"))
    return {"pk": c.pk, "code": c.code, "unit": c.unit.name, "type": gettext(TYPE_LABELS.get(c.type, c.type)),
            "about": about, "due_on": c.due_on, "accepted_on": c.accepted_on, "tags": tags,
            "state": gettext(case_rules.STATE_LABELS.get(c.state, c.state))}  # fmt: skip


# --- Drill-down: the records behind one number ---------------------------------------------------------


@dataclass(frozen=True)
class Drill:
    metric: str
    unit: OrgUnit
    own: bool = False
    type: str = ""
    field: str = ""  # a subject field code (its subtree), "-" for "not classified"


def drill_unit_ids(user: User, drill: Drill) -> list[int]:
    if drill.own:
        return [drill.unit.pk]
    return list(
        OrgUnit.objects.filter(user_scope(user).q(), path__startswith=drill.unit.path).values_list("pk", flat=True)
    )


def _field_q(code: str, prefix: str = "") -> Q:
    if code == "-":
        return Q(**{f"{prefix}subject_field__isnull": True})
    return Q(**{f"{prefix}subject_field__code": code}) | Q(**{f"{prefix}subject_field__code__startswith": f"{code}."})


def drill_records(user: User, drill: Drill, ctx: Context) -> QuerySet[Any]:
    """The petitions, resolution limits or cases counted by one number of the dashboard (same predicate)."""
    ids = drill_unit_ids(user, drill)
    if drill.metric in petition_metrics(ctx):
        qs: QuerySet[Any] = Petition.objects.filter(unit_id__in=ids).filter(petition_metrics(ctx)[drill.metric])
        if drill.type:
            qs = qs.filter(type=drill.type)
        if drill.field:
            qs = qs.filter(_field_q(drill.field))
        return qs.select_related("unit", "subject_field").order_by("due_on", "pk")
    if drill.metric in deadline_metrics(ctx):
        qs = resolution_deadlines(ids).filter(deadline_metrics(ctx)[drill.metric])
        if drill.type:
            qs = qs.filter(rule_code__in=[code for code, t in RESOLVE_RULES.items() if t == drill.type])
        if drill.field:
            same = Q(code=drill.field) | Q(code__startswith=f"{drill.field}.")
            matching = set(SubjectField.objects.filter(same).values_list("pk", flat=True))
            qs = (qs.filter(matter_field_id__isnull=True) if drill.field == "-"
                  else qs.filter(matter_field_id__in=matching))  # fmt: skip
        return qs.select_related("unit", "content_type").order_by("due_on", "pk")
    if drill.metric in case_flag_metrics(ctx):
        qs = open_cases(ids).filter(case_flag_metrics(ctx)[drill.metric])
        if drill.type:
            qs = qs.filter(type=drill.type)
        return qs.select_related("unit", "subject_field").order_by("accepted_on", "pk")
    raise NotFoundError("Không có số liệu này.")


def deadline_items(deadlines: list[TrackedDeadline], ctx: Context) -> list[dict[str, Any]]:
    """Rows for a page of resolution limits, with their case or petition (two queries per page)."""
    case_ids = [int(d.object_id) for d in deadlines if d.content_type.model == "case"]
    petition_ids = [int(d.object_id) for d in deadlines if d.content_type.model == "petition"]
    cases = Case.objects.select_related("unit", "subject_field").in_bulk(case_ids)
    petitions = Petition.objects.select_related("unit", "subject_field").in_bulk(petition_ids)
    rows = []
    for d in deadlines:
        item: dict[str, Any] | None
        if d.content_type.model == "case":
            c = cases.get(int(d.object_id))
            item = case_item(c, ctx) if c else None
            kind = "case"
        else:
            p = petitions.get(int(d.object_id))
            item = petition_item(p) if p else None
            kind = "petition"
        on_time = d.closed_on is not None and d.due_on is not None and d.closed_on <= d.due_on
        rows.append({"deadline": d, "item": item, "kind": kind, "on_time": on_time})
    return rows
