"""Build the shipped .docx templates (run: `.venv/bin/python -m tiepdan.documents.build_templates`).

Layout after Nghị định 30/2020/NĐ-CP, Phụ lục I: A4, margins 20 mm top/bottom, 30 left, 15 right;
upper left the issuing body and "Số: …"; upper right the motto and "place, date" in italics; the title
in bold capitals, centred; the body justified; "Nơi nhận:" lower left; the signature block lower right.
Font Times New Roman (LibreOffice substitutes the metric-compatible Liberation Serif). The Jinja
placeholders are read by docxtpl; each one sits in a single run so Word does not split it.
"""

from __future__ import annotations

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
        [("Sau khi nghiên cứu, xem xét nội dung đơn, đề xuất: ", ""), ("{{ de_xuat }}", "")],
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
            (
                " chuyển đơn đến để xem xét, giải quyết theo thẩm quyền và thông báo kết quả "
                "cho người gửi đơn theo quy định./.",
                "",
            ),
        ],
    )
    signature(doc)


def tra_lai_don(doc) -> None:
    heading(doc, symbol_hint="TB")
    title(doc, "VĂN BẢN TRẢ LẠI ĐƠN VÀ GIẤY TỜ, TÀI LIỆU")
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
            ("Ngày ", ""),
            ("{{ van_ban_giao }}", ""),
            (", ", ""),
            ("{{ co_quan_ten }}", ""),
            (" đã chuyển đến quý cơ quan vụ việc: ", ""),
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


BUILDERS = {
    "tt05.mau01": mau01,
    "tt05.mau03": mau03,
    "tt05.huong_dan": huong_dan,
    "tt05.chuyen_don_kien_nghi": chuyen_don_kien_nghi,
    "tt05.tra_lai_don": tra_lai_don,
    "tt05.don_doc": don_doc,
    "tt05.thong_bao_khong_thu_ly": thong_bao_khong_thu_ly,
}


def main() -> None:
    OUT_DIR.mkdir(exist_ok=True)
    for code, build in BUILDERS.items():
        doc = new_document()
        build(doc)
        doc.core_properties.title = code
        doc.core_properties.author = "Tiếp Dân"
        path = OUT_DIR / f"{code}.docx"
        doc.save(str(path))
        print(path)


if __name__ == "__main__":
    main()
