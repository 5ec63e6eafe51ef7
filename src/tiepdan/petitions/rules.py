"""Pure rules of petition handling (no ORM): closed lists from the law and the outcome guards."""

from __future__ import annotations

from dataclasses import dataclass

TT05 = "Thông tư 05/2021/TT-TTCP"
LAW_COMPLAINTS = "Luật Khiếu nại số 02/2011/QH13"
LAW_DENUNCIATIONS = "Luật Tố cáo số 25/2018/QH14"


@dataclass(frozen=True)
class Ground:
    code: str
    text: str
    source: str


# Law on Complaints 02/2011/QH13, Art 11: the closed list of grounds for not accepting a complaint.
COMPLAINT_REJECTION_GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in [
        Ground("art11.1", "Quyết định hành chính, hành vi hành chính trong nội bộ cơ quan nhà nước để chỉ đạo, "
               "tổ chức thực hiện nhiệm vụ; quyết định quy phạm; quyết định thuộc bí mật nhà nước", "khoản 1 Điều 11"),
        Ground("art11.2", "Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp pháp "
               "của người khiếu nại", "khoản 2 Điều 11"),
        Ground("art11.3", "Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện "
               "hợp pháp", "khoản 3 Điều 11"),
        Ground("art11.4", "Người đại diện không hợp pháp thực hiện khiếu nại", "khoản 4 Điều 11"),
        Ground("art11.5", "Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại", "khoản 5 Điều 11"),
        Ground("art11.6", "Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng", "khoản 6 Điều 11"),
        Ground("art11.7", "Khiếu nại đã có quyết định giải quyết khiếu nại lần hai", "khoản 7 Điều 11"),
        Ground("art11.8", "Có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người khiếu nại "
               "không tiếp tục khiếu nại", "khoản 8 Điều 11"),
        Ground("art11.9", "Việc khiếu nại đã được Tòa án thụ lý hoặc đã có bản án, quyết định của Tòa án",
               "khoản 9 Điều 11"),
    ]
}  # fmt: skip


# TT 05/2021, Art 6–7: a petition is processed only when these hold (DOMAIN §4 "eligibility").
ELIGIBILITY_CONDITIONS: dict[str, str] = {
    "vietnamese": "Đơn viết bằng tiếng Việt",
    "dated": "Đơn ghi rõ ngày, tháng, năm viết đơn",
    "named": "Đơn ghi rõ họ tên, địa chỉ của người viết đơn",
    "signed": "Đơn có chữ ký hoặc điểm chỉ của người viết đơn",
    "clear": "Nội dung đơn rõ ràng, cụ thể, có cơ sở để xử lý",
    "not_processed": "Đơn chưa được cơ quan, người có thẩm quyền xử lý theo quy định, hoặc có tình tiết mới",
}


ARCHIVE_REASONS = ("duplicate", "no_new_facts", "already_guided", "anonymous", "other")


class RuleViolation(Exception):
    """A guard refused an outcome; the message is Vietnamese and shown as is."""


def processing_rule(petition_type: str) -> str:
    """The lawcal rule of the processing limit (DOMAIN §8): 7 wd for denunciations, 10 wd otherwise."""
    return "denunciation.process" if petition_type == "denunciation" else "petition.process"


def processing_flags(*, petition_type: str, multi_site: bool) -> list[str]:
    # Law on Denunciations Art 24(1): 10 working days when verification is needed at several places.
    return ["multi_site"] if petition_type == "denunciation" and multi_site else []


def acceptance_rule(petition_type: str) -> str | None:
    """The follow-up limit after a proposal to accept: acceptance of a complaint, resolution of a rec/feedback.

    Denunciations have no separate acceptance limit in DOMAIN §8 beyond the processing one, so the
    proposal is followed by `denunciation.process` itself (already running).
    """
    return {"complaint": "complaint.accept", "rec_feedback": "rec_feedback.resolve"}.get(petition_type)


def check_outcome(
    *,
    outcome: str,
    petition_type: str,
    status: str,
    eligible: bool | None,
    within_competence: bool | None,
    ground: str = "",
    already_guided: bool = False,
    already_transferred: bool = False,
) -> None:
    """Raise RuleViolation when the outcome is not allowed for a petition in this state.

    The arguments are plain values so the legal guards can be tested alone.
    """
    if status == "processed":
        raise RuleViolation("Đơn này đã được xử lý; không thể chọn thêm một kết quả xử lý khác.")
    if status == "split":
        raise RuleViolation("Đơn này đã được tách thành các đơn theo từng loại; hãy xử lý các đơn đã tách.")
    if outcome == "archive":
        if ground not in ARCHIVE_REASONS:
            raise RuleViolation("Hãy chọn lý do lưu đơn trong danh sách.")
        return
    if status != "classified":
        raise RuleViolation("Đơn chưa được phân loại (loại đơn, lĩnh vực, điều kiện xử lý, thẩm quyền).")
    if outcome == "reject_acceptance":
        if petition_type != "complaint":
            raise RuleViolation("Thông báo không thụ lý theo Điều 11 Luật Khiếu nại chỉ dùng cho đơn khiếu nại.")
        if ground not in COMPLAINT_REJECTION_GROUNDS:
            raise RuleViolation("Hãy chọn một căn cứ không thụ lý trong danh sách của Điều 11 Luật Khiếu nại.")
        if within_competence is False:
            raise RuleViolation("Đơn không thuộc thẩm quyền: hãy hướng dẫn hoặc chuyển đơn thay vì không thụ lý.")
        return
    if outcome == "propose_acceptance":
        if not eligible:
            raise RuleViolation("Đơn chưa đủ điều kiện xử lý nên không thể đề xuất thụ lý.")
        if not within_competence:
            raise RuleViolation("Đơn không thuộc thẩm quyền của đơn vị nên không thể đề xuất thụ lý.")
        return
    if outcome in ("guide", "transfer", "transfer_party"):
        if within_competence:
            raise RuleViolation("Đơn thuộc thẩm quyền của đơn vị: hãy đề xuất thụ lý hoặc thông báo không thụ lý.")
        if outcome == "guide" and already_guided:
            raise RuleViolation("Nội dung này đã được hướng dẫn một lần; theo Thông tư 05/2021 chỉ hướng dẫn "
                                "một lần, đơn sau được lưu.")  # fmt: skip
        if outcome == "transfer" and petition_type == "denunciation" and already_transferred:
            raise RuleViolation("Đơn tố cáo có cùng nội dung đã được chuyển một lần; không chuyển lại.")
        return
    if outcome == "urge":
        if within_competence:
            raise RuleViolation("Chỉ đôn đốc khi vụ việc thuộc thẩm quyền của cơ quan cấp dưới.")
        return
    raise RuleViolation("Kết quả xử lý không hợp lệ.")
