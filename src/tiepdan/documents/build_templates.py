"""Build the shipped .docx templates (run: `.venv/bin/python -m tiepdan.documents.build_templates [PREFIX…]`).

Without arguments every template is built; with arguments only the codes starting with one of them
(e.g. `case.` for the resolution documents), so the other files stay byte for byte as they are. The zip
entries get a fixed timestamp, so building twice gives the same bytes.

Layout after Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20 mm top/bottom, 30 left, 15 right;
upper left the issuing body and "Số: …"; upper right the motto and "place, date" in italics; the title
in bold capitals, centred; the body justified; "Nơi nhận:" lower left; the signature block lower right.
Font Times New Roman (LibreOffice substitutes the metric-compatible Liberation Serif). The Jinja
placeholders are read by docxtpl; each one sits in a single run so Word does not split it.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

OUT_DIR = Path(__file__).resolve().parent / "default_templates"
FONT = "Times New Roman"
BODY_PT = 14
HEAD_PT = 13

CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
LEFT = WD_ALIGN_PARAGRAPH.LEFT

Run = tuple[str, str]  # (text, style letters: b=bold, i=italic, u=underline, s=small 12 pt)


def _para(
    container, runs: list[Run], *, align=JUSTIFY, size: int = BODY_PT, indent: bool = False, after: float = 6
) -> Paragraph:
    p = container.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15 if size >= BODY_PT else 1.0
    if indent:
        fmt.first_line_indent = Mm(10)
    for text, style in runs:
        run = p.add_run(text)
        run.font.name = FONT
        run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        run.font.size = Pt(12 if "s" in style else size)
        run.bold = "b" in style
        run.italic = "i" in style
        run.underline = "u" in style
    return p


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell(table, row: int, col: int) -> _Cell:
    cell = table.cell(row, col)
    # Drop the empty paragraph python-docx puts in a new cell.
    for p in list(cell.paragraphs):
        p._element.getparent().remove(p._element)
    return cell


def _two_columns(doc, left_mm: float, right_mm: float):
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    # LibreOffice reads the grid, Word the cell widths: set both, with a fixed layout.
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), (left_mm, right_mm), strict=True):
        grid_col.set(qn("w:w"), str(int(Mm(width).twips)))
    for col, width in zip(table.columns, (left_mm, right_mm), strict=True):
        for c in col.cells:
            c.width = Mm(width)
    return table


def _rule(container, width_chars: int) -> None:
    """The short horizontal line under the body name and the motto (Phụ lục I, ô 2 and 1)."""
    _para(container, [("─" * width_chars, "")], align=CENTER, size=8, after=2)


def heading(doc, *, symbol_hint: str) -> None:
    table = _two_columns(doc, 65, 105)
    left = _cell(table, 0, 0)
    _para(left, [("{{ co_quan_chu_quan }}", "")], align=CENTER, size=HEAD_PT, after=0)
    _para(left, [("{{ co_quan }}", "b")], align=CENTER, size=HEAD_PT, after=0)
    _rule(left, 10)
    _para(left, [("Số: ", ""), ("{{ so_ky_hieu }}", "")], align=CENTER, size=HEAD_PT, after=0)
    right = _cell(table, 0, 1)
    _para(right, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b")], align=CENTER, size=12, after=0)
    _para(right, [("Độc lập - Tự do - Hạnh phúc", "b")], align=CENTER, size=HEAD_PT, after=0)
    _rule(right, 18)
    _para(right, [("{{ dia_danh }}, {{ ngay_thang }}", "i")], align=CENTER, size=HEAD_PT, after=0)
    _para(doc, [("", "")], after=6)


def title(doc, text: str, subtitle: str = "") -> None:
    _para(doc, [(text, "b")], align=CENTER, after=0 if subtitle else 12)
    if subtitle:
        _para(doc, [(subtitle, "b")], align=CENTER, after=12)


def kinh_gui(doc, variable: str) -> None:
    _para(doc, [("Kính gửi: ", ""), ("{{ " + variable + " }}", "")], align=CENTER, after=12)


def body(doc, *lines: list[Run] | str) -> None:
    for line in lines:
        if isinstance(line, str):
            # A paragraph that is only a docxtpl tag ({%p ... %}) is removed when rendered.
            _para(doc, [(line, "")], indent=False, after=0)
        else:
            _para(doc, line, indent=True)


def signature(doc) -> None:
    _para(doc, [("", "")], after=0)
    table = _two_columns(doc, 80, 85)
    left = _cell(table, 0, 0)
    _para(left, [("Nơi nhận:", "bi")], align=LEFT, size=12, after=0)
    _para(left, [("{%p for n in noi_nhan %}", "")], align=LEFT, size=11, after=0)
    _para(left, [("- {{ n }}", "")], align=LEFT, size=11, after=0)
    _para(left, [("{%p endfor %}", "")], align=LEFT, size=11, after=0)
    right = _cell(table, 0, 1)
    _para(right, [("{{ chuc_vu_nguoi_ky }}", "b")], align=CENTER, size=BODY_PT, after=0)
    _para(right, [("(Ký, ghi rõ họ tên, đóng dấu)", "i")], align=CENTER, size=BODY_PT, after=0)
    for _ in range(3):
        _para(right, [("", "")], align=CENTER, size=BODY_PT, after=0)
    _para(right, [("{{ ho_ten_nguoi_ky }}", "b")], align=CENTER, size=BODY_PT, after=0)


def new_document():
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    return doc


def optional(variable: str, runs: list[Run]) -> list[list[Run] | str]:
    return ["{%p if " + variable + " %}", runs, "{%p endif %}"]


def lines(variable: str, item_runs: list[Run], item: str = "x") -> list[list[Run] | str]:
    """One paragraph per element of the list `variable` (docxtpl paragraph loop)."""
    return ["{%p for " + item + " in " + variable + " %}", item_runs, "{%p endfor %}"]


def section(text: str) -> list[Run]:
    """A numbered heading inside the body (I. …, 1. …), bold."""
    return [(text, "b")]


def article(number: int, *runs: Run) -> list[Run]:
    """ "Điều 1. …" of a decision: the article number in bold, then its text."""
    return [(f"Điều {number}. ", "b"), *runs]


def if_present(variable: str, text: str) -> Run:
    """An inline run printed only when `variable` is filled, e.g. " (Quyết định số {{ x }})"."""
    return ("{% if " + variable + " %}" + text + "{% endif %}", "")


def decision(doc, *, subtitle: str, considering: list[list[Run] | str], articles: list[list[Run] | str]) -> None:
    """A decision (Nghị định 30/2020/NĐ-CP, Phụ lục I): title, the authority that decides, the grounds in
    italics, the considerations, "QUYẾT ĐỊNH:", the articles, recipients and signature."""
    heading(doc, symbol_hint="QĐ")
    title(doc, "QUYẾT ĐỊNH", subtitle)
    _para(doc, [("{{ tham_quyen }}", "b")], align=CENTER, after=6)
    body(doc, *lines("can_cu_ban_hanh", [("{{ c }}", "i")], "c"), *considering)
    _para(doc, [("QUYẾT ĐỊNH:", "b")], align=CENTER, after=6)
    body(doc, *articles)
    signature(doc)


def notice(doc, *, subtitle: str, paragraphs: list[list[Run] | str], address_optional: bool = False) -> None:
    """A notice to one person: "Kính gửi", the address, the body, recipients and signature."""
    heading(doc, symbol_hint="TB")
    title(doc, "THÔNG BÁO", subtitle)
    kinh_gui(doc, "nguoi_nhan")
    address: list[Run] = [("Địa chỉ: ", ""), ("{{ dia_chi_nguoi_nhan }}", "")]
    body(doc, *(optional("dia_chi_nguoi_nhan", address) if address_optional else [address]), *paragraphs)
    signature(doc)


def minutes_signature(doc) -> None:
    """The signatures of minutes: the recorder on the left, the chair on the right (no "Nơi nhận")."""
    _para(doc, [("", "")], after=0)
    table = _two_columns(doc, 80, 85)
    for col, role, name in ((0, "NGƯỜI GHI BIÊN BẢN", "{{ nguoi_ghi_bien_ban }}"),
                            (1, "NGƯỜI CHỦ TRÌ ĐỐI THOẠI", "{{ ho_ten_nguoi_ky }}")):  # fmt: skip
        cell = _cell(table, 0, col)
        _para(cell, [(role, "b")], align=CENTER, size=BODY_PT, after=0)
        if col == 1:
            _para(cell, [("{{ chuc_vu_nguoi_ky }}", "")], align=CENTER, size=BODY_PT, after=0)
        _para(cell, [("(Ký, ghi rõ họ tên)", "i")], align=CENTER, size=BODY_PT, after=0)
        for _ in range(3):
            _para(cell, [("", "")], align=CENTER, size=BODY_PT, after=0)
        _para(cell, [(name, "b")], align=CENTER, size=BODY_PT, after=0)


def mau01(doc) -> None:
    heading(doc, symbol_hint="PĐX")
    title(doc, "PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN")
    kinh_gui(doc, "nguoi_nhan")
    body(
        doc,
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn ", ""),
            ("{{ loai_don }}", ""),
            (" của ", ""),
            ("{{ nguoi_gui_don }}", "b"),
            (", địa chỉ: ", ""),
            ("{{ dia_chi_nguoi_gui }}", ""),
            (".", ""),
        ],
        [("Nội dung đơn: ", ""), ("{{ tom_tat_noi_dung }}", "")],
        *optional("can_cu", [("Căn cứ: ", ""), ("{{ can_cu }}", "")]),
        [("Sau khi nghiên cứu, xem xét nội dung đơn, cán bộ xử lý đơn đề xuất: ", ""), ("{{ de_xuat }}", "")],
        *optional("nguoi_de_xuat", [("Cán bộ đề xuất: ", ""), ("{{ nguoi_de_xuat }}", "b")]),
        [("Kính trình ", ""), ("{{ nguoi_nhan }}", ""), (" xem xét, quyết định./.", "")],
    )
    signature(doc)


def mau03(doc) -> None:
    heading(doc, symbol_hint="PCĐ")
    title(doc, "PHIẾU CHUYỂN ĐƠN TỐ CÁO")
    kinh_gui(doc, "co_quan_nhan")
    # The denouncer line is filled by the service: "Người tố cáo (đã được bảo mật)" unless the caller
    # passed the identity explicitly for the competent body (Điều 47, 48 Luật Tố cáo 2018).
    body(
        doc,
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn tố cáo của: ", ""),
            ("{{ nguoi_to_cao }}", "b"),
            (".", ""),
        ],
        [("Người bị tố cáo: ", ""), ("{{ nguoi_bi_to_cao }}", ""), (".", "")],
        [("Nội dung tố cáo: ", ""), ("{{ tom_tat_noi_dung }}", "")],
        *optional("can_cu", [("Căn cứ: ", ""), ("{{ can_cu }}", "")]),
        [
            ("Sau khi xem xét, đơn tố cáo không thuộc thẩm quyền giải quyết của ", ""),
            ("{{ co_quan_ten }}", ""),
            (". Căn cứ quy định của Luật Tố cáo năm 2018, ", ""),
            ("{{ co_quan_ten }}", ""),
            (" chuyển đơn đến ", ""),
            ("{{ co_quan_nhan }}", ""),
            (" để giải quyết theo thẩm quyền.", ""),
        ],
        *optional("tai_lieu_kem_theo", [("Tài liệu kèm theo: ", ""), ("{{ tai_lieu_kem_theo }}", "")]),
        [
            (
                "Đề nghị giữ bí mật họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của người tố cáo "
                "theo quy định tại Điều 47 và Điều 48 Luật Tố cáo năm 2018./.",
                "i",
            )
        ],
    )
    signature(doc)


def huong_dan(doc) -> None:
    heading(doc, symbol_hint="HD")
    title(doc, "VĂN BẢN HƯỚNG DẪN", "Gửi đơn đến cơ quan có thẩm quyền giải quyết")
    kinh_gui(doc, "nguoi_nhan")
    body(
        doc,
        [("Địa chỉ: ", ""), ("{{ dia_chi_nguoi_nhan }}", "")],
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn của ông (bà) với nội dung: ", ""),
            ("{{ tom_tat_noi_dung }}", ""),
        ],
        [
            ("Sau khi nghiên cứu nội dung đơn, ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận thấy: ", ""),
            ("{{ ly_do }}", ""),
        ],
        *optional("can_cu", [("Căn cứ: ", ""), ("{{ can_cu }}", "")]),
        [
            ("Đề nghị ông (bà) gửi đơn đến ", ""),
            ("{{ co_quan_co_tham_quyen }}", "b"),
            (" để được xem xét, giải quyết theo quy định của pháp luật./.", ""),
        ],
    )
    signature(doc)


def chuyen_don_kien_nghi(doc) -> None:
    heading(doc, symbol_hint="PCĐ")
    title(doc, "PHIẾU CHUYỂN ĐƠN KIẾN NGHỊ, PHẢN ÁNH")
    kinh_gui(doc, "co_quan_nhan")
    body(
        doc,
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn của ", ""),
            ("{{ nguoi_gui_don }}", "b"),
            (", địa chỉ: ", ""),
            ("{{ dia_chi_nguoi_gui }}", ""),
            (".", ""),
        ],
        [("Nội dung kiến nghị, phản ánh: ", ""), ("{{ tom_tat_noi_dung }}", "")],
        *optional("can_cu", [("Căn cứ: ", ""), ("{{ can_cu }}", "")]),
        [
            ("Nội dung đơn thuộc thẩm quyền giải quyết của ", ""),
            ("{{ co_quan_nhan }}", ""),
            (". ", ""),
            ("{{ co_quan_ten }}", ""),
            (" chuyển đơn đến ", ""),
            ("{{ co_quan_nhan }}", ""),
            (
                " để xem xét, giải quyết theo thẩm quyền và thông báo kết quả cho người gửi đơn theo quy định./.",
                "",
            ),
        ],
    )
    signature(doc)


def tra_lai_don(doc) -> None:
    heading(doc, symbol_hint="TB")
    title(doc, "THÔNG BÁO", "Về việc trả lại đơn và giấy tờ, tài liệu gốc")
    kinh_gui(doc, "nguoi_nhan")
    body(
        doc,
        [("Địa chỉ: ", ""), ("{{ dia_chi_nguoi_nhan }}", "")],
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn và giấy tờ, tài liệu của ông (bà).", ""),
        ],
        [("Lý do trả lại: ", ""), ("{{ ly_do }}", "")],
        *optional("can_cu", [("Căn cứ: ", ""), ("{{ can_cu }}", "")]),
        [("{{ co_quan_ten }}", ""), (" trả lại ông (bà) đơn và các giấy tờ, tài liệu gốc sau:", "")],
        "{%p for g in giay_to_tra_lai %}",
        [("- {{ g }};", "")],
        "{%p endfor %}",
        [("Đề nghị ông (bà) nhận lại và bảo quản giấy tờ, tài liệu nêu trên./.", "")],
    )
    signature(doc)


def don_doc(doc) -> None:
    heading(doc, symbol_hint="ĐĐ")
    title(doc, "VĂN BẢN ĐÔN ĐỐC GIẢI QUYẾT")
    kinh_gui(doc, "co_quan_nhan")
    body(
        doc,
        [
            ("Tại ", ""),
            ("{{ van_ban_giao }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" đã chuyển đến Quý cơ quan vụ việc: ", ""),
            ("{{ ten_vu_viec }}", "b"),
            (".", ""),
        ],
        [
            ("Đến nay, quá thời hạn theo quy định nhưng ", ""),
            ("{{ co_quan_ten }}", ""),
            (" chưa nhận được báo cáo kết quả giải quyết.", ""),
        ],
        [("Đề nghị quý cơ quan: ", ""), ("{{ yeu_cau }}", "")],
        [
            ("Thời hạn báo cáo kết quả giải quyết: trước ngày ", ""),
            ("{{ han_giai_quyet }}", "b"),
            ("./.", ""),
        ],
    )
    signature(doc)


def thong_bao_khong_thu_ly(doc) -> None:
    heading(doc, symbol_hint="TB")
    title(doc, "THÔNG BÁO", "Về việc không thụ lý giải quyết đơn")
    kinh_gui(doc, "nguoi_nhan")
    body(
        doc,
        [("Địa chỉ: ", ""), ("{{ dia_chi_nguoi_nhan }}", "")],
        [
            ("Ngày ", ""),
            ("{{ ngay_nhan_don }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" nhận được đơn của ông (bà) với nội dung: ", ""),
            ("{{ tom_tat_noi_dung }}", ""),
        ],
        [
            ("Căn cứ ", ""),
            ("{{ can_cu }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" thông báo không thụ lý giải quyết đơn của ông (bà) vì lý do: ", ""),
            ("{{ ly_do_khong_thu_ly }}", "b"),
            (".", ""),
        ],
        [("{{ co_quan_ten }}", ""), (" thông báo để ông (bà) biết./.", "")],
    )
    signature(doc)


# --- Citizen reception (reception app) ----------------------------------------------------------------


def thong_bao_ket_luan(doc) -> None:
    heading(doc, symbol_hint="TB")
    title(doc, "THÔNG BÁO", "Kết luận của người chủ trì buổi tiếp công dân")
    body(
        doc,
        [
            ("Ngày ", ""),
            ("{{ ngay_tiep }}", ""),
            (", tại ", ""),
            ("{{ dia_diem }}", ""),
            (", ", ""),
            ("{{ nguoi_chu_tri }}", "b"),
            (" đã chủ trì buổi ", ""),
            ("{{ hinh_thuc }}", ""),
            (".", ""),
        ],
        *optional("thanh_phan", [("Tham dự: ", ""), ("{{ thanh_phan }}", "")]),
        [("Số lượt công dân được tiếp: ", ""), ("{{ so_luot }}", "b"), (". Nội dung công dân trình bày:", "")],
        *lines("noi_dung_tiep", [("- ", ""), ("{{ x }}", "")]),
        [
            ("Sau khi nghe công dân trình bày và ý kiến của các cơ quan liên quan, ", ""),
            ("{{ nguoi_chu_tri }}", ""),
            (" kết luận như sau:", ""),
        ],
        *lines("ket_luan", [("- ", ""), ("{{ x }}", "")]),
        [("{{ co_quan_ten }}", ""), (" thông báo để các cơ quan, tổ chức, cá nhân liên quan biết, thực hiện./.", "")],
    )
    signature(doc)


def thong_bao_tu_choi(doc) -> None:
    heading(doc, symbol_hint="TB")
    title(doc, "THÔNG BÁO", "Về việc từ chối tiếp công dân")
    kinh_gui(doc, "nguoi_nhan")
    body(
        doc,
        [("Địa chỉ: ", ""), ("{{ dia_chi_nguoi_nhan }}", "")],
        [
            ("Ngày ", ""),
            ("{{ ngay_tu_choi }}", ""),
            (", ông (bà) đến nơi tiếp công dân của ", ""),
            ("{{ co_quan_ten }}", ""),
            (". Diễn biến, lý do: ", ""),
            ("{{ ly_do }}", ""),
        ],
        [
            ("Căn cứ: ", ""),
            ("{{ can_cu }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" thông báo từ chối tiếp công dân đối với ông (bà)./.", ""),
        ],
    )
    signature(doc)


# --- Resolution of complaints and denunciations (cases app) -------------------------------------------
# None of the documents below has a variable for the denouncer: those addressed to the denouncer name them
# through `nguoi_nhan`, filled by the cases app only after an audited reveal (Điều 47 Luật Tố cáo 2018).

CLOSING = "Các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."
SENT_TO_PARTIES = (
    "{% if la_to_cao %}người tố cáo, người bị tố cáo{% else %}người khiếu nại, người bị khiếu nại{% endif %}"
)


def _accepted_line(ending: str) -> list[Run]:
    return [
        ("Xét ", ""),
        ("{{ loai_viec }}", ""),
        (" đối với ", ""),
        ("{{ doi_tuong }}", ""),
        (" được thụ lý ngày ", ""),
        ("{{ ngay_thu_ly }}", ""),
        if_present("so_quyet_dinh_thu_ly", " (Quyết định số {{ so_quyet_dinh_thu_ly }})"),
        (", nội dung: ", ""),
        ("{{ tom_tat_noi_dung }}", ""),
        (ending, ""),
    ]


def quyet_dinh_thu_ly(doc) -> None:
    decision(
        doc,
        subtitle="Về việc thụ lý giải quyết {{ loai_viec }}",
        considering=[
            [
                ("Xét đơn ", ""),
                ("{{ loai_viec }}", ""),
                (" nhận ngày ", ""),
                ("{{ ngay_nhan_don }}", ""),
                ("{% if not la_to_cao %} của {{ nguoi_gui_don }}{% endif %}", ""),
                (" đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (" (mã vụ việc ", ""),
                ("{{ ma_vu_viec }}", ""),
                (");", ""),
            ],
            [
                ("Xét thấy đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết của ", ""),
                ("{{ nguoi_giai_quyet }}", ""),
                (",", ""),
            ],
        ],
        articles=[
            article(
                1,
                ("Thụ lý giải quyết ", ""),
                ("{{ loai_viec }}", ""),
                ("{% if not la_to_cao %} của {{ nguoi_gui_don }}{% endif %}", ""),
                (" đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (". Nội dung: ", ""),
                ("{{ tom_tat_noi_dung }}", ""),
            ),
            *optional(
                "han_giai_quyet", [("Thời hạn giải quyết: đến hết ngày ", ""), ("{{ han_giai_quyet }}", "b"), (".", "")]
            ),
            article(
                2,
                ("Giao ", ""),
                ("{{ giao_xac_minh }}", ""),
                (" xác minh nội dung ", ""),
                ("{{ loai_viec }}", ""),
                (", báo cáo kết quả xác minh và đề xuất hướng giải quyết theo quy định.", ""),
            ),
            article(3, ("Quyết định này có hiệu lực kể từ ngày ký. ", ""), (CLOSING, "")),
        ],
    )


def thong_bao_thu_ly(doc) -> None:
    notice(
        doc,
        subtitle="Về việc thụ lý giải quyết {{ loai_viec }}",
        paragraphs=[
            [
                ("Ngày ", ""),
                ("{{ ngay_nhan_don }}", ""),
                (", ", ""),
                ("{{ co_quan_ten }}", ""),
                (" nhận được đơn ", ""),
                ("{{ loai_viec }}", ""),
                (" của ông (bà) đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (", nội dung: ", ""),
                ("{{ tom_tat_noi_dung }}", ""),
            ],
            [
                ("Xét thấy đơn đủ điều kiện thụ lý và thuộc thẩm quyền giải quyết, ngày ", ""),
                ("{{ ngay_thu_ly }}", ""),
                (" ", ""),
                ("{{ nguoi_giai_quyet }}", ""),
                (" đã thụ lý giải quyết", ""),
                if_present("so_quyet_dinh_thu_ly", " (Quyết định số {{ so_quyet_dinh_thu_ly }})"),
                (".", ""),
            ],
            *optional(
                "han_giai_quyet", [("Thời hạn giải quyết: đến hết ngày ", ""), ("{{ han_giai_quyet }}", "b"), (".", "")]
            ),
            *optional(
                "la_to_cao",
                [
                    (
                        "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của ông (bà) được giữ bí mật theo "
                        "quy định tại Điều 47 Luật Tố cáo năm 2018.",
                        "i",
                    )
                ],
            ),
            [("{{ co_quan_ten }}", ""), (" thông báo để ông (bà) biết./.", "")],
        ],
    )


def thong_bao_nguoi_bi_to_cao(doc) -> None:
    notice(
        doc,
        subtitle="Về việc thụ lý tố cáo và nội dung tố cáo",
        address_optional=True,
        paragraphs=[
            [
                ("Ngày ", ""),
                ("{{ ngay_thu_ly }}", ""),
                (", ", ""),
                ("{{ nguoi_giai_quyet }}", ""),
                (" đã thụ lý tố cáo đối với ông (bà)", ""),
                if_present("so_quyet_dinh_thu_ly", " (Quyết định số {{ so_quyet_dinh_thu_ly }})"),
                (".", ""),
            ],
            [("Nội dung tố cáo: ", ""), ("{{ tom_tat_noi_dung }}", "")],
            [
                (
                    "Theo Điều 10 Luật Tố cáo năm 2018, ông (bà) có quyền được thông báo về nội dung tố cáo, đưa ra "
                    "thông tin, tài liệu, chứng cứ để chứng minh nội dung tố cáo là không đúng sự thật; có nghĩa vụ "
                    "giải trình bằng văn bản về hành vi bị tố cáo và cung cấp thông tin, tài liệu liên quan khi cơ "
                    "quan, tổ chức, cá nhân có thẩm quyền yêu cầu.",
                    "",
                )
            ],
            *optional(
                "han_giai_trinh",
                [
                    ("Đề nghị ông (bà) gửi văn bản giải trình và thông tin, tài liệu liên quan đến ", ""),
                    ("{{ co_quan_ten }}", ""),
                    (" trước ngày ", ""),
                    ("{{ han_giai_trinh }}", "b"),
                    (".", ""),
                ],
            ),
            [("{{ co_quan_ten }}", ""), (" thông báo để ông (bà) biết và thực hiện./.", "")],
        ],
    )


def quyet_dinh_gia_han(doc) -> None:
    decision(
        doc,
        subtitle="Về việc gia hạn giải quyết tố cáo",
        considering=[
            *optional(
                "so_quyet_dinh_thu_ly",
                [("Căn cứ Quyết định số ", "i"), ("{{ so_quyet_dinh_thu_ly }}", "i"), (" về việc thụ lý tố cáo;", "i")],
            ),
            [
                ("Xét tố cáo đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (" được thụ lý ngày ", ""),
                ("{{ ngay_thu_ly }}", ""),
                (", nội dung: ", ""),
                ("{{ tom_tat_noi_dung }}", ""),
                (";", ""),
            ],
            [("Xét tính chất phức tạp của vụ việc: ", ""), ("{{ ly_do_gia_han }}", ""), (",", "")],
        ],
        articles=[
            article(
                1,
                ("Gia hạn giải quyết tố cáo đối với ", ""),
                ("{{ doi_tuong }}", ""),
                if_present("lan_gia_han", " (lần {{ lan_gia_han }})"),
                (". Thời gian gia hạn: ", ""),
                ("{{ so_ngay_gia_han }}", ""),
                (" ngày; thời hạn giải quyết tố cáo đến hết ngày ", ""),
                ("{{ han_giai_quyet_moi }}", "b"),
                (".", ""),
            ),
            article(
                2,
                (
                    "Quyết định này có hiệu lực kể từ ngày ký và được thông báo đến người tố cáo, người bị tố cáo "
                    "theo quy định tại Điều 30 Luật Tố cáo năm 2018. ",
                    "",
                ),
                (CLOSING, ""),
            ),
        ],
    )


def _sent_article(number: int) -> list[Run]:
    return article(
        number,
        ("Quyết định này có hiệu lực kể từ ngày ký và được gửi đến ", ""),
        (SENT_TO_PARTIES, ""),
        (". ", ""),
        (CLOSING, ""),
    )


def quyet_dinh_tam_dinh_chi(doc) -> None:
    decision(
        doc,
        subtitle="Về việc tạm đình chỉ việc giải quyết {{ loai_viec }}",
        considering=[_accepted_line(";"), [("Xét căn cứ tạm đình chỉ: ", ""), ("{{ ly_do }}", ""), (",", "")]],
        articles=[
            article(
                1,
                ("Tạm đình chỉ việc giải quyết ", ""),
                ("{{ loai_viec }}", ""),
                (" đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (" kể từ ngày ký Quyết định này. Lý do: ", ""),
                ("{{ ly_do }}", ""),
            ),
            article(
                2,
                ("Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan: ", ""),
                ("{{ trach_nhiem }}", ""),
            ),
            [
                ("Khi căn cứ tạm đình chỉ không còn, ", ""),
                ("{{ nguoi_giai_quyet }}", ""),
                (
                    " ra quyết định tiếp tục giải quyết; thời gian tạm đình chỉ không tính vào thời hạn giải quyết.",
                    "",
                ),
            ],
            _sent_article(3),
        ],
    )


def quyet_dinh_dinh_chi(doc) -> None:
    decision(
        doc,
        subtitle="Về việc đình chỉ việc giải quyết {{ loai_viec }}",
        considering=[_accepted_line(";"), [("Xét căn cứ đình chỉ: ", ""), ("{{ ly_do }}", ""), (",", "")]],
        articles=[
            article(
                1,
                ("Đình chỉ việc giải quyết ", ""),
                ("{{ loai_viec }}", ""),
                (" đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (". Lý do: ", ""),
                ("{{ ly_do }}", ""),
            ),
            article(
                2,
                ("Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan: ", ""),
                ("{{ trach_nhiem }}", ""),
            ),
            _sent_article(3),
        ],
    )


def quyet_dinh_tiep_tuc(doc) -> None:
    decision(
        doc,
        subtitle="Về việc tiếp tục giải quyết {{ loai_viec }}",
        considering=[
            _accepted_line(";"),
            *optional(
                "so_quyet_dinh_tam_dinh_chi",
                [
                    ("Căn cứ Quyết định số ", "i"),
                    ("{{ so_quyet_dinh_tam_dinh_chi }}", "i"),
                    if_present("ngay_tam_dinh_chi", " ngày {{ ngay_tam_dinh_chi }}"),
                    (" về việc tạm đình chỉ việc giải quyết;", "i"),
                ],
            ),
            [("Xét căn cứ tạm đình chỉ không còn: ", ""), ("{{ ly_do }}", ""), (",", "")],
        ],
        articles=[
            article(
                1,
                ("Tiếp tục giải quyết ", ""),
                ("{{ loai_viec }}", ""),
                (" đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (
                    " kể từ ngày ký Quyết định này. Thời gian tạm đình chỉ không tính vào thời hạn giải quyết; "
                    "thời hạn còn lại được tính tiếp từ ngày tiếp tục giải quyết.",
                    "",
                ),
            ),
            *optional(
                "trach_nhiem",
                [("Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan: ", ""), ("{{ trach_nhiem }}", "")],
            ),
            _sent_article(2),
        ],
    )


def bien_ban_doi_thoai(doc) -> None:
    heading(doc, symbol_hint="BB")
    title(doc, "BIÊN BẢN", "Đối thoại giải quyết {{ loai_viec }}")
    body(
        doc,
        [
            ("Vào hồi ", ""),
            ("{{ thoi_gian }}", ""),
            (", tại ", ""),
            ("{{ dia_diem }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" tổ chức đối thoại giải quyết khiếu nại của ", ""),
            ("{{ nguoi_khieu_nai }}", "b"),
            (" đối với ", ""),
            ("{{ doi_tuong }}", ""),
            (".", ""),
        ],
        section("I. Thành phần tham dự"),
        *lines("thanh_phan", [("- {{ p }}", "")], "p"),
        section("II. Nội dung đối thoại"),
        [("Nội dung khiếu nại: ", ""), ("{{ tom_tat_noi_dung }}", "")],
        [("{{ noi_dung_doi_thoai }}", "")],
        section("III. Kết quả đối thoại"),
        [("{{ ket_qua_doi_thoai }}", "")],
        *optional("y_kien_bo_sung", [("Ý kiến khác: ", ""), ("{{ y_kien_bo_sung }}", "")]),
        [
            ("Buổi đối thoại kết thúc vào hồi ", ""),
            ("{% if gio_ket_thuc %}{{ gio_ket_thuc }}{% else %}……… giờ ……… cùng ngày{% endif %}", ""),
            (
                ". Biên bản đã được đọc lại cho những người tham dự cùng nghe và ký xác nhận; người không ký thì "
                "ghi rõ lý do.",
                "",
            ),
        ],
        [
            ("Người không ký biên bản và lý do: ", ""),
            ("{% if nguoi_khong_ky %}{{ nguoi_khong_ky }}{% else %}…………………………………………………{% endif %}", ""),
        ],
        section("Chữ ký hoặc ý kiến không ký của những người tham dự:"),
        *lines("thanh_phan", [("{{ p }}: ", ""), ("……………………………… (ký, ghi rõ họ tên hoặc ghi “không ký”)", "i")], "p"),
    )
    minutes_signature(doc)


def _complaint_decision(doc, *, round_word: str, sections: list[list[Run] | str], last_remedy: list[Run]) -> None:
    decision(
        doc,
        subtitle="Về việc giải quyết khiếu nại của {{ nguoi_khieu_nai }} (" + round_word + ")",
        considering=[
            [
                ("Xét đơn khiếu nại nhận ngày ", ""),
                ("{{ ngay_nhan_don }}", ""),
                (" của ", ""),
                ("{{ nguoi_khieu_nai }}", "b"),
                (", địa chỉ: ", ""),
                ("{{ dia_chi_nguoi_khieu_nai }}", ""),
                (", khiếu nại ", ""),
                ("{{ doi_tuong }}", ""),
                if_present("dia_chi_doi_tuong", ", địa chỉ: {{ dia_chi_doi_tuong }}"),
                (".", ""),
            ],
            *sections,
            [("Từ những nhận định và căn cứ trên,", "")],
        ],
        articles=[
            article(1, ("{{ xu_ly }}", "")),
            article(2, ("Bồi thường thiệt hại: ", ""), ("{{ boi_thuong }}", "")),
            article(3, *last_remedy),
            article(
                4,
                ("Quyết định này có hiệu lực thi hành theo quy định của Luật Khiếu nại. ", ""),
                ("{{ nguoi_khieu_nai }}", ""),
                (", ", ""),
                ("{{ doi_tuong }}", ""),
                (" và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.", ""),
            ),
        ],
    )


def _conclusion(number: str, with_assessment: bool) -> list[list[Run] | str]:
    assessment = [("khiếu nại của ", ""), ("{{ nguoi_khieu_nai }}", ""), (" là ", ""), ("{{ danh_gia }}", "b"),
                  (". ", "")]  # fmt: skip
    return [
        section(f"{number}. Kết luận"),
        [
            ("Căn cứ ", ""),
            ("{{ can_cu_phap_luat }}", ""),
            (", kết luận: ", ""),
            *(assessment if with_assessment else [("{% if danh_gia %}", ""), *assessment, ("{% endif %}", "")]),
            ("{{ ket_luan }}", ""),
        ],
    ]


def quyet_dinh_giai_quyet_lan_dau(doc) -> None:
    _complaint_decision(
        doc,
        round_word="lần đầu",
        sections=[
            section("I. Nội dung khiếu nại"),
            [("{{ noi_dung_khieu_nai }}", "")],
            section("II. Kết quả xác minh nội dung khiếu nại"),
            [("{{ ket_qua_xac_minh }}", "")],
            section("III. Kết quả đối thoại"),
            [("{{ ket_qua_doi_thoai }}", "")],
            *_conclusion("IV", with_assessment=False),
        ],
        last_remedy=[
            ("Trong thời hạn ", ""),
            ("{{ thoi_han_khieu_nai_tiep }}", ""),
            (" ngày, kể từ ngày nhận được Quyết định này, nếu không đồng ý với quyết định giải quyết khiếu nại, ", ""),
            ("{{ nguoi_khieu_nai }}", ""),
            (" có quyền khiếu nại đến ", ""),
            ("{{ nguoi_giai_quyet_lan_hai }}", ""),
            (" hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.", ""),
        ],
    )


def quyet_dinh_giai_quyet_lan_hai(doc) -> None:
    _complaint_decision(
        doc,
        round_word="lần hai",
        sections=[
            section("I. Nội dung khiếu nại"),
            [("{{ noi_dung_khieu_nai }}", "")],
            section("II. Kết quả giải quyết khiếu nại lần đầu"),
            [("{{ ket_qua_lan_dau }}", "")],
            section("III. Kết quả xác minh nội dung khiếu nại"),
            [("{{ ket_qua_xac_minh }}", "")],
            section("IV. Kết quả đối thoại"),
            [("{{ ket_qua_doi_thoai }}", "")],
            *_conclusion("V", with_assessment=True),
        ],
        last_remedy=[
            ("Trường hợp không đồng ý với Quyết định này, ", ""),
            ("{{ nguoi_khieu_nai }}", ""),
            (" có quyền khởi kiện vụ án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính.", ""),
        ],
    )


def ket_luan_to_cao(doc) -> None:
    heading(doc, symbol_hint="KL")
    title(doc, "KẾT LUẬN NỘI DUNG TỐ CÁO", "Đối với {{ doi_tuong }}")
    body(
        doc,
        [
            ("Ngày ", ""),
            ("{{ ngay_thu_ly }}", ""),
            (", ", ""),
            ("{{ nguoi_giai_quyet }}", ""),
            (" thụ lý tố cáo đối với ", ""),
            ("{{ doi_tuong }}", ""),
            if_present("so_quyet_dinh_thu_ly", " (Quyết định số {{ so_quyet_dinh_thu_ly }})"),
            (". Nội dung tố cáo: ", ""),
            ("{{ tom_tat_noi_dung }}", ""),
        ],
        [
            ("Căn cứ kết quả xác minh nội dung tố cáo, đối chiếu với quy định của pháp luật, ", ""),
            ("{{ nguoi_giai_quyet }}", ""),
            (" kết luận như sau:", ""),
        ],
        section("1. Kết quả xác minh nội dung tố cáo"),
        [("{{ ket_qua_xac_minh }}", "")],
        section("2. Căn cứ pháp luật để xác định có hay không có hành vi vi phạm pháp luật"),
        [("{{ can_cu_phap_luat }}", "")],
        section("3. Kết luận về nội dung tố cáo"),
        [("Nội dung tố cáo là ", ""), ("{{ danh_gia }}", "b"), (". ", ""), ("{{ ket_luan }}", "")],
        section("4. Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan"),
        [("{{ trach_nhiem }}", "")],
        section("5. Biện pháp xử lý, kiến nghị"),
        [("{{ bien_phap_xu_ly }}", "")],
        [
            (
                "Kết luận này được gửi đến người bị tố cáo, cơ quan, tổ chức, cá nhân có liên quan, thông báo đến "
                "người tố cáo và được công khai theo quy định; không công khai thông tin về người tố cáo./.",
                "",
            )
        ],
    )
    signature(doc)


def thong_bao_ket_qua_to_cao(doc) -> None:
    notice(
        doc,
        subtitle="Kết quả giải quyết tố cáo",
        paragraphs=[
            [
                ("Ngày ", ""),
                ("{{ ngay_nhan_don }}", ""),
                (", ", ""),
                ("{{ co_quan_ten }}", ""),
                (" nhận được đơn tố cáo của ông (bà) đối với ", ""),
                ("{{ doi_tuong }}", ""),
                (", nội dung: ", ""),
                ("{{ tom_tat_noi_dung }}", ""),
            ],
            [
                ("Ngày ", ""),
                ("{{ ngay_ket_luan }}", ""),
                (", ", ""),
                ("{{ nguoi_giai_quyet }}", ""),
                (" đã ban hành Kết luận nội dung tố cáo số ", ""),
                ("{{ so_ket_luan }}", "b"),
                (". Nội dung tố cáo là ", ""),
                ("{{ danh_gia }}", "b"),
                (".", ""),
            ],
            [("Kết quả giải quyết: ", ""), ("{{ ket_qua }}", "")],
            [
                (
                    "Họ tên, địa chỉ, bút tích và các thông tin cá nhân khác của ông (bà) tiếp tục được giữ bí mật "
                    "theo quy định tại Điều 47 Luật Tố cáo năm 2018.",
                    "i",
                )
            ],
            [("{{ co_quan_ten }}", ""), (" thông báo để ông (bà) biết./.", "")],
        ],
    )


BUILDERS: dict[str, Callable] = {
    "tt05.mau01": mau01,
    "tt05.mau03": mau03,
    "tt05.huong_dan": huong_dan,
    "tt05.chuyen_don_kien_nghi": chuyen_don_kien_nghi,
    "tt05.tra_lai_don": tra_lai_don,
    "tt05.don_doc": don_doc,
    "tt05.thong_bao_khong_thu_ly": thong_bao_khong_thu_ly,
    "reception.thong_bao_ket_luan": thong_bao_ket_luan,
    "reception.thong_bao_tu_choi": thong_bao_tu_choi,
    "case.quyet_dinh_thu_ly": quyet_dinh_thu_ly,
    "case.thong_bao_thu_ly": thong_bao_thu_ly,
    "case.thong_bao_nguoi_bi_to_cao": thong_bao_nguoi_bi_to_cao,
    "case.quyet_dinh_gia_han": quyet_dinh_gia_han,
    "case.quyet_dinh_tam_dinh_chi": quyet_dinh_tam_dinh_chi,
    "case.quyet_dinh_dinh_chi": quyet_dinh_dinh_chi,
    "case.quyet_dinh_tiep_tuc": quyet_dinh_tiep_tuc,
    "case.bien_ban_doi_thoai": bien_ban_doi_thoai,
    "case.quyet_dinh_giai_quyet_lan_dau": quyet_dinh_giai_quyet_lan_dau,
    "case.quyet_dinh_giai_quyet_lan_hai": quyet_dinh_giai_quyet_lan_hai,
    "case.ket_luan_to_cao": ket_luan_to_cao,
    "case.thong_bao_ket_qua_to_cao": thong_bao_ket_qua_to_cao,
}

# A fixed zip timestamp (the earliest a zip can hold) so that a rebuild gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def reproducible(docx: bytes) -> bytes:
    """The same package with every entry dated ZIP_DATE, in the same order and compression."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def main(prefixes: list[str] | None = None) -> None:
    OUT_DIR.mkdir(exist_ok=True)
    for code, build in BUILDERS.items():
        if prefixes and not any(code.startswith(prefix) for prefix in prefixes):
            continue
        doc = new_document()
        build(doc)
        doc.core_properties.title = code
        doc.core_properties.author = "Tiếp Dân"
        buffer = io.BytesIO()
        doc.save(buffer)
        path = OUT_DIR / f"{code}.docx"
        path.write_bytes(reproducible(buffer.getvalue()))
        print(path)


if __name__ == "__main__":
    main(sys.argv[1:])
