from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """An official or administrator who logs in. Vietnamese names are kept whole in `full_name`."""

    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Người dùng")
        verbose_name_plural = _("Người dùng")

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def __str__(self) -> str:
        return self.full_name or self.username


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Nhật ký kiểm toán chỉ được ghi thêm, không được sửa.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Nhật ký kiểm toán chỉ được ghi thêm, không được xóa.")


class AuditEvent(models.Model):
    """One append-only, hash-chained entry of the audit trail.

    `hash` covers every other field and the previous event's hash, so editing or deleting any row breaks
    the chain; `tiepdan audit verify` finds the first broken link.
    """

    at = models.DateTimeField(_("Thời điểm"), db_index=True)
    actor = models.ForeignKey(
        "core.User",
        verbose_name=_("Người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_username = models.CharField(_("Tên đăng nhập"), max_length=150, blank=True)
    action = models.CharField(_("Hành động"), max_length=100)  # indexed in Meta (no LIKE index)
    object_type = models.CharField(_("Loại đối tượng"), max_length=100, blank=True)
    object_id = models.CharField(_("Mã đối tượng"), max_length=64, blank=True)
    changes = models.JSONField(_("Thay đổi"), default=dict, blank=True)
    reason = models.TextField(_("Lý do"), blank=True)
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=300, blank=True)
    client_address = models.CharField(_("Địa chỉ máy trạm"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    # Unique by a constraint in Meta: `unique=True` would add a LIKE index of random hashes on PostgreSQL that no
    # query uses and every event (three per imported letter) pays for.
    hash = models.CharField(max_length=64)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sự kiện kiểm toán")
        verbose_name_plural = _("Nhật ký kiểm toán")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["action"], name="core_auditevent_action_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["hash"], name="core_auditevent_hash_unique")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Nhật ký kiểm toán chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Nhật ký kiểm toán chỉ được ghi thêm, không được xóa.")


class AuditChainHead(models.Model):
    """A single row holding the newest event's hash; locking it serialises appends to the chain.

    It also lets `verify` notice that the newest events were deleted.
    """

    last_event_id = models.BigIntegerField(null=True)
    last_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("Đầu chuỗi kiểm toán")

    def __str__(self) -> str:
        return f"#{self.last_event_id}"
