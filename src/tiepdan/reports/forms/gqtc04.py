"""Biểu 04/GQTC — Tổng hợp kết quả giải quyết tố cáo (TT 06/2025/TT-TTCP; DOMAIN §2, §5).

Counts the denunciation cases of the units of each row and the petitions linked to them; the denouncers are
never read. Shared definitions (within competence, resolved, on time, handling of conclusions) are in
`resolution.py`; "withdrawn" is the termination (đình chỉ) of a denunciation, mostly after withdrawal.
"""

from __future__ import annotations

from django.db.models import Q

from tiepdan.reports.periods import Period

from .base import MeasuredForm
from .resolution import (
    Flavour,
    bases,
    by_decision,
    col,
    enforcing,
    handled,
    money,
    numbered,
    resolved,
    unresolved,
    withdrawn,
)

FLAVOUR = Flavour(case_type="denunciation", end_actions=("terminate",), enforce_action="handle_conclusion")

G_WITHIN = "Đơn, vụ việc tố cáo thuộc thẩm quyền"
G_RESOLVED = "Vụ việc đã giải quyết"
G_RESULT = "Kết quả giải quyết (số vụ việc)"
G_STATE = "Kiến nghị thu hồi cho Nhà nước"
G_CITIZENS = "Trả lại cho công dân"
G_SANCTION = "Kiến nghị xử lý (người)"
G_INVEST = "Chuyển cơ quan điều tra"
G_TIME = "Thời hạn giải quyết (số vụ việc)"
G_OPEN = "Chưa giải quyết xong (chuyển kỳ sau)"
G_ENFORCE = "Xử lý kết luận nội dung tố cáo"


def _result(*results: str):
    def where(p: Period) -> Q:
        return by_decision(p) & Q(decision__result__in=results)

    return where


DEC = "vụ việc có kết luận nội dung tố cáo ban hành trong kỳ"
DEC_EN = "cases with a conclusion issued in the period"

COLUMNS = numbered([
    col("petitions", "Số đơn", (G_WITHIN,), lambda p: handled(p, "case__"),
        "Đơn gắn với các vụ việc của cột 2", "Petitions linked to the cases of column 2", model="petition"),
    col("cases", "Số vụ việc", (G_WITHIN,), handled,
        "Vụ việc tố cáo đã thụ lý đến hết ngày cuối kỳ, chưa kết luận hoặc đình chỉ trước ngày đầu kỳ",
        "Denunciation cases accepted by the last day and not concluded or terminated before the first day"),
    col("carried_over", "Kỳ trước chuyển sang", (G_WITHIN,), lambda p: handled(p) & Q(accepted_on__lt=p.date_from),
        "Vụ việc của cột 2 thụ lý trước ngày đầu kỳ", "Cases of column 2 accepted before the first day"),
    col("accepted", "Thụ lý trong kỳ", (G_WITHIN,), lambda p: handled(p) & Q(accepted_on__gte=p.date_from),
        "Vụ việc của cột 2 thụ lý trong kỳ", "Cases of column 2 accepted in the period"),
    col("resolved", "Tổng số", (G_RESOLVED,), resolved,
        "Vụ việc của cột 2 có kết luận hoặc bị đình chỉ, ghi ngày trong kỳ",
        "Cases of column 2 concluded or terminated in the period"),
    col("withdrawn", "Đình chỉ (rút tố cáo)", (G_RESOLVED,), withdrawn,
        "Vụ việc của cột 2 bị đình chỉ (bước “đình chỉ”) trong kỳ", "Cases of column 2 terminated in the period"),
    col("by_decision", "Bằng kết luận", (G_RESOLVED,), by_decision, f"Số {DEC}", f"Number of {DEC_EN}"),
    col("right", "Tố cáo đúng", (G_RESULT,), _result("right"),
        f"Các {DEC}, kết quả “đúng”", f"{DEC_EN}, result right"),
    col("partly_right", "Đúng một phần", (G_RESULT,), _result("partly_right"),
        f"Các {DEC}, kết quả “đúng một phần”", f"{DEC_EN}, result partly right"),
    col("untrue", "Tố cáo sai", (G_RESULT,), _result("untrue", "knowingly_false"),
        f"Các {DEC}, kết quả “không đúng” hoặc “cố tình tố cáo sai”",
        f"{DEC_EN}, result untrue or knowingly false"),
    col("knowingly_false", "Trong đó cố tình tố cáo sai", (G_RESULT,), _result("knowingly_false"),
        f"Các {DEC}, kết quả “cố tình tố cáo sai sự thật”", f"{DEC_EN}, result knowingly false"),
    money("money_to_state", "Tiền (đồng)", (G_STATE,), "money_to_state",
          f"Tổng tiền kiến nghị thu hồi cho Nhà nước của các {DEC}",
          f"Sum of money to recover for the State of {DEC_EN}", "money"),
    money("land_to_state", "Đất (m²)", (G_STATE,), "land_to_state_m2",
          f"Tổng diện tích đất thu hồi cho Nhà nước của các {DEC}", f"Sum of land for the State of {DEC_EN}", "area"),
    money("money_to_citizens", "Tiền (đồng)", (G_CITIZENS,), "money_to_citizens",
          f"Tổng tiền trả lại cho công dân của các {DEC}", f"Sum of money returned to citizens of {DEC_EN}", "money"),
    money("land_to_citizens", "Đất (m²)", (G_CITIZENS,), "land_to_citizens_m2",
          f"Tổng diện tích đất trả lại cho công dân của các {DEC}", f"Sum of land returned to citizens of {DEC_EN}",
          "area"),
    money("people_benefited", "Số người được trả lại quyền lợi", (G_CITIZENS,), "people_benefited",
          f"Tổng số người được trả lại quyền lợi của các {DEC}", f"Sum of people whose rights were restored, {DEC_EN}",
          "people"),
    money("people_recommended_sanction", "Kiến nghị xử lý", (G_SANCTION,), "people_recommended_sanction",
          f"Tổng số người kiến nghị xử lý của các {DEC}", f"Sum of people recommended for sanctions, {DEC_EN}",
          "people"),
    money("people_sanctioned", "Đã bị xử lý", (G_SANCTION,), "people_sanctioned",
          f"Tổng số người đã bị xử lý của các {DEC}", f"Sum of people sanctioned, {DEC_EN}", "people"),
    money("transferred_cases", "Số vụ", (G_INVEST,), "transferred_to_investigators",
          f"Tổng số vụ chuyển cơ quan điều tra của các {DEC}", f"Sum of matters sent to investigators, {DEC_EN}",
          "count"),
    money("transferred_people", "Số người", (G_INVEST,), "people_transferred_to_investigators",
          f"Tổng số người chuyển cơ quan điều tra của các {DEC}", f"Sum of people sent to investigators, {DEC_EN}",
          "people"),
    col("on_time", "Đúng hạn", (G_TIME,), lambda p: by_decision(p) & Q(_late=False),
        f"Các {DEC} có ngày ban hành không sau hạn giải quyết (denunciation.resolve, kể cả gia hạn, tạm đình chỉ)",
        f"{DEC_EN} issued on or before the resolution due date (denunciation.resolve, with extensions)"),
    col("overdue", "Quá hạn", (G_TIME,), lambda p: by_decision(p) & Q(_late=True),
        f"Các {DEC} có ngày ban hành sau hạn giải quyết", f"{DEC_EN} issued after the resolution due date"),
    col("unresolved", "Tổng số", (G_OPEN,), unresolved,
        "Vụ việc của cột 2 chưa kết luận hoặc đình chỉ đến hết ngày cuối kỳ",
        "Cases of column 2 neither concluded nor terminated by the last day"),
    col("unresolved_overdue", "Trong đó quá hạn", (G_OPEN,),
        lambda p: unresolved(p) & Q(_late_at_end=True),
        "Vụ việc của cột 23 có hạn giải quyết trước ngày cuối kỳ", "Cases of column 23 due before the last day"),
    col("enforce_total", "Kết luận phải xử lý", (G_ENFORCE,), enforcing,
        "Vụ việc có bước “xử lý kết luận” đến hết ngày cuối kỳ, chưa kết thúc trước ngày đầu kỳ",
        "Cases with the handle-conclusion step by the last day, not closed before the first day"),
    col("enforced", "Đã xử lý xong", (G_ENFORCE,), lambda p: enforcing(p) & Q(_done_on__lte=p.date_to),
        "Vụ việc của cột 25 kết thúc (bước “kết thúc”) trong kỳ", "Cases of column 25 closed in the period"),
])  # fmt: skip


class Form04GQTC(MeasuredForm):
    code = "04/GQTC"
    title = "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT TỐ CÁO"
    legal_source = "Biểu số 04/GQTC, Thông tư 06/2025/TT-TTCP (chưa đối chiếu văn bản gốc)"
    columns = COLUMNS
    bases = bases(FLAVOUR)


FORM = Form04GQTC()
