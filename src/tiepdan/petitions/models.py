"""Petitions (đơn) from every channel, as TT 05/2021/TT-TTCP handles them (DOMAIN §4).

A petition is registered once, classified, and given one outcome. States are stored; "overdue" and
"due soon" are derived from `due_on` at read time. A denunciation's petitioners live in the identity vault
(`people.ProtectedIdentity`): the petition holds only the link, and its full text is encrypted there too.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tiepdan.core.indexes import where_set
from tiepdan.orgs.models import OrgUnit


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp")  # handed in at the office
    POST = "post", _("Qua bưu chính")  # by post
    TRANSFERRED = "transferred", _("Cơ quan khác chuyển đến")  # with the referring document's number and date
    RECEPTION = "reception", _("Qua tiếp công dân")  # written up at a reception session
    ONLINE = "online", _("Trực tuyến")  # portal or e-mail


class PetitionType(models.TextChoices):
    COMPLAINT = "complaint", _("Khiếu nại")
    DENUNCIATION = "denunciation", _("Tố cáo")
    REC_FEEDBACK = "rec_feedback", _("Kiến nghị, phản ánh")


class PetitionStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã vào sổ")  # registered, not yet classified
    CLASSIFIED = "classified", _("Đã phân loại")  # type, field, eligibility and competence decided
    PROCESSED = "processed", _("Đã xử lý")  # an outcome was decided; follow-up may still run
    SPLIT = "split", _("Đã tách đơn")  # a mixed petition replaced by one petition per type


class ResolutionStatus(models.TextChoices):
    """Where the matter stands when the letter arrives (TT 05/2021, Điều 6: phân loại theo tình trạng)."""

    UNRESOLVED = "unresolved", _("Chưa được giải quyết")
    FIRST_ROUND_DONE = "first_round_done", _("Đã giải quyết lần đầu")
    SECOND_ROUND_DONE = "second_round_done", _("Đã giải quyết lần hai (cuối cùng)")
    FURTHER_DENUNCIATION = "further_denunciation", _("Tố cáo tiếp")
    COURT = "court", _("Tòa án đã thụ lý hoặc giải quyết")


class DuplicateStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Chưa kiểm tra trùng")
    NEW = "new", _("Đơn mới (đã kiểm tra)")
    LINKED = "linked", _("Cùng vụ việc đã có")  # a new letter on an existing case
    DUPLICATE = "duplicate", _("Đơn trùng")  # same person, same content, nothing new


class Outcome(models.TextChoices):
    """The handling outcome of TT 05/2021 (DOMAIN §4); each is one service in `services.py`."""

    PROPOSE_ACCEPTANCE = "propose_acceptance", _("Đề xuất thụ lý")  # Mẫu 01
    REJECT_ACCEPTANCE = "reject_acceptance", _("Thông báo không thụ lý")  # complaints, with the Art 11 ground
    GUIDE = "guide", _("Hướng dẫn gửi đến cơ quan có thẩm quyền")  # once per matter
    TRANSFER = "transfer", _("Chuyển đơn")  # denunciation: once per content, Mẫu 03
    URGE = "urge", _("Đôn đốc cơ quan cấp dưới")  # the matter sits with a subordinate body
    TRANSFER_PARTY = "transfer_party", _("Chuyển tổ chức Đảng")  # party-member matters
    ARCHIVE = "archive", _("Lưu đơn")  # duplicate, nothing new, already guided, anonymous


class ArchiveReason(models.TextChoices):
    DUPLICATE = "duplicate", _("Đơn trùng nội dung đã xử lý")
    NO_NEW_FACTS = "no_new_facts", _("Không có tình tiết mới")
    ALREADY_GUIDED = "already_guided", _("Đã được hướng dẫn trước đây")
    ANONYMOUS = "anonymous", _("Đơn nặc danh, mạo danh, không rõ nội dung")
    OTHER = "other", _("Lý do khác")


class SubjectFieldQuerySet(models.QuerySet["SubjectField"]):
    def valid_on(self, on: dt.date) -> SubjectFieldQuerySet:
        return self.filter(Q(valid_from__lte=on), Q(valid_to__isnull=True) | Q(valid_to__gte=on))


class SubjectField(models.Model):
    """One entry of the statistical code list of subject fields (lĩnh vực), DOMAIN §10.

    Versioned by validity dates: a new list closes the old entries and adds new ones; petitions keep the
    entry they were classified under.
    """

    code = models.CharField(_("Mã"), max_length=40)
    name = models.CharField(_("Tên lĩnh vực"), max_length=255)
    parent = models.ForeignKey(
        "self", verbose_name=_("Thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    applies_to = models.CharField(_("Dùng cho loại đơn"), max_length=20, choices=PetitionType.choices)
    sort_order = models.PositiveIntegerField(_("Thứ tự"), default=0)
    list_version = models.CharField(_("Phiên bản danh mục"), max_length=40)
    legal_source = models.CharField(_("Căn cứ"), max_length=300)
    valid_from = models.DateField(_("Hiệu lực từ"))
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)

    objects = SubjectFieldQuerySet.as_manager()

    class Meta:
        verbose_name = _("Lĩnh vực")
        verbose_name_plural = _("Danh mục lĩnh vực")
        ordering = ["applies_to", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "applies_to", "valid_from"], name="subjectfield_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def depth(self) -> int:
        return self.code.count(".")


class PetitionCounter(models.Model):
    """The last sequence number of petition codes per unit and year (locked row: gap-free, race-free)."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="petitioncounter_unique")]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.year}: {self.last_number}"


class Petition(models.Model):
    # Unique by a constraint in Meta, not `unique=True`: that would add a second, LIKE index on PostgreSQL which
    # no query uses (codes are looked up whole) and every registration pays for.
    code = models.CharField(_("Mã đơn"), max_length=100)  # unit codes of historical wards are long
    # No index of its own: the composite indexes below all begin with the unit.
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("Đơn vị nhận đơn"), on_delete=models.PROTECT, related_name="petitions",
        db_index=False,
    )  # fmt: skip
    channel = models.CharField(_("Nguồn đơn"), max_length=20, choices=Channel.choices)
    type = models.CharField(_("Loại đơn"), max_length=20, choices=PetitionType.choices)  # 3 values: no index
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.REGISTERED
    )
    letter_date = models.DateField(_("Ngày viết đơn"), null=True, blank=True)
    received_on = models.DateField(_("Ngày nhận đơn"))  # indexed first in petition_cohort_idx
    summary = models.TextField(_("Tóm tắt nội dung"))
    # For complaints and recommendations the full text as typed; for denunciations it stays empty here and
    # the text is encrypted in `content_enc` (it usually names the denouncer, Law on Denunciations Art 47).
    content = models.TextField(_("Nội dung đơn"), blank=True)
    content_enc = models.TextField(blank=True, editable=False)
    # Folded summary (and, except for denunciations, petitioners' names and ID numbers) for search.
    search_folded = models.TextField(editable=False, default="")
    summary_folded = models.TextField(editable=False, default="")
    respondent_name = models.CharField(_("Người, cơ quan bị khiếu nại / bị tố cáo"), max_length=500, blank=True)
    respondent_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Đơn vị của người bị khiếu nại / bị tố cáo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # Referring document, for petitions transferred from another body (channel "transferred").
    referring_body = models.CharField(_("Cơ quan chuyển đơn"), max_length=300, blank=True)
    referring_doc_number = models.CharField(_("Số văn bản chuyển"), max_length=80, blank=True)
    referring_doc_date = models.DateField(_("Ngày văn bản chuyển"), null=True, blank=True)
    # Facts checked at registration (TT 05/2021 Điều 6, 7).
    signature_present = models.BooleanField(_("Có chữ ký hoặc điểm chỉ"), default=True)
    originals_attached = models.BooleanField(_("Có kèm giấy tờ bản gốc"), default=False)
    # Classification.
    subject_field = models.ForeignKey(
        SubjectField, verbose_name=_("Lĩnh vực"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution_status = models.CharField(
        _("Tình trạng giải quyết"),
        max_length=30,
        choices=ResolutionStatus.choices,
        default=ResolutionStatus.UNRESOLVED,
    )
    eligible = models.BooleanField(_("Đủ điều kiện xử lý"), null=True, blank=True)
    eligibility_failures = models.JSONField(_("Điều kiện không đáp ứng"), default=list, blank=True)
    competent_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Đơn vị có thẩm quyền giải quyết"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    # A body outside the tree (court, police, a Party committee…) when it is the competent one.
    competent_body_name = models.CharField(_("Cơ quan có thẩm quyền (ngoài hệ thống)"), max_length=300, blank=True)
    within_competence = models.BooleanField(_("Thuộc thẩm quyền"), null=True, blank=True)
    is_anonymous = models.BooleanField(_("Nặc danh"), default=False)
    is_impersonated = models.BooleanField(_("Mạo danh"), default=False)
    several_signatories = models.BooleanField(_("Nhiều người đứng tên"), default=False)
    mass_delegation = models.BooleanField(_("Đoàn đông người"), default=False)
    sent_to_several_bodies = models.BooleanField(_("Gửi nhiều nơi"), default=False)
    bypasses_level = models.BooleanField(_("Vượt cấp"), default=False)
    multi_site = models.BooleanField(_("Phải xác minh ở nhiều địa điểm"), default=False)
    # Duplicates and cases.
    duplicate_status = models.CharField(
        _("Kiểm tra trùng"), max_length=20, choices=DuplicateStatus.choices, default=DuplicateStatus.UNCHECKED
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("Trùng với đơn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("Vụ việc"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="petitions", db_index=False,
    )  # fmt: skip
    split_from = models.ForeignKey(
        "self",
        verbose_name=_("Tách từ đơn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
        db_index=False,
    )
    # Outcome.
    outcome = models.CharField(_("Kết quả xử lý"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("Ngày xử lý"), null=True, blank=True)
    outcome_ground = models.CharField(_("Căn cứ, lý do"), max_length=60, blank=True)
    outcome_note = models.TextField(_("Ghi chú xử lý"), blank=True)
    outcome_target = models.CharField(_("Cơ quan nhận (chuyển, hướng dẫn, đôn đốc)"), max_length=300, blank=True)
    outcome_document = models.ForeignKey(
        "documents.GeneratedDocument",
        verbose_name=_("Văn bản xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    originals_returned_on = models.DateField(_("Ngày trả lại giấy tờ gốc"), null=True, blank=True)
    # Deadlines: the processing limit, then the follow-up one the outcome sets (e.g. acceptance).
    due_rule = models.CharField(_("Quy tắc thời hạn"), max_length=60, blank=True)
    # Every filter on the due date is on open petitions (queue, API `due_before`/`overdue`): petition_queue_idx
    # and petition_open_queue_idx serve them; a plain index would take a random entry for every letter imported.
    due_on = models.DateField(_("Hạn xử lý"), null=True, blank=True)
    follow_up_rule = models.CharField(_("Quy tắc theo dõi"), max_length=60, blank=True)
    follow_up_due_on = models.DateField(_("Hạn theo dõi"), null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Người xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_petitions",
        db_index=False,  # petition_assignee_idx begins with it
    )
    # Double-submit guard (form token or the API's Idempotency-Key) and the import's external reference.
    # Unique where set (a partial constraint in Meta): imports and generated letters leave it empty.
    submission_key = models.CharField(max_length=64, null=True, blank=True, editable=False)  # noqa: DJ001 (NULL: none)
    external_ref = models.CharField(_("Mã tham chiếu ngoài"), max_length=100, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)  # optimistic check on forms
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("Vào sổ lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Đơn")
        verbose_name_plural = _("Đơn")
        ordering = ["-received_on", "-pk"]
        indexes = [
            # The handler's queue: open petitions of a unit by due date.
            models.Index(fields=["unit", "status", "due_on"], name="petition_queue_idx"),
            models.Index(fields=["assignee", "status", "due_on"], name="petition_assignee_idx"),
            models.Index(fields=["unit", "received_on"], name="petition_unit_received_idx"),
            # Keys empty when a letter is registered (`core.indexes.where_set`).
            where_set("respondent_unit", name="petition_respondent_unit_idx"),
            where_set("competent_unit", name="petition_competent_unit_idx"),
            where_set("duplicate_of", name="petition_duplicate_of_idx"),
            where_set("case", name="petition_case_idx"),
            where_set("split_from", name="petition_split_from_idx"),
            where_set("outcome_document", name="petition_outcome_document_idx"),
            # Dashboard and report cohorts (received in a period, by unit): index-only on PostgreSQL
            # (bench/bench_dashboard.py: 152–290 ms with heap fetches → 74 ms at 200k petitions).
            models.Index(
                fields=["received_on", "unit"],
                include=["type", "status", "subject_field", "outcome_on", "due_on", "id"],
                name="petition_cohort_idx",
            ),
            # The open petitions of a subtree (the dashboard's "today" counts and the open part of the period's
            # cohort) from this small index alone (~1 % of the rows), not the open queue filtered by unit.
            models.Index(
                fields=["unit", "received_on"],
                include=["type", "status", "subject_field", "due_on", "id"],
                condition=Q(status__in=["registered", "classified"]),
                name="petition_open_unit_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["code"], name="petition_code_unique"),
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=Q(submission_key__isnull=False),
                name="petition_submission_key_unique",
            ),
            models.UniqueConstraint(
                fields=["unit", "external_ref"], condition=~Q(external_ref=""), name="petition_external_ref_unique"
            ),
            models.CheckConstraint(
                condition=Q(letter_date__isnull=True) | Q(letter_date__lte=models.F("received_on")),
                name="petition_letter_before_receipt",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in (PetitionStatus.REGISTERED, PetitionStatus.CLASSIFIED)


class Petitioner(models.Model):
    """A person who signed the petition. For a denunciation only `identity` is set (the vault)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="petitioners")
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_signed",
        db_index=False,
    )
    identity = models.ForeignKey(
        "people.ProtectedIdentity", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    is_representative = models.BooleanField(_("Người đại diện"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("Người gửi đơn")
        verbose_name_plural = _("Người gửi đơn")
        ordering = ["position", "pk"]
        # A denouncer's row has no person, everyone else's no identity (`core.indexes.where_set`).
        indexes = [
            where_set("person", name="petitioner_person_idx"),
            where_set("identity", name="petitioner_identity_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, identity__isnull=True)
                | Q(person__isnull=True, identity__isnull=False),
                name="petitioner_person_xor_identity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}#{self.position}"


class Attachment(models.Model):
    """A file attached to a petition, checked by content and stored outside the web root."""

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="attachments")
    storage_name = models.CharField(max_length=120, unique=True)  # random; reveals nothing
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("Mô tả"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Tệp đính kèm")
        verbose_name_plural = _("Tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class PetitionEvent(models.Model):
    """The petition's timeline (Saleor-style event table): what happened, by whom, in Vietnamese.

    Messages never contain a denouncer's identity; the tamper-evident trail is `core.AuditEvent`.
    """

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=500)
    document = models.ForeignKey(
        "documents.GeneratedDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        ordering = ["at", "pk"]
        indexes = [where_set("document", name="petitionevent_document_idx")]  # most events have none

    def __str__(self) -> str:
        return f"{self.petition_id} {self.kind}"


class MinHashBand(models.Model):
    """Locality-sensitive hashing bands of a petition's summary (duplicate detection, `duplicates.py`).

    Two petitions of the same receiving unit sharing a band are candidates; they are then scored (word sets
    with rapidfuzz, and pg_trgm similarity). The index on (unit, band, petition) reads the unit's newest
    petitions of a band without touching the table.
    """

    # No foreign-key constraint in the database: the bands are a derived index (rebuilt by `tiepdan
    # reindex_duplicates`), sixteen rows per petition, and checking each against the petitions cost an import
    # of 10,000 letters ~0.4 s of PostgreSQL's time at 1,000,000 petitions. Deleting a petition through Django
    # still deletes its bands (CASCADE is Django's), and the band lookup joins to the petitions, so a stray
    # row could only be ignored.
    petition = models.ForeignKey(
        Petition, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    # The petition's receiving unit, copied here because content is only ever compared within one unit
    # (`duplicates.find_candidates`) and so that the index begins with it: a band's hash is random, so an index
    # on (band, …) took each new band into a random page of an index of 16 entries per petition (at 1,000,000
    # petitions ~19,000 of an import's full-page images in the WAL); with the unit first, an import's bands land
    # in its unit's part of the index only (bench/README.md, session 11). Kept equal to `petition.unit` by
    # the services that write bands or move petitions (`services.move_open_petitions`).
    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False)
    band = models.BigIntegerField()
    # The key is the pair (a petition's bands are distinct: each is hashed with its position): no `id` column
    # and no index of its own, nor one on `petition` alone, which this key serves (a petition's bands are
    # deleted and rewritten together). Two index entries a band instead of three (bench/README.md).
    pk = models.CompositePrimaryKey("petition", "band")

    class Meta:
        indexes = [models.Index(fields=["unit", "band", "petition"], name="petition_minhash_unit_band_idx")]

    def __str__(self) -> str:
        return f"{self.petition_id}:{self.band}"
