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
    ]
}
