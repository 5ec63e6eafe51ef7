from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rules


class DayKind(models.TextChoices):
    # An extra day off decided by the government (e.g. a bridge day before Tết); not a working day.
    DAY_OFF = "day_off", _("Ngày nghỉ")
    # A Saturday/Sunday designated as a make-up working day; it *is* a working day (DOMAIN §8).
    WORKING_DAY = "working_day", _("Ngày làm việc bù")


class CalendarOverride(models.Model):
    """One day of a yearly government decision; overrides the `holidays` library for that date."""

    day = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("tên ngày"), max_length=200)
    decision = models.CharField(_("văn bản quyết định"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quyết định nghỉ/làm bù của Chính phủ")
        verbose_name_plural = _("quyết định nghỉ/làm bù của Chính phủ")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


class TimeUnit(models.TextChoices):
    # Calendar days, rolled forward to the next working day (Civil Code Art 148(5)).
    CALENDAR = rules.CALENDAR, _("Ngày theo lịch")
    # Working days: Monday–Friday minus holidays, plus make-up days.
    WORKING = rules.WORKING, _("Ngày làm việc")


class DeadlineRule(models.Model):
    """One version of a statutory time limit. A change of the law is a new row, never new code."""

    code = models.CharField(_("mã quy tắc"), max_length=60, db_index=True)
    title = models.CharField(_("nội dung điều chỉnh"), max_length=300)
    unit = models.CharField(_("đơn vị tính"), max_length=16, choices=TimeUnit.choices)
    length = models.PositiveIntegerField(_("độ dài"))
    variants = models.JSONField(
        _("độ dài theo tình tiết"),
        default=dict,
        blank=True,
        help_text=_('Ví dụ {"complex": 45, "remote": 45, "complex+remote": 60}'),
    )
    extensions = models.JSONField(
        _("số lần gia hạn theo tình tiết"), default=dict, blank=True, help_text=_('Ví dụ {"complex": 1}')
    )
    extension_length = models.PositiveIntegerField(_("độ dài mỗi lần gia hạn"), default=0)
    law = models.CharField(_("văn bản"), max_length=200)
    article = models.CharField(_("điều, khoản"), max_length=100, blank=True)
    effective_from = models.DateField(_("hiệu lực từ"))
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")
        ordering = ["code", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "effective_from"], name="lawcal_rule_version_unique"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True) | Q(effective_to__gte=models.F("effective_from")),
                name="lawcal_rule_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} (từ {self.effective_from:%d/%m/%Y})"

    @property
    def source(self) -> str:
        return f"{self.law}, {self.article}" if self.article else self.law

    def to_rule(self) -> rules.Rule:
        return rules.Rule(
            code=self.code,
            title=self.title,
            unit=self.unit,
            length=self.length,
            source=self.source,
            effective_from=self.effective_from,
            effective_to=self.effective_to,
            variants=dict(self.variants or {}),
            extensions=dict(self.extensions or {}),
            extension_length=self.extension_length,
            version_id=self.pk,
        )


# The statutory (and, for recommendations, internal) resolution limits: what "resolved on time" is measured by.
RESOLUTION_RULES = ("complaint.first.resolve", "complaint.second.resolve", "denunciation.resolve",
                    "rec_feedback.resolve")  # fmt: skip


class TrackedDeadline(models.Model):
    """A time limit running on some work item (petition, case step...). States are derived from `due_on`."""

    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        verbose_name=_("loại hồ sơ"),
        db_index=False,  # lawcal_item_idx begins with it
    )
    object_id = models.CharField(_("mã hồ sơ"), max_length=64)
    item = GenericForeignKey("content_type", "object_id")
    rule_code = models.CharField(_("mã quy tắc"), max_length=60)
    # No index of its own: no query looks deadlines up by rule version (they go by `rule_code`), and a version
    # is never deleted once used (PROTECT), so the index would only cost every new deadline an entry.
    rule = models.ForeignKey(
        DeadlineRule, on_delete=models.PROTECT, verbose_name=_("phiên bản quy tắc"), db_index=False
    )
    trigger_on = models.DateField(_("ngày bắt đầu tính"))
    flags = models.JSONField(_("tình tiết"), default=list, blank=True)
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)
    # [[suspended_on, resumed_on|null], ...] in ISO form: the used days are derived from them.
    suspensions = models.JSONField(_("các lần tạm đình chỉ"), default=list, blank=True)
    due_on = models.DateField(_("hạn cuối"), null=True, blank=True, db_index=True)
    # Looked up by unit only together with the rule: lawcal_rule_unit_closed_idx and lawcal_resolve_field_idx.
    unit = models.ForeignKey("orgs.OrgUnit", on_delete=models.PROTECT, verbose_name=_("đơn vị"), db_index=False)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("người xử lý"),
    )
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The subject field (lĩnh vực) of the matter a resolution limit runs on — its case's, or its petition's for
    # a recommendation — copied by database triggers when the limit is created and whenever the matter's
    # field changes (`reports.matter_fields`), so that the dashboard counts limits by field from this index
    # alone instead of looking up a case or petition for each one. Null for the other rules.
    matter_field_id = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("thời hạn đang theo dõi")
        verbose_name_plural = _("thời hạn đang theo dõi")
        indexes = [
            # The sweep reads open rows by due date; partial on PostgreSQL/SQLite, ignored elsewhere.
            models.Index(fields=["due_on"], name="lawcal_open_due_idx", condition=Q(closed_on__isnull=True)),
            models.Index(fields=["content_type", "object_id"], name="lawcal_item_idx"),
            # On-time rates by rule and unit (dashboard, reports): a bitmap index scan instead of a full
            # parallel scan of a table that grows with every petition (103 ms → 8 ms at 200k).
            models.Index(
                fields=["rule_code", "unit", "closed_on"],
                include=["trigger_on", "due_on", "content_type", "object_id"],
                name="lawcal_rule_unit_closed_idx",
            ),
            # The resolution limits of a subtree (the dashboard by unit and by subject field, the scorecard):
            # by unit first, only these rules (a province-year at 1 M petitions: 235 → 135 ms). Queries must
            # name the same codes for PostgreSQL to use it (tests/reports/test_dashboard.py checks they do).
            models.Index(
                fields=["unit", "closed_on"],
                include=["trigger_on", "due_on", "rule_code", "content_type", "object_id", "matter_field_id"],
                condition=Q(rule_code__in=RESOLUTION_RULES),
                name="lawcal_resolve_field_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_code} — {self.due_on}"

    def suspension_values(self) -> list[rules.Suspension]:
        return [
            rules.Suspension(dt.date.fromisoformat(s), dt.date.fromisoformat(r) if r else None)
            for s, r in self.suspensions
        ]


class ReminderKind(models.TextChoices):
    # Few working days left (settings.DUE_SOON_WORKING_DAYS), due date included.
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    # The due date has passed.
    OVERDUE = "overdue", _("Quá hạn")


class Reminder(models.Model):
    """One reminder per deadline, kind and due date: the unique constraint makes the sweep idempotent."""

    deadline = models.ForeignKey(TrackedDeadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("loại nhắc"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("hạn cuối"))
    created_on = models.DateField(_("ngày nhắc"))
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    dismissed_at = models.DateTimeField(_("đã xem lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("nhắc hạn")
        verbose_name_plural = _("nhắc hạn")
        constraints = [
            models.UniqueConstraint(fields=["deadline", "kind", "due_on"], name="lawcal_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.due_on:%d/%m/%Y}"
