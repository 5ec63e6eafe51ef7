"""Reads of the reports app: computing a form for a unit and period (scoped to the user), the records behind
one cell, frozen snapshots, and which children of a unit have submitted.

`user=None` is the command line (`tiepdan report`), which runs with the rights of the machine's operator and
sees every unit, like the other management commands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today, user_scope, visible_units

from . import periods, rollup
from .forms import FormError, ReportForm, Result, get_form
from .models import ReportDueRule, ReportSnapshot, SnapshotStatus


@dataclass
class Report:
    form: ReportForm
    unit: OrgUnit
    period: periods.Period
    result: Result
    computed_at: dt.datetime | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON of the CLI contract (CONTRACTS.md), extended with names and the period label."""
        return {
            "form": self.form.code,
            "title": self.form.title,
            "unit": self.unit.code,
            "unit_name": self.unit.name,
            "period": {**self.period.as_dict(), "code": self.period.code, "label": self.period.label},
            "columns": [
                {"key": c.key, "label": c.label, "number": c.number, "group": list(c.group), "kind": c.kind}
                for c in self.form.columns
            ],
            "rows": [
                {"unit": r.code, "unit_name": r.name, "own": r.is_own, "values": r.values} for r in self.result.rows
            ],
            "total": self.result.total,
        }


def parse_period(text: str) -> periods.Period:
    try:
        return periods.parse(text)
    except periods.PeriodError as exc:
        raise DomainError(str(exc), field="period") from None


def find_form(code: str) -> ReportForm:
    try:
        return get_form(code)
    except FormError as exc:
        raise DomainError(str(exc), field="form") from None


def find_unit(user: User | None, code: str) -> OrgUnit:
    code = (code or "").strip()
    if user is None:
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            raise NotFoundError(f"Không có đơn vị mã “{code}”.")
        return unit
    unit = visible_units(user).filter(code=code).first()
    if unit is None or not (user_scope(user).everything or _supervises(user, unit)):
        raise NotFoundError(f"Không tìm thấy đơn vị mã “{code}” trong phạm vi báo cáo của bạn.")
    return unit


def _supervises(user: User, unit: OrgUnit) -> bool:
    """A report covers the unit's whole subtree: the user must see it all (a supervising role at the unit or
    above), or be a member of a unit without children."""
    scope = user_scope(user)
    if unit.path.startswith(scope.subtree_paths):
        return True
    return unit.pk in scope.unit_ids and not OrgUnit.objects.filter(parent=unit).exists()


def compute(*, user: User | None, form_code: str, unit_code: str, period_text: str) -> Report:
    """One form for one unit and period, rolled up over the unit's subtree as it stood in the period."""
    form = find_form(form_code)
    period = parse_period(period_text)
    unit = find_unit(user, unit_code)
    return compute_for(form=form, unit=unit, period=period)


def compute_for(*, form: ReportForm, unit: OrgUnit, period: periods.Period) -> Report:
    grouping = rollup.build(unit, period.date_from, period.date_to)
    from django.utils import timezone

    return Report(form=form, unit=unit, period=period, result=form.compute(grouping, period),
                  computed_at=timezone.now())  # fmt: skip


@dataclass
class CellRecords:
    form: ReportForm
    unit: OrgUnit
    row_code: str
    row_name: str
    period: periods.Period
    column_key: str
    column_label: str
    records: QuerySet[Any]
    kind: str  # "petition" or "case"


def cell_records(*, user: User, form_code: str, unit_code: str, period_text: str, row: str, key: str) -> CellRecords:
    """The records counted in one cell (row = a row's unit code, or "" for the total), through the same
    filters as the count (`MeasuredForm.records`). Petitions and cases only: no petitioner is read."""
    form = find_form(form_code)
    period = parse_period(period_text)
    unit = find_unit(user, unit_code)
    if not getattr(form, "drilldown", False):
        raise DomainError(f"Biểu {form.code} không có danh sách chi tiết.")
    column = next((c for c in form.columns if c.key == key), None)
    if column is None:
        raise NotFoundError(f"Biểu {form.code} không có chỉ tiêu “{key}”.")
    grouping = rollup.build(unit, period.date_from, period.date_to)
    if row:
        found = grouping.row(row)
        if found is None:
            raise NotFoundError(f"Báo cáo của {unit.name} không có dòng “{row}”.")
        unit_ids, row_name = sorted(found.unit_ids), found.name
    else:
        unit_ids, row_name = grouping.all_unit_ids, "Tổng cộng"
    qs = form.records(key, unit_ids, period)
    if qs is None:
        raise DomainError(f"Chỉ tiêu “{column.label}” không có danh sách chi tiết.")
    kind = "case" if qs.model._meta.model_name == "case" else "petition"
    if kind == "petition":
        qs = qs.select_related("unit", "subject_field", "case")
    else:
        qs = qs.select_related("unit", "decision")
    return CellRecords(form, unit, row, row_name, period, key, column.label, qs, kind)


# --- Snapshots ---------------------------------------------------------------------------------------


def snapshots_for(user: User, *, unit: OrgUnit) -> QuerySet[ReportSnapshot]:
    qs = ReportSnapshot.objects.filter(user_scope(user).q("unit")).select_related("unit", "frozen_by")
    return qs.filter(unit=unit).order_by("-date_to", "form_code")


def get_snapshot(user: User, pk: int) -> ReportSnapshot:
    snap = (
        ReportSnapshot.objects.filter(user_scope(user).q("unit"))
        .select_related("unit", "frozen_by", "approved_by", "submitted_by", "submitted_to")
        .filter(pk=pk)
        .first()
    )
    if snap is None:
        # The parent unit sees what its children submitted even if it is not in their scope otherwise.
        snap = ReportSnapshot.objects.filter(pk=pk, status=SnapshotStatus.SUBMITTED).select_related("unit").first()
        if snap is None or snap.submitted_to is None or not user_scope(user).allows(snap.submitted_to):
            raise NotFoundError("Không tìm thấy báo cáo này trong phạm vi của bạn.")
    return snap


class DueDates:
    """The due dates of one period's reports (`ReportDueRule`), the rules read once for many units."""

    def __init__(self, period: periods.Period) -> None:
        self.period = period
        if period.kind == "range":  # a range chosen by hand has no statutory due date
            self.rules: list[ReportDueRule] = []
            return
        on = period.date_to
        self.rules = list(
            ReportDueRule.objects.filter(Q(period_kind=period.kind) | Q(period_kind=""), valid_from__lte=on).filter(
                Q(valid_to__isnull=True) | Q(valid_to__gte=on)
            )
        )

    def rule_for(self, unit: OrgUnit) -> ReportDueRule | None:
        """The most specific rule: the unit's kind before any kind, the period's kind before any period, then
        the latest in force."""
        found = [r for r in self.rules if r.unit_kind in (unit.kind, "")]
        return min(found, key=lambda r: (r.unit_kind == "", r.period_kind == "", -r.valid_from.toordinal()),
                   default=None)  # fmt: skip

    def due_on(self, unit: OrgUnit) -> dt.date | None:
        rule = self.rule_for(unit)
        return self.period.date_to + dt.timedelta(days=rule.days_after_cutoff) if rule else None


@dataclass
class ChildStatus:
    unit: OrgUnit
    snapshot: ReportSnapshot | None
    due_on: dt.date | None = None
    as_of: dt.date | None = None  # the day "missing after its due date" is judged on

    @property
    def submitted(self) -> bool:
        return self.snapshot is not None

    @property
    def late(self) -> bool:
        """Submitted after its due date, or still missing once the due date has passed."""
        if self.due_on is None:
            return False
        if self.snapshot is not None and self.snapshot.submitted_at is not None:
            return timezone.localdate(self.snapshot.submitted_at) > self.due_on
        return self.as_of is not None and self.as_of > self.due_on


def submission_status(*, user: User, unit: OrgUnit, form_code: str, period: periods.Period) -> list[ChildStatus]:
    """For a parent unit: each direct child (as the tree stood in the period) with its submitted report of the
    form and period, or None when missing."""
    if not user_scope(user).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")
    grouping = rollup.build(unit, period.date_from, period.date_to)
    children = [r for r in grouping.rows if not r.is_own]
    by_unit = {
        s.unit_id: s
        for s in ReportSnapshot.objects.filter(
            form_code=form_code,
            date_from=period.date_from,
            date_to=period.date_to,
            status=SnapshotStatus.SUBMITTED,
            unit_id__in=[r.unit_id for r in children],
        ).select_related("unit", "submitted_by")
    }
    units = OrgUnit.objects.in_bulk([r.unit_id for r in children])
    due = DueDates(period)
    on = today()
    return [
        ChildStatus(units[r.unit_id], by_unit.get(r.unit_id), due_on=due.due_on(units[r.unit_id]), as_of=on)
        for r in children
    ]
