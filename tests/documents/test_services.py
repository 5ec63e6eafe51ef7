from __future__ import annotations

import datetime as dt
import io
import shutil

import pytest
from django.db import transaction
from docx import Document

from tiepdan.core.errors import DomainError
from tiepdan.core.models import AuditEvent
from tiepdan.documents import rules, services
from tiepdan.documents.models import DocumentCounter, GeneratedDocument
from tiepdan.documents.specs import DENOUNCER_HIDDEN, TEMPLATE_SPECS

from .samples import sample

ISSUED = dt.date(2026, 3, 5)


def text_of(document: GeneratedDocument) -> str:
    with document.file.open("rb") as fh:
        doc = Document(io.BytesIO(fh.read()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def generate(world, code="tt05.mau01", *, unit=None, issued_on=ISSUED, symbol="PĐX-UBND", **overrides):
    return services.generate_document(
        actor=world.handler,
        template_code=code,
        unit=unit or world.unit_a,
        context={**sample(code), **overrides},
        related_object=world.unit_a,
        symbol=symbol,
        issued_on=issued_on,
    )


def test_vietnamese_date():
    assert rules.vietnamese_date(dt.date(2026, 3, 5)) == "ngày 05 tháng 3 năm 2026"
    assert rules.vietnamese_date(dt.date(2026, 2, 14)) == "ngày 14 tháng 02 năm 2026"
    assert rules.vietnamese_date(dt.date(2026, 12, 25)) == "ngày 25 tháng 12 năm 2026"


@pytest.mark.parametrize("code", sorted(TEMPLATE_SPECS))
def test_each_template_renders(world, code):
    document = generate(world, code, symbol="VB-UBND")
    text = text_of(document)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 1/VB-UBND" in text
    assert "An Bình, ngày 05 tháng 3 năm 2026" in text
    assert "PHƯỜNG AN BÌNH" in text
    # Minutes are signed by the recorder and the chair and have no recipients.
    assert ("Nơi nhận:" in text) == (TEMPLATE_SPECS[code].default_symbol != "BB")
    for name, value in sample(code).items():
        for item in value if isinstance(value, list) else [value]:
            assert item in text, name
    assert "{{" not in text and "{%" not in text
    assert document.number_string == "1/VB-UBND"
    assert document.title == TEMPLATE_SPECS[code].name


def test_the_petition_letters_say_who_does_what(world):
    """Sentences that once came out broken: the transfer slip named no recipient, the urging letter read
    "Ngày Phiếu chuyển…", the proposal never printed its officer, the return letter was not titled a notice."""
    text = text_of(generate(world, "tt05.chuyen_don_kien_nghi", symbol="PCĐ-UBND"))
    assert "chuyển đơn đến Công ty Điện lực Kiểm Thử để xem xét, giải quyết theo thẩm quyền" in text
    text = text_of(generate(world, "tt05.don_doc", symbol="ĐĐ-UBND"))
    assert "Tại Phiếu chuyển đơn số 3/PCĐ-UBND ngày 10/01/2026, " in text and "Ngày Phiếu" not in text
    text = text_of(generate(world, "tt05.mau01", nguoi_de_xuat="Lê Thị Đề"))
    assert "Cán bộ đề xuất: Lê Thị Đề" in text
    assert "Cán bộ đề xuất" not in text_of(generate(world, "tt05.mau01"))
    text = text_of(generate(world, "tt05.tra_lai_don", symbol="TB-UBND"))
    assert "THÔNG BÁO\nVề việc trả lại đơn và giấy tờ, tài liệu gốc" in text


def test_audit_records_no_personal_data(world):
    document = generate(world)
    event = AuditEvent.objects.filter(action="documents.generate").latest("id")
    assert event.changes["number"] == [None, document.number_string]
    assert "Nguyễn Thị Hoa" not in str(event.changes)


def test_numbering_without_gaps_per_unit_and_year(world):
    numbers_a = [generate(world).number for _ in range(3)]
    assert numbers_a == [1, 2, 3]
    assert generate(world, unit=world.unit_b).number == 1
    assert generate(world, symbol="TB-UBND").number == 1
    assert generate(world, issued_on=dt.date(2027, 1, 2)).number_string == "1/PĐX-UBND"
    assert generate(world).number == 4


def test_rollback_gives_the_number_back(world):
    generate(world)
    with pytest.raises(RuntimeError), transaction.atomic():
        generate(world)
        raise RuntimeError("later step failed")
    assert generate(world).number == 2
    assert list(GeneratedDocument.objects.order_by("number").values_list("number", flat=True)) == [1, 2]


def test_missing_variable_refused_and_nothing_written(world):
    generate(world)
    files_before = GeneratedDocument.objects.count()
    context = sample("tt05.mau01")
    del context["de_xuat"]
    context["tom_tat_noi_dung"] = "  "
    with pytest.raises(DomainError) as err:
        services.generate_document(
            actor=world.handler,
            template_code="tt05.mau01",
            unit=world.unit_a,
            context=context,
            related_object=None,
            symbol="PĐX-UBND",
            issued_on=ISSUED,
        )
    assert "de_xuat" in err.value.message and "tom_tat_noi_dung" in err.value.message
    assert "còn thiếu" in err.value.message
    assert GeneratedDocument.objects.count() == files_before
    assert DocumentCounter.objects.get(unit=world.unit_a, year=2026, symbol="PĐX-UBND").last_number == 1


def test_unknown_template_refused(world):
    with pytest.raises(DomainError):
        services.generate_document(
            actor=world.handler,
            template_code="tt05.khong_co",
            unit=world.unit_a,
            context=sample("tt05.mau01"),
            related_object=None,
            symbol="X",
            issued_on=ISSUED,
        )


def test_mau03_hides_denouncer(world):
    document = generate(
        world,
        "tt05.mau03",
        symbol="PCĐ-UBND",
        nguoi_to_cao="Hoàng Văn Tố",
        ho_ten="Hoàng Văn Tố",
        ho_ten_nguoi_to_cao="Hoàng Văn Tố",
    )
    text = text_of(document)
    assert "Hoàng Văn Tố" not in text
    assert DENOUNCER_HIDDEN in text
    assert document.contains_denouncer_identity is False


def test_mau03_with_explicit_identity_is_marked(world):
    document = generate(world, "tt05.mau03", symbol="PCĐ-UBND", danh_tinh_nguoi_to_cao="Hoàng Văn Tố, 1 Lê Lợi")
    assert "Hoàng Văn Tố, 1 Lê Lợi" in text_of(document)
    assert document.contains_denouncer_identity is True


def test_escapes_xml_characters(world):
    document = generate(world, tom_tat_noi_dung="Đất <thửa 5> & nhà")
    assert "Đất <thửa 5> & nhà" in text_of(document)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice không được cài")
def test_pdf_conversion(world):
    document = generate(world)
    pdf = services.render_pdf(document)
    assert pdf.startswith(b"%PDF")
    document.refresh_from_db()
    assert document.pdf_file.name.endswith(".pdf")
    assert services.render_pdf(document) == pdf  # cached


def test_pdf_without_libreoffice(world, monkeypatch):
    document = generate(world)
    monkeypatch.setattr(services, "soffice_binary", lambda: None)
    with pytest.raises(services.PdfUnavailableError) as err:
        services.render_pdf(document)
    assert "LibreOffice" in err.value.message


def test_opening_an_identity_document_is_audited(world):
    from tiepdan.core.errors import NotFoundError
    from tiepdan.core.models import AuditEvent

    from .test_views import make

    plain = make(world)
    secret = make(world, "tt05.mau03", danh_tinh_nguoi_to_cao="Hoàng Văn Tố")
    services.open_document(actor=world.handler, pk=plain.pk)
    assert not AuditEvent.objects.filter(action="documents.open_identity").exists()
    services.open_document(actor=world.head, pk=secret.pk)
    event = AuditEvent.objects.get(action="documents.open_identity")
    assert event.object_id == str(secret.pk) and "Hoàng Văn Tố" not in str(event.changes)
    with pytest.raises(NotFoundError):
        services.open_document(actor=world.handler, pk=secret.pk)
    assert AuditEvent.objects.filter(action="documents.open_identity").count() == 1
