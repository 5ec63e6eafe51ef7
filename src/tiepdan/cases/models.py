"""Cases (vụ việc): one matter that one or many petitions are about (DOMAIN §4, "Counting").

Reports count petitions and cases separately, so every petition that is processed belongs to one case:
several letters on the same matter, from the same or different people, are one case. The resolution
workflow of a case (acceptance, verification, decision…) is added by the resolution issue on top of this.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tiepdan.core.text import fold

from . import rules


class CaseType(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    REC_FEEDBACK = "rec_feedback", _("Kiến nghị, phản ánh")


class Case(models.Model):
    code = models.CharField(_("Mã vụ việc"), max_length=100, unique=True)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị theo dõi"), on_delete=models.PROTECT, related_name="cases"
    )
    type = models.CharField(_("Loại"), max_length=20, choices=CaseType.choices)
    title = models.CharField(_("Tên vụ việc"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False, db_index=True)
    subject_field = models.ForeignKey(
        "petitions.SubjectField",
        verbose_name=_("Lĩnh vực"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_on = models.DateField(_("Ngày mở"))
    # Resolution workflow (cases.rules). Blank: the matter is not resolved by this unit (guided,
    # transferred, archived…); the petitions still count it.
    state = models.CharField(_("Trạng thái giải quyết"), max_length=30, blank=True, db_index=True)
    round = models.PositiveSmallIntegerField(_("Lần giải quyết"), default=1)  # complaints: 1 or 2
    previous_round = models.ForeignKey(
        "self", verbose_name=_("Vụ việc lần đầu"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="next_rounds",
    )  # fmt: skip
    accepted_on = models.DateField(_("Ngày thụ lý"), null=True, blank=True)
    due_on = models.DateField(_("Hạn giải quyết"), null=True, blank=True, db_index=True)
    complexity_criteria = models.JSONField(_("Tiêu chí phức tạp"), default=list, blank=True)
    remote_area = models.BooleanField(_("Vùng sâu, vùng xa"), default=False)
    request_differs = models.BooleanField(_("Yêu cầu khác kết quả xác minh"), default=False)
    suspended_from = models.CharField(max_length=30, blank=True)  # the state a suspension returns to
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Người giải quyết"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="assigned_cases",
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)
    # Oversight flags (issue 5 item 7). "Prolonged" is derived from the dates at read time.
    mass_delegation = models.BooleanField(_("Đoàn đông người"), default=False)
    bypasses_level = models.BooleanField(_("Vượt cấp"), default=False)
    assigned_by = models.CharField(_("Cơ quan cấp trên giao, chỉ đạo"), max_length=300, blank=True)
    assigned_doc = models.CharField(_("Văn bản giao (số, ngày)"), max_length=200, blank=True)
    report_every_days = models.PositiveSmallIntegerField(_("Báo cáo tiến độ định kỳ (ngày)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vụ việc")
        verbose_name_plural = _("Vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [
            models.Index(fields=["unit", "opened_on"]),
            # Cases of a set of units by type and state (the scorecard's decisions taking effect, oversight
            # lists), read from the index alone instead of every case of the units.
            models.Index(fields=["unit", "type", "state"], include=["id"], name="case_unit_type_state_idx"),
            # The open cases of a subtree with what the dashboard counts and lists of them (flags: complex,
            # prolonged, mass; due dates), read from this small index alone: a city's 8,700 open cases in a few
            # ms instead of a bitmap scan of every open case in the country (14 ms at 1M petitions).
            models.Index(
                fields=["unit", "accepted_on"],
                include=["due_on", "complexity_criteria", "mass_delegation", "type", "id"],
                condition=models.Q(state__in=rules.OPEN_STATES),
                name="case_open_unit_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    def save(self, *args: object, **kwargs: object) -> None:
        # The folded title serves the accent-insensitive search; kept in step however the title is edited.
        self.title_folded = fold(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class CaseEvent(models.Model):
    """One step of the case's timeline: the transition, who, when, why, and the legal basis."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(_("Ngày"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    note = models.TextField(blank=True)
    legal_basis = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action}"

    @property
    def action_label(self) -> str:
        from .rules import action_label

        return action_label(self.action)


class DecisionResult(models.TextChoices):
    """Result codes the statutory reports count (DOMAIN §10; TT 06/2025 forms 03/GQKN, 04/GQTC)."""

    RIGHT = "right", _("Đúng")  # complaint right / denunciation right
    PARTLY_RIGHT = "partly_right", _("Đúng một phần")
    WRONG = "wrong", _("Sai")  # complaint wrong
    WITHDRAWN = "withdrawn", _("Rút khiếu nại")  # complaint withdrawn during resolution
    UNTRUE = "untrue", _("Không đúng")  # denunciation untrue
    KNOWINGLY_FALSE = "knowingly_false", _("Cố tình tố cáo sai sự thật")  # denunciation, Law 25/2018 Art 9(2)


class FirstRoundOutcome(models.TextChoices):
    """Second-round decisions say what became of the first-round decision (Law on Complaints Art 40)."""

    UPHELD = "upheld", _("Công nhận quyết định lần đầu")
    PARTLY = "partly", _("Công nhận một phần, sửa đổi một phần")
    OVERTURNED = "overturned", _("Hủy bỏ, sửa đổi quyết định lần đầu")


class CaseDecision(models.Model):
    """The complaint decision, denunciation conclusion or answer, with the structured figures reports count."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="decision")
    number = models.CharField(_("Số, ký hiệu"), max_length=80)
    issued_on = models.DateField(_("Ngày ban hành"))
    signer = models.CharField(_("Người ký"), max_length=200, blank=True)
    result = models.CharField(_("Kết quả"), max_length=20, choices=DecisionResult.choices)
    first_round_outcome = models.CharField(
        _("Đối với quyết định lần đầu"), max_length=20, choices=FirstRoundOutcome.choices, blank=True
    )
    summary = models.TextField(_("Nội dung kết luận, quyết định"))
    money_to_state = models.DecimalField(_("Tiền kiến nghị thu hồi cho Nhà nước (đồng)"), max_digits=18,
                                         decimal_places=0, default=0)  # fmt: skip
    money_to_citizens = models.DecimalField(_("Tiền trả lại cho công dân (đồng)"), max_digits=18, decimal_places=0,
                                            default=0)  # fmt: skip
    land_to_state_m2 = models.DecimalField(_("Đất thu hồi cho Nhà nước (m²)"), max_digits=14, decimal_places=1,
                                           default=0)  # fmt: skip
    land_to_citizens_m2 = models.DecimalField(_("Đất trả lại cho công dân (m²)"), max_digits=14, decimal_places=1,
                                              default=0)  # fmt: skip
    people_benefited = models.PositiveIntegerField(_("Số người được trả lại quyền lợi"), default=0)
    people_recommended_sanction = models.PositiveIntegerField(_("Số người kiến nghị xử lý"), default=0)
    people_sanctioned = models.PositiveIntegerField(_("Số người đã bị xử lý"), default=0)
    transferred_to_investigators = models.PositiveIntegerField(_("Số vụ chuyển cơ quan điều tra"), default=0)
    people_transferred_to_investigators = models.PositiveIntegerField(_("Số người chuyển cơ quan điều tra"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Quyết định, kết luận")
        verbose_name_plural = _("Quyết định, kết luận")
        # Reports and the scorecard select decisions by their date of issue.
        indexes = [models.Index(fields=["issued_on"], include=["case"], name="casedecision_issued_on_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(money_to_state__gte=0, money_to_citizens__gte=0,
                                                      land_to_state_m2__gte=0, land_to_citizens_m2__gte=0),
                                   name="casedecision_amounts_not_negative"),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.number} ({self.case_id})"


class Verification(models.Model):
    """The verification of a case (Law on Complaints Art 29, 38; Law on Denunciations Art 31): who, the plan,
    and its minutes."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="verification")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("Trưởng đoàn / người xác minh"),
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("Thành viên"), blank=True,
                                     related_name="+")  # fmt: skip
    assigned_on = models.DateField(_("Ngày giao xác minh"))
    plan = models.TextField(_("Kế hoạch xác minh"))
    report = models.TextField(_("Báo cáo kết quả xác minh"), blank=True)
    reported_on = models.DateField(_("Ngày báo cáo"), null=True, blank=True)

    class Meta:
        verbose_name = _("Xác minh")
        verbose_name_plural = _("Xác minh")

    def __str__(self) -> str:
        return f"Xác minh {self.case_id}"


class VerificationTask(models.Model):
    verification = models.ForeignKey(Verification, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("Nhiệm vụ"), max_length=300)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip
    due_on = models.DateField(_("Hạn"), null=True, blank=True)
    done_on = models.DateField(_("Hoàn thành"), null=True, blank=True)
    result = models.TextField(_("Kết quả"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class Dialogue(models.Model):
    """A dialogue session (Law on Complaints Art 30, 39): notice, participants, minutes, signatures."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="dialogues")
    scheduled_on = models.DateField(_("Ngày đối thoại"))
    notice_sent_on = models.DateField(_("Ngày gửi thông báo"))
    venue = models.CharField(_("Địa điểm"), max_length=300)
    participants = models.JSONField(_("Thành phần tham gia"), default=list)
    held_on = models.DateField(_("Ngày tổ chức"), null=True, blank=True)
    minutes = models.TextField(_("Biên bản"), blank=True)
    signed_by = models.JSONField(_("Người đã ký biên bản"), default=list, blank=True)
    refused_to_sign = models.JSONField(_("Người từ chối ký (ghi lý do)"), default=list, blank=True)
    complainant_absent = models.BooleanField(_("Người khiếu nại vắng mặt không lý do"), default=False)

    class Meta:
        ordering = ["scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"Đối thoại {self.case_id} {self.scheduled_on}"


class PublicationMethod(models.TextChoices):
    MEETING = "meeting", _("Công bố tại cuộc họp")
    POSTING = "posting", _("Niêm yết tại trụ sở hoặc nơi tiếp công dân")
    MEDIA = "media", _("Thông báo trên phương tiện thông tin đại chúng")
    PORTAL = "portal", _("Đăng trên cổng thông tin điện tử")


class Publication(models.Model):
    """Publication of a second-round complaint decision or a denunciation conclusion (Law on Complaints Art 41;
    Law on Denunciations Art 40). `public_text` is the redacted copy for the public portal."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="publications")
    method = models.CharField(_("Hình thức"), max_length=20, choices=PublicationMethod.choices)
    published_on = models.DateField(_("Ngày công khai"))
    until = models.DateField(_("Công khai đến ngày"), null=True, blank=True)
    public_text = models.TextField(_("Nội dung công khai (đã che thông tin người tố cáo)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["published_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.method} {self.published_on}"


class ProgressReport(models.Model):
    """A periodic progress report to the superior body that assigned the case (e.g. the provincial Party
    standing committee)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="progress_reports")
    reported_on = models.DateField(_("Ngày báo cáo"))
    document = models.CharField(_("Văn bản báo cáo (số, ngày)"), max_length=200)
    content = models.TextField(_("Nội dung tiến độ"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip

    class Meta:
        ordering = ["reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.reported_on}"
