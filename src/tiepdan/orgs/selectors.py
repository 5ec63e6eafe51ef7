"""Reads of the organisation tree, and the one place where a user's scope is decided.

Every selector in every app asks `user_scope(user)` which units a user may see and filters with
`scope_filter()`. A user sees the units of their memberships; supervising roles (head, leader,
statistician, inspector) also see every unit below; a system administrator sees everything. Units that a
visible unit succeeded (merged wards, abolished districts) stay visible, because their history is the
successor's history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User

from .models import SUPERVISING_ROLES, Membership, OrgUnit, Role, Succession

_same_day: ContextVar[dt.date | None] = ContextVar("same_day", default=None)


def today() -> dt.date:
    pinned = _same_day.get()
    return pinned if pinned is not None else timezone.localdate()


@contextmanager
def same_day() -> Iterator[dt.date]:
    """Within the block `today()` is the date it started on: an import checks every row against one day
    (a file that runs past midnight is not judged by two), and does not ask the time zone per row."""
    day = timezone.localdate()
    token = _same_day.set(day)
    try:
        yield day
    finally:
        _same_day.reset(token)


@dataclass(frozen=True)
class Scope:
    """What one user may see: whole subtrees (by path prefix) and single units (by id)."""

    everything: bool = False
    unit_ids: frozenset[int] = field(default_factory=frozenset)
    subtree_paths: tuple[str, ...] = ()

    def q(self, unit_field: str = "") -> Q:
        """A filter for a queryset whose unit is reached through `unit_field` ("" for OrgUnit itself)."""
        if self.everything:
            return Q()
        prefix = f"{unit_field}__" if unit_field else ""
        query = Q(**{f"{prefix}pk__in": sorted(self.unit_ids)}) if self.unit_ids else Q(pk__in=[])
        for path in self.subtree_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query

    def allows(self, unit: OrgUnit) -> bool:
        return self.everything or unit.pk in self.unit_ids or unit.path.startswith(self.subtree_paths)


EMPTY_SCOPE = Scope()


def active_memberships(user: User, *, on: dt.date | None = None) -> QuerySet[Membership]:
    return (
        Membership.objects.valid_on(on or today())
        .filter(user=user)
        .select_related("unit")
        .order_by("unit__path", "role")
    )


def is_system_admin(user: User) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return active_memberships(user).filter(role=Role.SYSTEM_ADMIN).exists()


def _predecessors(unit_ids: set[int], on: dt.date) -> set[int]:
    """Every unit that the given units succeeded by `on`, transitively (one query per generation).

    A succession that takes effect later (a merger already decided) gives nothing yet."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        previous = (
            set(
                Succession.objects.filter(successor_id__in=frontier, effective_on__lte=on).values_list(
                    "predecessor_id", flat=True
                )
            )
            - found
            - unit_ids
        )
        found |= previous
        frontier = previous
    return found


def user_scope(user: User, *, on: dt.date | None = None) -> Scope:
    """The units `user` may see on `on` (today by default). Cached on the user object per request."""
    if not user.is_authenticated or not user.is_active:
        return EMPTY_SCOPE
    cache_key = f"_tiepdan_scope_{on or ''}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    memberships = list(active_memberships(user, on=on))
    if user.is_superuser or any(m.role == Role.SYSTEM_ADMIN for m in memberships):
        scope = Scope(everything=True)
    else:
        own = {m.unit_id for m in memberships}
        supervised = {m.unit_id for m in memberships if m.role in SUPERVISING_ROLES}
        day = on or today()
        earlier = _predecessors(own, day)
        paths = {m.unit.path for m in memberships if m.unit_id in supervised}
        inherited_ids: set[int] = set()
        if earlier and supervised:  # without a supervising role nothing is inherited: skip the walk
            # A supervisor also sees what lay below the units their unit succeeded, except the units that
            # have a succession of their own (their history went to their own successor).
            for unit in OrgUnit.objects.filter(pk__in=earlier).only("pk", "path"):
                if _succeeds_supervised(unit.pk, supervised, day):
                    inherited_ids |= set(
                        OrgUnit.objects.subtree_of(unit)
                        .exclude(pk=unit.pk)
                        .filter(successions__isnull=True)
                        .values_list("pk", flat=True)
                    )
        # Drop paths nested in another path of the set.
        minimal = tuple(sorted(p for p in paths if not any(p != o and p.startswith(o) for o in paths)))
        scope = Scope(unit_ids=frozenset(own | earlier | inherited_ids), subtree_paths=minimal)
    setattr(user, cache_key, scope)
    return scope


def _succeeds_supervised(unit_id: int, supervised: set[int], on: dt.date) -> bool:
    seen: set[int] = set()
    frontier = {unit_id}
    while frontier:
        nxt = set(
            Succession.objects.filter(predecessor_id__in=frontier, effective_on__lte=on).values_list(
                "successor_id", flat=True
            )
        )
        if nxt & supervised:
            return True
        seen |= frontier
        frontier = nxt - seen
    return False


def scope_filter(queryset: QuerySet, user: User, *, unit_field: str = "unit") -> QuerySet:
    """Restrict any queryset to the rows whose unit the user may see."""
    return queryset.filter(user_scope(user).q(unit_field))


def visible_units(user: User, *, on: dt.date | None = None) -> QuerySet[OrgUnit]:
    """Units the user may see; with `on`, only those that existed on that date (the tree as it stood)."""
    qs = OrgUnit.objects.filter(user_scope(user).q()).select_related("parent")
    if on is not None:
        qs = qs.valid_on(on)
    return qs.order_by("path")


def get_visible_unit(user: User, *, code: str) -> OrgUnit:
    """The unit with this code, or NotFoundError when it does not exist or is outside the user's scope."""
    unit = visible_units(user).filter(code=code).first()
    if unit is None:
        raise NotFoundError(f"Không tìm thấy đơn vị có mã {code!r} trong phạm vi của bạn.")
    return unit


def subtree(unit: OrgUnit, *, on: dt.date | None = None) -> QuerySet[OrgUnit]:
    """The unit and everything below it, in one query (path prefix)."""
    qs = OrgUnit.objects.subtree_of(unit)
    if on is not None:
        qs = qs.valid_on(on)
    return qs.order_by("path")


def children(unit: OrgUnit, *, on: dt.date | None = None) -> QuerySet[OrgUnit]:
    qs = OrgUnit.objects.filter(parent=unit)
    if on is not None:
        qs = qs.valid_on(on)
    return qs.order_by("name")


def ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """Root first, in one query."""
    ids = unit.ancestor_ids()
    by_id = OrgUnit.objects.in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def successors_of(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(predecessions__predecessor=unit).distinct()


def predecessors_of(unit: OrgUnit) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(successions__successor=unit).distinct()


def user_roles_in(user: User, unit: OrgUnit, *, on: dt.date | None = None) -> set[str]:
    """Roles the user holds at `unit` itself or, for supervising roles, at an ancestor."""
    roles: set[str] = set()
    ancestor_ids = set(unit.ancestor_ids())
    for m in active_memberships(user, on=on):
        if m.unit_id == unit.pk or (m.role in SUPERVISING_ROLES and m.unit_id in ancestor_ids):
            roles.add(m.role)
    return roles
