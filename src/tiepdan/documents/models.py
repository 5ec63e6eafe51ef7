"""Official documents: editable templates, per-unit yearly numbering, and the documents generated."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .specs import TEMPLATE_SPECS

TEMPLATE_CODE_CHOICES = [(code, f"{code} — {spec.name}") for code, spec in TEMPLATE_SPECS.items()]


class DocumentTemplate(models.Model):
    """An uploaded version of a template. Without one, the shipped default .docx is used.

    Admins replace a template by adding a new version with a new .docx; the highest active version in
    force on the issue date wins. Older versions stay so that every generated document names what it used.
    """

    code = models.CharField(_("Mã mẫu"), max_length=60, choices=TEMPLATE_CODE_CHOICES)
    name = models.CharField(_("Tên mẫu"), max_length=255)
    legal_source = models.CharField(_("Căn cứ pháp lý"), max_length=300, blank=True)
    file = models.FileField(_("Tệp mẫu .docx"), upload_to="documents/templates/")
    version = models.PositiveIntegerField(_("Phiên bản"), default=1)
    active = models.BooleanField(_("Đang dùng"), default=True)
    effective_from = models.DateField(_("Áp dụng từ ngày"), null=True, blank=True)
    effective_to = models.DateField(_("Áp dụng đến hết ngày"), null=True, blank=True)
    uploaded_at = models.DateTimeField(_("Tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mẫu văn bản")
        verbose_name_plural = _("Mẫu văn bản")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="documents_template_code_version"),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="documents_template_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} v{self.version} — {self.name}"


class DocumentCounter(models.Model):
    """The last number given to documents of one kind (symbol) by one unit in one year.

    Numbers restart at 1 on 1 January (Nghị định 30/2020/NĐ-CP, Điều 15) and have no gaps: the counter row is
    locked and incremented inside the transaction that creates the document, so a rollback gives it back.
    """

    unit = models.ForeignKey("orgs.OrgUnit", verbose_name=_("Đơn vị"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("Năm"))
    symbol = models.CharField(_("Ký hiệu"), max_length=60)
    last_number = models.PositiveIntegerField(_("Số cuối đã cấp"), default=0)

    class Meta:
        verbose_name = _("Bộ đếm số văn bản")
        verbose_name_plural = _("Bộ đếm số văn bản")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "symbol"], name="documents_counter_unit_year_symbol"),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}/{self.symbol}: {self.last_number}"


class GeneratedDocument(models.Model):
    """One numbered document rendered from a template and stored as .docx (and, on demand, .pdf)."""

    template_code = models.CharField(_("Mã mẫu"), max_length=60, db_index=True)
    template = models.ForeignKey(
        DocumentTemplate,
        verbose_name=_("Phiên bản mẫu đã tải lên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    # 0 means the default template shipped with the application.
    template_version = models.PositiveIntegerField(_("Phiên bản mẫu"), default=0)
    title = models.CharField(_("Tên văn bản"), max_length=255)
    unit = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("Đơn vị ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    symbol = models.CharField(_("Ký hiệu"), max_length=60)
    number = models.PositiveIntegerField(_("Số"))
    number_string = models.CharField(_("Số, ký hiệu"), max_length=80)
    issued_on = models.DateField(_("Ngày ban hành"))
    place = models.CharField(_("Địa danh"), max_length=120)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    object_id = models.CharField(max_length=64, blank=True, default="")
    related_object = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("Tệp .docx"), upload_to="documents/generated/")
    pdf_file = models.FileField(_("Tệp .pdf"), upload_to="documents/generated/", blank=True)
    contains_denouncer_identity = models.BooleanField(_("Chứa danh tính người tố cáo"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người tạo"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("Văn bản đã tạo")
        verbose_name_plural = _("Văn bản đã tạo")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "symbol", "number"], name="documents_number_unique"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documents_related_idx")]

    def __str__(self) -> str:
        return f"{self.number_string} — {self.title}"
