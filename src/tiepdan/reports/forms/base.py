"""What every report form is made of: columns (with their multi-level header groups and printed numbers) and a
computation that fills one row per unit of the roll-up plus the total.

Two kinds of form:

- `ReportForm`, the interface: `code`, `title`, `legal_source`, `columns`, `compute(grouping, period)` and
  `records(key, unit_ids, period)` (the records behind one cell, or None when the form has no drill-down).
  A form built on another app's counts (01/TCD from `reception.selectors.tcd01_counts`) implements this.
- `MeasuredForm`: a form whose every column is a `Measure` — a filter (`Q`) over petitions or cases and an
  aggregate (count, count of distinct cases, sum). The same filter builds the database aggregate (a
  conditional `COUNT`/`SUM` grouped by row) and the drill-down list, so the number and the list behind it
  cannot diverge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.db import connection, transaction
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from tiepdan.reports.periods import Period
from tiepdan.reports.rollup import Grouping, Row

Number = int | float


@dataclass(frozen=True)
class Measure:
    """How one column is counted. `model` names a base of the form (`MeasuredForm.bases`); `where` gives the
    record-level condition for the period; `agg` is "count" (records), "cases" (distinct cases of the
    petitions) or "sum:<field>" (a sum over the records)."""

    model: str
    where: Callable[[Period], Q]
    agg: str = "count"


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # Vietnamese, as printed in the lowest header cell
    number: int  # the column number printed under the headers
    group: tuple[str, ...] = ()  # the header cells above it, outermost first (merged across equal neighbours)
    kind: str = "count"  # "count", "money" (đồng), "area" (m²), "people"
    rule: str = ""  # the record-level rule in Vietnamese (docs/reports.md)
    rule_en: str = ""
    measure: Measure | None = None


@dataclass
class ResultRow:
    code: str
    name: str
    unit_ids: list[int]
    values: dict[str, Number]
    is_own: bool = False


@dataclass
class Result:
    rows: list[ResultRow]
    total: dict[str, Number]
    unit_ids: list[int] = field(default_factory=list)


class ReportForm(Protocol):
    code: str  # "02/XLD"
    title: str  # Vietnamese title printed on the form
    legal_source: str
    columns: list[Column]
    drilldown: bool

    def compute(self, grouping: Grouping, period: Period) -> Result: ...

    def records(self, key: str, unit_ids: list[int], period: Period) -> QuerySet[Any] | None: ...


def _number(value: Any, kind: str) -> Number:
    if value is None:
        return 0
    if isinstance(value, Decimal):
        return float(round(value, 1)) if kind == "area" else int(value)
    return int(value)


def keep_row(row: Row, values: dict[str, Number]) -> bool:
    """Children always have a row; the unit's own row only when it has a figure."""
    return not row.is_own or any(values.values())


def rows_from(grouping: Grouping, per_row: dict[int, dict[str, Number]], columns: list[Column]) -> list[ResultRow]:
    """ResultRows in the grouping's order from values keyed by the row index."""
    out = []
    for index, row in enumerate(grouping.rows):
        values = {c.key: per_row.get(index, {}).get(c.key, 0) for c in columns}
        if keep_row(row, values):
            out.append(ResultRow(row.code, row.name, sorted(row.unit_ids), values, row.is_own))
    return out


@dataclass(frozen=True)
class Base:
    """A queryset of records a form counts: `queryset()` gives all records, `unit_field` the unit that places
    a record in a row, `population` the records the form looks at in the period, `annotate` the derived
    values its filters use (applied before filtering)."""

    queryset: Callable[[], QuerySet[Any]]
    unit_field: str
    population: Callable[[Period], Q]
    annotate: Callable[[Period], dict[str, Any]] = lambda p: {}


class MeasuredForm:
    code: str = ""
    title: str = ""
    legal_source: str = ""
    columns: list[Column] = []
    bases: dict[str, Base] = {}
    drilldown = True

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def base_queryset(self, model: str, unit_ids: list[int], period: Period) -> QuerySet[Any]:
        """The records of `model` the form looks at in the period, for these units (one code path for counts
        and lists)."""
        base = self.bases[model]
        qs = base.queryset().filter(**{f"{base.unit_field}__in": unit_ids})
        for name, expression in base.annotate(period).items():  # in order: a join before the columns it gives
            qs = qs.annotate(**{name: expression})
        return qs.filter(base.population(period))

    def _aggregate(self, column: Column, period: Period) -> Any:
        m = column.measure
        assert m is not None
        where = m.where(period)
        if m.agg == "count":
            return Count("pk", filter=where)
        if m.agg == "cases":
            return Count("case", filter=where, distinct=True)
        if m.agg.startswith("sum:"):
            return Coalesce(Sum(m.agg[4:], filter=where), Value(0), output_field=m_output(column))
        raise ValueError(m.agg)

    def compute(self, grouping: Grouping, period: Period) -> Result:
        with transaction.atomic():
            no_jit()
            return self._compute(grouping, period)

    def _compute(self, grouping: Grouping, period: Period) -> Result:
        all_ids = grouping.all_unit_ids
        per_row: dict[int, dict[str, Number]] = {}
        total: dict[str, Number] = {c.key: 0 for c in self.columns}
        for model, base in self.bases.items():
            cols = [c for c in self.columns if c.measure is not None and c.measure.model == model]
            if not cols or not all_ids:
                continue
            # Aliases apart from field names (a column "eligible" must not shadow the field in the filters).
            aggs = {f"agg_{c.key}": self._aggregate(c, period) for c in cols}
            qs = self.base_queryset(model, all_ids, period)
            whens = [
                When(**{f"{base.unit_field}__in": sorted(row.unit_ids)}, then=Value(i))
                for i, row in enumerate(grouping.rows)
                if row.unit_ids
            ]
            grouped = qs.annotate(_row=Case(*whens, default=Value(-1), output_field=IntegerField()))
            grouped = grouped.values("_row").annotate(**aggs).order_by()
            distinct = {f"agg_{c.key}": aggs[f"agg_{c.key}"] for c in cols if c.measure and c.measure.agg == "cases"}
            items, rolled_up = _rows_with_rollup(grouped) if distinct else (list(grouped), False)
            for item in items:
                if item["_row"] is None:  # the ROLLUP row: the totals, distinct counts included
                    for c in cols:
                        total[c.key] = _number(item[f"agg_{c.key}"], c.kind)
                    continue
                values = per_row.setdefault(item["_row"], {})
                for c in cols:
                    values[c.key] = _number(item[f"agg_{c.key}"], c.kind)
                    if not rolled_up:
                        total[c.key] += values[c.key]
            # The total of a count of distinct cases is not the sum of the rows (a case may span rows): on
            # PostgreSQL the grouped query rolls up (one scan); elsewhere it is counted again over all the units.
            if distinct and not rolled_up:
                totals = qs.aggregate(**distinct)
                for c in cols:
                    if f"agg_{c.key}" in totals:
                        total[c.key] = _number(totals[f"agg_{c.key}"], c.kind)
        for c in self.columns:
            if c.kind == "area":
                total[c.key] = round(float(total[c.key]), 1)
        return Result(rows=rows_from(grouping, per_row, self.columns), total=total, unit_ids=all_ids)

    def records(self, key: str, unit_ids: list[int], period: Period) -> QuerySet[Any] | None:
        """The records behind one cell: the same base and filter as the count. For a count of cases the
        cases of the counted petitions; for a sum the records with a non-zero amount."""
        column = self.column(key)
        m = column.measure
        if m is None:
            return None
        qs = self.base_queryset(m.model, unit_ids, period).filter(m.where(period))
        if m.agg == "cases":
            from tiepdan.cases.models import Case as CaseModel

            return CaseModel.objects.filter(pk__in=qs.values("case")).order_by("-opened_on", "-pk")
        if m.agg.startswith("sum:"):
            qs = qs.filter(**{f"{m.agg[4:]}__gt": 0})
        return qs.order_by("pk")


def _rows_with_rollup(grouped: QuerySet[Any]) -> tuple[list[dict[str, Any]], bool]:
    """On PostgreSQL, the grouped aggregate with `GROUP BY ROLLUP` (the totals row has `_row` NULL), so distinct
    counts get their total from the same scan. The ORM has no ROLLUP: the compiled SQL's final `GROUP BY 1` is
    rewritten; when the SQL does not end that way the plain grouped rows are returned (and totals counted apart)."""
    if connection.vendor != "postgresql":
        return list(grouped), False
    sql, params = grouped.query.sql_with_params()
    if not sql.endswith(" GROUP BY 1"):
        return list(grouped), False
    with connection.cursor() as cursor:
        cursor.execute(sql[: -len(" GROUP BY 1")] + " GROUP BY ROLLUP (1)", params)
        names = [col.name for col in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()], True


def no_jit() -> None:
    """PostgreSQL's JIT compiles the wide conditional aggregates of a form for seconds (measured: 10 s of
    optimisation and emission for a 30 ms query) and gains nothing at these sizes: off for this transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")


def m_output(column: Column) -> Any:
    from django.db.models import DecimalField

    if column.kind in ("money", "area"):
        return DecimalField(max_digits=20, decimal_places=1)
    return IntegerField()


def between(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.date_from, f"{field_name}__lte": period.date_to})


def on_or_before(field_name: str, day: dt.date) -> Q:
    return Q(**{f"{field_name}__lte": day})


class CountsForm:
    """A form whose figures another app counts per unit (01/TCD: `reception.selectors.tcd01_counts`).

    `counts(unit_ids=[...], date_from=..., date_to=...)` returns {unit id: {column key: number}} for the units
    that have figures; the rows and the total are the sums over each row's units (additive counts only). No
    drill-down: the numbers are not links. A module defines the columns and sets `counts`, e.g.::

        class Form01TCD(CountsForm):
            code, title = "01/TCD", "TỔNG HỢP KẾT QUẢ TIẾP CÔNG DÂN"
            legal_source = "Biểu số 01/TCD, Thông tư 06/2025/TT-TTCP"
            columns = [Column("visits", "Số lượt", 1, group=("Tiếp thường xuyên",)), ...]

            def counts(self, **kw): return reception_selectors.tcd01_counts(**kw)

        FORM = Form01TCD()   # and reports.forms.register(FORM)
    """

    code: str = ""
    title: str = ""
    legal_source: str = ""
    columns: list[Column] = []
    drilldown = False

    def counts(self, *, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, dict[str, Any]]:
        raise NotImplementedError

    def compute(self, grouping: Grouping, period: Period) -> Result:
        by_unit = self.counts(unit_ids=grouping.all_unit_ids, date_from=period.date_from, date_to=period.date_to)
        per_row: dict[int, dict[str, Number]] = {}
        total: dict[str, Number] = {c.key: 0 for c in self.columns}
        for index, row in enumerate(grouping.rows):
            values = per_row.setdefault(index, {c.key: 0 for c in self.columns})
            for uid in row.unit_ids:
                for c in self.columns:
                    value = _number((by_unit.get(uid) or {}).get(c.key, 0), c.kind)
                    values[c.key] += value
                    total[c.key] += value
        return Result(rows=rows_from(grouping, per_row, self.columns), total=total, unit_ids=grouping.all_unit_ids)

    def records(self, key: str, unit_ids: list[int], period: Period) -> QuerySet[Any] | None:
        return None
