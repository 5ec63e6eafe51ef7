"""The organisation tree: typed units with validity intervals, successions, and who works where.

A unit never moves: when the state reorganises (merge, split, rename, the end of districts on
1 Jul 2025), the old units are closed on the day before the effective date and successors are opened,
linked by `Succession` rows. So the tree as it stood on any date is simply the units valid on that date,
and `path` (the chain of ancestor ids) lets one query select a whole subtree.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    CENTRAL_BODY = (
        "central_body",
        _("Cơ quan trung ương"),
    )  # Government Inspectorate, National Assembly bodies…
    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")  # the provincial People's Committee
    PROVINCIAL_DEPARTMENT = "provincial_department", _("Sở, ban, ngành cấp tỉnh")
    INSPECTORATE = "inspectorate", _("Thanh tra")  # central and provincial only since Law 84/2025/QH15
    DISTRICT = "district", _("Quận, huyện, thị xã (trước 01/7/2025)")  # historical: abolished 1 Jul 2025
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    RECEPTION_BOARD = "reception_board", _("Ban Tiếp công dân")
    PARTY_BODY = "party_body", _("Cơ quan Đảng")


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def valid_on(self, on: dt.date) -> OrgUnitQuerySet:
        """Units that existed on `on` (validity interval includes the day)."""
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    code = models.CharField(_("Mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    kind = models.CharField(_("Loại đơn vị"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/<root id>/<child id>/.../<own id>/": a subtree is one prefix match. Set by the services.
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    official_code = models.CharField(
        _("Mã hành chính"),
        max_length=16,
        blank=True,
        help_text=_("Mã đơn vị hành chính theo danh mục của Tổng cục Thống kê, nếu có."),
    )
    valid_from = models.DateField(_("Hiệu lực từ ngày"))
    valid_to = models.DateField(_("Hiệu lực đến hết ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("Căn cứ thành lập"), max_length=300, blank=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Cây tổ chức")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or self.valid_to >= on)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Sáp nhập")  # several units become one
    SPLIT = "split", _("Chia tách")  # one unit becomes several
    RENAME = "rename", _("Đổi tên")  # one unit continues under a new name or code
    TRANSFER = "transfer", _("Điều chuyển")  # part of a unit's area or work goes to another unit


class Succession(models.Model):
    """`predecessor` ceased on the day before `effective_on`; its work continues at `successor`."""

    predecessor = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="successions")
    successor = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="predecessions")
    kind = models.CharField(_("Hình thức"), max_length=16, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("Ngày có hiệu lực"))
    # The successor that takes the predecessor's open work and staff when it was split.
    is_primary = models.BooleanField(default=True)
    legal_basis = models.CharField(_("Căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Kế thừa đơn vị")
        verbose_name_plural = _("Kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor} ({self.effective_on:%d/%m/%Y})"


class Role(models.TextChoices):
    RECEPTION_OFFICER = "reception_officer", _("Cán bộ tiếp công dân")
    PETITION_HANDLER = "petition_handler", _("Chuyên viên xử lý đơn")
    VERIFIER = "verifier", _("Người xác minh")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    INSPECTOR = "inspector", _("Thanh tra viên")
    STATISTICIAN = "statistician", _("Cán bộ thống kê, báo cáo")
    LEADER = "leader", _("Lãnh đạo")
    VAULT_OFFICER = "vault_officer", _("Cán bộ bảo mật thông tin người tố cáo")
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")


# Roles that oversee a unit's subordinates and so see the whole subtree below their unit.
SUPERVISING_ROLES = frozenset({Role.UNIT_HEAD, Role.LEADER, Role.STATISTICIAN, Role.INSPECTOR, Role.SYSTEM_ADMIN})


class MembershipQuerySet(models.QuerySet["Membership"]):
    def valid_on(self, on: dt.date) -> MembershipQuerySet:
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class Membership(models.Model):
    """A user works at a unit in a role for an interval. A user may hold several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("Vai trò"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("Từ ngày"))
    valid_to = models.DateField(_("Đến hết ngày"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Phân công")
        verbose_name_plural = _("Phân công công tác")
        indexes = [models.Index(fields=["user", "valid_from"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
