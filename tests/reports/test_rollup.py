"""Roll-up rows from the org tree as it stood in the period, with successions."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.orgs.models import Succession, SuccessionKind, UnitKind
from tiepdan.reports import rollup

from ..factories import make_unit

pytestmark = pytest.mark.django_db
D = dt.date


def rows(unit, start, end):
    g = rollup.build(unit, start, end)
    return {r.code: set(r.unit_ids) for r in g.rows}


def test_siblings_merged_in_the_period_count_under_the_successor():
    p = make_unit("Tỉnh M", kind=UnitKind.PROVINCE, code="M", valid_from=D(2008, 1, 1))
    x = make_unit("Phường X", parent=p, code="X", valid_from=D(2010, 1, 1), valid_to=D(2026, 4, 30))
    y = make_unit("Phường Y", parent=p, code="Y", valid_from=D(2010, 1, 1), valid_to=D(2026, 4, 30))
    z = make_unit("Phường Z", parent=p, code="Z", valid_from=D(2026, 5, 1))
    group = make_unit("Tổ dân phố 1", kind=UnitKind.PUBLIC_SERVICE_UNIT, parent=x, code="X1",
                      valid_from=D(2010, 1, 1), valid_to=D(2026, 4, 30))  # fmt: skip
    for old in (x, y):
        Succession.objects.create(predecessor=old, successor=z, kind=SuccessionKind.MERGE, effective_on=D(2026, 5, 1))
    # Before the merger: the old tree.
    assert rows(p, D(2026, 1, 1), D(2026, 3, 31)) == {"M": {p.pk}, "X": {x.pk, group.pk}, "Y": {y.pk}}
    # Over the merger: X and Y (and what lay below X) count under Z; no empty rows for X and Y.
    assert rows(p, D(2026, 3, 15), D(2026, 6, 14)) == {"M": {p.pk}, "Z": {z.pk, x.pk, y.pk, group.pk}}
    # A report for Z itself: the merged wards are its own history.
    assert rows(z, D(2026, 1, 1), D(2026, 12, 31)) == {"Z": {z.pk, x.pk, y.pk, group.pk}}


def test_district_abolished_into_the_province_and_wards_into_new_wards():
    p = make_unit("Tỉnh N", kind=UnitKind.PROVINCE, code="N", valid_from=D(2008, 1, 1))
    d = make_unit("Quận Một", kind=UnitKind.DISTRICT, parent=p, code="Q1", valid_from=D(2008, 1, 1),
                  valid_to=D(2025, 6, 30))  # fmt: skip
    w_old = make_unit("Phường Cũ", parent=d, code="W0", valid_from=D(2008, 1, 1), valid_to=D(2025, 6, 30))
    w_new = make_unit("Phường Mới", parent=p, code="W1", valid_from=D(2025, 7, 1))
    Succession.objects.create(predecessor=w_old, successor=w_new, kind=SuccessionKind.MERGE,
                              effective_on=D(2025, 7, 1))  # fmt: skip
    Succession.objects.create(predecessor=d, successor=p, kind=SuccessionKind.TRANSFER, effective_on=D(2025, 7, 1))
    assert rows(p, D(2024, 12, 15), D(2025, 6, 14)) == {"N": {p.pk}, "Q1": {d.pk, w_old.pk}}
    assert rows(p, D(2024, 12, 15), D(2025, 12, 14)) == {"N": {p.pk, d.pk}, "W1": {w_new.pk, w_old.pk}}


def test_unit_moved_to_another_parent_counts_where_it_stood_at_the_end(world):
    g = rollup.build(world.province, D(2026, 1, 1), D(2026, 3, 31))
    assert [r.code for r in g.rows] == ["P", "A", "B"] and g.rows[0].is_own
    assert world.unit_c.pk not in g.all_unit_ids
