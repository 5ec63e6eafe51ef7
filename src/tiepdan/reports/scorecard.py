"""The head-of-unit scorecard: the accountability measures the seeds ask of every head (Quy định 11-QĐ/TW;
Chỉ thị 35-CT/TW), one row per unit, one column per registered measure.

A measure is a plain function `fn(*, unit_ids, date_from, date_to) -> {unit_id: (numerator, denominator)}`
over the unit's own work (not its subtree: each unit has its own head). It must answer in one query whatever
the number of units. Other apps register theirs, e.g. the reception app's periodic reception days held vs
required:

    from tiepdan.reports.scorecard import register_measure
    register_measure("reception_days", "Tiếp công dân định kỳ (ngày đã tiếp / ngày phải tiếp)",
                     periodic_reception_compliance)

The caller (the dashboard view) passes only unit ids the user may see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Count, Exists, F, OuterRef, Q

from tiepdan.cases.models import Case
from tiepdan.lawcal.models import RESOLUTION_RULES, TrackedDeadline
from tiepdan.orgs.models import Membership, OrgUnit, Role
from tiepdan.orgs.selectors import today
from tiepdan.petitions.models import Petition, PetitionStatus

Ratio = tuple[int, int]


class MeasureFn(Protocol):
    def __call__(self, *, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, Ratio]: ...


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    fn: MeasureFn | Callable[..., dict[int, Ratio]]
    help: str = ""
    order: int = 100


_MEASURES: dict[str, Measure] = {}


def register_measure(key: str, label: Any, fn: Callable[..., dict[int, Ratio]], *, help: Any = "",
                     order: int = 100) -> None:  # fmt: skip
    """Add (or replace) a column of the scorecard. `label` and `help` are Vietnamese (lazy translations)."""
    _MEASURES[key] = Measure(key=key, label=label, fn=fn, help=help, order=order)


def unregister_measure(key: str) -> None:
    _MEASURES.pop(key, None)


def measures() -> list[Measure]:
    return sorted(_MEASURES.values(), key=lambda m: (m.order, m.key))


# --- Built-in measures ---------------------------------------------------------------------------------

RESOLVE_RULES = RESOLUTION_RULES


def case_resolution_on_time(*, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, Ratio]:
    """Resolved within the statutory limit / (resolved in the period + limits that fell due in the period and
    were still running at its end, or today if earlier)."""
    last_due = min(date_to, today() - dt.timedelta(days=1))
    resolved = Q(closed_on__gte=date_from, closed_on__lte=date_to)
    missed = Q(due_on__gte=date_from, due_on__lte=last_due) & (Q(closed_on__isnull=True) | Q(closed_on__gt=date_to))
    rows = (
        TrackedDeadline.objects.filter(rule_code__in=RESOLVE_RULES, unit_id__in=unit_ids)
        .filter(resolved | missed)
        .values("unit_id")
        .annotate(
            num=Count("pk", filter=resolved & Q(closed_on__lte=F("due_on"))),
            den=Count("pk", filter=resolved | missed),
        )
        .order_by()
    )
    return {r["unit_id"]: (r["num"], r["den"]) for r in rows}


def petition_processing_on_time(*, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, Ratio]:
    """Petitions received in the period and processed within the processing limit / received in the period
    whose limit has passed or which are processed (a petition still inside its limit is not judged yet)."""
    received = Q(received_on__gte=date_from, received_on__lte=date_to)
    done = Q(status__in=(PetitionStatus.PROCESSED, PetitionStatus.SPLIT))
    judged = done | Q(due_on__lt=today())
    rows = (
        Petition.objects.filter(unit_id__in=unit_ids)
        .filter(received)
        .values("unit_id")
        .annotate(num=Count("pk", filter=done & Q(outcome_on__lte=F("due_on"))), den=Count("pk", filter=judged))
        .order_by()
    )
    return {r["unit_id"]: (r["num"], r["den"]) for r in rows}


ENFORCED_STATES = ("enforcement", "closed")


def decision_enforcement(*, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, Ratio]:
    """Complaint decisions issued in the period that took effect: enforcement organised (in enforcement or
    closed) / took effect (effective, in enforcement, or closed without a second round) (Law on Complaints
    Art 44–46)."""
    appealed = Exists(Case.objects.filter(previous_round=OuterRef("pk")))
    rows = (
        Case.objects.filter(unit_id__in=unit_ids, type="complaint", state__in=("effective", *ENFORCED_STATES))
        .filter(decision__issued_on__gte=date_from, decision__issued_on__lte=date_to)
        .annotate(appealed=appealed)
        .filter(appealed=False)
        .values("unit_id")
        .annotate(num=Count("pk", filter=Q(state__in=ENFORCED_STATES)), den=Count("pk"))
        .order_by()
    )
    return {r["unit_id"]: (r["num"], r["den"]) for r in rows}


register_measure(
    "case_on_time",
    "Giải quyết vụ việc đúng hạn",
    case_resolution_on_time,
    order=20,
    help="Vụ việc giải quyết đúng thời hạn luật định / vụ việc đã giải quyết hoặc đã đến hạn trong kỳ",
)
register_measure(
    "petition_on_time",
    "Xử lý đơn đúng hạn",
    petition_processing_on_time,
    order=30,
    help="Đơn nhận trong kỳ xử lý trong thời hạn / đơn đã xử lý hoặc đã hết hạn xử lý",
)
register_measure(
    "enforcement",
    "Tổ chức thi hành quyết định giải quyết khiếu nại",
    decision_enforcement,
    order=40,
    help="Quyết định có hiệu lực đã tổ chức thi hành / quyết định có hiệu lực ban hành trong kỳ",
)


# --- The scorecard --------------------------------------------------------------------------------------


@dataclass
class Cell:
    num: int
    den: int

    @property
    def rate(self) -> float | None:
        return round(100.0 * self.num / self.den, 1) if self.den else None


@dataclass
class ScoreRow:
    unit: OrgUnit
    heads: list[str]
    cells: list[Cell]


def scorecard(
    units: list[OrgUnit], *, date_from: dt.date, date_to: dt.date, known: dict[str, dict[int, Ratio]] | None = None
) -> tuple[list[Measure], list[ScoreRow]]:
    """One row per unit (its current heads by name) and one cell per registered measure: 1 + M queries.
    `known`: measures the caller has already computed for these units and dates (the dashboard's own counts)."""
    ids = [u.pk for u in units]
    heads: dict[int, list[str]] = {}
    for m in (
        Membership.objects.valid_on(today())
        .filter(unit_id__in=ids, role=Role.UNIT_HEAD)
        .select_related("user")
        .order_by("unit_id", "valid_from")
    ):
        heads.setdefault(m.unit_id, []).append(m.user.get_full_name() or m.user.username)
    cols = measures()
    known = known or {}
    results = [
        known[m.key] if m.key in known else m.fn(unit_ids=ids, date_from=date_from, date_to=date_to) for m in cols
    ]
    rows = []
    for u in units:
        cells = [Cell(*(res.get(u.pk) or (0, 0))) for res in results]
        rows.append(ScoreRow(unit=u, heads=heads.get(u.pk, []), cells=cells))
    return cols, rows
