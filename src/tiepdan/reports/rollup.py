"""Which unit's records count in which row of a report: the org tree as it stood in the period (DOMAIN §5, §9).

A report for unit U has one row per direct child of U that existed at some time in the period, and a row for
U's own records (the records U itself received or resolved) when it has any. A record counts in the row of the
child whose subtree held its unit — except that a unit succeeded (merge, split, rename, transfer) by a unit of
the report, with effect on or before the end of the period, counts under its successor: the records of a
merged ward appear under the new ward. Units that U succeeded (and what lay below them, unless it has a
successor of its own) count as U's own records.

The mapping is computed once per report from the tree (a few hundred units at most for a province); the
counting is then done by the database, grouped by row (see `forms.base`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from tiepdan.orgs.models import OrgUnit, Succession

OWN_ROW_SUFFIX = " (tự thực hiện)"


@dataclass
class Row:
    code: str
    name: str
    unit_id: int
    is_own: bool = False
    unit_ids: set[int] = field(default_factory=set)


@dataclass
class Grouping:
    unit: OrgUnit
    date_from: dt.date
    date_to: dt.date
    rows: list[Row]

    @property
    def all_unit_ids(self) -> list[int]:
        return sorted({uid for row in self.rows for uid in row.unit_ids})

    def row(self, code: str) -> Row | None:
        return next((r for r in self.rows if r.code == code), None)


def _overlaps(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> bool:
    return unit.valid_from <= date_to and (unit.valid_to is None or unit.valid_to >= date_from)


def build(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> Grouping:
    """The rows of a report for `unit` over the period, each with the ids of the units that count in it."""
    subtree = {u.pk: u for u in OrgUnit.objects.filter(path__startswith=unit.path).only(
        "pk", "code", "name", "parent_id", "path", "depth", "valid_from", "valid_to")}  # fmt: skip
    successions = list(
        Succession.objects.filter(effective_on__lte=date_to).values_list("predecessor_id", "successor_id", "is_primary")
    )
    forward: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    backward: dict[int, list[int]] = defaultdict(list)
    for pred, succ, primary in successions:
        forward[pred].append((succ, primary))
        backward[succ].append(pred)

    # Units from outside the subtree that U or a unit of its subtree succeeded, with what lay below them.
    outside_owner: dict[int, int] = {}  # outside unit id → the subtree unit it counts as
    frontier = list(subtree)
    seen = set(subtree)
    while frontier:
        nxt = []
        for uid in frontier:
            for pred in backward.get(uid, []):
                if pred in seen:
                    continue
                seen.add(pred)
                outside_owner[pred] = outside_owner.get(uid, uid)
                nxt.append(pred)
        frontier = nxt
    if outside_owner:
        preds = OrgUnit.objects.filter(pk__in=list(outside_owner)).only("pk", "path")
        below_q = Q(pk__in=[])
        for pred_unit in preds:
            below_q |= Q(path__startswith=pred_unit.path)
        for below in OrgUnit.objects.filter(below_q).exclude(pk__in=list(seen)).only("pk", "path"):
            if below.pk in forward:  # its history went to its own successor
                continue
            owner_pred = next(int(p) for p in reversed(below.path.strip("/").split("/")) if int(p) in outside_owner)
            outside_owner[below.pk] = outside_owner[owner_pred]
            seen.add(below.pk)

    children = sorted(
        (u for u in subtree.values() if u.parent_id == unit.pk and _overlaps(u, date_from, date_to)),
        key=lambda u: (u.name, u.code),
    )
    child_ids = {c.pk for c in children}

    def final_child(child_id: int) -> int:
        """Follow successions among the children (a merged ward → the new ward) to the row that takes it."""
        current, hops = child_id, 0
        while hops < 50:
            targets = [s for s, _p in sorted(forward.get(current, []), key=lambda t: not t[1]) if s in child_ids]
            if not targets:
                return current
            current, hops = targets[0], hops + 1
        return current

    def row_of(uid: int) -> int | None:
        """The child (or U itself) whose row counts unit `uid` of the subtree; None for a unit under a child
        that did not exist in the period (it holds no record of the period)."""
        if uid == unit.pk:
            return unit.pk
        target = uid
        # A unit succeeded by another unit of the subtree counts where its successor counts.
        hops = 0
        while hops < 50:
            succ = [s for s, _p in sorted(forward.get(target, []), key=lambda t: not t[1]) if s in subtree]
            if not succ or succ[0] == target:
                break
            target, hops = succ[0], hops + 1
        if target == unit.pk:
            return unit.pk
        parts = [int(p) for p in subtree[target].path.strip("/").split("/")]
        depth_index = parts.index(unit.pk) + 1
        if depth_index >= len(parts):
            return unit.pk
        child = parts[depth_index]
        if child not in child_ids:
            return None
        return final_child(child)

    members: dict[int, set[int]] = defaultdict(set)
    for uid in subtree:
        if (row := row_of(uid)) is not None:
            members[row].add(uid)
    for uid, owner in outside_owner.items():
        if (row := row_of(owner)) is not None:
            members[row].add(uid)

    rows = [
        Row(code=unit.code, name=f"{unit.name}{OWN_ROW_SUFFIX}", unit_id=unit.pk, is_own=True,
            unit_ids=members.get(unit.pk, set()))
    ]  # fmt: skip
    for child in children:
        # A child whose history went to a successor (by the end of the period) has no row of its own.
        if child.pk in members or not forward.get(child.pk):
            rows.append(Row(code=child.code, name=child.name, unit_id=child.pk, unit_ids=members.get(child.pk, set())))
    return Grouping(unit=unit, date_from=date_from, date_to=date_to, rows=rows)
