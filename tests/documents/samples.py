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
        "van_ban_giao": "Phiếu chuyển đơn số 3/PCĐ-UBND ngày 10/01/2026",
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


# The resolution templates (cases app): one distinct value per variable; each template takes its required ones.
CASE_VALUES: dict[str, object] = {
    "tham_quyen": "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH",
    "nguoi_giai_quyet": "Chủ tịch Ủy ban nhân dân phường An Bình",
    "can_cu_ban_hanh": ["Căn cứ Luật Khiếu nại ngày 11 tháng 11 năm 2011;", "Căn cứ Nghị định số 124/2020/NĐ-CP;"],
    "loai_viec": "khiếu nại lần đầu",
    "ma_vu_viec": "VV-A-2026-00001",
    "ngay_nhan_don": "02/03/2026",
    "nguoi_gui_don": "Nguyễn Văn Gửi",
    "doi_tuong": "Chủ tịch UBND phường An Bình",
    "tom_tat_noi_dung": "Khiếu nại quyết định thu hồi đất",
    "giao_xac_minh": "Bà Lý Thị Xác",
    "nguoi_nhan": "Ông Đinh Văn Nhận",
    "dia_chi_nguoi_nhan": "15 Phố Huế",
    "ngay_thu_ly": "09/03/2026",
    "ly_do_gia_han": "Có yếu tố nước ngoài",
    "so_ngay_gia_han": "30",
    "han_giai_quyet_moi": "06/05/2026",
    "ly_do": "Cần đợi kết quả giám định lại",
    "trach_nhiem": "Văn phòng phối hợp với cơ quan giám định",
    "thoi_gian": "09 giờ 00 ngày 20/3/2026",
    "dia_diem": "Trụ sở Ủy ban nhân dân phường An Bình",
    "thanh_phan": ["Người chủ trì: Trần Văn Ký", "Người khiếu nại: Nguyễn Văn Gửi"],
    "nguoi_khieu_nai": "Nguyễn Văn Gửi",
    "dia_chi_nguoi_khieu_nai": "Tổ 5, phường An Bình",
    "noi_dung_doi_thoai": "Người khiếu nại giữ nguyên yêu cầu bồi thường",
    "ket_qua_doi_thoai": "Hai bên thống nhất diện tích đo đạc lại",
    "noi_dung_khieu_nai": "Đề nghị hủy quyết định thu hồi 120 m² đất",
    "ket_qua_lan_dau": "Quyết định số 5/QĐ-UBND giữ nguyên quyết định thu hồi",
    "ket_qua_xac_minh": "Diện tích thực tế là 104,5 m²",
    "can_cu_phap_luat": "Điều 82 Luật Đất đai năm 2024",
    "danh_gia": "đúng một phần",
    "ket_luan": "Việc thu hồi phần diện tích 15,5 m² là chưa đúng",
    "xu_ly": "Sửa đổi Quyết định thu hồi đất số 12/QĐ-UBND",
    "boi_thuong": "Không",
    "thoi_han_khieu_nai_tiep": "45",
    "nguoi_giai_quyet_lan_hai": "Chủ tịch Ủy ban nhân dân tỉnh Kiểm Thử",
    "bien_phap_xu_ly": "Kiểm điểm trách nhiệm cán bộ địa chính",
    "so_ket_luan": "2/KL-UBND",
    "ngay_ket_luan": "01/04/2026",
    "ket_qua": "Xử lý kỷ luật khiển trách",
}

# Citizen reception (reception app).
SAMPLES["reception.thong_bao_ket_luan"] = {
    "nguoi_chu_tri": "Lê Minh Đức, Chủ tịch UBND phường An Bình",
    "hinh_thuc": "tiếp công dân định kỳ",
    "ngay_tiep": "05/03/2026",
    "dia_diem": "Trụ sở tiếp công dân phường",
    "so_luot": "2",
    "noi_dung_tiep": ["Khiếu nại: thu hồi đất tổ 5", "Kiến nghị: sửa đường ngõ 12"],
    "ket_luan": ["Giao Phòng Kinh tế kiểm tra, báo cáo trước 20/3/2026"],
}
SAMPLES["reception.thong_bao_tu_choi"] = {
    "nguoi_nhan": "Ông Phạm Văn Dân",
    "dia_chi_nguoi_nhan": "5 Trần Phú",
    "ngay_tu_choi": "05/03/2026",
    "ly_do": "mang theo dao, không chịu gửi lại",
    "can_cu": "Mang theo vũ khí (Luật Tiếp công dân 2013, Điều 9)",
}


def _case_samples() -> dict[str, dict]:
    from tiepdan.documents.specs import TEMPLATE_SPECS

    return {
        code: {name: CASE_VALUES[name] for name in spec.required}
        for code, spec in TEMPLATE_SPECS.items()
        if code.startswith("case.")
    }


SAMPLES.update(_case_samples())


def sample(code: str) -> dict:
    return {**COMMON, **SAMPLES[code]}
