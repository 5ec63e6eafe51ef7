"""Citizen reception (tiếp công dân), Law 42/2013/QH13 and Decree 64/2014 → 154/2026 (DOMAIN §3).

Three things are stored: the schedules (regular reception by the staff, and dated sessions: a head's periodic
day, an unscheduled session, an online session from 01/07/2026), the reception register (sổ tiếp công dân,
Mẫu 03/TCD: one `Visit` per matter received, a mass delegation being one visit with its number of persons),
and refusals (từ chối tiếp, with a ground of the closed list in force on the day). Counts for the statutory
report 01/TCD are derived from these rows (`selectors.tcd01_counts`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.orgs.models import OrgUnit
from tiepdan.petitions.models import PetitionType


class SessionKind(models.TextChoices):
    PERIODIC = "periodic", _("Tiếp định kỳ của thủ trưởng")  # the head in person, Law 42/2013 Art 18–19
    UNSCHEDULED = "unscheduled", _("Tiếp đột xuất")  # Law 42/2013 Art 18(2)
    ONLINE = "online", _("Tiếp trực tuyến")  # from 01/07/2026 (Law 136/2025/QH15, Decree 154/2026)


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    HELD = "held", _("Đã tiếp")
    CANCELLED = "cancelled", _("Hủy")


class RegularSchedule(models.Model):
    """Regular reception by the reception staff (tiếp thường xuyên): weekdays, hours, venue, officers."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+")
    weekdays = models.JSONField(_("Các ngày trong tuần"), default=list)  # 0 = Monday … 6 = Sunday
    start_time = models.TimeField(_("Từ giờ"))
    end_time = models.TimeField(_("Đến giờ"))
    venue = models.CharField(_("Địa điểm"), max_length=300)
    officers = models.CharField(_("Cán bộ tiếp"), max_length=500, blank=True)
    valid_from = models.DateField(_("Áp dụng từ ngày"))
    valid_to = models.DateField(_("Áp dụng đến hết ngày"), null=True, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Lịch tiếp thường xuyên")
        verbose_name_plural = _("Lịch tiếp thường xuyên")
        ordering = ["unit", "-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reception_regular_valid_interval",
            ),
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="reception_regular_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def weekday_labels(self) -> str:
        names = [_("Thứ Hai"), _("Thứ Ba"), _("Thứ Tư"), _("Thứ Năm"), _("Thứ Sáu"), _("Thứ Bảy"), _("Chủ nhật")]
        return ", ".join(str(names[d]) for d in self.weekdays if 0 <= d < 7)


class Session(models.Model):
    """A dated session: a head's periodic reception day, an unscheduled session or an online session."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("Hình thức"), max_length=20, choices=SessionKind.choices)
    on = models.DateField(_("Ngày tiếp"), db_index=True)
    start_time = models.TimeField(_("Từ giờ"))
    end_time = models.TimeField(_("Đến giờ"))
    venue = models.CharField(_("Địa điểm"), max_length=300)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người chủ trì tiếp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    host_name = models.CharField(_("Họ tên người chủ trì"), max_length=200)
    host_title = models.CharField(_("Chức vụ người chủ trì"), max_length=200)
    officers = models.CharField(_("Cán bộ cùng tiếp"), max_length=500, blank=True)
    status = models.CharField(
        _("Tình trạng"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    conclusions = models.TextField(_("Nội dung kết luận"), blank=True)
    conclusion_document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("Thông báo kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Buổi tiếp công dân")
        verbose_name_plural = _("Lịch tiếp của thủ trưởng, tiếp đột xuất, trực tuyến")
        ordering = ["on", "start_time", "pk"]
        indexes = [models.Index(fields=["unit", "kind", "on"], name="reception_session_unit_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end_time__gt=models.F("start_time")), name="reception_session_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y} — {self.host_name}"


class VisitOutcome(models.TextChoices):
    """What the receiving officer does with the matter (Law 42/2013 Art 28; TT 04/2021)."""

    ACCEPT = "accept", _("Tiếp nhận đơn, thuộc thẩm quyền")  # becomes a petition (channel "reception")
    GUIDE = "guide", _("Hướng dẫn đến cơ quan có thẩm quyền")  # outside competence
    REQUIRE_SUBORDINATE = "require_subordinate", _("Yêu cầu cơ quan cấp dưới giải quyết")
    EXPLAIN = "explain", _("Giải thích vụ việc đã được giải quyết đúng")  # resolved correctly already
    FORWARD_REC = "forward_rec", _("Tiếp nhận, chuyển kiến nghị, phản ánh")  # recommendation/feedback


class Visit(models.Model):
    """One line of the reception register (sổ tiếp công dân, Mẫu 03/TCD).

    A mass delegation is one visit (`is_delegation`) with its `persons_count`; it is counted once.
    """

    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị tiếp"), on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        Session, verbose_name=_("Buổi tiếp"), null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    number = models.PositiveIntegerField(_("Số thứ tự trong sổ"))  # per unit and year, gap-free
    received_on = models.DateField(_("Ngày tiếp"), db_index=True)
    type = models.CharField(_("Phân loại"), max_length=20, choices=PetitionType.choices)
    summary = models.TextField(_("Nội dung vụ việc"))
    persons_count = models.PositiveIntegerField(_("Số người cùng nội dung"), default=1)
    is_delegation = models.BooleanField(_("Đoàn đông người"), default=False)
    already_resolved_by = models.CharField(_("Cơ quan đã giải quyết"), max_length=500, blank=True)
    within_competence = models.BooleanField(_("Thuộc thẩm quyền"))
    outcome = models.CharField(_("Kết quả tiếp"), max_length=30, choices=VisitOutcome.choices)
    guided_to = models.CharField(_("Hướng dẫn, chuyển đến"), max_length=300, blank=True)
    target_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Cơ quan cấp dưới được yêu cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    follow_up = models.CharField(_("Theo dõi kết quả giải quyết"), max_length=500, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("Đơn đã vào sổ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reception_visits",
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("Vụ việc"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_repeat = models.BooleanField(_("Tiếp nhiều lần"), default=False)  # an earlier visit or letter, same case
    result_due_rule = models.CharField(max_length=60, blank=True)
    result_due_on = models.DateField(_("Hạn thông báo kết quả"), null=True, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người tiếp"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    submission_key = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Lượt tiếp công dân")
        verbose_name_plural = _("Sổ tiếp công dân")
        ordering = ["-received_on", "-number"]
        indexes = [models.Index(fields=["unit", "received_on"], name="reception_visit_unit_idx")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "number"], name="reception_visit_number_unique"),
            models.CheckConstraint(condition=Q(persons_count__gte=1), name="reception_visit_persons_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}/{self.received_on:%Y} {self.unit_id}"


class VisitPerson(models.Model):
    """A person received. For a denunciation only `identity` (the vault) is set, as for petitions."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="reception_visits"
    )
    identity = models.ForeignKey(
        "people.ProtectedIdentity", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_representative = models.BooleanField(_("Người đại diện"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, identity__isnull=True)
                | Q(person__isnull=True, identity__isnull=False),
                name="reception_visitperson_person_xor_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id}#{self.position}"


class Refusal(models.Model):
    """A refusal to receive a citizen (từ chối tiếp công dân) with a ground of the closed list."""

    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(
        Session, verbose_name=_("Buổi tiếp"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    refused_on = models.DateField(_("Ngày từ chối"), db_index=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("Công dân"), on_delete=models.PROTECT, related_name="reception_refusals"
    )
    ground = models.CharField(_("Căn cứ từ chối"), max_length=40)
    ground_source = models.CharField(_("Căn cứ pháp lý"), max_length=300)
    detail = models.TextField(_("Diễn biến, lý do cụ thể"))
    notice_required = models.BooleanField(_("Phải có thông báo bằng văn bản"), default=False)
    notice_due_on = models.DateField(_("Hạn thông báo từ chối"), null=True, blank=True)
    notice_document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("Thông báo từ chối tiếp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người lập"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Từ chối tiếp công dân")
        verbose_name_plural = _("Từ chối tiếp công dân")
        ordering = ["-refused_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.refused_on:%d/%m/%Y} {self.ground}"

    @property
    def ground_label(self) -> str:
        from .rules import refusal_ground

        found = refusal_ground(self.ground, self.refused_on)
        return found.label if found else self.ground
