"""Writes of the reports app: freeze a report (the statistician), approve it (the head of the unit), submit it to
the parent unit, or discard a freeze not yet approved. Each one locks the row, checks its guard, writes audit.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.orgs.models import Membership, OrgUnit, Role
from tiepdan.orgs.selectors import today, user_scope

from . import selectors
from .models import ReportSnapshot, SnapshotStatus

LEGAL_BASIS = "Thông tư 06/2025/TT-TTCP (chế độ báo cáo định kỳ)"
FREEZE_ROLES = frozenset({Role.STATISTICIAN})
APPROVE_ROLES = frozenset({Role.UNIT_HEAD, Role.LEADER})  # the head, or a deputy (leader) signing for the head


def roles_at_unit(user: User, unit: OrgUnit) -> set[str]:
    """Roles the user holds at the unit itself (not at an ancestor): reports are signed by the unit's own staff."""
    if user.is_superuser:
        return {r.value for r in Role}
    return set(Membership.objects.valid_on(today()).filter(user=user, unit=unit).values_list("role", flat=True))


def may_freeze(user: User, unit: OrgUnit) -> bool:
    return bool(roles_at_unit(user, unit) & FREEZE_ROLES)


def may_approve(user: User, unit: OrgUnit) -> bool:
    return bool(roles_at_unit(user, unit) & APPROVE_ROLES)


def _locked(snapshot: ReportSnapshot) -> ReportSnapshot:
    return ReportSnapshot.objects.select_for_update().select_related("unit").get(pk=snapshot.pk)


@transaction.atomic
def freeze_report(*, actor: User, form_code: str, unit: OrgUnit, period_text: str) -> ReportSnapshot:
    """Compute the report now and store its figures; from then on the stored figures are the report."""
    if not user_scope(actor).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")
    if not may_freeze(actor, unit):
        raise DomainError("Chỉ cán bộ thống kê, báo cáo của đơn vị mới được chốt số liệu báo cáo.")
    report = selectors.compute(user=actor, form_code=form_code, unit_code=unit.code, period_text=period_text)
    existing = ReportSnapshot.objects.filter(
        form_code=report.form.code, unit=unit, date_from=report.period.date_from, date_to=report.period.date_to
    ).first()
    if existing is not None:
        raise DomainError(
            f"Báo cáo biểu {report.form.code} kỳ {report.period.label} của đơn vị đã được chốt "
            f"({existing.get_status_display().lower()})."
        )
    try:
        with transaction.atomic():
            snapshot = ReportSnapshot.objects.create(
                form_code=report.form.code, unit=unit, period_code=report.period.code,
                date_from=report.period.date_from, date_to=report.period.date_to, data=report.as_dict(),
                frozen_by=actor, frozen_at=timezone.now(),
            )  # fmt: skip
    except IntegrityError:
        raise DomainError("Báo cáo này vừa được người khác chốt.") from None
    record_event(actor=actor, action="reports.freeze", obj=snapshot,
                 changes={"form": [None, snapshot.form_code], "period": [None, snapshot.period_code],
                          "status": [None, snapshot.status]}, legal_basis=LEGAL_BASIS)  # fmt: skip
    return snapshot


@transaction.atomic
def discard_freeze(*, actor: User, snapshot: ReportSnapshot, reason: str) -> None:
    """Discard a freeze that the head has not approved yet (figures to be corrected and frozen again)."""
    snapshot = _locked(snapshot)
    if not may_freeze(actor, snapshot.unit):
        raise DomainError("Chỉ cán bộ thống kê, báo cáo của đơn vị mới được hủy chốt số liệu.")
    if snapshot.status != SnapshotStatus.FROZEN:
        raise DomainError("Báo cáo đã được duyệt, không thể hủy chốt.")
    if not (reason or "").strip():
        raise DomainError("Hãy ghi lý do hủy chốt.", field="reason")
    record_event(actor=actor, action="reports.discard", obj=snapshot,
                 changes={"status": [snapshot.status, None]}, reason=reason.strip(),
                 legal_basis=LEGAL_BASIS)  # fmt: skip
    snapshot.delete()


@transaction.atomic
def approve_report(*, actor: User, snapshot: ReportSnapshot) -> ReportSnapshot:
    snapshot = _locked(snapshot)
    if not may_approve(actor, snapshot.unit):
        raise DomainError("Chỉ thủ trưởng (lãnh đạo) của đơn vị mới được duyệt báo cáo.")
    if snapshot.status != SnapshotStatus.FROZEN:
        raise DomainError("Chỉ duyệt được báo cáo đã chốt số liệu và chưa được duyệt.")
    before = snapshot.status
    snapshot.status = SnapshotStatus.APPROVED
    snapshot.approved_by = actor
    snapshot.approved_at = timezone.now()
    snapshot.save(update_fields=["status", "approved_by", "approved_at"])
    record_event(actor=actor, action="reports.approve", obj=snapshot, changes={"status": [before, snapshot.status]},
                 legal_basis=LEGAL_BASIS)  # fmt: skip
    return snapshot


@transaction.atomic
def submit_report(*, actor: User, snapshot: ReportSnapshot) -> ReportSnapshot:
    """Send an approved report to the parent unit (the unit's parent as it stands on the submission day)."""
    snapshot = _locked(snapshot)
    unit = snapshot.unit
    if not (may_freeze(actor, unit) or may_approve(actor, unit)):
        raise DomainError("Chỉ cán bộ thống kê hoặc thủ trưởng của đơn vị mới được gửi báo cáo.")
    if snapshot.status != SnapshotStatus.APPROVED:
        raise DomainError("Báo cáo phải được thủ trưởng đơn vị duyệt trước khi gửi cấp trên.")
    if unit.parent_id is None:
        raise DomainError("Đơn vị này không có đơn vị cấp trên để gửi báo cáo.")
    before = snapshot.status
    snapshot.status = SnapshotStatus.SUBMITTED
    snapshot.submitted_by = actor
    snapshot.submitted_at = timezone.now()
    snapshot.submitted_to_id = unit.parent_id
    snapshot.save(update_fields=["status", "submitted_by", "submitted_at", "submitted_to"])
    record_event(actor=actor, action="reports.submit", obj=snapshot,
                 changes={"status": [before, snapshot.status], "to": [None, unit.parent_id]},
                 legal_basis=LEGAL_BASIS)  # fmt: skip
    return snapshot
