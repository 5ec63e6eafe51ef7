"""The statistical code list of subject fields (lĩnh vực), DOMAIN §10, as data.

Codes are dotted paths (the parent's code is the prefix). Version "TT06/2025": the fields used by the report
forms of TT 06/2025/TT-TTCP. The recommendation/feedback list is our own (the law gives none).
"""

from __future__ import annotations

import datetime as dt

LIST_VERSION = "TT06/2025"
VALID_FROM = dt.date(2014, 1, 1)  # also used for the historical petitions the system holds (2014–)
SOURCE = "Danh mục lĩnh vực theo các biểu báo cáo Thông tư 06/2025/TT-TTCP (chưa đối chiếu văn bản gốc)"
SOURCE_INTERNAL = "Danh mục nội bộ (pháp luật không quy định lĩnh vực kiến nghị, phản ánh)"

# (code, name) in display order, per petition type.
SUBJECT_FIELDS: dict[str, list[tuple[str, str]]] = {
    "complaint": [
        ("KN.HC", "Hành chính"),
        ("KN.HC.CS", "Chế độ, chính sách"),
        ("KN.HC.DD", "Đất đai, nhà cửa"),
        ("KN.HC.DD.TC", "Tranh chấp đất đai, nhà cửa"),
        ("KN.HC.DD.TH", "Thu hồi đất"),
        ("KN.HC.DD.BT", "Bồi thường, hỗ trợ, tái định cư, giải phóng mặt bằng"),
        ("KN.HC.DD.K", "Đất đai, nhà cửa khác"),
        ("KN.HC.K", "Hành chính khác"),
        ("KN.TP", "Tư pháp"),
        ("KN.DANG", "Đảng, đoàn thể"),
        ("KN.K", "Lĩnh vực khác"),
    ],
    "denunciation": [
        ("TC.HC", "Hành chính"),
        ("TC.HC.CS", "Chế độ, chính sách"),
        ("TC.HC.DD", "Đất đai, nhà cửa"),
        ("TC.HC.CC", "Công chức, công vụ"),
        ("TC.HC.K", "Hành chính khác"),
        ("TC.TN", "Tham nhũng"),
        ("TC.TP", "Tư pháp"),
        ("TC.DANG", "Đảng, đoàn thể"),
        ("TC.K", "Lĩnh vực khác"),
    ],
    "rec_feedback": [
        ("KNPA.CS", "Chế độ, chính sách"),
        ("KNPA.DD", "Đất đai, nhà cửa, xây dựng"),
        ("KNPA.MT", "Môi trường, hạ tầng, dịch vụ công"),
        ("KNPA.HC", "Thủ tục hành chính, thái độ phục vụ"),
        ("KNPA.K", "Lĩnh vực khác"),
    ],
}


def seed_subject_fields(SubjectField) -> int:
    created = 0
    for petition_type, entries in SUBJECT_FIELDS.items():
        by_code: dict[str | None, object] = {}
        for order, (code, name) in enumerate(entries, start=1):
            parent_code = code.rsplit(".", 1)[0] if code.count(".") > 1 else None
            entry, made = SubjectField.objects.get_or_create(
                code=code,
                applies_to=petition_type,
                valid_from=VALID_FROM,
                defaults={
                    "name": name,
                    "parent": by_code.get(parent_code),
                    "sort_order": order,
                    "list_version": LIST_VERSION,
                    "legal_source": SOURCE_INTERNAL if petition_type == "rec_feedback" else SOURCE,
                },
            )
            by_code[code] = entry
            created += made
    return created
