"""Biểu 03/GQKN — Tổng hợp kết quả giải quyết khiếu nại (TT 06/2025/TT-TTCP; DOMAIN §1, §5).

Counts the complaint cases of the units of each row (the case's unit is the one resolving it: the first-round
body, or the superior body for a second-round case) and the petitions linked to them. Shared definitions
(within competence, resolved, on time, enforcement) are in `resolution.py`.
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

FLAVOUR = Flavour(case_type="complaint", end_actions=("withdraw",), enforce_action="become_effective")

G_WITHIN = "Đơn, vụ việc khiếu nại thuộc thẩm quyền"
G_RESOLVED = "Vụ việc đã giải quyết"
G_FIRST = "Kết quả giải quyết lần đầu (số vụ việc)"
G_SECOND = "Giải quyết lần hai (số vụ việc)"
G_STATE = "Kiến nghị thu hồi cho Nhà nước"
G_CITIZENS = "Trả lại cho công dân"
G_SANCTION = "Kiến nghị xử lý hành chính (người)"
G_INVEST = "Chuyển cơ quan điều tra"
G_TIME = "Thời hạn giải quyết (số vụ việc)"
G_OPEN = "Chưa giải quyết xong (chuyển kỳ sau)"
G_ENFORCE = "Thi hành quyết định giải quyết khiếu nại"


def _round(n: int, result: str | None = None, outcomes: tuple[str, ...] = ()):
    def where(p: Period) -> Q:
        q = by_decision(p) & Q(round=n)
        if result:
            q &= Q(decision__result=result)
        if outcomes:
            q &= Q(decision__first_round_outcome__in=outcomes)
        return q

    return where


DEC = "vụ việc có quyết định giải quyết ban hành trong kỳ (không tính rút khiếu nại)"
DEC_EN = "cases with a decision issued in the period (withdrawals excluded)"

COLUMNS = numbered([
    col("petitions", "Số đơn", (G_WITHIN,), lambda p: handled(p, "case__"),
        "Đơn gắn với các vụ việc của cột 2", "Petitions linked to the cases of column 2", model="petition"),
    col("cases", "Số vụ việc", (G_WITHIN,), handled,
        "Vụ việc khiếu nại đã thụ lý đến hết ngày cuối kỳ, chưa giải quyết xong (quyết định hoặc rút) trước ngày "
        "đầu kỳ", "Complaint cases accepted by the last day and not resolved (decision or withdrawal) before the "
        "first day"),
    col("carried_over", "Kỳ trước chuyển sang", (G_WITHIN,), lambda p: handled(p) & Q(accepted_on__lt=p.date_from),
        "Vụ việc của cột 2 thụ lý trước ngày đầu kỳ", "Cases of column 2 accepted before the first day"),
    col("accepted", "Thụ lý trong kỳ", (G_WITHIN,), lambda p: handled(p) & Q(accepted_on__gte=p.date_from),
        "Vụ việc của cột 2 thụ lý trong kỳ", "Cases of column 2 accepted in the period"),
    col("resolved", "Tổng số", (G_RESOLVED,), resolved,
        "Vụ việc của cột 2 có quyết định giải quyết hoặc đình chỉ do rút khiếu nại ghi ngày trong kỳ",
        "Cases of column 2 with a decision, or terminated after withdrawal, dated in the period"),
    col("withdrawn", "Rút khiếu nại", (G_RESOLVED,), withdrawn,
        "Vụ việc đình chỉ do rút khiếu nại (bước “rút khiếu nại” hoặc quyết định kết quả “rút”) trong kỳ",
        "Cases terminated after withdrawal (the withdraw step, or a decision with result withdrawn) in the period"),
    col("by_decision", "Bằng quyết định giải quyết", (G_RESOLVED,), by_decision, f"Số {DEC}", f"Number of {DEC_EN}"),
    col("first_right", "Khiếu nại đúng", (G_FIRST,), _round(1, "right"),
        f"Lần đầu: {DEC}, kết quả “đúng”", f"First round: {DEC_EN}, result right"),
    col("first_partly", "Đúng một phần", (G_FIRST,), _round(1, "partly_right"),
        f"Lần đầu: {DEC}, kết quả “đúng một phần”", f"First round: {DEC_EN}, result partly right"),
    col("first_wrong", "Khiếu nại sai", (G_FIRST,), _round(1, "wrong"),
        f"Lần đầu: {DEC}, kết quả “sai”", f"First round: {DEC_EN}, result wrong"),
    col("second_upheld", "Công nhận quyết định lần đầu", (G_SECOND,), _round(2, outcomes=("upheld",)),
        f"Lần hai: {DEC}, công nhận quyết định lần đầu", f"Second round: {DEC_EN}, first decision upheld"),
    col("second_overturned", "Hủy, sửa quyết định lần đầu", (G_SECOND,),
        _round(2, outcomes=("overturned", "partly")),
        f"Lần hai: {DEC}, hủy bỏ hoặc sửa đổi (toàn bộ, một phần) quyết định lần đầu",
        f"Second round: {DEC_EN}, first decision overturned or partly amended"),
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
          f"Tổng số người kiến nghị xử lý hành chính của các {DEC}",
          f"Sum of people recommended for sanctions, {DEC_EN}", "people"),
    money("people_sanctioned", "Đã bị xử lý", (G_SANCTION,), "people_sanctioned",
          f"Tổng số người đã bị xử lý của các {DEC}", f"Sum of people sanctioned, {DEC_EN}", "people"),
    money("transferred_cases", "Số vụ", (G_INVEST,), "transferred_to_investigators",
          f"Tổng số vụ chuyển cơ quan điều tra của các {DEC}", f"Sum of matters sent to investigators, {DEC_EN}",
          "count"),
    money("transferred_people", "Số người", (G_INVEST,), "people_transferred_to_investigators",
          f"Tổng số người chuyển cơ quan điều tra của các {DEC}", f"Sum of people sent to investigators, {DEC_EN}",
          "people"),
    col("on_time", "Đúng hạn", (G_TIME,), lambda p: by_decision(p) & Q(_late=False),
        f"Các {DEC} có ngày ban hành không sau hạn giải quyết (thời hạn *.resolve, kể cả gia hạn, tạm đình chỉ)",
        f"{DEC_EN} issued on or before the resolution due date (*.resolve, with extensions and suspensions)"),
    col("overdue", "Quá hạn", (G_TIME,), lambda p: by_decision(p) & Q(_late=True),
        f"Các {DEC} có ngày ban hành sau hạn giải quyết", f"{DEC_EN} issued after the resolution due date"),
    col("unresolved", "Tổng số", (G_OPEN,), unresolved,
        "Vụ việc của cột 2 chưa có quyết định hoặc đình chỉ đến hết ngày cuối kỳ",
        "Cases of column 2 neither decided nor terminated by the last day"),
    col("unresolved_overdue", "Trong đó quá hạn", (G_OPEN,),
        lambda p: unresolved(p) & Q(_late_at_end=True),
        "Vụ việc của cột 24 có hạn giải quyết trước ngày cuối kỳ", "Cases of column 24 due before the last day"),
    col("enforce_total", "Quyết định phải thi hành", (G_ENFORCE,), enforcing,
        "Vụ việc có quyết định có hiệu lực (bước “quyết định có hiệu lực”) đến hết ngày cuối kỳ, chưa kết thúc trước "
        "ngày đầu kỳ", "Cases whose decision became effective by the last day, not closed before the first day"),
    col("enforced", "Đã thi hành xong", (G_ENFORCE,),
        lambda p: enforcing(p) & Q(_done_on__lte=p.date_to),
        "Vụ việc của cột 26 kết thúc (bước “kết thúc”) trong kỳ", "Cases of column 26 closed in the period"),
])  # fmt: skip


class Form03GQKN(MeasuredForm):
    code = "03/GQKN"
    title = "TỔNG HỢP KẾT QUẢ GIẢI QUYẾT KHIẾU NẠI"
    legal_source = "Biểu số 03/GQKN, Thông tư 06/2025/TT-TTCP (chưa đối chiếu văn bản gốc)"
    columns = COLUMNS
    bases = bases(FLAVOUR)


FORM = Form03GQKN()
