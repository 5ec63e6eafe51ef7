"""Writes to the organisation tree. Each function checks, writes and audits in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from tiepdan.core.audit import record_event, snapshot
from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import fold, nfc

from .models import Membership, OrgUnit, Role, Succession, SuccessionKind, UnitKind

_UNIT_FIELDS = ("code", "name", "kind", "parent", "official_code", "valid_from", "valid_to", "legal_basis")

# Functions that move a predecessor's open work to its successor during a reorganisation. Each domain app
# that owns open work (petitions, cases…) appends its mover here from its AppConfig.ready(); the
# reorganisation calls them explicitly, inside its transaction.
OpenWorkMover = Callable[..., int]
OPEN_WORK_MOVERS: list[tuple[str, OpenWorkMover]] = []


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


def _check_interval(valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_to is not None and valid_to < valid_from:
        raise DomainError("Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực.", field="valid_to")


def _check_inside_parent(parent: OrgUnit | None, valid_from: dt.date, valid_to: dt.date | None) -> None:
    if parent is None:
        return
    if valid_from < parent.valid_from or (
        parent.valid_to is not None and (valid_to is None or valid_to > parent.valid_to)
    ):
        raise DomainError(
            f"Thời gian hiệu lực của đơn vị phải nằm trong thời gian hiệu lực của đơn vị cấp trên "
            f"“{parent.name}” (từ {_d(parent.valid_from)}"
            + (f" đến {_d(parent.valid_to)}" if parent.valid_to else "")
            + ").",
            field="valid_from",
        )


def _set_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id and unit.parent else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = unit.path.count("/") - 2
    OrgUnit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)


@transaction.atomic
def create_unit(
    *,
    actor: User | None,
    code: str,
    name: str,
    kind: str,
    parent: OrgUnit | None,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    official_code: str = "",
    legal_basis: str = "",
    reason: str = "",
) -> OrgUnit:
    code = nfc(code)
    name = nfc(name)
    if not code:
        raise DomainError("Mã đơn vị không được để trống.", field="code")
    if not name:
        raise DomainError("Tên đơn vị không được để trống.", field="name")
    if kind not in UnitKind.values:
        raise DomainError(f"Loại đơn vị “{kind}” không hợp lệ.", field="kind")
    _check_interval(valid_from, valid_to)
    _check_inside_parent(parent, valid_from, valid_to)
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(f"Mã đơn vị “{code}” đã được dùng.", field="code")
    unit = OrgUnit(
        code=code,
        name=name,
        name_folded=fold(name),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        official_code=official_code,
        legal_basis=legal_basis,
    )
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError:
        raise DomainError(f"Mã đơn vị “{code}” đã được dùng.", field="code") from None
    _set_path(unit)
    record_event(
        actor=actor,
        action="orgs.unit.create",
        obj=unit,
        changes={k: [None, v] for k, v in snapshot(unit, _UNIT_FIELDS).items()},
        reason=reason,
        legal_basis=legal_basis,
    )
    return unit


@transaction.atomic
def move_unit(*, actor: User | None, unit: OrgUnit, new_parent: OrgUnit | None, reason: str = "") -> OrgUnit:
    """Put `unit` (and its subtree) under another parent. Refuses anything that would make a cycle."""
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent is not None:
        new_parent = OrgUnit.objects.get(pk=new_parent.pk)
        if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
            raise DomainError(
                f"Không thể đặt “{unit.name}” dưới “{new_parent.name}”: đơn vị cấp trên mới nằm trong chính "
                "cây đơn vị của nó (sẽ tạo vòng lặp).",
                field="parent",
            )
        _check_inside_parent(new_parent, unit.valid_from, unit.valid_to)
    before = snapshot(unit, ["parent"])
    old_path = unit.path
    unit.parent = new_parent
    unit.save(update_fields=["parent"])
    _set_path(unit)
    # Rewrite the paths below, in Python; subtrees are small and moves rare.
    for child in OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        child.path = unit.path + child.path[len(old_path) :]
        child.depth = child.path.count("/") - 2
        child.save(update_fields=["path", "depth"])
    record_event(
        actor=actor,
        action="orgs.unit.move",
        obj=unit,
        changes={"parent": [before["parent"], new_parent.pk if new_parent else None]},
        reason=reason,
    )
    return unit


@dataclass(frozen=True)
class NewUnit:
    """A successor unit to be created by a reorganisation."""

    code: str
    name: str
    kind: str
    parent: OrgUnit | None
    official_code: str = ""


@dataclass(frozen=True)
class ReorganizationResult:
    successors: list[OrgUnit]
    closed: list[OrgUnit]
    memberships_moved: int
    open_work_moved: dict[str, int]


@transaction.atomic
def reorganize(
    *,
    actor: User | None,
    kind: str,
    predecessors: Sequence[OrgUnit],
    successors: Sequence[OrgUnit | NewUnit],
    effective_on: dt.date,
    legal_basis: str,
    reason: str = "",
) -> ReorganizationResult:
    """Merge, split or rename units on `effective_on`.

    The predecessors close on the day before; each successor (existing or created here) records a
    `Succession` from each predecessor; memberships valid on the effective date and open work move to the
    first successor (the primary one for a split); history stays with the old units.
    """
    if kind not in SuccessionKind.values:
        raise DomainError(f"Hình thức tổ chức lại “{kind}” không hợp lệ.")
    if not predecessors:
        raise DomainError("Cần ít nhất một đơn vị bị tổ chức lại.")
    if not successors:
        raise DomainError("Cần ít nhất một đơn vị kế thừa.")
    if kind == SuccessionKind.MERGE and len(predecessors) < 2 and len(successors) == 1:
        raise DomainError("Sáp nhập cần ít nhất hai đơn vị.")
    if kind == SuccessionKind.SPLIT and (len(predecessors) != 1 or len(successors) < 2):
        raise DomainError("Chia tách là một đơn vị thành ít nhất hai đơn vị.")
    if not legal_basis.strip():
        raise DomainError("Cần ghi căn cứ pháp lý (nghị quyết, quyết định) của việc tổ chức lại.", field="legal_basis")
    closing_day = effective_on - dt.timedelta(days=1)
    locked = list(OrgUnit.objects.select_for_update().filter(pk__in=[p.pk for p in predecessors]).order_by("pk"))
    if len(locked) != len({p.pk for p in predecessors}):
        raise DomainError("Có đơn vị bị tổ chức lại không tồn tại.")
    for unit in locked:
        if not unit.is_valid_on(closing_day) or not unit.is_valid_on(effective_on):
            raise DomainError(
                f"Đơn vị “{unit.name}” không còn hiệu lực vào ngày {_d(effective_on)} nên không thể tổ chức lại.",
                field="effective_on",
            )
    predecessor_paths = [u.path for u in locked]

    resolved: list[OrgUnit] = []
    for spec in successors:
        if isinstance(spec, NewUnit):
            parent = spec.parent
            if parent is not None:
                parent = OrgUnit.objects.get(pk=parent.pk)
                if parent.path.startswith(tuple(predecessor_paths)):
                    raise DomainError(
                        f"Đơn vị kế thừa “{spec.name}” không thể nằm dưới đơn vị bị tổ chức lại “{parent.name}” "
                        "(sẽ tạo vòng lặp).",
                        field="parent",
                    )
            resolved.append(
                create_unit(
                    actor=actor,
                    code=spec.code,
                    name=spec.name,
                    kind=spec.kind,
                    parent=parent,
                    valid_from=effective_on,
                    official_code=spec.official_code,
                    legal_basis=legal_basis,
                    reason=reason,
                )
            )
        else:
            existing = OrgUnit.objects.get(pk=spec.pk)
            if existing.path.startswith(tuple(predecessor_paths)):
                raise DomainError(
                    f"Đơn vị kế thừa “{existing.name}” nằm trong đơn vị bị tổ chức lại (sẽ tạo vòng lặp).",
                    field="successors",
                )
            if not existing.is_valid_on(effective_on):
                raise DomainError(
                    f"Đơn vị kế thừa “{existing.name}” không có hiệu lực vào ngày {_d(effective_on)}.",
                    field="effective_on",
                )
            resolved.append(existing)

    links = [(unit, successor, kind, index == 0) for unit in locked for index, successor in enumerate(resolved)]
    moved, work_moved = _apply_links(
        actor=actor, links=links, effective_on=effective_on, legal_basis=legal_basis, reason=reason
    )
    record_event(
        actor=actor,
        action="orgs.reorganize",
        object_type="orgs.orgunit",
        object_id=str(resolved[0].pk),
        changes={
            "kind": [None, kind],
            "predecessors": [None, [u.code for u in locked]],
            "successors": [None, [u.code for u in resolved]],
            "effective_on": [None, effective_on.isoformat()],
            "memberships_moved": [None, moved],
            "open_work_moved": [None, work_moved],
        },
        reason=reason,
        legal_basis=legal_basis,
    )
    return ReorganizationResult(successors=resolved, closed=locked, memberships_moved=moved, open_work_moved=work_moved)


def _apply_links(
    *,
    actor: User | None,
    links: Sequence[tuple[OrgUnit, OrgUnit, str, bool]],
    effective_on: dt.date,
    legal_basis: str,
    reason: str,
) -> tuple[int, dict[str, int]]:
    """Close each predecessor on the day before, link it to its successors, move staff and open work
    to its primary successor."""
    closing_day = effective_on - dt.timedelta(days=1)
    predecessors = {p.pk: p for p, _s, _k, _primary in links}
    primary_of: dict[int, OrgUnit] = {}
    for p, s, _k, is_primary in links:
        if is_primary:
            primary_of[p.pk] = s
        else:
            primary_of.setdefault(p.pk, s)
    # Everything below a closing unit that is still open would be orphaned: refuse.
    for unit in predecessors.values():
        open_children = (
            OrgUnit.objects.filter(parent=unit)
            .exclude(pk__in=list(predecessors))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=effective_on))
        )
        if open_children.exists():
            names = ", ".join(open_children.values_list("name", flat=True)[:5])
            raise DomainError(
                f"Đơn vị “{unit.name}” còn đơn vị trực thuộc đang hoạt động ({names}); "
                "hãy tổ chức lại các đơn vị đó trước.",
            )
    for unit in predecessors.values():
        unit.valid_to = closing_day
        unit.save(update_fields=["valid_to"])
        record_event(
            actor=actor,
            action="orgs.unit.close",
            obj=unit,
            changes={"valid_to": [None, closing_day.isoformat()]},
            reason=reason,
            legal_basis=legal_basis,
        )
    for p, s, kind, _primary in links:
        Succession.objects.get_or_create(
            predecessor=p,
            successor=s,
            defaults={
                "kind": kind,
                "effective_on": effective_on,
                "is_primary": primary_of[p.pk].pk == s.pk,
                "legal_basis": legal_basis,
            },
        )
    moved = 0
    for membership in (
        Membership.objects.select_for_update().valid_on(effective_on).filter(unit_id__in=list(predecessors))
    ):
        target = primary_of[membership.unit_id]
        if membership.valid_from > closing_day:
            membership.delete()
        else:
            membership.valid_to = closing_day
            membership.save(update_fields=["valid_to"])
        Membership.objects.create(
            user=membership.user,
            unit=target,
            role=membership.role,
            valid_from=max(effective_on, membership.valid_from),
            valid_to=None,
        )
        moved += 1
    work_moved: dict[str, int] = {}
    for name, mover in OPEN_WORK_MOVERS:
        work_moved[name] = sum(
            mover(actor=actor, old_unit=unit, new_unit=primary_of[unit.pk], effective_on=effective_on)
            for unit in predecessors.values()
        )
    return moved, work_moved


@transaction.atomic
def reorganize_many(
    *,
    actor: User | None,
    links: Sequence[tuple[OrgUnit, OrgUnit, str]],
    effective_on: dt.date,
    legal_basis: str,
    reason: str = "",
) -> tuple[int, dict[str, int]]:
    """An n:m reorganisation such as the 2025 reform of a province's communes: each link says that
    (part of) `predecessor` went to `successor`. The first link of a predecessor names its primary
    successor. Successors must exist and be valid on `effective_on`."""
    if not links:
        raise DomainError("Cần ít nhất một liên kết kế thừa.")
    if not legal_basis.strip():
        raise DomainError("Cần ghi căn cứ pháp lý (nghị quyết, quyết định) của việc tổ chức lại.", field="legal_basis")
    ids = {p.pk for p, _s, _k in links}
    locked = {u.pk: u for u in OrgUnit.objects.select_for_update().filter(pk__in=ids)}
    seen: set[int] = set()
    full_links = []
    for p, s, kind in links:
        if kind not in SuccessionKind.values:
            raise DomainError(f"Hình thức tổ chức lại “{kind}” không hợp lệ.")
        pred = locked[p.pk]
        if not pred.is_valid_on(effective_on - dt.timedelta(days=1)) or not pred.is_valid_on(effective_on):
            raise DomainError(
                f"Đơn vị “{pred.name}” không còn hiệu lực vào ngày {_d(effective_on)} nên không thể tổ chức lại.",
                field="effective_on",
            )
        if not s.is_valid_on(effective_on):
            raise DomainError(f"Đơn vị kế thừa “{s.name}” không có hiệu lực vào ngày {_d(effective_on)}.")
        if s.path.startswith(pred.path):
            raise DomainError(f"Đơn vị kế thừa “{s.name}” nằm trong đơn vị bị tổ chức lại (sẽ tạo vòng lặp).")
        full_links.append((pred, s, kind, p.pk not in seen))
        seen.add(p.pk)
    moved, work = _apply_links(
        actor=actor, links=full_links, effective_on=effective_on, legal_basis=legal_basis, reason=reason
    )
    record_event(
        actor=actor,
        action="orgs.reorganize",
        object_type="orgs.orgunit",
        object_id="",
        changes={
            "links": [None, [[p.code, s.code, k] for p, s, k, _x in full_links]],
            "effective_on": [None, effective_on.isoformat()],
            "memberships_moved": [None, moved],
            "open_work_moved": [None, work],
        },
        reason=reason,
        legal_basis=legal_basis,
    )
    return moved, work


@transaction.atomic
def add_membership(
    *,
    actor: User | None,
    user: User,
    unit: OrgUnit,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    reason: str = "",
) -> Membership:
    if role not in Role.values:
        raise DomainError(f"Vai trò “{role}” không hợp lệ.", field="role")
    _check_interval(valid_from, valid_to)
    if (
        not unit.is_valid_on(valid_from)
        or (valid_to is not None and not unit.is_valid_on(valid_to))
        or (valid_to is None and unit.valid_to is not None)
    ):
        raise DomainError(
            f"Đơn vị “{unit.name}” chỉ có hiệu lực từ {_d(unit.valid_from)}"
            + (f" đến {_d(unit.valid_to)}" if unit.valid_to else "")
            + ": thời gian phân công phải nằm trong khoảng đó.",
            field="valid_from",
        )
    overlapping = Membership.objects.filter(user=user, unit=unit, role=role).exclude(valid_to__lt=valid_from)
    if valid_to is not None:
        overlapping = overlapping.exclude(valid_from__gt=valid_to)
    if overlapping.exists():
        raise DomainError("Người dùng đã có vai trò này tại đơn vị trong khoảng thời gian đó.", field="role")
    membership = Membership.objects.create(user=user, unit=unit, role=role, valid_from=valid_from, valid_to=valid_to)
    record_event(
        actor=actor,
        action="orgs.membership.add",
        obj=membership,
        changes={
            k: [None, v] for k, v in snapshot(membership, ["user", "unit", "role", "valid_from", "valid_to"]).items()
        },
        reason=reason,
    )
    return membership


@transaction.atomic
def end_membership(*, actor: User | None, membership: Membership, last_day: dt.date, reason: str = "") -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if last_day < membership.valid_from:
        raise DomainError("Ngày kết thúc phân công không được trước ngày bắt đầu.", field="valid_to")
    before = snapshot(membership, ["valid_to"])
    membership.valid_to = last_day
    membership.save(update_fields=["valid_to"])
    record_event(
        actor=actor,
        action="orgs.membership.end",
        obj=membership,
        changes={"valid_to": [before["valid_to"], last_day.isoformat()]},
        reason=reason,
    )
    return membership
