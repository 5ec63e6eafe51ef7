"""Frozen reports: the figures of a form for a unit and period stored as they were when the statistician froze
them, then approved by the head of the unit and submitted to the parent unit. Later changes to petitions and
cases never change a frozen report (the JSON is the report).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.orgs.models import UnitKind


class SnapshotStatus(models.TextChoices):
    FROZEN = "frozen", _("Đã chốt số liệu")  # the statistician froze the figures; may still be discarded
    APPROVED = "approved", _("Thủ trưởng đã duyệt")  # the head of the unit approved it; no longer editable
    SUBMITTED = "submitted", _("Đã gửi cấp trên")  # sent to the parent unit, which counts it as received


class ReportSnapshot(models.Model):
    form_code = models.CharField(_("Biểu"), max_length=20)
    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Đơn vị báo cáo"), on_delete=models.PROTECT,
                             related_name="report_snapshots")  # fmt: skip
    period_code = models.CharField(_("Kỳ báo cáo"), max_length=40)
    date_from = models.DateField(_("Từ ngày"))
    date_to = models.DateField(_("Đến ngày"))
    data = models.JSONField(_("Số liệu đã chốt"))  # the CLI JSON of the report at freezing time
    status = models.CharField(_("Trạng thái"), max_length=20, choices=SnapshotStatus.choices,
                              default=SnapshotStatus.FROZEN)  # fmt: skip
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người chốt"), on_delete=models.PROTECT,
                                  related_name="+")  # fmt: skip
    frozen_at = models.DateTimeField(_("Chốt lúc"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người duyệt"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    approved_at = models.DateTimeField(_("Duyệt lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Người gửi"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    submitted_to = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Gửi đến đơn vị"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="received_reports")  # fmt: skip

    class Meta:
        verbose_name = _("Báo cáo đã chốt")
        verbose_name_plural = _("Báo cáo đã chốt")
        ordering = ["-date_to", "form_code", "unit__path"]
        constraints = [
            # One report per form, unit and period (a discarded freeze is deleted, not kept).
            models.UniqueConstraint(fields=["form_code", "unit", "date_from", "date_to"], name="reportsnapshot_unique"),
            models.CheckConstraint(condition=Q(date_to__gte=models.F("date_from")), name="reportsnapshot_interval"),
        ]

    def __str__(self) -> str:
        return f"{self.form_code} {self.unit_id} {self.period_code}"


class ReportPeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF = "half", _("6 tháng")
    NINE_MONTHS = "nine_months", _("9 tháng")
    YEAR = "year", _("Năm")


class ReportDueRule(models.Model):
    """When a unit must have submitted its periodic report: a number of days after the period's data cut-off.

    TT 06/2025/TT-TTCP fixes the periods and cut-offs but leaves the due dates to each authority (DOMAIN §5: "due
    dates are configuration"), typically earlier for communes than for the province so that figures can be rolled
    up. The most specific rule applies: one for the unit's kind beats one for any kind, one for the period's kind
    beats one for any period, among the rules in force on the period's last day.
    """

    unit_kind = models.CharField(_("Loại đơn vị"), max_length=30, choices=UnitKind.choices, blank=True,
                                 help_text=_("Để trống: mọi loại đơn vị."))  # fmt: skip
    period_kind = models.CharField(_("Loại kỳ"), max_length=20, choices=ReportPeriodKind.choices, blank=True,
                                   help_text=_("Để trống: mọi kỳ (quý, 6 tháng, 9 tháng, năm)."))  # fmt: skip
    days_after_cutoff = models.PositiveSmallIntegerField(
        _("Số ngày sau ngày chốt số liệu"), help_text=_("Hạn nộp = ngày cuối kỳ (ngày chốt số liệu) + số ngày này.")
    )
    legal_source = models.CharField(_("Căn cứ"), max_length=300)
    valid_from = models.DateField(_("Áp dụng từ ngày"))
    valid_to = models.DateField(_("Áp dụng đến hết ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("hạn nộp báo cáo")
        verbose_name_plural = _("hạn nộp báo cáo")
        ordering = ["unit_kind", "period_kind", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")), name="reportdue_interval"
            ),
        ]

    def __str__(self) -> str:
        who = self.get_unit_kind_display() if self.unit_kind else _("mọi đơn vị")
        what = self.get_period_kind_display() if self.period_kind else _("mọi kỳ")
        return f"{who} · {what}: +{self.days_after_cutoff}"


class PetitionTally(models.Model):
    """Petitions received, counted ahead of time by unit, report month, type and subject field: what the
    dashboard reads for a year or a quarter instead of grouping every petition of the period (issue 6: a whole
    city-year in < 300 ms at 1,000,000 petitions).

    Kept by database triggers on `petitions_petition` (see `reports.tally`), in the same transaction as the
    change, whatever wrote it: services, the import's bulk COPY, the admin, raw SQL. So it is never stale and
    never needs a scheduler; `tiepdan tally --check` compares it with the petitions, `--rebuild` recounts it.

    Only the counts that cannot change with the passing of days are kept (received; processed, and of those on
    time or late); "not yet processed" and "past its limit" depend on today and come from the open petitions.
    """

    unit_id = models.BigIntegerField()
    # Report month (TT 06/2025 cut-offs): year × 12 + month, the 15th starting the next month
    # (`reports.dashboard.month_bucket`).
    month = models.IntegerField()
    type = models.CharField(max_length=20)
    subject_field_id = models.BigIntegerField()  # 0: not classified by field (so that the key has no NULL)
    received = models.IntegerField(default=0)
    processed = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_id", "month", "type", "subject_field_id"], name="petition_tally_key")
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.month}/{self.type}/{self.subject_field_id}: {self.received}"
