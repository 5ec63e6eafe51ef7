"""Content checks of files attached to petitions (no ORM, no storage): what a file really is.

Only PDF, JPEG, PNG and Word (.docx) are accepted, and the decision is made from the bytes, never from the
name the user gave or the type the browser claimed. A DOCX must be a well-formed ZIP holding the Word parts
(`[Content_Types].xml` declaring the main document, and `word/document.xml`), so a plain ZIP, a renamed
program or a web page named `.docx` is refused. The name's extension must agree with the content, so a page
named `.pdf` or a PNG named `.pdf` is refused with a message that says what the file really is.

Messages are in Vietnamese and never repeat the file name: a denouncer's scan may carry their name.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from tiepdan.core.errors import DomainError
from tiepdan.core.text import fold

DEFAULT_MAX_UPLOAD_MB = 20


@dataclass(frozen=True)
class FileKind:
    code: str
    label: str  # as said in messages
    content_type: str
    extensions: tuple[str, ...]  # the first one is used for download names


PDF = FileKind("pdf", "tài liệu PDF", "application/pdf", (".pdf",))
JPEG = FileKind("jpeg", "ảnh JPEG", "image/jpeg", (".jpg", ".jpeg"))
PNG = FileKind("png", "ảnh PNG", "image/png", (".png",))
DOCX = FileKind(
    "docx",
    "văn bản Word (.docx)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
KINDS: tuple[FileKind, ...] = (PDF, JPEG, PNG, DOCX)
BY_EXTENSION: dict[str, FileKind] = {ext: kind for kind in KINDS for ext in kind.extensions}
BY_CONTENT_TYPE: dict[str, FileKind] = {kind.content_type: kind for kind in KINDS}
ALLOWED_TEXT = "PDF, JPEG, PNG hoặc Word (.docx)"

# The Word main part's content type: .docm (macros), .dotx and others declare something else.
DOCX_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# A ZIP whose parts unpack to more than this many times the upload limit is treated as a zip bomb.
DOCX_MAX_EXPANSION = 10
HEAD_SIZE = 16


@dataclass(frozen=True)
class CheckedFile:
    """What the checks concluded about an upload."""

    kind: FileKind
    original_name: str  # NFC, without any directory part
    size: int

    @property
    def content_type(self) -> str:
        return self.kind.content_type


def max_upload_bytes(max_mb: int | float) -> int:
    return int(max_mb * 1024 * 1024)


def megabytes(size: int) -> str:
    """Vietnamese decimal comma, at most one decimal: 20971520 → "20", 1572864 → "1,5"."""
    text = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return text.replace(".", ",")


def byte_count(size: int) -> str:
    """Vietnamese thousands separator: 20971521 → "20.971.521"."""
    return f"{size:,}".replace(",", ".")


def clean_name(name: str | None) -> str:
    """The user's file name as shown in the petition: NFC, no directory, no control characters, ≤ 255."""
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[\\/]", text)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip().strip(".")
    return text[-255:] if text else ""


def extension_of(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def safe_download_name(name: str, kind: FileKind, *, fallback: str = "tep-dinh-kem") -> str:
    """An ASCII file name for Content-Disposition: Vietnamese letters folded ("Đơn khiếu nại.pdf" →
    "don-khieu-nai.pdf"), anything else turned into dashes, and the extension of the real content."""
    stem = clean_name(name)
    ext = extension_of(stem)
    if ext:
        stem = stem[: -len(ext)]
    ascii_stem = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9._-]+", "-", fold(stem))).strip("-._")[:80]
    chosen_ext = ext if ext in kind.extensions else kind.extensions[0]
    return f"{ascii_stem or fallback}{chosen_ext}"


def sniff(head: bytes) -> FileKind | None:
    """The kind told by the first bytes (a ZIP is reported as DOCX only after `check_docx`)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return DOCX
    return None


def describe(head: bytes) -> str:
    """What an unaccepted file looks like, for the message (best effort, never the file's text)."""
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<?xml", b"<svg")):
        return "trang web (HTML/XML)"
    if head.startswith(b"MZ") or head.startswith(b"\x7fELF"):
        return "chương trình chạy được"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "ảnh GIF"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "tệp Office đời cũ (.doc/.xls)"
    if head.startswith((b"Rar!", b"7z\xbc\xaf", b"\x1f\x8b")):
        return "tệp nén"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "tệp không rõ định dạng"
    return "tệp văn bản thuần (text)"


def check_docx(stream: IO[bytes], *, max_bytes: int) -> None:
    """A real Word document: a readable ZIP with the Word parts and the Word main content type."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise DomainError(
                    "Tệp có đuôi .docx nhưng là tệp nén ZIP thông thường, không phải văn bản Word; "
                    "hãy mở bằng Word và lưu lại dạng .docx, hoặc chọn đúng tệp.",
                    field="file",
                )
            if sum(info.file_size for info in infos) > DOCX_MAX_EXPANSION * max_bytes:
                raise DomainError(
                    "Tệp .docx giải nén ra quá lớn bất thường; hệ thống không nhận tệp này.", field="file"
                )
            types = archive.read("[Content_Types].xml")
            if DOCX_MAIN_TYPE.encode("ascii") not in types:
                raise DomainError(
                    "Tệp không phải văn bản Word (.docx) thông thường (có thể là tệp có macro .docm hoặc "
                    "mẫu .dotx); hãy lưu lại dạng .docx.",
                    field="file",
                )
            if archive.testzip() is not None:
                raise zipfile.BadZipFile
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, NotImplementedError, ValueError):
        raise DomainError("Tệp .docx bị hỏng hoặc không đọc được; hãy lưu lại từ Word rồi tải lên.",
                          field="file") from None  # fmt: skip
    finally:
        stream.seek(0)


def check_upload(*, name: str | None, stream: IO[bytes], size: int, max_bytes: int) -> CheckedFile:
    """Decide what the upload is, or raise DomainError (Vietnamese) saying why it is refused.

    `stream` is a seekable binary file holding exactly the uploaded bytes; `size` its length.
    """
    if size <= 0:
        raise DomainError("Tệp tải lên rỗng (0 byte); hãy chọn lại tệp.", field="file")
    if size > max_bytes:
        raise DomainError(
            f"Tệp quá lớn: mỗi tệp tối đa {megabytes(max_bytes)} MB, tệp tải lên có {byte_count(size)} byte.",
            field="file",
        )
    original = clean_name(name)
    ext = extension_of(original)
    declared = BY_EXTENSION.get(ext)
    if declared is None:
        shown = f"đuôi “{ext}”" if ext and len(ext) <= 10 and ext[1:].isalnum() else "tên không có đuôi hợp lệ"
        raise DomainError(f"Chỉ nhận tệp {ALLOWED_TEXT}; tệp tải lên có {shown}.", field="file")
    stream.seek(0)
    head = stream.read(HEAD_SIZE)
    stream.seek(0)
    actual = sniff(head)
    if actual is None:
        raise DomainError(
            f"Tệp có đuôi “{ext}” nhưng nội dung là {describe(head)}, không phải {declared.label}. "
            f"Chỉ nhận tệp {ALLOWED_TEXT} thật; tệp có thể đã bị đổi tên.",
            field="file",
        )
    if actual is DOCX and declared is not DOCX:
        raise DomainError(
            f"Tệp có đuôi “{ext}” nhưng nội dung là tệp nén (ZIP), không phải {declared.label}.", field="file"
        )
    if actual is not declared:
        raise DomainError(
            f"Đuôi tệp “{ext}” không khớp với nội dung: tệp thực chất là {actual.label}. "
            f"Hãy đổi đuôi tệp thành “{actual.extensions[0]}” hoặc chọn đúng tệp.",
            field="file",
        )
    if actual is DOCX:
        check_docx(stream, max_bytes=max_bytes)
    return CheckedFile(kind=actual, original_name=original or f"tep{actual.extensions[0]}", size=size)
