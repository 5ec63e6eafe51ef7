"""Biểu 02/XLD — Tổng hợp kết quả tiếp nhận, xử lý đơn (TT 06/2025/TT-TTCP; DOMAIN §4–§5).

Counts petitions (đơn) received by the units of each row; split (mixed) petitions are replaced by their parts.
A petition is in the period's workload when it was received on or before the last day and not processed before
the first day. "Processed" = its handling outcome (TT 05/2021) dated in the period; the classification figures
are of the processed petitions that were eligible (đủ điều kiện xử lý).
"""

from __future__ import annotations

from django.db.models import Q

from tiepdan.petitions.models import Outcome, Petition, PetitionStatus, PetitionType, ResolutionStatus
from tiepdan.reports.periods import Period

from .base import Base, Column, Measure, MeasuredForm

G_TOTAL = "Tổng số đơn"
G_PROCESSED = "Kết quả xử lý đơn"
G_CONTENT = "Phân loại đơn đủ điều kiện xử lý theo nội dung"
G_STATUS = "Phân loại đơn đủ điều kiện xử lý theo tình trạng giải quyết"
G_FIELD = "Phân loại đơn khiếu nại, tố cáo đủ điều kiện xử lý theo lĩnh vực"
G_WITHIN = "Đơn thuộc thẩm quyền"
G_OUTSIDE = "Đơn không thuộc thẩm quyền"


def population(p: Period) -> Q:
    return (
        ~Q(status=PetitionStatus.SPLIT)
        & Q(received_on__lte=p.date_to)
        & (Q(outcome_on__isnull=True) | Q(outcome_on__gte=p.date_from))
    )


def carried(p: Period) -> Q:
    return Q(received_on__lt=p.date_from)


def received(p: Period) -> Q:
    return Q(received_on__gte=p.date_from)


def processed(p: Period) -> Q:
    return Q(outcome_on__isnull=False, outcome_on__gte=p.date_from, outcome_on__lte=p.date_to) & ~Q(outcome="")


def eligible(p: Period) -> Q:
    return processed(p) & Q(eligible=True)


def field_q(*prefixes: str) -> Q:
    q = Q(pk__in=[])
    for prefix in prefixes:
        q |= Q(subject_field__code=prefix) | Q(subject_field__code__startswith=f"{prefix}.")
    return q


def _c(key: str, label: str, number: int, group: tuple[str, ...], where, rule: str, rule_en: str,
       agg: str = "count") -> Column:  # fmt: skip
    return Column(key=key, label=label, number=number, group=group, rule=rule, rule_en=rule_en,
                  measure=Measure("petition", where, agg))  # fmt: skip


def _type(t: str):
    return lambda p: eligible(p) & Q(type=t)


def _status(*statuses: str):
    return lambda p: eligible(p) & Q(resolution_status__in=statuses)


def _field(*prefixes: str):
    return lambda p: eligible(p) & Q(type__in=[PetitionType.COMPLAINT, PetitionType.DENUNCIATION]) & field_q(*prefixes)


def _within(t: str):
    return lambda p: eligible(p) & Q(within_competence=True, type=t)


def _outcome(*outcomes: str):
    return lambda p: processed(p) & Q(outcome__in=outcomes)


ELIGIBLE_RULE = "đã xử lý trong kỳ, đủ điều kiện xử lý"
ELIGIBLE_EN = "processed in the period and eligible"

COLUMNS: list[Column] = [
    _c("total", "Tổng số", 1, (G_TOTAL,), population,
       "Đơn nhận đến hết ngày cuối kỳ, chưa xử lý xong trước ngày đầu kỳ (không tính đơn hỗn hợp đã tách)",
       "Petitions received by the last day and not processed before the first day (split mixed petitions "
       "excluded; their parts count)"),
    _c("carried_over", "Kỳ trước chuyển sang", 2, (G_TOTAL,), carried,
       "Trong đó: nhận trước ngày đầu kỳ", "Of which received before the first day"),
    _c("received", "Tiếp nhận trong kỳ", 3, (G_TOTAL,), received,
       "Trong đó: nhận từ ngày đầu đến ngày cuối kỳ", "Of which received within the period"),
    _c("processed", "Đã xử lý", 4, (G_PROCESSED,), processed,
       "Có kết quả xử lý (đề xuất thụ lý, không thụ lý, hướng dẫn, chuyển, đôn đốc, chuyển tổ chức Đảng, lưu) "
       "ghi ngày trong kỳ", "A handling outcome dated within the period"),
    _c("eligible", "Đơn đủ điều kiện xử lý", 5, (G_PROCESSED,), eligible,
       f"Đơn {ELIGIBLE_RULE}", f"Petitions {ELIGIBLE_EN}"),
    _c("eligible_cases", "Số vụ việc đủ điều kiện xử lý", 6, (G_PROCESSED,), eligible,
       "Số vụ việc khác nhau của các đơn ở cột 5 (nhiều đơn cùng một vụ việc tính một)",
       "Distinct cases of the petitions of column 5 (many letters on one matter count once)", agg="cases"),
    _c("unprocessed", "Chưa xử lý (chuyển kỳ sau)", 7, (G_PROCESSED,),
       lambda p: Q(outcome_on__isnull=True) | Q(outcome_on__gt=p.date_to) | Q(outcome=""),
       "Đơn của cột 1 chưa có kết quả xử lý đến hết ngày cuối kỳ",
       "Petitions of column 1 without an outcome by the last day"),
    _c("archived", "Lưu đơn, không thụ lý", 8, (G_PROCESSED,),
       _outcome(Outcome.ARCHIVE, Outcome.REJECT_ACCEPTANCE),
       "Đơn có kết quả xử lý “lưu đơn” hoặc “thông báo không thụ lý” ghi ngày trong kỳ",
       "Outcome “archive” or “notice of non-acceptance” dated within the period"),
    _c("content_complaint", "Khiếu nại", 9, (G_CONTENT,), _type(PetitionType.COMPLAINT),
       f"Đơn khiếu nại {ELIGIBLE_RULE}", f"Complaint petitions {ELIGIBLE_EN}"),
    _c("content_denunciation", "Tố cáo", 10, (G_CONTENT,), _type(PetitionType.DENUNCIATION),
       f"Đơn tố cáo {ELIGIBLE_RULE}", f"Denunciation petitions {ELIGIBLE_EN}"),
    _c("content_rec_feedback", "Kiến nghị, phản ánh", 11, (G_CONTENT,), _type(PetitionType.REC_FEEDBACK),
       f"Đơn kiến nghị, phản ánh {ELIGIBLE_RULE}", f"Recommendation/feedback petitions {ELIGIBLE_EN}"),
    _c("status_unresolved", "Chưa được giải quyết", 12, (G_STATUS,), _status(ResolutionStatus.UNRESOLVED),
       f"Đơn {ELIGIBLE_RULE}, tình trạng “chưa được giải quyết”", f"Petitions {ELIGIBLE_EN}, matter unresolved"),
    _c("status_first_round", "Đã giải quyết lần đầu", 13, (G_STATUS,), _status(ResolutionStatus.FIRST_ROUND_DONE),
       f"Đơn {ELIGIBLE_RULE}, tình trạng “đã giải quyết lần đầu”", f"Petitions {ELIGIBLE_EN}, first round done"),
    _c("status_final", "Đã giải quyết nhiều lần (lần hai, tố cáo tiếp)", 14, (G_STATUS,),
       _status(ResolutionStatus.SECOND_ROUND_DONE, ResolutionStatus.FURTHER_DENUNCIATION),
       f"Đơn {ELIGIBLE_RULE}, tình trạng “đã giải quyết lần hai” hoặc “tố cáo tiếp”",
       f"Petitions {ELIGIBLE_EN}, second round done or further denunciation"),
    _c("status_court", "Tòa án đã thụ lý, giải quyết", 15, (G_STATUS,), _status(ResolutionStatus.COURT),
       f"Đơn {ELIGIBLE_RULE}, tình trạng “tòa án đã thụ lý hoặc giải quyết”",
       f"Petitions {ELIGIBLE_EN}, a court has accepted or decided"),
    _c("field_policy", "Chế độ, chính sách", 16, (G_FIELD, "Hành chính"), _field("KN.HC.CS", "TC.HC.CS"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.HC.CS hoặc TC.HC.CS (và mục con)",
       "Complaints/denunciations of column 5 with field KN.HC.CS or TC.HC.CS (and below)"),
    _c("field_land", "Đất đai, nhà cửa", 17, (G_FIELD, "Hành chính"), _field("KN.HC.DD", "TC.HC.DD"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.HC.DD hoặc TC.HC.DD (và mục con)",
       "Complaints/denunciations of column 5 with field KN.HC.DD or TC.HC.DD (and below)"),
    _c("field_civil_service", "Công chức, công vụ", 18, (G_FIELD, "Hành chính"), _field("TC.HC.CC"),
       "Đơn tố cáo của cột 5 có lĩnh vực TC.HC.CC", "Denunciations of column 5 with field TC.HC.CC"),
    _c("field_admin_other", "Hành chính khác", 19, (G_FIELD, "Hành chính"), _field("KN.HC.K", "TC.HC.K"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.HC.K hoặc TC.HC.K",
       "Complaints/denunciations of column 5 with field KN.HC.K or TC.HC.K"),
    _c("field_corruption", "Tham nhũng", 20, (G_FIELD,), _field("TC.TN"),
       "Đơn tố cáo của cột 5 có lĩnh vực TC.TN", "Denunciations of column 5 with field TC.TN"),
    _c("field_judicial", "Tư pháp", 21, (G_FIELD,), _field("KN.TP", "TC.TP"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.TP hoặc TC.TP",
       "Complaints/denunciations of column 5 with field KN.TP or TC.TP"),
    _c("field_party", "Đảng, đoàn thể", 22, (G_FIELD,), _field("KN.DANG", "TC.DANG"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.DANG hoặc TC.DANG",
       "Complaints/denunciations of column 5 with field KN.DANG or TC.DANG"),
    _c("field_other", "Lĩnh vực khác", 23, (G_FIELD,), _field("KN.K", "TC.K"),
       "Đơn khiếu nại, tố cáo của cột 5 có lĩnh vực KN.K hoặc TC.K",
       "Complaints/denunciations of column 5 with field KN.K or TC.K"),
    _c("within_complaint", "Khiếu nại", 24, (G_WITHIN, "Số đơn"), _within(PetitionType.COMPLAINT),
       f"Đơn khiếu nại {ELIGIBLE_RULE}, thuộc thẩm quyền", f"Complaint petitions {ELIGIBLE_EN}, within competence"),
    _c("within_denunciation", "Tố cáo", 25, (G_WITHIN, "Số đơn"), _within(PetitionType.DENUNCIATION),
       f"Đơn tố cáo {ELIGIBLE_RULE}, thuộc thẩm quyền", f"Denunciation petitions {ELIGIBLE_EN}, within competence"),
    _c("within_rec_feedback", "Kiến nghị, phản ánh", 26, (G_WITHIN, "Số đơn"), _within(PetitionType.REC_FEEDBACK),
       f"Đơn kiến nghị, phản ánh {ELIGIBLE_RULE}, thuộc thẩm quyền",
       f"Recommendation/feedback petitions {ELIGIBLE_EN}, within competence"),
    _c("within_complaint_cases", "Khiếu nại", 27, (G_WITHIN, "Số vụ việc"), _within(PetitionType.COMPLAINT),
       "Số vụ việc khác nhau của các đơn ở cột 24", "Distinct cases of the petitions of column 24", agg="cases"),
    _c("within_denunciation_cases", "Tố cáo", 28, (G_WITHIN, "Số vụ việc"), _within(PetitionType.DENUNCIATION),
       "Số vụ việc khác nhau của các đơn ở cột 25", "Distinct cases of the petitions of column 25", agg="cases"),
    _c("within_rec_feedback_cases", "Kiến nghị, phản ánh", 29, (G_WITHIN, "Số vụ việc"),
       _within(PetitionType.REC_FEEDBACK),
       "Số vụ việc khác nhau của các đơn ở cột 26", "Distinct cases of the petitions of column 26", agg="cases"),
    _c("guided", "Hướng dẫn", 30, (G_OUTSIDE,), _outcome(Outcome.GUIDE),
       "Đơn có kết quả xử lý “hướng dẫn” ghi ngày trong kỳ", "Outcome “guide” dated within the period"),
    _c("transferred", "Chuyển đơn", 31, (G_OUTSIDE,), _outcome(Outcome.TRANSFER, Outcome.TRANSFER_PARTY),
       "Đơn có kết quả xử lý “chuyển đơn” hoặc “chuyển tổ chức Đảng” ghi ngày trong kỳ",
       "Outcome “transfer” or “transfer to a Party body” dated within the period"),
    _c("urged", "Đôn đốc giải quyết", 32, (G_OUTSIDE,), _outcome(Outcome.URGE),
       "Đơn có kết quả xử lý “đôn đốc” ghi ngày trong kỳ", "Outcome “urge” dated within the period"),
]  # fmt: skip


class Form02XLD(MeasuredForm):
    code = "02/XLD"
    title = "TỔNG HỢP KẾT QUẢ TIẾP NHẬN, XỬ LÝ ĐƠN"
    legal_source = "Biểu số 02/XLD, Thông tư 06/2025/TT-TTCP (chưa đối chiếu văn bản gốc)"
    columns = COLUMNS
    bases = {
        "petition": Base(
            queryset=lambda: Petition.objects.all(),
            unit_field="unit_id",
            population=population,
        ),
    }


FORM = Form02XLD()
