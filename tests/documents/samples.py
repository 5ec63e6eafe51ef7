"""One sample context per shipped template."""

COMMON = {"chuc_vu_nguoi_ky": "CHỦ TỊCH", "ho_ten_nguoi_ky": "Trần Văn Ký"}

SAMPLES = {
    "tt05.mau01": {
        "nguoi_nhan": "Chủ tịch UBND phường An Bình",
        "nguoi_gui_don": "Nguyễn Thị Hoa",
        "dia_chi_nguoi_gui": "12 Lê Lợi, phường An Bình",
        "ngay_nhan_don": "02/03/2026",
        "loai_don": "khiếu nại",
        "tom_tat_noi_dung": "Khiếu nại quyết định thu hồi đất",
        "de_xuat": "Thụ lý giải quyết khiếu nại lần đầu",
    },
    "tt05.mau03": {
        "co_quan_nhan": "Chủ tịch UBND tỉnh Kiểm Thử",
        "ngay_nhan_don": "02/03/2026",
        "nguoi_bi_to_cao": "Ông Lê Văn Bị, cán bộ địa chính",
        "tom_tat_noi_dung": "Tố cáo hành vi nhận tiền khi cấp giấy chứng nhận",
    },
    "tt05.huong_dan": {
        "nguoi_nhan": "Ông Phạm Văn Dân",
        "dia_chi_nguoi_nhan": "5 Trần Phú",
        "ngay_nhan_don": "02/03/2026",
        "tom_tat_noi_dung": "Tranh chấp hợp đồng vay tiền",
        "ly_do": "nội dung đơn là tranh chấp dân sự",
        "co_quan_co_tham_quyen": "Tòa án nhân dân khu vực 1",
    },
    "tt05.chuyen_don_kien_nghi": {
        "co_quan_nhan": "Công ty Điện lực Kiểm Thử",
        "nguoi_gui_don": "Bà Võ Thị Mai",
        "dia_chi_nguoi_gui": "7 Hai Bà Trưng",
        "ngay_nhan_don": "02/03/2026",
        "tom_tat_noi_dung": "Phản ánh mất điện kéo dài",
    },
    "tt05.tra_lai_don": {
        "nguoi_nhan": "Ông Đỗ Văn Trả",
        "dia_chi_nguoi_nhan": "9 Nguyễn Huệ",
        "ngay_nhan_don": "02/03/2026",
        "giay_to_tra_lai": ["Bản gốc giấy chứng nhận quyền sử dụng đất", "Bản gốc hợp đồng mua bán"],
        "ly_do": "đơn không thuộc thẩm quyền và có kèm giấy tờ gốc",
    },
    "tt05.don_doc": {
        "co_quan_nhan": "UBND phường Bình Minh",
        "ten_vu_viec": "Đơn kiến nghị của hộ dân tổ 3 về ô nhiễm",
        "van_ban_giao": "10/01/2026 (Phiếu chuyển số 3/PCĐ-UBND)",
        "han_giai_quyet": "31/03/2026",
        "yeu_cau": "Khẩn trương giải quyết và báo cáo kết quả",
    },
    "tt05.thong_bao_khong_thu_ly": {
        "nguoi_nhan": "Bà Hồ Thị Lan",
        "dia_chi_nguoi_nhan": "3 Bạch Đằng",
        "ngay_nhan_don": "02/03/2026",
        "tom_tat_noi_dung": "Khiếu nại việc đã được giải quyết lần hai",
        "ly_do_khong_thu_ly": "khiếu nại đã có quyết định giải quyết lần hai",
        "can_cu": "khoản 5 Điều 11 Luật Khiếu nại năm 2011",
    },
}


def sample(code: str) -> dict:
    return {**COMMON, **SAMPLES[code]}
