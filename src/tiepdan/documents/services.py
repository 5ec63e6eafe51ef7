"""Writes for official documents: generate (render, number, store, audit) and convert to PDF."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from docxtpl import DocxTemplate

from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import nfc
from tiepdan.orgs.models import OrgUnit

from . import rules, selectors
from .models import DocumentCounter, DocumentTemplate, GeneratedDocument
from .specs import DENOUNCER_HIDDEN, DENOUNCER_IDENTITY_KEY, TEMPLATE_SPECS

DEFAULT_TEMPLATE_DIR = Path(__file__).resolve().parent / "default_templates"
PDF_TIMEOUT_SECONDS = 120
DEFAULT_RECIPIENTS = ["Như trên;", "Lưu: VT."]


class PdfUnavailableError(DomainError):
    """LibreOffice is not installed or the conversion failed."""


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def template_in_force(code: str, on: dt.date) -> DocumentTemplate | None:
    """The highest active uploaded version in force on `on`, or None (use the shipped default)."""
    return (
        DocumentTemplate.objects.filter(code=code, active=True)
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on))
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .exclude(file="")
        .order_by("-version")
        .first()
    )


def _template_bytes(code: str, uploaded: DocumentTemplate | None) -> bytes:
    if uploaded is not None:
        with uploaded.file.open("rb") as fh:
            return fh.read()
    return (DEFAULT_TEMPLATE_DIR / TEMPLATE_SPECS[code].filename).read_bytes()


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value).strip()
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def _take_number(*, unit: OrgUnit, year: int, symbol: str) -> int:
    """The next number, taken under a row lock inside the caller's transaction (a rollback returns it)."""
    DocumentCounter.objects.get_or_create(unit=unit, year=year, symbol=symbol)
    counter = DocumentCounter.objects.select_for_update().get(unit=unit, year=year, symbol=symbol)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def build_context(
    *, template_code: str, unit: OrgUnit, context: dict[str, Any], number_string: str, issued_on: dt.date
) -> dict[str, Any]:
    """The context given to docxtpl: the caller's values cleaned, defaults, and the automatic variables."""
    spec = TEMPLATE_SPECS[template_code]
    ctx = {key: _clean(value) for key, value in context.items()}
    ctx.setdefault("co_quan", unit.name.upper())
    ctx.setdefault("co_quan_ten", unit.name)
    ctx.setdefault("co_quan_chu_quan", "")
    ctx.setdefault("dia_danh", rules.place_name(unit.name))
    for name in spec.optional:
        ctx.setdefault(name, "")
    recipients = ctx.get("noi_nhan") or DEFAULT_RECIPIENTS
    ctx["noi_nhan"] = [recipients] if isinstance(recipients, str) else list(recipients)
    for name in ("giay_to_tra_lai",):
        if isinstance(ctx.get(name), str):
            ctx[name] = [line for line in ctx[name].splitlines() if line.strip()]
    ctx["so_ky_hieu"] = number_string
    ctx["ngay_thang"] = rules.vietnamese_date(issued_on)
    ctx["nam"] = issued_on.year
    if template_code == "tt05.mau03":
        # A transfer slip names the denouncer only when the caller explicitly passes the identity for the
        # competent body; any other key (ho_ten, nguoi_to_cao, …) is ignored (Điều 47 Luật Tố cáo 2018).
        identity = ctx.get(DENOUNCER_IDENTITY_KEY) or ""
        ctx["nguoi_to_cao"] = identity or DENOUNCER_HIDDEN
    return ctx


def render_docx(template_bytes: bytes, context: dict[str, Any]) -> bytes:
    tpl = DocxTemplate(io.BytesIO(template_bytes))
    # autoescape: user text with "&" or "<" must not break the document XML.
    tpl.render(context, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def generate_document(
    *,
    actor: User,
    template_code: str,
    unit: OrgUnit,
    context: dict[str, Any],
    related_object: models.Model | None,
    symbol: str,
    issued_on: dt.date,
    contains_denouncer_identity: bool = False,
) -> GeneratedDocument:
    """Render a template, give it the next number of the unit for the year, store it and audit it.

    `symbol` is the kind and body part of the number, e.g. "PCĐ-UBND"; the stored number is "12/PCĐ-UBND".
    Refuses (DomainError, nothing written, no number taken) an unknown template or a missing variable.
    """
    spec = TEMPLATE_SPECS.get(template_code)
    if spec is None:
        raise DomainError(f"Không có mẫu văn bản mã “{template_code}”.", field="template_code")
    symbol = nfc(symbol or "").strip()
    if not symbol:
        raise DomainError("Chưa có ký hiệu văn bản (ví dụ PCĐ-UBND).", field="symbol")
    missing = rules.missing_variables(spec.all_required(), context)
    if missing:
        listed = "; ".join(f"{name} ({spec.all_required()[name]})" for name in missing)
        raise DomainError(f"Mẫu “{spec.name}” còn thiếu thông tin: {listed}.", field="context")
    if template_code == "tt05.mau03" and context.get(DENOUNCER_IDENTITY_KEY):
        # The identity is in the file: mark it so only the roles the law allows can download it.
        contains_denouncer_identity = True

    uploaded = template_in_force(template_code, issued_on)
    template_bytes = _template_bytes(template_code, uploaded)
    stored_name = ""
    try:
        with transaction.atomic():
            number = _take_number(unit=unit, year=issued_on.year, symbol=symbol)
            number_string = rules.full_number(number, symbol)
            ctx = build_context(
                template_code=template_code,
                unit=unit,
                context=context,
                number_string=number_string,
                issued_on=issued_on,
            )
            try:
                content = render_docx(template_bytes, ctx)
            except Exception as exc:  # a broken uploaded template: say so in Vietnamese
                raise DomainError(
                    f"Không tạo được văn bản từ mẫu “{spec.name}”: tệp mẫu bị lỗi ({type(exc).__name__})."
                ) from exc
            document = GeneratedDocument(
                template_code=template_code,
                template=uploaded,
                template_version=uploaded.version if uploaded else 0,
                title=spec.name,
                unit=unit,
                year=issued_on.year,
                symbol=symbol,
                number=number,
                number_string=number_string,
                issued_on=issued_on,
                place=ctx["dia_danh"],
                contains_denouncer_identity=contains_denouncer_identity,
                created_by=actor,
            )
            if related_object is not None:
                document.content_type = ContentType.objects.get_for_model(related_object)
                document.object_id = str(related_object.pk)
            # The file name carries no personal data: year, unit id and a random id.
            document.file.save(f"{issued_on.year}/{unit.pk}/{uuid.uuid4().hex}.docx", ContentFile(content), save=False)
            stored_name = document.file.name or ""
            document.save()
            # Only what identifies the document: never the rendered (personal) content.
            record_event(
                actor=actor,
                action="documents.generate",
                obj=document,
                changes={
                    "template": [None, f"{template_code} v{document.template_version}"],
                    "number": [None, number_string],
                    "related_object": [
                        None,
                        f"{document.content_type_id}:{document.object_id}" if related_object else None,
                    ],
                },
            )
    except BaseException:
        if stored_name:
            GeneratedDocument._meta.get_field("file").storage.delete(stored_name)
        raise
    return document


def convert_to_pdf(docx_bytes: bytes) -> bytes:
    """LibreOffice headless in a private temp dir with its own profile, so conversions run side by side."""
    binary = soffice_binary()
    if binary is None:
        raise PdfUnavailableError("Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF. Bạn vẫn tải được bản .docx.")
    with tempfile.TemporaryDirectory(prefix="tiepdan-pdf-") as tmp:
        tmpdir = Path(tmp)
        source = tmpdir / "van-ban.docx"
        source.write_bytes(docx_bytes)
        profile = (tmpdir / "profile").as_uri()
        try:
            # The arguments are our own binary and temp paths, never user input.
            subprocess.run(  # noqa: S603
                [
                    binary,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(tmpdir),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=PDF_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as exc:
            raise PdfUnavailableError("Chuyển văn bản sang PDF quá lâu, hãy thử lại sau hoặc tải bản .docx.") from exc
        except (subprocess.CalledProcessError, OSError) as exc:
            raise PdfUnavailableError("Không chuyển được văn bản sang PDF, hãy tải bản .docx.") from exc
        target = tmpdir / "van-ban.pdf"
        if not target.exists():
            raise PdfUnavailableError("Không chuyển được văn bản sang PDF, hãy tải bản .docx.")
        return target.read_bytes()


def render_pdf(document: GeneratedDocument) -> bytes:
    """The document as PDF; converted once, then cached next to the .docx."""
    if document.pdf_file:
        try:
            with document.pdf_file.open("rb") as fh:
                return fh.read()
        except FileNotFoundError:
            pass
    with document.file.open("rb") as fh:
        pdf = convert_to_pdf(fh.read())
    docx_path = Path(document.file.name or "")
    name = docx_path.with_suffix(".pdf").name
    folder = str(docx_path.parent.relative_to("documents/generated"))
    document.pdf_file.save(f"{folder}/{name}", ContentFile(pdf), save=False)
    GeneratedDocument.objects.filter(pk=document.pk).update(pdf_file=document.pdf_file.name)
    return pdf


def open_document(*, actor: User, pk: int) -> GeneratedDocument:
    """The document `actor` wants to download, or NotFoundError. Opening one that names a denouncer is an
    audit event (Law on Denunciations Art 47: every access to the identity is accountable)."""
    document = selectors.access_document(actor, pk)
    if document.contains_denouncer_identity:
        record_event(actor=actor, action="documents.open_identity", obj=document)
    return document
