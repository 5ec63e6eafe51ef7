"""The canonical rule codes of DOMAIN §8, seeded by migration 0002. Admins add later versions as new rows.

Effective-from dates: the date the underlying law came into force (Law on Complaints 02/2011/QH13:
1 Jul 2012; Law on Citizen Reception 42/2013/QH14: 1 Jul 2014; Law on Denunciations 25/2018/QH14:
1 Jan 2019; Anti-corruption Law 36/2018/QH14: 1 Jul 2019; TT 05/2021/TT-TTCP and ND 43/2023 marked
unconfirmed). The engine accepts trigger dates from 2015 on.
"""

from __future__ import annotations

KN = "Luật Khiếu nại 02/2011/QH13"
TC = "Luật Tố cáo 25/2018/QH14"
TCD = "Luật Tiếp công dân 42/2013/QH13"
PCTN = "Luật Phòng, chống tham nhũng 36/2018/QH14"

# (code, title, unit, length, variants, extensions, extension_length, law, article, from, to, note)
RULES: list[tuple] = [
    ("complaint.file", "Thời hiệu khiếu nại", "calendar", 90, {}, {}, 0, KN, "Điều 9", "2012-07-01", None,
     "Tính từ ngày người khiếu nại biết được quyết định, hành vi."),
    ("complaint.accept", "Thụ lý hoặc không thụ lý giải quyết khiếu nại (lần đầu, lần hai)", "working", 10, {},
     {}, 0, KN, "Điều 27, Điều 36; Nghị định 124/2020/NĐ-CP", "2012-07-01", "2026-06-30", "Tính từ ngày nhận đơn."),
    ("complaint.accept", "Thụ lý hoặc không thụ lý giải quyết khiếu nại (lần đầu, lần hai)", "working", 7, {},
     {}, 0, "Luật 136/2025/QH15 sửa đổi Luật Khiếu nại; Nghị định 155/2026/NĐ-CP",
     "Điều 27, Điều 36 (sửa đổi)", "2026-07-01", None, "Áp dụng cho đơn nhận từ 01/07/2026."),
    ("complaint.first.resolve", "Giải quyết khiếu nại lần đầu", "calendar", 30,
     {"complex": 45, "remote": 45, "complex+remote": 60}, {}, 0, KN, "Điều 28", "2012-07-01", None,
     "Tính từ ngày thụ lý."),
    ("complaint.first.send", "Gửi quyết định giải quyết khiếu nại lần đầu", "working", 3, {}, {}, 0, KN,
     "Điều 32", "2012-07-01", None, "Tính từ ngày ban hành quyết định."),
    ("complaint.second.file", "Thời hạn khiếu nại lần hai", "calendar", 30, {"remote": 45}, {}, 0, KN,
     "Điều 33", "2012-07-01", None, "Tính từ ngày nhận quyết định giải quyết lần đầu."),
    ("complaint.second.resolve", "Giải quyết khiếu nại lần hai", "calendar", 45,
     {"complex": 60, "remote": 60, "complex+remote": 70}, {}, 0, KN, "Điều 37", "2012-07-01", None,
     "Tính từ ngày thụ lý."),
    ("complaint.second.send", "Gửi quyết định giải quyết khiếu nại lần hai", "calendar", 7, {}, {}, 0, KN,
     "Điều 41", "2012-07-01", None, "Tính từ ngày ban hành quyết định."),
    ("complaint.effective", "Quyết định giải quyết lần đầu có hiệu lực nếu không khiếu nại tiếp", "calendar",
     30, {"remote": 45}, {}, 0, KN, "Điều 44", "2012-07-01", None, "Tính từ ngày ban hành quyết định."),
    ("denunciation.process", "Xử lý ban đầu, phân loại thông tin tố cáo", "working", 7, {"multi_site": 10}, {},
     0, TC, "khoản 1 Điều 24", "2019-01-01", None, "Tính từ ngày nhận tố cáo."),
    ("denunciation.transfer", "Chuyển tố cáo không thuộc thẩm quyền", "working", 5, {}, {}, 0, TC,
     "khoản 2 Điều 24", "2019-01-01", None, "Tính từ ngày nhận tố cáo."),
    ("denunciation.notify_accept", "Thông báo việc thụ lý tố cáo", "working", 5, {}, {}, 0, TC,
     "khoản 3 Điều 29", "2019-01-01", None, "Tính từ ngày thụ lý."),
    ("denunciation.resolve", "Giải quyết tố cáo", "calendar", 30, {}, {"complex": 1, "very_complex": 2}, 30,
     TC, "Điều 30", "2019-01-01", None,
     "Phức tạp: gia hạn một lần 30 ngày; đặc biệt phức tạp: gia hạn hai lần, mỗi lần 30 ngày."),
    ("denunciation.send_conclusion", "Gửi kết luận nội dung tố cáo", "working", 5, {}, {}, 0, TC, "Điều 35",
     "2019-01-01", None, "Tính từ ngày ban hành kết luận."),
    ("denunciation.publish", "Công khai kết luận nội dung tố cáo", "working", 7, {}, {}, 0, TC, "Điều 40",
     "2019-01-01", None, "Tính từ ngày ban hành kết luận."),
    ("denunciation.review_further", "Xem xét tố cáo tiếp", "calendar", 20, {}, {}, 0, TC, "Điều 37",
     "2019-01-01", None, "Tính từ ngày nhận tố cáo tiếp."),
    ("petition.process", "Xử lý đơn (phân loại, đề xuất hướng xử lý)", "working", 10, {}, {}, 0,
     "Thông tư 05/2021/TT-TTCP", "(điều khoản chưa xác minh)", "2015-01-01", None,
     "Chưa đối chiếu văn bản chính thức (unconfirmed); ngày hiệu lực đặt từ đầu phạm vi lịch."),
    ("reception.notify_result", "Thông báo kết quả xử lý cho công dân", "working", 10, {}, {}, 0, TCD,
     "Điều 28", "2014-07-01", None, "Tính từ ngày tiếp công dân."),
    ("reception.refusal_notice", "Thông báo từ chối tiếp công dân bằng văn bản", "working", 3, {}, {}, 0,
     "Nghị định 154/2026/NĐ-CP", "Điều 4", "2026-07-01", None, "Tính từ ngày từ chối."),
    ("asset.first_declaration", "Kê khai tài sản lần đầu", "calendar", 10, {}, {}, 0, PCTN, "Điều 36",
     "2019-07-01", None, "Tính từ ngày nhận công tác."),
    ("asset.handover", "Bàn giao bản kê khai cho cơ quan kiểm soát", "calendar", 20, {}, {}, 0, PCTN, "Điều 38",
     "2019-07-01", None, "Tính từ ngày nhận bản kê khai."),
    ("inspection.publish_min", "Thời gian tối thiểu đăng kết luận thanh tra trên cổng thông tin", "calendar", 15,
     {}, {}, 0, "Nghị định 43/2023/NĐ-CP", "(điều khoản chưa xác minh)", "2023-06-30", None,
     "Ngày hiệu lực chưa xác minh (unconfirmed)."),
    ("rec_feedback.resolve", "Giải quyết kiến nghị, phản ánh", "working", 15, {}, {}, 0,
     "Quy chế nội bộ (internal policy)", "", "2015-01-01", None,
     "Luật không quy định thời hạn; cơ quan tự đặt. Sửa bằng cách thêm phiên bản mới."),
]


def seed(DeadlineRule) -> None:  # noqa: N803 - the historical model class from the migration
    import datetime as dt

    for code, title, unit, length, variants, ext, ext_len, law, article, start, end, note in RULES:
        DeadlineRule.objects.update_or_create(
            code=code,
            effective_from=dt.date.fromisoformat(start),
            defaults={
                "title": title,
                "unit": unit,
                "length": length,
                "variants": variants,
                "extensions": ext,
                "extension_length": ext_len,
                "law": law,
                "article": article,
                "effective_to": dt.date.fromisoformat(end) if end else None,
                "note": note,
            },
        )
