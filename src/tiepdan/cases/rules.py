"""The statutory steps of resolving a case, as data (no ORM): states, transitions, and the time limits each
step starts or stops. DOMAIN §1 (complaints), §2 (denunciations), §8 (time limits).

A transition is (action, from-states, to-state). `suspend` and `resume` are handled apart: a suspended case
remembers the state it left and goes back to it, with the remaining time (lawcal suspension).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_noop as _  # marks labels for the catalogue; values stay Vietnamese

COMPLAINT = "complaint"
DENUNCIATION = "denunciation"
REC_FEEDBACK = "rec_feedback"

# State → Vietnamese label (marked for the English catalogue; pages show it through gettext).
# A comment says what the state means in the law.
STATE_LABELS: dict[str, str] = {
    "pending_acceptance": _("Chờ thụ lý"),  # proposed for acceptance (Mẫu 01), acceptance not yet decided
    "accepted": _("Đã thụ lý"),  # acceptance decided and notified (KN Art 27, 36; TC Art 29)
    "refused": _("Không thụ lý"),  # refused with a ground (KN Art 11; TC Art 29 conditions not met)
    "verification": _("Đang xác minh"),  # verifier or team assigned, plan, evidence (KN Art 29; TC Art 31)
    "dialogue": _("Đối thoại"),  # complaint dialogue held (KN Art 30, 39)
    "decided": _("Đã ban hành quyết định"),  # complaint decision issued (KN Art 31, 40)
    "decision_sent": _("Đã gửi quyết định"),  # sent to the parties (KN Art 32, 41)
    "appealed": _("Bị khiếu nại lần hai"),  # a first-round decision complained again at the superior
    "effective": _("Quyết định có hiệu lực"),  # not appealed in time (KN Art 44)
    "enforcement": _("Đang tổ chức thi hành"),  # enforcement of the decision (KN Art 45–46)
    "concluded": _("Đã kết luận"),  # denunciation conclusion issued (TC Art 35)
    "conclusion_sent": _("Đã gửi kết luận"),  # sent to the denounced party and notified to the denouncer
    "handling": _("Xử lý kết luận"),  # measures decided on the conclusion (TC Art 36)
    "published": _("Đã công khai"),  # conclusion published without the denouncer (TC Art 40)
    "further_review": _("Xem xét tố cáo tiếp"),  # a further denunciation at the superior, 20 days to decide (TC Art 37)
    "considered": _("Đã xem xét"),  # recommendation/feedback examined
    "answered": _("Đã trả lời"),  # answer sent to the citizen
    "suspended": _("Tạm đình chỉ"),  # clock stopped (Law on Denunciations Art 34; Law on Complaints as amended 2025)
    "terminated": _("Đình chỉ"),  # withdrawal and the other grounds of termination
    "closed": _("Kết thúc"),  # nothing left to do
}

TERMINAL = frozenset({"refused", "terminated", "closed"})
# Being resolved: any state of the workflow but not started, refused, terminated or closed (cases.backlog, the
# dashboard); listed rather than excluded so that an index on `state`, or one made for these states, serves it.
OPEN_STATES = tuple(sorted(set(STATE_LABELS) - {"", *TERMINAL}))


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str
    legal_basis: str
    # Time limits this step starts (lawcal rule codes; "{round}" is replaced by first/second) and stops.
    starts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    rounds: frozenset[int] = field(default_factory=lambda: frozenset({1, 2}))


def _t(action: str, label: str, sources: set[str], target: str, basis: str, **kw: object) -> Transition:
    return Transition(action, label, frozenset(sources), target, basis, **kw)  # type: ignore[arg-type]


ACTIVE_COMPLAINT = {"accepted", "verification", "dialogue", "decided"}
ACTIVE_DENUNCIATION = {"accepted", "verification", "concluded"}
# A further denunciation is possible once a conclusion exists, or when the limit passed unresolved (TC Art 37).
CONCLUDED_DENUNCIATION = frozenset({"concluded", "conclusion_sent", "handling", "published", "closed"})
UNRESOLVED_DENUNCIATION = frozenset({"accepted", "verification", "suspended"})

WORKFLOWS: dict[str, list[Transition]] = {
    COMPLAINT: [
        _t("accept", _("Thụ lý"), {"pending_acceptance"}, "accepted", "Luật Khiếu nại Điều 27, 36",
           starts=("complaint.{round}.resolve",), stops=("complaint.accept",)),
        _t("refuse", _("Không thụ lý"), {"pending_acceptance"}, "refused", "Luật Khiếu nại Điều 11",
           stops=("complaint.accept",)),
        _t("start_verification", _("Xác minh"), {"accepted"}, "verification", "Luật Khiếu nại Điều 29, 38"),
        _t("hold_dialogue", _("Đối thoại"), {"verification"}, "dialogue", "Luật Khiếu nại Điều 30, 39"),
        _t("issue_decision", _("Ban hành quyết định"), {"verification", "dialogue"}, "decided",
           "Luật Khiếu nại Điều 31, 40", starts=("complaint.{round}.send",), stops=("complaint.{round}.resolve",)),
        _t("send_decision", _("Gửi quyết định"), {"decided"}, "decision_sent", "Luật Khiếu nại Điều 32, 41",
           starts=("complaint.effective",), stops=("complaint.{round}.send",)),
        _t("record_appeal", _("Ghi nhận khiếu nại lần hai"), {"decision_sent"}, "appealed", "Luật Khiếu nại Điều 33",
           stops=("complaint.effective",), rounds=frozenset({1})),
        _t("become_effective", _("Quyết định có hiệu lực"), {"decision_sent"}, "effective", "Luật Khiếu nại Điều 44",
           stops=("complaint.effective",)),
        _t("start_enforcement", _("Tổ chức thi hành"), {"effective"}, "enforcement", "Luật Khiếu nại Điều 45, 46"),
        _t("close", _("Kết thúc"), {"enforcement", "appealed"}, "closed", "Luật Khiếu nại Điều 45"),
        # Art 10: a complaint can be withdrawn while it is being resolved; once the decision is issued the round
        # is resolved (the complainant then simply does not appeal), so "decided" is not a source.
        _t("withdraw", _("Rút khiếu nại (đình chỉ)"), (ACTIVE_COMPLAINT - {"decided"}) | {"pending_acceptance"},
           "terminated",
           "Luật Khiếu nại Điều 10", stops=("complaint.{round}.resolve", "complaint.accept")),
    ],
    DENUNCIATION: [
        _t("accept", _("Thụ lý"), {"pending_acceptance"}, "accepted", "Luật Tố cáo Điều 29",
           starts=("denunciation.resolve", "denunciation.notify_accept"), stops=("denunciation.process",)),
        _t("refuse", _("Không thụ lý"), {"pending_acceptance"}, "refused", "Luật Tố cáo Điều 29",
           stops=("denunciation.process",)),
        _t("start_verification", _("Xác minh"), {"accepted"}, "verification", "Luật Tố cáo Điều 31",
           stops=("denunciation.notify_accept",)),
        _t("conclude", _("Kết luận nội dung tố cáo"), {"verification"}, "concluded", "Luật Tố cáo Điều 35",
           starts=("denunciation.send_conclusion", "denunciation.publish"), stops=("denunciation.resolve",)),
        _t("send_conclusion", _("Gửi kết luận"), {"concluded"}, "conclusion_sent", "Luật Tố cáo Điều 35",
           stops=("denunciation.send_conclusion",)),
        _t("handle_conclusion", _("Xử lý kết luận"), {"conclusion_sent"}, "handling", "Luật Tố cáo Điều 36"),
        _t("publish", _("Công khai kết luận"), {"handling", "conclusion_sent"}, "published", "Luật Tố cáo Điều 40",
           stops=("denunciation.publish",)),
        _t("close", _("Kết thúc"), {"published"}, "closed", "Luật Tố cáo Điều 36"),
        _t("terminate", _("Đình chỉ"), ACTIVE_DENUNCIATION, "terminated", "Luật Tố cáo Điều 34",
           stops=("denunciation.resolve", "denunciation.notify_accept")),
        # Tố cáo tiếp (TC Art 37): the superior reviews within 20 days of receipt; if the first resolution was
        # unlawful or the time limit passed unresolved it resolves the denunciation again ("round" 2),
        # otherwise it keeps the conclusion and tells the denouncer so.
        _t("accept_further", _("Thụ lý giải quyết tố cáo tiếp"), {"further_review"}, "accepted", "Luật Tố cáo Điều 37",
           starts=("denunciation.resolve",), stops=("denunciation.review_further",), rounds=frozenset({2})),
        _t("reject_further", _("Không thụ lý tố cáo tiếp (giữ kết luận)"), {"further_review"}, "closed",
           "Luật Tố cáo Điều 37", stops=("denunciation.review_further",), rounds=frozenset({2})),
    ],
    REC_FEEDBACK: [
        # No statutory limit (DOMAIN §8): the unit's own limit (`rec_feedback.resolve`, a versioned lawcal rule)
        # runs on the petition from its receipt, started by the proposal to accept; answering stops it.
        _t("accept", _("Tiếp nhận giải quyết"), {"pending_acceptance"}, "accepted", "Quy chế nội bộ"),
        _t("consider", _("Xem xét"), {"accepted"}, "considered", "Quy chế nội bộ"),
        _t("answer", _("Trả lời"), {"considered"}, "answered", "Quy chế nội bộ",
           stops=("rec_feedback.resolve",)),
        _t("close", _("Kết thúc"), {"answered"}, "closed", "Quy chế nội bộ"),
    ],
}  # fmt: skip

# Where suspension is possible: the resolution clock stops (Law on Denunciations Art 34; complaints as amended).
SUSPENDABLE = {
    COMPLAINT: frozenset({"accepted", "verification", "dialogue"}),
    DENUNCIATION: frozenset({"accepted", "verification"}),
    REC_FEEDBACK: frozenset(),
}

# Law on Denunciations Art 33(3): withdrawal does not end resolution when there are signs of violation,
# when the withdrawal was coerced, or when the denunciation was used to slander.
WITHDRAWAL_CONTINUE_GROUNDS = {
    "signs_of_violation": "Có dấu hiệu vi phạm pháp luật",
    "coerced": "Người tố cáo rút tố cáo do bị đe dọa, mua chuộc",
    "slander": "Người tố cáo lợi dụng việc tố cáo để vu khống, xúc phạm, gây thiệt hại",
}

# DOMAIN §1–§2: the seven complexity criteria; two or more make a case very complex.
COMPLEXITY_CRITERIA = {
    "multi_site": "Một nội dung phải xác minh ở nhiều nơi",
    "many_allegations": "Có từ hai nội dung trở lên",
    "many_people": "Nhiều người tố cáo/khiếu nại hoặc nhiều người bị ảnh hưởng",
    "foreign": "Có yếu tố nước ngoài",
    "many_agencies": "Nhiều cơ quan có trách nhiệm liên quan",
    "disagreement": "Các cơ quan có ý kiến khác nhau",
    "conflicting_evidence": "Tài liệu, chứng cứ mâu thuẫn",
}


class TransitionError(Exception):
    """An illegal step; the message is Vietnamese."""


def round_word(round_: int) -> str:
    return "first" if round_ == 1 else "second"


def find(kind: str, action: str) -> Transition:
    for transition in WORKFLOWS.get(kind, []):
        if transition.action == action:
            return transition
    raise TransitionError("Bước xử lý không hợp lệ cho loại vụ việc này.")


def check(kind: str, state: str, action: str, *, round_: int = 1) -> Transition:
    """The transition if `action` is legal from `state`, else TransitionError with the legal next steps."""
    transition = find(kind, action)
    if round_ not in transition.rounds:
        raise TransitionError(f"Bước “{transition.label}” không áp dụng cho khiếu nại lần {round_}.")
    if state not in transition.sources:
        allowed = ", ".join(t.label for t in next_steps(kind, state, round_=round_)) or "không còn bước nào"
        raise TransitionError(
            f"Không thể “{transition.label}” khi vụ việc đang ở trạng thái “{STATE_LABELS[state]}”. "
            f"Các bước hợp lệ: {allowed}."
        )
    return transition


def next_steps(kind: str, state: str, *, round_: int = 1) -> list[Transition]:
    return [t for t in WORKFLOWS.get(kind, []) if state in t.sources and round_ in t.rounds]


def rule_code(template: str, round_: int) -> str:
    return template.replace("{round}", round_word(round_))


def complexity(criteria: set[str]) -> str:
    """ "" / "complex" / "very_complex" from the criteria ticked (DOMAIN §2)."""
    unknown = criteria - set(COMPLEXITY_CRITERIA)
    if unknown:
        raise TransitionError("Tiêu chí phức tạp không hợp lệ: " + ", ".join(sorted(unknown)))
    if len(criteria) >= 2:
        return "very_complex"
    return "complex" if criteria else ""


def dialogue_required(*, round_: int, request_differs: bool) -> bool:
    """Second round always; first round when the request and the verification result differ (KN Art 30)."""
    return round_ == 2 or request_differs


_OTHER_ACTIONS = {
    "propose": "Đề xuất thụ lý",
    "suspend": "Tạm đình chỉ",
    "resume": "Tiếp tục giải quyết",
    "extend": "Gia hạn giải quyết",
    "further_denunciation": "Tố cáo tiếp",
}


def action_label(action: str) -> str:
    for transitions in WORKFLOWS.values():
        for t in transitions:
            if t.action == action:
                return t.label
    return _OTHER_ACTIONS.get(action, action)


# Dialogue notice: from 1 Jul 2026 the parties are notified at least 5 days before (DOMAIN §1; Law
# 136/2025/QH15 amending the Law on Complaints). Data with its source and effective date, not an `if`.
DIALOGUE_NOTICE_RULES = [
    # (effective from, minimum days between the notice and the dialogue, legal source)
    ("2026-07-01", 5, "Luật 136/2025/QH15 sửa đổi Luật Khiếu nại (đối thoại, thông báo trước ít nhất 5 ngày)"),
]


def dialogue_notice_days(scheduled_on: str) -> tuple[int, str]:
    """The minimum notice (days) in force for a dialogue on `scheduled_on` (ISO), with its source."""
    best = (0, "")
    for start, days, source in DIALOGUE_NOTICE_RULES:
        if scheduled_on >= start:
            best = (days, source)
    return best


PROLONGED_DAYS_DEFAULT = 365  # "kéo dài": open longer than this since acceptance (configurable)
