"""The shipped document templates and the context variables each one needs.

Forms follow Thông tư 05/2021/TT-TTCP (quy trình xử lý đơn) and the layout of Nghị định 30/2020/NĐ-CP
(công tác văn thư, Phụ lục I). Each variable is documented here in Vietnamese; `generate_document`
refuses a context that lacks a required one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TT05 = "Thông tư 05/2021/TT-TTCP ngày 01/10/2021 của Thanh tra Chính phủ"

# Filled by the service itself (never by the caller): number, place and date lines.
AUTOMATIC_VARIABLES: dict[str, str] = {
    "so_ky_hieu": "Số và ký hiệu văn bản, ví dụ 12/PCĐ-UBND (cấp tự động khi tạo văn bản)",
    "dia_danh": "Địa danh nơi ban hành (mặc định: tên đơn vị bỏ chữ Phường/Xã/Tỉnh…)",
    "ngay_thang": "Ngày tháng năm ban hành bằng chữ, ví dụ ngày 05 tháng 3 năm 2026",
    "nam": "Năm ban hành",
}

# Every template has the heading and the signature block.
COMMON_REQUIRED: dict[str, str] = {
    "chuc_vu_nguoi_ky": "Chức vụ người ký, ví dụ CHỦ TỊCH hoặc KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    "ho_ten_nguoi_ky": "Họ và tên người ký",
}
COMMON_OPTIONAL: dict[str, str] = {
    "co_quan_chu_quan": "Tên cơ quan chủ quản (dòng trên cùng bên trái), có thể để trống",
    "co_quan": "Tên cơ quan ban hành viết hoa (mặc định: tên đơn vị viết hoa)",
    "co_quan_ten": "Tên cơ quan dùng trong câu văn (mặc định: tên đơn vị), ví dụ UBND phường An Bình",
    "noi_nhan": "Danh sách nơi nhận (mặc định: Như trên; Lưu: VT)",
}


@dataclass(frozen=True)
class TemplateSpec:
    code: str
    name: str
    legal_source: str
    default_symbol: str
    required: dict[str, str]
    optional: dict[str, str] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.code}.docx"

    def all_required(self) -> dict[str, str]:
        return {**COMMON_REQUIRED, **self.required}

    def all_variables(self) -> dict[str, str]:
        return {**AUTOMATIC_VARIABLES, **COMMON_REQUIRED, **self.required, **COMMON_OPTIONAL, **self.optional}


# The only context key that may carry a denouncer's identity into Mẫu 03, and only when the
# competent body must know it (Điều 47 Luật Tố cáo 2018: the denouncer's identity is kept secret).
DENOUNCER_IDENTITY_KEY = "danh_tinh_nguoi_to_cao"
DENOUNCER_HIDDEN = "Người tố cáo (đã được bảo mật)"

KN = "Luật Khiếu nại 2011"
TC = "Luật Tố cáo 2018"
CASE_FORMS = "bố cục theo Nghị định 30/2020/NĐ-CP; số mẫu của Nghị định 124/2020/NĐ-CP và 31/2019/NĐ-CP chưa đối chiếu"

# The variables of the resolution documents (cases app). `cases.documents.generate_case_document` fills
# those marked "tự điền" from the case; the caller may override any of them.
CASE_VARIABLES: dict[str, str] = {
    "tham_quyen": (
        "Chức danh người ra quyết định viết hoa, ví dụ CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH (tự điền từ đơn vị)"
    ),
    "nguoi_giai_quyet": (
        "Người giải quyết dùng trong câu văn, ví dụ Chủ tịch Ủy ban nhân dân phường An Bình (tự điền từ đơn vị)"
    ),
    "can_cu_ban_hanh": (
        "Các căn cứ ban hành, mỗi dòng một căn cứ (tự điền theo loại vụ việc và luật có hiệu lực vào ngày thụ lý)"
    ),
    "loai_viec": "Loại việc: khiếu nại lần đầu, khiếu nại lần hai hoặc tố cáo (tự điền)",
    "la_to_cao": "Đúng khi vụ việc là tố cáo (tự điền, dùng trong điều kiện của mẫu)",
    "ma_vu_viec": "Mã vụ việc (tự điền)",
    "ngay_nhan_don": "Ngày nhận các đơn của vụ việc, dd/mm/yyyy (tự điền; nhiều đơn: 02/03/2026 và 10/03/2026)",
    "tom_tat_noi_dung": "Tóm tắt nội dung khiếu nại, tố cáo (tự điền từ vụ việc; không ghi thông tin về người tố cáo)",
    "doi_tuong": "Cơ quan, tổ chức, cá nhân bị khiếu nại hoặc bị tố cáo (tự điền từ đơn)",
    "nguoi_gui_don": ("Người khiếu nại (họ tên); với tố cáo luôn là “Người tố cáo (đã được bảo mật)” (tự điền)"),
    "ngay_thu_ly": "Ngày thụ lý, dd/mm/yyyy (tự điền: ngày thụ lý của vụ việc, chưa có thì ngày ban hành)",
    "so_quyet_dinh_thu_ly": "Số, ký hiệu quyết định thụ lý (tự điền khi đã tạo bằng hệ thống)",
    "han_giai_quyet": "Hạn giải quyết, dd/mm/yyyy (tự điền khi đã thụ lý)",
    "giao_xac_minh": "Cơ quan, đơn vị, người được giao xác minh (tự điền người được phân công nếu có)",
    "nguoi_nhan": "Họ tên người nhận văn bản (tự điền)",
    "dia_chi_nguoi_nhan": "Địa chỉ người nhận (tự điền)",
    "han_giai_trinh": "Hạn gửi văn bản giải trình, dd/mm/yyyy",
    "ly_do_gia_han": "Tính chất phức tạp làm căn cứ gia hạn (tự điền từ các tiêu chí phức tạp đã đánh dấu)",
    "so_ngay_gia_han": "Số ngày gia hạn, tối đa 30 ngày mỗi lần (tự điền: 30)",
    "lan_gia_han": "Gia hạn lần thứ mấy: 1 hoặc 2 (tự điền)",
    "han_giai_quyet_moi": "Hạn giải quyết sau khi gia hạn, dd/mm/yyyy (tự tính theo quy tắc thời hạn)",
    "ly_do": "Lý do, căn cứ (tự điền từ ghi chú của bước tạm đình chỉ, đình chỉ nếu đã ghi nhận)",
    "trach_nhiem": "Trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan",
    "so_quyet_dinh_tam_dinh_chi": "Số, ký hiệu quyết định tạm đình chỉ (tự điền khi đã tạo bằng hệ thống)",
    "ngay_tam_dinh_chi": "Ngày tạm đình chỉ, dd/mm/yyyy (tự điền)",
    "thoi_gian": "Thời gian bắt đầu đối thoại, ví dụ 09 giờ 00 ngày 20/3/2026",
    "dia_diem": "Địa điểm đối thoại",
    "thanh_phan": "Thành phần tham dự, mỗi dòng một người: vai trò, họ tên, chức vụ (tự điền người chủ trì và các bên)",
    "nguoi_khieu_nai": "Họ tên người khiếu nại (tự điền)",
    "dia_chi_nguoi_khieu_nai": "Địa chỉ người khiếu nại (tự điền)",
    "dia_chi_doi_tuong": "Địa chỉ người bị khiếu nại",
    "noi_dung_doi_thoai": "Nội dung đối thoại: ý kiến của người khiếu nại, người bị khiếu nại và những người tham dự",
    "ket_qua_doi_thoai": "Kết quả đối thoại (những nội dung đã thống nhất, còn ý kiến khác nhau)",
    "y_kien_bo_sung": "Ý kiến khác, đề nghị bổ sung của những người tham dự",
    "nguoi_khong_ky": "Người không ký biên bản và lý do (để trống: ghi tay tại buổi đối thoại)",
    "nguoi_ghi_bien_ban": "Họ tên người ghi biên bản",
    "gio_ket_thuc": "Thời gian kết thúc, ví dụ 11 giờ 00 cùng ngày",
    "noi_dung_khieu_nai": "Nội dung khiếu nại (tự điền từ tóm tắt nội dung đơn)",
    "ket_qua_lan_dau": (
        "Kết quả giải quyết khiếu nại lần đầu: số, ngày, nội dung quyết định (tự điền nếu có trong hệ thống)"
    ),
    "ket_qua_xac_minh": "Kết quả xác minh nội dung khiếu nại, tố cáo",
    "can_cu_phap_luat": "Căn cứ pháp luật để giải quyết (điều, khoản của văn bản pháp luật về nội dung vụ việc)",
    "danh_gia": (
        "Đánh giá nội dung: đúng, đúng một phần, sai (khiếu nại) hoặc đúng, đúng một phần, sai sự thật (tố cáo) "
        "(tự điền từ kết quả đã ghi nhận)"
    ),
    "ket_luan": "Kết luận nội dung (tự điền từ nội dung quyết định, kết luận đã ghi nhận)",
    "xu_ly": (
        "Giữ nguyên, sửa đổi, bổ sung hoặc hủy bỏ một phần hay toàn bộ quyết định hành chính, chấm dứt hành vi "
        "hành chính bị khiếu nại; giải quyết các vấn đề cụ thể (lần hai: tự điền kết quả đối với quyết định lần đầu)"
    ),
    "boi_thuong": "Việc bồi thường thiệt hại cho người bị thiệt hại (ghi “Không” nếu không có)",
    "thoi_han_khieu_nai_tiep": "Số ngày được khiếu nại lần hai: 30, vùng sâu, vùng xa 45 (tự điền)",
    "nguoi_giai_quyet_lan_hai": "Người có thẩm quyền giải quyết khiếu nại lần hai (tự điền từ đơn vị cấp trên)",
    "bien_phap_xu_ly": "Các biện pháp xử lý theo thẩm quyền và kiến nghị xử lý",
    "so_ket_luan": "Số, ký hiệu kết luận nội dung tố cáo (tự điền khi đã ghi nhận)",
    "ngay_ket_luan": "Ngày ban hành kết luận, dd/mm/yyyy (tự điền khi đã ghi nhận)",
    "ket_qua": "Tóm tắt kết quả giải quyết và việc xử lý (tự điền từ nội dung kết luận đã ghi nhận)",
}


def case_vars(*names: str) -> dict[str, str]:
    return {name: CASE_VARIABLES[name] for name in names}


DECISION_HEAD = ("tham_quyen", "can_cu_ban_hanh")
# Suspension, termination and resumption decisions share these variables; the first two also state the
# responsibilities of those concerned (Điều 34 khoản 3 Luật Tố cáo 2018).
STOP_REQUIRED = (*DECISION_HEAD, "loai_viec", "doi_tuong", "tom_tat_noi_dung", "ngay_thu_ly", "ly_do")

TEMPLATE_SPECS: dict[str, TemplateSpec] = {
    spec.code: spec
    for spec in [
        TemplateSpec(
            code="tt05.mau01",
            name="Phiếu đề xuất thụ lý đơn",
            legal_source=f"Mẫu số 01, {TT05}",
            default_symbol="PĐX",
            required={
                "nguoi_nhan": "Người có thẩm quyền nhận phiếu (Kính gửi), ví dụ Chủ tịch UBND phường",
                "nguoi_gui_don": "Họ tên người gửi đơn (hoặc tên cơ quan, tổ chức)",
                "dia_chi_nguoi_gui": "Địa chỉ người gửi đơn",
                "ngay_nhan_don": "Ngày nhận đơn (dd/mm/yyyy)",
                "loai_don": "Loại đơn: khiếu nại, tố cáo, kiến nghị, phản ánh",
                "tom_tat_noi_dung": "Tóm tắt nội dung đơn",
                "de_xuat": "Nội dung đề xuất thụ lý",
            },
            optional={"can_cu": "Căn cứ pháp lý của đề xuất", "nguoi_de_xuat": "Họ tên cán bộ đề xuất"},
        ),
        TemplateSpec(
            code="tt05.mau03",
            name="Phiếu chuyển đơn tố cáo",
            legal_source=f"Mẫu số 03, {TT05}",
            default_symbol="PCĐ",
            required={
                "co_quan_nhan": "Cơ quan, người có thẩm quyền giải quyết tố cáo (Kính gửi)",
                "ngay_nhan_don": "Ngày nhận đơn tố cáo (dd/mm/yyyy)",
                "nguoi_bi_to_cao": "Cơ quan, tổ chức, cá nhân bị tố cáo",
                "tom_tat_noi_dung": "Tóm tắt nội dung tố cáo (không ghi thông tin nhận diện người tố cáo)",
            },
            optional={
                DENOUNCER_IDENTITY_KEY: (
                    "Họ tên, địa chỉ người tố cáo — chỉ điền khi chuyển cho cơ quan có thẩm quyền và "
                    "đánh dấu văn bản chứa danh tính người tố cáo"
                ),
                "can_cu": "Căn cứ chuyển đơn",
                "tai_lieu_kem_theo": "Tài liệu gửi kèm",
            },
        ),
        TemplateSpec(
            code="tt05.huong_dan",
            name="Văn bản hướng dẫn",
            legal_source=f"Mẫu hướng dẫn, {TT05}",
            default_symbol="HD",
            required={
                "nguoi_nhan": "Họ tên công dân được hướng dẫn",
                "dia_chi_nguoi_nhan": "Địa chỉ công dân",
                "ngay_nhan_don": "Ngày nhận đơn (dd/mm/yyyy)",
                "tom_tat_noi_dung": "Tóm tắt nội dung đơn",
                "ly_do": "Lý do đơn không thuộc thẩm quyền của cơ quan",
                "co_quan_co_tham_quyen": "Cơ quan có thẩm quyền mà công dân cần gửi đơn đến",
            },
            optional={"can_cu": "Căn cứ pháp lý"},
        ),
        TemplateSpec(
            code="tt05.chuyen_don_kien_nghi",
            name="Phiếu chuyển đơn kiến nghị, phản ánh",
            legal_source=f"Mẫu phiếu chuyển đơn, {TT05}",
            default_symbol="PCĐ",
            required={
                "co_quan_nhan": "Cơ quan có thẩm quyền giải quyết (Kính gửi)",
                "nguoi_gui_don": "Họ tên người gửi đơn",
                "dia_chi_nguoi_gui": "Địa chỉ người gửi đơn",
                "ngay_nhan_don": "Ngày nhận đơn (dd/mm/yyyy)",
                "tom_tat_noi_dung": "Tóm tắt nội dung kiến nghị, phản ánh",
            },
            optional={"can_cu": "Căn cứ chuyển đơn"},
        ),
        TemplateSpec(
            code="tt05.tra_lai_don",
            name="Văn bản trả lại đơn và giấy tờ, tài liệu",
            legal_source=f"Mẫu trả lại đơn, {TT05}",
            default_symbol="TB",
            required={
                "nguoi_nhan": "Họ tên người được trả lại đơn",
                "dia_chi_nguoi_nhan": "Địa chỉ",
                "ngay_nhan_don": "Ngày nhận đơn (dd/mm/yyyy)",
                "giay_to_tra_lai": "Danh sách đơn, giấy tờ, tài liệu gốc trả lại",
                "ly_do": "Lý do trả lại",
            },
            optional={"can_cu": "Căn cứ pháp lý"},
        ),
        TemplateSpec(
            code="tt05.don_doc",
            name="Văn bản đôn đốc giải quyết",
            legal_source=f"Mẫu đôn đốc, {TT05}",
            default_symbol="ĐĐ",
            required={
                "co_quan_nhan": "Cơ quan cấp dưới được đôn đốc (Kính gửi)",
                "ten_vu_viec": "Vụ việc cần giải quyết",
                "van_ban_giao": "Văn bản đã chuyển, giao trước đây (số, ngày)",
                "han_giai_quyet": "Thời hạn giải quyết, báo cáo (dd/mm/yyyy)",
                "yeu_cau": "Nội dung yêu cầu",
            },
        ),
        TemplateSpec(
            code="tt05.thong_bao_khong_thu_ly",
            name="Thông báo không thụ lý",
            legal_source=f"Mẫu thông báo không thụ lý, {TT05}",
            default_symbol="TB",
            required={
                "nguoi_nhan": "Họ tên người gửi đơn",
                "dia_chi_nguoi_nhan": "Địa chỉ",
                "ngay_nhan_don": "Ngày nhận đơn (dd/mm/yyyy)",
                "tom_tat_noi_dung": "Tóm tắt nội dung đơn",
                "ly_do_khong_thu_ly": "Lý do không thụ lý (điều kiện không được đáp ứng)",
                "can_cu": "Căn cứ pháp lý của việc không thụ lý (điều, khoản)",
            },
        ),
        # --- Citizen reception (reception app) ---
        TemplateSpec(
            code="reception.thong_bao_ket_luan",
            name="Thông báo kết luận của người chủ trì buổi tiếp công dân",
            legal_source=(
                "Luật Tiếp công dân 2013, Điều 18; Thông tư 04/2021/TT-TTCP (bố cục theo Nghị định 30/2020/NĐ-CP; "
                "số mẫu chưa đối chiếu)"
            ),
            default_symbol="TB",
            required={
                "nguoi_chu_tri": "Họ tên, chức vụ người chủ trì, ví dụ Lê Minh Đức, Chủ tịch UBND phường (tự điền)",
                "hinh_thuc": "Hình thức: tiếp công dân định kỳ, đột xuất hoặc trực tuyến (tự điền)",
                "ngay_tiep": "Ngày tiếp, dd/mm/yyyy (tự điền)",
                "dia_diem": "Địa điểm tiếp (tự điền)",
                "so_luot": "Số lượt công dân được tiếp trong buổi (tự điền từ sổ tiếp công dân)",
                "noi_dung_tiep": "Danh sách nội dung công dân trình bày, mỗi dòng một vụ việc (tự điền từ sổ)",
                "ket_luan": "Các ý kiến kết luận, chỉ đạo của người chủ trì, mỗi dòng một ý",
            },
            optional={"thanh_phan": "Cán bộ, cơ quan cùng tham dự buổi tiếp"},
        ),
        TemplateSpec(
            code="reception.thong_bao_tu_choi",
            name="Thông báo từ chối tiếp công dân",
            legal_source=(
                "Luật Tiếp công dân 2013, Điều 9 (sửa đổi bởi Luật 136/2025/QH15); Nghị định 154/2026/NĐ-CP, "
                "Điều 4 (chưa đối chiếu)"
            ),
            default_symbol="TB",
            required={
                "nguoi_nhan": "Họ tên công dân bị từ chối tiếp (tự điền)",
                "dia_chi_nguoi_nhan": "Địa chỉ công dân (tự điền)",
                "ngay_tu_choi": "Ngày từ chối tiếp, dd/mm/yyyy (tự điền)",
                "ly_do": "Diễn biến, lý do cụ thể (tự điền từ biên bản từ chối)",
                "can_cu": "Căn cứ từ chối trong danh mục và điều khoản (tự điền)",
            },
        ),
        # --- Resolution of complaints and denunciations (cases app) ---
        TemplateSpec(
            code="case.quyet_dinh_thu_ly",
            name="Quyết định thụ lý giải quyết khiếu nại, tố cáo",
            legal_source=f"{KN}, Điều 27, 36; {TC}, Điều 29 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(
                *DECISION_HEAD, "nguoi_giai_quyet", "loai_viec", "ma_vu_viec", "ngay_nhan_don", "nguoi_gui_don",
                "doi_tuong", "tom_tat_noi_dung", "giao_xac_minh",
            ),
            optional=case_vars("la_to_cao", "han_giai_quyet"),
        ),
        TemplateSpec(
            code="case.thong_bao_thu_ly",
            name="Thông báo thụ lý giải quyết khiếu nại, tố cáo",
            legal_source=f"{KN}, Điều 27, 36; {TC}, Điều 29 khoản 3 — gửi người khiếu nại, người tố cáo ({CASE_FORMS})",
            default_symbol="TB",
            required=case_vars(
                "nguoi_nhan", "dia_chi_nguoi_nhan", "nguoi_giai_quyet", "loai_viec", "ngay_nhan_don", "doi_tuong",
                "tom_tat_noi_dung", "ngay_thu_ly",
            ),
            optional=case_vars("la_to_cao", "so_quyet_dinh_thu_ly", "han_giai_quyet"),
        ),
        TemplateSpec(
            code="case.thong_bao_nguoi_bi_to_cao",
            name="Thông báo về việc thụ lý và nội dung tố cáo (gửi người bị tố cáo)",
            legal_source=f"{TC}, Điều 29 khoản 3, Điều 10 — không ghi thông tin về người tố cáo ({CASE_FORMS})",
            default_symbol="TB",
            required=case_vars("nguoi_nhan", "nguoi_giai_quyet", "ngay_thu_ly", "tom_tat_noi_dung"),
            optional=case_vars("dia_chi_nguoi_nhan", "so_quyet_dinh_thu_ly", "han_giai_trinh"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_gia_han",
            name="Quyết định gia hạn giải quyết tố cáo",
            legal_source=f"{TC}, Điều 30 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(
                *DECISION_HEAD, "doi_tuong", "tom_tat_noi_dung", "ngay_thu_ly", "ly_do_gia_han", "so_ngay_gia_han",
                "han_giai_quyet_moi",
            ),
            optional=case_vars("so_quyet_dinh_thu_ly", "lan_gia_han"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_tam_dinh_chi",
            name="Quyết định tạm đình chỉ việc giải quyết khiếu nại, tố cáo",
            legal_source=f"{TC}, Điều 34 khoản 1, 3; {KN} (sửa đổi bởi Luật 136/2025/QH15, điều khoản chưa đối chiếu)",
            default_symbol="QĐ",
            required=case_vars(*STOP_REQUIRED, "trach_nhiem", "nguoi_giai_quyet"),
            optional=case_vars("la_to_cao", "so_quyet_dinh_thu_ly"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_dinh_chi",
            name="Quyết định đình chỉ việc giải quyết khiếu nại, tố cáo",
            legal_source=f"{KN}, Điều 10; {TC}, Điều 33, 34 khoản 2, 3 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(*STOP_REQUIRED, "trach_nhiem"),
            optional=case_vars("la_to_cao", "so_quyet_dinh_thu_ly"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_tiep_tuc",
            name="Quyết định tiếp tục giải quyết khiếu nại, tố cáo",
            legal_source=f"{TC}, Điều 34 khoản 1 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(*STOP_REQUIRED),
            optional=case_vars(
                "la_to_cao", "so_quyet_dinh_thu_ly", "trach_nhiem", "so_quyet_dinh_tam_dinh_chi", "ngay_tam_dinh_chi"
            ),
        ),
        TemplateSpec(
            code="case.bien_ban_doi_thoai",
            name="Biên bản đối thoại",
            legal_source=f"{KN}, Điều 30, 39 ({CASE_FORMS})",
            default_symbol="BB",
            required=case_vars(
                "thoi_gian", "dia_diem", "thanh_phan", "loai_viec", "nguoi_khieu_nai", "doi_tuong",
                "tom_tat_noi_dung", "noi_dung_doi_thoai", "ket_qua_doi_thoai",
            ),
            optional=case_vars("y_kien_bo_sung", "nguoi_khong_ky", "nguoi_ghi_bien_ban", "gio_ket_thuc"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_giai_quyet_lan_dau",
            name="Quyết định giải quyết khiếu nại lần đầu",
            legal_source=f"{KN}, Điều 31 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(
                *DECISION_HEAD, "nguoi_khieu_nai", "dia_chi_nguoi_khieu_nai", "doi_tuong", "ngay_nhan_don",
                "noi_dung_khieu_nai", "ket_qua_xac_minh", "ket_qua_doi_thoai", "can_cu_phap_luat", "ket_luan",
                "xu_ly", "boi_thuong", "thoi_han_khieu_nai_tiep", "nguoi_giai_quyet_lan_hai",
            ),
            optional=case_vars("dia_chi_doi_tuong", "danh_gia"),
        ),
        TemplateSpec(
            code="case.quyet_dinh_giai_quyet_lan_hai",
            name="Quyết định giải quyết khiếu nại lần hai",
            legal_source=f"{KN}, Điều 40 ({CASE_FORMS})",
            default_symbol="QĐ",
            required=case_vars(
                *DECISION_HEAD, "nguoi_khieu_nai", "dia_chi_nguoi_khieu_nai", "doi_tuong", "ngay_nhan_don",
                "noi_dung_khieu_nai", "ket_qua_lan_dau", "ket_qua_xac_minh", "ket_qua_doi_thoai",
                "can_cu_phap_luat", "danh_gia", "ket_luan", "xu_ly", "boi_thuong",
            ),
            optional=case_vars("dia_chi_doi_tuong"),
        ),
        TemplateSpec(
            code="case.ket_luan_to_cao",
            name="Kết luận nội dung tố cáo",
            legal_source=f"{TC}, Điều 35; công khai theo Điều 40, không ghi thông tin về người tố cáo ({CASE_FORMS})",
            default_symbol="KL",
            required=case_vars(
                "nguoi_giai_quyet", "ngay_thu_ly", "doi_tuong", "tom_tat_noi_dung", "ket_qua_xac_minh",
                "can_cu_phap_luat", "danh_gia", "ket_luan", "trach_nhiem", "bien_phap_xu_ly",
            ),
            optional=case_vars("so_quyet_dinh_thu_ly"),
        ),
        TemplateSpec(
            code="case.thong_bao_ket_qua_to_cao",
            name="Thông báo kết quả giải quyết tố cáo",
            legal_source=f"{TC}, Điều 35 — gửi người tố cáo ({CASE_FORMS})",
            default_symbol="TB",
            required=case_vars(
                "nguoi_nhan", "dia_chi_nguoi_nhan", "nguoi_giai_quyet", "ngay_nhan_don", "doi_tuong",
                "tom_tat_noi_dung", "so_ket_luan", "ngay_ket_luan", "danh_gia", "ket_qua",
            ),
        ),
    ]
}  # fmt: skip
