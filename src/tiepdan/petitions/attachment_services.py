"""Files attached to petitions: add one (checked by content, stored outside the web root) and read it back.

Every upload and every download is audited; the audit trail and the petition's timeline record the kind,
size and SHA-256 of a file, never its name (a name may carry personal data).

For a denunciation, a scan of the signed letter identifies the denouncer (Law on Denunciations 25/2018/QH14,
Art 47: name, address and handwriting are confidential). Such a file (`identifying=True`, the default for
denunciations) is not an ordinary attachment: it is encrypted into the identity vault as an
`people.IdentityFile` of the petition's first denouncer, readable only through
`people.services.read_identity_file` (access-checked, audited).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import nfc
from tiepdan.people import crypto
from tiepdan.people.models import IdentityFile, ProtectedIdentity
from tiepdan.people.services import LAW_DENUNCIATION, vault_dir

from . import attachments
from .models import Attachment, Petition, PetitionEvent, PetitionType
from .selectors import visible_petitions
from .services import may_handle, may_register

CHUNK = 1024 * 1024
STORAGE_SUBDIR = "petitions"

# What callers may hand over: the bytes, an uploaded file (Django's UploadedFile) or any binary stream.
UploadData = bytes | bytearray | BinaryIO | IO[bytes] | Any


def max_upload_bytes() -> int:
    """TIEPDAN_MAX_UPLOAD_MB (default 20 MB per file)."""
    return attachments.max_upload_bytes(getattr(settings, "TIEPDAN_MAX_UPLOAD_MB", attachments.DEFAULT_MAX_UPLOAD_MB))


def attachments_dir() -> Path:
    """MEDIA_ROOT/petitions — outside the static root; files are served only by the access-checked views."""
    return Path(settings.MEDIA_ROOT) / STORAGE_SUBDIR


# --- Reading the upload -------------------------------------------------------------------------------


def _known_size(data: Any) -> int | None:
    if isinstance(data, bytes | bytearray):
        return len(data)
    size = getattr(data, "size", None)
    if isinstance(size, int):
        return size
    if hasattr(data, "seek") and hasattr(data, "tell"):
        try:
            here = data.tell()
            end = data.seek(0, os.SEEK_END)
            data.seek(here)
            return int(end - here)
        except (OSError, ValueError):
            return None
    return None


def _chunks(data: Any) -> Iterator[bytes]:
    if isinstance(data, bytes | bytearray):
        yield bytes(data)
        return
    if hasattr(data, "chunks"):  # Django UploadedFile
        if hasattr(data, "seek"):
            data.seek(0)
        yield from data.chunks(CHUNK)
        return
    while True:
        chunk = data.read(CHUNK)
        if not chunk:
            return
        yield chunk


def _copy_limited(data: Any, sink: IO[bytes], max_bytes: int) -> tuple[int, str]:
    """Copy into `sink`, hashing; stop reading once the limit is passed (the size is then > max_bytes)."""
    digest = hashlib.sha256()
    size = 0
    for chunk in _chunks(data):
        size += len(chunk)
        if size > max_bytes:
            break
        digest.update(chunk)
        sink.write(chunk)
    sink.flush()
    sink.seek(0)
    return size, digest.hexdigest()


def _refuse_if_too_big(data: Any, max_bytes: int) -> None:
    size = _known_size(data)
    if size is not None and size > max_bytes:
        # The same message as the content checks, before a single byte is copied.
        attachments.check_upload(name="", stream=io.BytesIO(), size=size, max_bytes=max_bytes)


# --- Guards -------------------------------------------------------------------------------------------


def _require_attacher(actor: User, petition: Petition) -> Petition:
    found = visible_petitions(actor).select_related("unit").filter(pk=petition.pk).first()
    if found is None:
        raise NotFoundError("Không tìm thấy đơn này trong phạm vi của bạn.")
    if not (may_register(actor, found.unit) or may_handle(actor, found)):
        raise DomainError("Chỉ cán bộ tiếp nhận, xử lý đơn hoặc thủ trưởng đơn vị nhận đơn được đính kèm tệp.")
    return found


def _denouncer_identity(petition: Petition) -> ProtectedIdentity:
    petitioner = (
        petition.petitioners.filter(identity__isnull=False).select_related("identity__unit").order_by("position", "pk")
    ).first()
    if petitioner is None or petitioner.identity is None:
        raise DomainError(
            "Đơn tố cáo này không có người tố cáo trong kho bảo mật (đơn nặc danh), nên không lưu được bản chụp "
            "có thông tin nhận diện. Nếu tệp không chứa tên, chữ ký hay chữ viết tay của người tố cáo, hãy bỏ "
            "chọn “Tệp có thông tin nhận diện người tố cáo” rồi tải lên lại.",
            field="identifying",
        )
    return petitioner.identity


def _event(petition: Petition, *, actor: User, kind: str, message: str) -> None:
    PetitionEvent.objects.create(petition=petition, actor=actor, kind=kind, message=message[:500])


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{attachments.megabytes(size)} MB"


# --- Writes -------------------------------------------------------------------------------------------


def add_attachment(
    *,
    actor: User,
    petition: Petition,
    upload_name: str,
    data: UploadData,
    description: str = "",
    identifying: bool | None = None,
) -> Attachment | IdentityFile:
    """Attach one file to a petition; returns the `Attachment`, or the vault's `IdentityFile` for a
    denouncer's scan. A refused file (type, content, size, rights) leaves no row and no file behind.

    `identifying` says whether the file identifies the denouncer (signed letter, ID card, handwriting);
    it defaults to True for denunciations and is ignored for other petitions.
    """
    petition = _require_attacher(actor, petition)
    description = nfc(description)[:300]
    to_vault = petition.type == PetitionType.DENUNCIATION and identifying is not False
    identity = _denouncer_identity(petition) if to_vault else None
    max_bytes = max_upload_bytes()
    _refuse_if_too_big(data, max_bytes)
    if identity is not None:
        return _add_to_vault(actor=actor, petition=petition, identity=identity, name=upload_name, data=data,
                             max_bytes=max_bytes)  # fmt: skip
    directory = attachments_dir()
    directory.mkdir(parents=True, exist_ok=True)
    final: Path | None = None
    # A temporary file in the same directory: the final rename is atomic, and the clear bytes never sit in
    # a world-readable place (mkstemp creates the file with mode 0600).
    with tempfile.NamedTemporaryFile(dir=directory, prefix=".upload-", delete=False) as spool:
        temp = Path(spool.name)
        try:
            size, sha256 = _copy_limited(data, spool, max_bytes)
            checked = attachments.check_upload(name=upload_name, stream=spool, size=size, max_bytes=max_bytes)
            with transaction.atomic():
                storage_name = secrets.token_hex(20)
                attachment = Attachment.objects.create(
                    petition=petition,
                    storage_name=storage_name,
                    original_name=checked.original_name,
                    content_type=checked.content_type,
                    size=size,
                    sha256=sha256,
                    description=description,
                    uploaded_by=actor,
                )
                _event(petition, actor=actor, kind="attachment.add",
                       message=f"Đính kèm {checked.kind.label} ({_size_text(size)})")  # fmt: skip
                record_event(
                    actor=actor,
                    action="petitions.attachment.add",
                    obj=attachment,
                    changes={
                        "petition": [None, petition.pk],
                        "content_type": [None, checked.content_type],
                        "size": [None, size],
                        "sha256": [None, sha256],
                    },
                )
                final = directory / storage_name
                os.replace(temp, final)
        except BaseException:
            temp.unlink(missing_ok=True)
            if final is not None:
                final.unlink(missing_ok=True)
            raise
    return attachment


def _add_to_vault(
    *, actor: User, petition: Petition, identity: ProtectedIdentity, name: str, data: Any, max_bytes: int
) -> IdentityFile:
    """Mirror of `people.services._store_file`: the scan is checked in memory (never written in clear),
    encrypted with the vault key and stored under MEDIA_ROOT/vault with a random name; its original name is
    encrypted too."""
    buffer = io.BytesIO()
    size, _sha256 = _copy_limited(data, buffer, max_bytes)
    checked = attachments.check_upload(name=name, stream=buffer, size=size, max_bytes=max_bytes)
    directory = vault_dir()
    directory.mkdir(parents=True, exist_ok=True)
    storage_name = secrets.token_hex(20)
    path = directory / storage_name
    try:
        with transaction.atomic():
            stored = IdentityFile.objects.create(
                identity=identity,
                storage_name=storage_name,
                original_name_enc=crypto.encrypt_text(checked.original_name),
                content_type=checked.content_type,
                size=size,
            )
            _event(petition, actor=actor, kind="attachment.vault",
                   message=f"Lưu {checked.kind.label} có thông tin người tố cáo vào kho bảo mật")  # fmt: skip
            # No digest of the clear scan either: a hash of a known letter would confirm who wrote it.
            record_event(
                actor=actor,
                action="petitions.attachment.vault_add",
                obj=petition,
                changes={"vault_file": [None, stored.pk], "content_type": [None, checked.content_type],
                         "size": [None, size]},
                legal_basis=LAW_DENUNCIATION,
            )  # fmt: skip
            path.write_bytes(crypto.encrypt_bytes(buffer.getvalue()))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return stored


# --- Reads --------------------------------------------------------------------------------------------


@dataclass
class AttachmentDownload:
    """An opened attachment: the caller streams `file` and closes it (FileResponse does)."""

    file: BinaryIO
    filename: str  # ASCII, safe for Content-Disposition
    content_type: str
    size: int


def visible_attachments(user: User) -> QuerySet[Attachment]:
    """Attachments of the petitions the user may see (the same scope as the petitions)."""
    return Attachment.objects.filter(petition__in=visible_petitions(user)).select_related("petition")


def attachments_of(user: User, petition_pk: int) -> QuerySet[Attachment]:
    return visible_attachments(user).filter(petition_id=petition_pk).order_by("pk")


def get_attachment(user: User, *, petition_pk: int, pk: int) -> Attachment:
    attachment = visible_attachments(user).filter(petition_id=petition_pk, pk=pk).first()
    if attachment is None:
        raise NotFoundError("Không tìm thấy tệp đính kèm này trong phạm vi của bạn.")
    return attachment


def read_attachment(*, actor: User, attachment: Attachment) -> AttachmentDownload:
    """Open an attachment for download: scoped like its petition (404 outside), one audit event."""
    if not visible_petitions(actor).filter(pk=attachment.petition_id).exists():
        raise NotFoundError("Không tìm thấy tệp đính kèm này trong phạm vi của bạn.")
    path = attachments_dir() / attachment.storage_name
    try:
        handle: BinaryIO = path.open("rb")
    except FileNotFoundError:
        raise DomainError(
            "Nội dung tệp không còn trên máy chủ (có thể do sao lưu, phục hồi chưa đủ); hãy báo quản trị hệ thống."
        ) from None
    try:
        with transaction.atomic():
            record_event(
                actor=actor,
                action="petitions.attachment.read",
                obj=attachment,
                changes={"petition": [None, attachment.petition_id]},
            )
    except BaseException:
        with contextlib.suppress(OSError):
            handle.close()
        raise
    kind = attachments.BY_CONTENT_TYPE.get(attachment.content_type)
    filename = (
        attachments.safe_download_name(attachment.original_name, kind)
        if kind is not None
        else f"tep-dinh-kem-{attachment.pk}"
    )
    return AttachmentDownload(file=handle, filename=filename, content_type=attachment.content_type,
                              size=attachment.size)  # fmt: skip
