"""Resolution documents of a case: every template rendered from a case in a real state, numbering, and the
denouncer's identity kept out of everything not addressed to the denouncer."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile

import pytest
from jinja2 import Environment, meta

from tiepdan.cases import documents as case_documents
from tiepdan.cases import services
from tiepdan.cases.documents import (
    BIEN_BAN,
    DINH_CHI,
    GIA_HAN,
    KET_LUAN,
    LAN_DAU,
    LAN_HAI,
    TAM_DINH_CHI,
    TB_BI_TO_CAO,
    TB_KET_QUA,
    TB_THU_LY,
    THU_LY,
    TIEP_TUC,
)
from tiepdan.cases.models import Case
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.core.text import fold
from tiepdan.documents import selectors as document_selectors
from tiepdan.documents import services as document_services
from tiepdan.documents.models import DocumentCounter, GeneratedDocument
from tiepdan.documents.services import DEFAULT_TEMPLATE_DIR
from tiepdan.documents.specs import TEMPLATE_SPECS
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.services import PetitionerInput

from ..documents.test_services import text_of
from ..petitions.conftest import RECEIVED, leaf, register
from .test_services import SIGNER, proposed_case, step

pytestmark = pytest.mark.django_db

DENOUNCER = "Hứa Thị Bí Mật Xuyên"
DENOUNCER_ID = "001190054321"
DENOUNCER_ADDRESS = "Ngõ 7 Phố Kín Đáo"
DENOUNCED = "Ông Lê Văn Bị, cán bộ địa chính"
ISSUED = dt.date(2026, 3, 20)
CASE_CODES = sorted(code for code in TEMPLATE_SPECS if code.startswith("case."))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def proposed_denunciation(
    world, summary="Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận", received_on=RECEIVED
) -> Case:
    petition = register(
        world,
        type="denunciation",
        received_on=received_on,
        letter_date=received_on - dt.timedelta(days=2),
        summary=summary,
        content=f"Tôi là {DENOUNCER}, số căn cước {DENOUNCER_ID}, tố cáo ông Lê Văn Bị.",
        petitioners=[PetitionerInput(full_name=DENOUNCER, id_number=DENOUNCER_ID, address=DENOUNCER_ADDRESS)],
        respondent_name=DENOUNCED,
    )
    petition_services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf("TC.TN", "denunciation"), within_competence=True
    )
    petition = petition_services.propose_acceptance(
        actor=world.handler, petition=petition, proposal="Đề nghị thụ lý", on=received_on, signer=SIGNER
    )
    assert petition.case is not None
    return petition.case


WALK = [("accept", dt.date(2026, 3, 9)), ("start_verification", dt.date(2026, 3, 10)),
        ("hold_dialogue", dt.date(2026, 3, 18))]  # fmt: skip


def walk(world, case, state, **accept_kw):
    for action, on in WALK:
        if case.state == state:
            break
        case = step(world, case, action, on, **(accept_kw if action == "accept" else {}))
    assert case.state == state
    return case


def make(world, case, code, *, actor=None, issued_on=ISSUED, **extra):
    return case_documents.generate_case_document(
        actor=actor or world.head, case=case, template_code=code, context_extra=extra, issued_on=issued_on
    )


def decide(world, case, *, result, summary, number, on=dt.date(2026, 3, 30), **kw):
    return services.record_decision(
        actor=world.head, case=case, number=number, issued_on=on, result=result, summary=summary, **kw
    )


# --- One real case per template: (case, caller's context, phrases the document must contain) ------------


def _thu_ly(world):
    case = proposed_case(world)
    return case, {}, [
        "Về việc thụ lý giải quyết khiếu nại lần đầu", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH",
        "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;", "Căn cứ Nghị định số 124/2020/NĐ-CP",
        f"Xét đơn khiếu nại lần đầu nhận ngày 02/03/2026 của Nguyễn Văn An đối với Chủ tịch UBND phường An Bình "
        f"(mã vụ việc {case.code});",
        "Điều 1. Thụ lý giải quyết khiếu nại lần đầu của Nguyễn Văn An",
        "Điều 2. Giao công chức được phân công xác minh xác minh nội dung khiếu nại lần đầu",
    ]  # fmt: skip


def _tb_thu_ly(world):
    case = walk(world, proposed_case(world), "accepted")
    return case, {}, [
        "THÔNG BÁO", "Kính gửi: Nguyễn Văn An", "Địa chỉ: Tổ 5",
        "ngày 09/03/2026 Chủ tịch Ủy ban nhân dân phường An Bình đã thụ lý giải quyết",
        "Thời hạn giải quyết: đến hết ngày 08/04/2026.",
    ]  # fmt: skip


def _tb_bi_to_cao(world):
    case = walk(world, proposed_denunciation(world), "accepted")
    return case, {"han_giai_trinh": "31/03/2026"}, [
        f"Kính gửi: {DENOUNCED}", "Về việc thụ lý tố cáo và nội dung tố cáo",
        "Nội dung tố cáo: Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận", "Điều 10 Luật Tố cáo năm 2018",
        "trước ngày 31/03/2026",
    ]  # fmt: skip


def _gia_han(world):
    case = walk(world, proposed_denunciation(world), "verification", complexity_criteria=["foreign"])
    return case, {}, [
        "Về việc gia hạn giải quyết tố cáo", "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;",
        "Xét tính chất phức tạp của vụ việc: Có yếu tố nước ngoài", "(lần 1)", "Thời gian gia hạn: 30 ngày",
    ]  # fmt: skip


def _tam_dinh_chi(world):
    case = walk(world, proposed_case(world), "verification")
    extra = {"ly_do": "Cần đợi kết quả giám định lại", "trach_nhiem": "Văn phòng liên hệ cơ quan giám định"}
    return case, extra, [
        "Về việc tạm đình chỉ việc giải quyết khiếu nại lần đầu", "Lý do: Cần đợi kết quả giám định lại",
        "Điều 2. Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan: Văn phòng liên hệ cơ quan giám định",
        "thời gian tạm đình chỉ không tính vào thời hạn giải quyết", "người khiếu nại, người bị khiếu nại",
    ]  # fmt: skip


def _dinh_chi(world):
    case = walk(world, proposed_case(world), "accepted")
    case = step(world, case, "withdraw", dt.date(2026, 3, 12), note="Người khiếu nại rút toàn bộ khiếu nại")
    return case, {"trach_nhiem": "Trả lại hồ sơ cho người khiếu nại"}, [
        "Về việc đình chỉ việc giải quyết khiếu nại lần đầu", "Lý do: Người khiếu nại rút toàn bộ khiếu nại",
        "Trả lại hồ sơ cho người khiếu nại",
    ]  # fmt: skip


def _tiep_tuc(world):
    case = walk(world, proposed_denunciation(world), "verification")
    suspension = make(world, case, TAM_DINH_CHI, ly_do="Chờ giám định", trach_nhiem="Phối hợp cơ quan giám định")
    case = services.suspend(actor=world.head, case=case, on=dt.date(2026, 3, 15), reason="Chờ giám định")
    return case, {"ly_do": "Đã có kết quả giám định"}, [
        "Về việc tiếp tục giải quyết tố cáo",
        f"Căn cứ Quyết định số {suspension.number_string} ngày 15/03/2026 về việc tạm đình chỉ việc giải quyết;",
        "Xét căn cứ tạm đình chỉ không còn: Đã có kết quả giám định", "người tố cáo, người bị tố cáo",
    ]  # fmt: skip


def _bien_ban(world):
    case = walk(world, proposed_case(world), "dialogue")
    extra = {
        "thoi_gian": "09 giờ 00 ngày 18/3/2026", "dia_diem": "Trụ sở Ủy ban nhân dân phường An Bình",
        "noi_dung_doi_thoai": "Người khiếu nại đề nghị đo đạc lại", "ket_qua_doi_thoai": "Thống nhất đo đạc lại",
        "nguoi_khong_ky": "Ông Nguyễn Văn An không ký vì chưa đồng ý kết quả",
    }  # fmt: skip
    return case, extra, [
        "BIÊN BẢN", "Đối thoại giải quyết khiếu nại lần đầu", "Vào hồi 09 giờ 00 ngày 18/3/2026",
        f"- Người chủ trì: {world.head.get_full_name()}, chủ tịch", "- Người khiếu nại: Nguyễn Văn An",
        "- Người bị khiếu nại: Chủ tịch UBND phường An Bình", "Thống nhất đo đạc lại",
        "Người không ký biên bản và lý do: Ông Nguyễn Văn An không ký vì chưa đồng ý kết quả",
        "Người khiếu nại: Nguyễn Văn An: ……", "(ký, ghi rõ họ tên hoặc ghi “không ký”)", "NGƯỜI GHI BIÊN BẢN",
        "NGƯỜI CHỦ TRÌ ĐỐI THOẠI",
    ]  # fmt: skip


COMPLAINT_DECISION = {
    "ket_qua_xac_minh": "Diện tích thực tế bị thu hồi là 104,5 m²", "can_cu_phap_luat": "Điều 82 Luật Đất đai 2024",
    "boi_thuong": "Không",
}  # fmt: skip


def _lan_dau(world):
    case = walk(world, proposed_case(world), "verification")
    case = decide(world, case, result="partly_right", summary="Thu hồi thêm 15,5 m² là chưa đúng.", number="5/QĐ-UBND")
    extra = {**COMPLAINT_DECISION, "xu_ly": "Sửa đổi Quyết định thu hồi đất số 12/QĐ-UBND."}
    return case, extra, [
        "Về việc giải quyết khiếu nại của Nguyễn Văn An (lần đầu)", "I. Nội dung khiếu nại",
        "II. Kết quả xác minh nội dung khiếu nại", "Diện tích thực tế bị thu hồi là 104,5 m²",
        "III. Kết quả đối thoại", case_documents.NO_DIALOGUE,
        "Căn cứ Điều 82 Luật Đất đai 2024, kết luận: khiếu nại của Nguyễn Văn An là đúng một phần. Thu hồi thêm 15,5",
        "Điều 1. Sửa đổi Quyết định thu hồi đất số 12/QĐ-UBND.", "Điều 2. Bồi thường thiệt hại: Không",
        "Điều 3. Trong thời hạn 30 ngày", "có quyền khiếu nại đến Chủ tịch Ủy ban nhân dân tỉnh Kiểm Thử hoặc khởi "
        "kiện vụ án hành chính tại Tòa án",
    ]  # fmt: skip


def _lan_hai(world):
    first = walk(world, proposed_case(world), "verification")
    first = decide(world, first, result="wrong", summary="Khiếu nại sai.", number="5/QĐ-UBND")
    case = proposed_case(world)
    Case.objects.filter(pk=case.pk).update(round=2, previous_round=first)
    case = walk(world, Case.objects.get(pk=case.pk), "dialogue")
    case = decide(world, case, result="partly_right", summary="Khiếu nại đúng một phần.", number="9/QĐ-UBND",
                  first_round_outcome="partly", on=dt.date(2026, 3, 31))  # fmt: skip
    extra = {**COMPLAINT_DECISION, "ket_qua_doi_thoai": "Không thống nhất"}
    return case, extra, [
        "Về việc giải quyết khiếu nại của Nguyễn Văn An (lần hai)", "II. Kết quả giải quyết khiếu nại lần đầu",
        "Quyết định số 5/QĐ-UBND ngày 30/03/2026: Khiếu nại sai.", "khiếu nại của Nguyễn Văn An là đúng một phần",
        "Điều 1. Công nhận một phần, sửa đổi một phần quyết định giải quyết khiếu nại lần đầu.",
        "có quyền khởi kiện vụ án hành chính tại Tòa án", "Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;",
    ]  # fmt: skip


DENUNCIATION_CONCLUSION = {
    "ket_qua_xac_minh": "Ông Lê Văn Bị đã nhận 5.000.000 đồng", "can_cu_phap_luat": "Điều 20 Luật Cán bộ, công chức",
    "trach_nhiem": "Ông Lê Văn Bị chịu trách nhiệm cá nhân", "bien_phap_xu_ly": "Kỷ luật khiển trách",
}  # fmt: skip


def concluded_denunciation(world):
    case = walk(world, proposed_denunciation(world), "verification")
    return decide(world, case, result="partly_right", summary="Tố cáo đúng một phần; thu hồi 5.000.000 đồng.",
                  number="3/KL-UBND")  # fmt: skip


def _ket_luan(world):
    return concluded_denunciation(world), dict(DENUNCIATION_CONCLUSION), [
        "KẾT LUẬN NỘI DUNG TỐ CÁO", f"Đối với {DENOUNCED}", "1. Kết quả xác minh nội dung tố cáo",
        "2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật",
        "Nội dung tố cáo là đúng một phần. Tố cáo đúng một phần; thu hồi 5.000.000 đồng.", "Kỷ luật khiển trách",
        "không công khai thông tin về người tố cáo",
    ]  # fmt: skip


def _tb_ket_qua(world):
    return concluded_denunciation(world), {}, [
        f"Kính gửi: {DENOUNCER}", f"Địa chỉ: {DENOUNCER_ADDRESS}", "Kết luận nội dung tố cáo số 3/KL-UBND",
        "Ngày 30/03/2026", "Nội dung tố cáo là đúng một phần", "tiếp tục được giữ bí mật",
    ]  # fmt: skip


SETUPS = {
    THU_LY: _thu_ly, TB_THU_LY: _tb_thu_ly, TB_BI_TO_CAO: _tb_bi_to_cao, GIA_HAN: _gia_han,
    TAM_DINH_CHI: _tam_dinh_chi, DINH_CHI: _dinh_chi, TIEP_TUC: _tiep_tuc, BIEN_BAN: _bien_ban, LAN_DAU: _lan_dau,
    LAN_HAI: _lan_hai, KET_LUAN: _ket_luan, TB_KET_QUA: _tb_ket_qua,
}  # fmt: skip


def test_every_case_template_has_a_setup():
    assert sorted(SETUPS) == CASE_CODES


@pytest.mark.parametrize("code", CASE_CODES)
def test_each_template_renders_from_a_real_case(world, code):
    case, extra, phrases = SETUPS[code](world)
    document = make(world, case, code, **extra)
    text = text_of(document)
    spec = TEMPLATE_SPECS[code]
    assert document.symbol == f"{spec.default_symbol}-UBND" and document.title == spec.name
    assert re.fullmatch(rf"\d+/{spec.default_symbol}-UBND", document.number_string)
    assert f"Số: {document.number_string}" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "An Bình, ngày 20 tháng 3 năm 2026" in text
    for phrase in phrases:
        assert phrase in text, phrase
    assert "{{" not in text and "{%" not in text
    assert document.object_id == str(case.pk) and document.content_type.model == "case"
    # Only the notice of the result to the denouncer (among these setups) names the denouncer, and is marked.
    assert (DENOUNCER in text) == (code == TB_KET_QUA) == document.contains_denouncer_identity


def test_each_case_template_uses_exactly_its_declared_variables():
    """An editable template must not read a variable the service never fills (it would print nothing), and
    every declared variable appears in the shipped file."""
    env = Environment(autoescape=True)  # only parsed, never rendered
    for code in CASE_CODES:
        xml = zipfile.ZipFile(DEFAULT_TEMPLATE_DIR / f"{code}.docx").read("word/document.xml").decode()
        used = meta.find_undeclared_variables(env.parse(re.sub(r"<[^>]+>", "", xml).replace("{%p", "{%")))
        spec = TEMPLATE_SPECS[code]
        assert used <= set(spec.all_variables()), code
        assert set(spec.required) | set(spec.optional) <= used, code


def test_numbering_per_unit_year_and_symbol_without_gaps(world):
    case = walk(world, proposed_case(world), "accepted")
    assert make(world, case, THU_LY).number_string == "1/QĐ-UBND"
    assert make(world, case, TB_THU_LY).number_string == "1/TB-UBND"
    with pytest.raises(DomainError, match="trach_nhiem"):
        make(world, case, TAM_DINH_CHI, ly_do="Chờ giám định")  # missing responsibilities: no number taken
    assert make(world, case, TAM_DINH_CHI, ly_do="Chờ giám định", trach_nhiem="Phối hợp").number_string == "2/QĐ-UBND"
    other = proposed_case(world)
    assert make(world, other, THU_LY).number_string == "3/QĐ-UBND"
    # Another unit has its own sequence.
    petition = register(world, actor=world.handler_b, unit=world.unit_b)
    petition_services.classify_petition(
        actor=world.handler_b, petition=petition, subject_field=leaf("KN.HC.DD.TH", "complaint"), within_competence=True
    )
    petition = petition_services.propose_acceptance(actor=world.handler_b, petition=petition, proposal="Thụ lý",
                                                    on=RECEIVED, signer=SIGNER)  # fmt: skip
    in_b = case_documents.generate_case_document(
        actor=world.handler_b, case=petition.case, template_code=THU_LY, issued_on=ISSUED, signer_name="Đỗ Văn Bê"
    )
    assert in_b.number_string == "1/QĐ-UBND" and in_b.unit == world.unit_b
    # A new year starts again at 1.
    old = register(world, received_on=dt.date(2025, 12, 29), letter_date=dt.date(2025, 12, 26))
    petition_services.classify_petition(
        actor=world.handler, petition=old, subject_field=leaf("KN.HC.DD.TH", "complaint"), within_competence=True
    )
    old = petition_services.propose_acceptance(actor=world.handler, petition=old, proposal="Thụ lý",
                                               on=dt.date(2025, 12, 29), signer=SIGNER)  # fmt: skip
    last_year = make(world, old.case, THU_LY, issued_on=dt.date(2025, 12, 30))
    assert (last_year.number_string, last_year.year) == ("1/QĐ-UBND", 2025)
    numbers = GeneratedDocument.objects.filter(unit=world.unit_a, year=2026, symbol="QĐ-UBND").order_by("number")
    assert list(numbers.values_list("number", flat=True)) == [1, 2, 3]
    assert DocumentCounter.objects.get(unit=world.unit_a, year=2026, symbol="QĐ-UBND").last_number == 3


def test_notice_to_the_denouncer_requires_identity_access_and_is_marked(world):
    case = walk(world, proposed_denunciation(world), "accepted")
    views_before = AuditEvent.objects.filter(action="people.identity.view").count()
    with pytest.raises(DomainError, match="người tố cáo"):
        make(world, case, TB_THU_LY, actor=world.verifier)
    assert not GeneratedDocument.objects.filter(template_code=TB_THU_LY).exists()
    assert not DocumentCounter.objects.filter(symbol="TB-UBND").exists()
    assert AuditEvent.objects.filter(action="people.identity.view").count() == views_before
    document = make(world, case, TB_THU_LY)
    text = text_of(document)
    assert document.contains_denouncer_identity is True
    assert f"Kính gửi: {DENOUNCER}" in text and DENOUNCER_ADDRESS in text and "Điều 47 Luật Tố cáo" in text
    reveal = AuditEvent.objects.filter(action="people.identity.view").latest("id")
    assert reveal.actor == world.head and DENOUNCER not in str(reveal.changes) + reveal.reason
    generated = AuditEvent.objects.filter(action="documents.generate").latest("id")
    assert DENOUNCER not in str(generated.changes)
    # The handler assigned to the petition holds a grant and may produce it too.
    assert make(world, case, TB_THU_LY, actor=world.handler).contains_denouncer_identity is True
    # Who may open it: the roles the law allows, not the verifier.
    assert document_selectors.may_open(world.head, document)
    assert not document_selectors.may_open(world.verifier, document)


@pytest.mark.parametrize("code", [THU_LY, TB_BI_TO_CAO, GIA_HAN, TAM_DINH_CHI, KET_LUAN])
def test_documents_for_others_never_name_the_denouncer(world, code):
    state = "accepted" if code == THU_LY else "verification"
    case = walk(world, proposed_denunciation(world), state, complexity_criteria=["foreign"])
    extra = {"ly_do": "Chờ giám định", "trach_nhiem": "Phối hợp"} if code == TAM_DINH_CHI else {}
    if code == KET_LUAN:
        case = decide(world, case, result="untrue", summary="Tố cáo sai sự thật.", number="4/KL-UBND")
        extra = dict(DENUNCIATION_CONCLUSION)
    views_before = AuditEvent.objects.filter(action="people.identity.view").count()
    document = make(world, case, code, **extra)
    text = text_of(document)
    for secret in (DENOUNCER, DENOUNCER_ID, DENOUNCER_ADDRESS):
        assert fold(secret) not in fold(text)
    assert document.contains_denouncer_identity is False
    assert AuditEvent.objects.filter(action="people.identity.view").count() == views_before  # nothing revealed


def test_text_naming_the_denouncer_is_refused_for_the_denounced_party(world):
    case = walk(world, proposed_denunciation(world), "accepted")
    for field, value in [
        ("han_giai_trinh", "31/03/2026 (bà hứa thi bi mat xuyen đã cung cấp chứng từ)"),
        ("tom_tat_noi_dung", "Người tố cáo có số căn cước 001 190 054 321"),
        ("noi_nhan", "Như trên;\nBà Hứa Thị Bí Mật Xuyên;"),
    ]:
        with pytest.raises(DomainError, match=field) as err:
            make(world, case, TB_BI_TO_CAO, **{field: value})
        assert DENOUNCER not in err.value.message
    assert not GeneratedDocument.objects.filter(template_code=TB_BI_TO_CAO).exists()
    assert not DocumentCounter.objects.filter(symbol="TB-UBND").exists()
    # The summary typed at registration is checked too; the user writes one for the denounced party.
    named = walk(world, proposed_denunciation(world, summary=f"Bà {DENOUNCER} tố cáo cán bộ địa chính"), "accepted")
    with pytest.raises(DomainError, match="tom_tat_noi_dung"):
        make(world, named, TB_BI_TO_CAO)
    document = make(world, named, TB_BI_TO_CAO, tom_tat_noi_dung="Nhận tiền khi cấp giấy chứng nhận")
    assert DENOUNCER not in text_of(document)


def test_templates_follow_the_state_type_and_round(world):
    complaint = proposed_case(world)
    assert case_documents.offered_templates(complaint) == [THU_LY, TB_THU_LY]
    with pytest.raises(DomainError, match="chưa lập được"):
        make(world, complaint, KET_LUAN)
    complaint = walk(world, complaint, "verification")
    assert LAN_DAU in case_documents.offered_templates(complaint)
    assert LAN_HAI not in case_documents.offered_templates(complaint)
    assert case_documents.offered_templates(proposed_denunciation(world)) == [THU_LY]
    recommendation = proposed_case(world, "rec_feedback", "KNPA.CS")
    assert case_documents.offered_templates(recommendation) == []
    with pytest.raises(DomainError):
        make(world, complaint, "tt05.mau01")
    assert not GeneratedDocument.objects.filter(template_code__startswith="case.").exists()


def test_unknown_variables_scope_and_roles(world):
    case = proposed_case(world)
    with pytest.raises(DomainError, match="không có thông tin: ho_ten_nguoi_to_cao"):
        make(world, case, THU_LY, ho_ten_nguoi_to_cao="x")
    with pytest.raises(NotFoundError):
        make(world, case, THU_LY, actor=world.handler_b)
    with pytest.raises(DomainError, match="Chỉ chuyên viên"):
        make(world, case, THU_LY, actor=world.reception)
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        make(world, case, THU_LY, issued_on=dt.date(2099, 1, 1))
    assert not GeneratedDocument.objects.filter(template_code=THU_LY).exists()


def test_extension_decision_states_the_due_date_the_extension_records(world):
    case = walk(world, proposed_denunciation(world), "verification", complexity_criteria=["foreign"])
    document = make(world, case, GIA_HAN)
    case = services.extend(actor=world.head, case=case, decision=document.number_string, criteria=["foreign"])
    assert f"thời hạn giải quyết tố cáo đến hết ngày {case.due_on:%d/%m/%Y}" in text_of(document)
    # Complex (one criterion) allows one extension only: a second decision is refused, no number taken.
    with pytest.raises(DomainError, match="Không thể gia hạn thêm"):
        make(world, case, GIA_HAN)
    assert DocumentCounter.objects.get(symbol="QĐ-UBND").last_number == 1


def test_legal_grounds_follow_the_law_in_force():
    before = case_documents.legal_grounds("complaint", dt.date(2026, 6, 30))
    after = case_documents.legal_grounds("denunciation", dt.date(2026, 7, 1))
    assert not any("136/2025/QH15" in line for line in before)
    assert any("136/2025/QH15" in line for line in after) and any("156/2026/NĐ-CP" in line for line in after)
    assert all(line.startswith("Căn cứ") and line.endswith(";") for line in before + after)


def test_documents_for_case_lists_the_petition_and_case_documents(world):
    case = proposed_case(world)
    decision = make(world, case, THU_LY)
    listed = list(case_documents.documents_for_case(case))
    assert [d.template_code for d in listed] == ["tt05.mau01", THU_LY] and listed[-1] == decision
    assert list(case_documents.documents_for_case(proposed_case(world))) != listed


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice không được cài")
def test_pdf_of_a_decision(world):
    case, extra, _ = _lan_dau(world)
    pdf = document_services.render_pdf(make(world, case, LAN_DAU, **extra))
    assert pdf.startswith(b"%PDF")


def test_api_generates_and_lists_case_documents(world, api_client):
    case = walk(world, proposed_case(world), "accepted")
    url = f"/api/v1/cases/{case.pk}/documents/"
    api_client.force_authenticate(world.head)
    listed = api_client.get(url).json()
    assert [t["code"] for t in listed["templates"]] == [THU_LY, TB_THU_LY, TAM_DINH_CHI, DINH_CHI]
    assert [d["template_code"] for d in listed["results"]] == ["tt05.mau01"]
    response = api_client.post(
        url,
        {"template": TAM_DINH_CHI, "issued_on": "2026-03-20", "signer": {"title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
         "name": "Vũ Thị Phó"}, "context": {"ly_do": "Chờ giám định", "trach_nhiem": "Phối hợp"}},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["number_string"] == "1/QĐ-UBND" and body["docx_url"].endswith(f"/van-ban/{body['id']}/docx")
    assert body["pdf_url"].endswith(f"/van-ban/{body['id']}/pdf")
    assert "Vũ Thị Phó" in text_of(GeneratedDocument.objects.get(pk=body["id"]))
    assert [d["number_string"] for d in api_client.get(url).json()["results"]][-1] == "1/QĐ-UBND"
    bad = api_client.post(url, {"template": KET_LUAN}, format="json")
    assert bad.status_code == 400 and "chưa lập được" in bad.json()["detail"]
    missing = api_client.post(url, {"template": TAM_DINH_CHI, "context": {"ly_do": "x"}}, format="json")
    assert missing.status_code == 400 and "trach_nhiem" in missing.json()["detail"]
    api_client.force_authenticate(world.handler_b)
    assert api_client.get(url).status_code == 404
    assert api_client.post(url, {"template": THU_LY}, format="json").status_code == 404
    assert GeneratedDocument.objects.filter(template_code__startswith="case.").count() == 1


def test_api_refuses_the_denouncer_notice_to_a_verifier(world, api_client):
    case = walk(world, proposed_denunciation(world), "accepted")
    api_client.force_authenticate(world.verifier)
    response = api_client.post(f"/api/v1/cases/{case.pk}/documents/", {"template": TB_THU_LY}, format="json")
    assert response.status_code == 400 and DENOUNCER not in response.content.decode()
    assert not GeneratedDocument.objects.filter(template_code=TB_THU_LY).exists()


def test_openapi_schema_describes_the_documents_endpoint(world, api_client):
    import yaml

    api_client.force_authenticate(world.admin)
    schema = yaml.safe_load(api_client.get("/api/v1/schema/").content)
    operations = schema["paths"]["/api/v1/cases/{id}/documents/"]
    assert set(operations) >= {"get", "post"}
    assert "201" in operations["post"]["responses"]
