"""The people registry (who came or wrote) and the identity vault that protects denouncers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.core.indexes import where_set
from tiepdan.orgs.models import OrgUnit

from .rules import REDACTED_NAME


class PersonKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")  # a natural person
    ORGANISATION = (
        "organisation",
        _("Cơ quan, tổ chức"),
    )  # petitions may come from organisations (Law 42/2013 Art. 2)


class IdDocumentType(models.TextChoices):
    CCCD = "cccd", _("Căn cước / Căn cước công dân")  # 12 digits, Law on Identification 26/2023/QH15
    CMND = (
        "cmnd",
        _("Chứng minh nhân dân (9 số)"),
    )  # old card, valid until 31/12/2024, still seen on old files
    PASSPORT = "passport", _("Hộ chiếu")  # foreigners and Vietnamese abroad
    OTHER = "other", _("Giấy tờ khác")  # e.g. a business registration number for an organisation


class Person(models.Model):
    kind = models.CharField(_("Loại"), max_length=16, choices=PersonKind.choices, default=PersonKind.CITIZEN)
    full_name = models.CharField(_("Họ và tên / Tên tổ chức"), max_length=255)
    # Indexed in Meta, not with `db_index=True`: that adds a second, LIKE index on PostgreSQL which no query
    # uses (names are matched whole or through the trigram index, ID numbers whole) and every import pays for.
    name_folded = models.CharField(max_length=255, editable=False)
    id_type = models.CharField(_("Loại giấy tờ"), max_length=16, choices=IdDocumentType.choices, blank=True)
    id_number = models.CharField(_("Số giấy tờ"), max_length=32, blank=True)
    date_of_birth = models.DateField(_("Ngày sinh"), null=True, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=500, blank=True)
    address_recorded_on = models.DateField(_("Ngày ghi nhận địa chỉ"), null=True, blank=True)
    province = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    commune = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Xã, phường, đặc khu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    phone = models.CharField(_("Số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("Thư điện tử"), blank=True)
    owner_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Đơn vị đăng ký"),
        on_delete=models.PROTECT,
        related_name="registered_people",
        db_index=False,  # the (owner_unit, name_folded) index begins with it
    )
    # A merged duplicate stays for history and points to the record that replaced it.
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("Đã gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
        db_index=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Công dân, tổ chức")
        verbose_name_plural = _("Công dân, tổ chức")
        ordering = ["name_folded", "pk"]
        indexes = [
            models.Index(fields=["owner_unit", "name_folded"]),
            models.Index(fields=["name_folded"], name="person_name_folded_idx"),
            models.Index(fields=["id_number"], name="person_id_number_idx"),
            where_set("merged_into", name="person_merged_into_idx"),  # `core.indexes.where_set`
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=models.F("pk")), name="person_not_merged_into_self"),
        ]

    def __str__(self) -> str:
        return self.full_name


class ProtectedIdentity(models.Model):
    """A denouncer's identity, kept apart from any petition; every value is a Fernet token.

    Law on Denunciations 25/2018/QH14 Art. 9(1)(d), 47, 48: the denouncer's name, address and handwriting
    must not be disclosed. Petitions refer to an identity only by id; nothing here is readable without
    the key.
    """

    unit = models.ForeignKey(OrgUnit, verbose_name=_("Đơn vị quản lý"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="protected_identities",
        db_index=False,  # mostly empty: `core.indexes.where_set` in Meta
    )
    full_name_enc = models.TextField()
    id_number_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    email_enc = models.TextField(blank=True)
    date_of_birth_enc = models.TextField(blank=True)
    # Keyed HMACs (blind indexes) for finding the same denouncer without decrypting.
    # Indexed in Meta (no LIKE twins: a keyed hash is only ever matched whole).
    name_hmac = models.CharField(max_length=64)
    id_number_hmac = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Danh tính được bảo mật")
        verbose_name_plural = _("Kho bảo mật danh tính người tố cáo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["name_hmac"], name="identity_name_hmac_idx"),
            models.Index(fields=["id_number_hmac"], name="identity_id_number_hmac_idx"),
            where_set("person", name="identity_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{REDACTED_NAME} #{self.pk}"

    def __repr__(self) -> str:
        return f"<ProtectedIdentity #{self.pk} (đã mã hóa)>"


class IdentityFile(models.Model):
    """A scan (signed letter…) of a protected identity, encrypted on disk under MEDIA_ROOT/vault/."""

    identity = models.ForeignKey(ProtectedIdentity, on_delete=models.PROTECT, related_name="files")
    storage_name = models.CharField(max_length=100, unique=True)  # random, reveals nothing
    original_name_enc = models.TextField()
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tệp bảo mật")
        verbose_name_plural = _("Tệp bảo mật")

    def __str__(self) -> str:
        return f"Tệp bảo mật #{self.pk}"

    __repr__ = __str__


class IdentityGrantQuerySet(models.QuerySet["IdentityGrant"]):
    def valid_on(self, on) -> IdentityGrantQuerySet:
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class IdentityGrant(models.Model):
    """The assigned handler of a denunciation may see its denouncer's identity for the grant's interval."""

    identity = models.ForeignKey(ProtectedIdentity, on_delete=models.CASCADE, related_name="grants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="identity_grants")
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("Lý do"), max_length=500)
    valid_from = models.DateField(_("Từ ngày"))
    valid_to = models.DateField(_("Đến hết ngày"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IdentityGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Quyền xem danh tính")
        verbose_name_plural = _("Quyền xem danh tính")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="identitygrant_valid_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"Quyền xem danh tính #{self.identity_id} — {self.user}"
