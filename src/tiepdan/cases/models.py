"""Cases (vụ việc): one matter that one or many petitions are about (DOMAIN §4, "Counting").

Reports count petitions and cases separately, so every petition that is processed belongs to one case:
several letters on the same matter, from the same or different people, are one case. The resolution
workflow of a case (acceptance, verification, decision…) is added by the resolution issue on top of this.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseType(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    REC_FEEDBACK = "rec_feedback", _("Kiến nghị, phản ánh")


class Case(models.Model):
    code = models.CharField(_("Mã vụ việc"), max_length=40, unique=True)
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Vụ việc")
        verbose_name_plural = _("Vụ việc")
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["unit", "opened_on"])]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
