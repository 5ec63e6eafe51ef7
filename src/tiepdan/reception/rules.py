"""Legal rules of citizen reception as data, and pure functions over plain values (no ORM).

Law 42/2013/QH13 on Citizen Reception (Luật Tiếp công dân, "TCD"), Decree 64/2014/NĐ-CP, and from 01/07/2026
Law 136/2025/QH15 with Decree 154/2026/NĐ-CP (DOMAIN §3). Each rule carries its legal source and effective
dates; a date uses the rule in force on that date. Article numbers marked "(chưa đối chiếu)" were not checked
against the official text (unconfirmed) and are shown as such in the interface.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

TCD = "Luật Tiếp công dân 2013"
ND64 = "Nghị định 64/2014/NĐ-CP"
L136 = "Luật 136/2025/QH15 sửa đổi Luật Tiếp công dân"
ND154 = "Nghị định 154/2026/NĐ-CP"
REFORM_2026 = dt.date(2026, 7, 1)
TCD_IN_FORCE = dt.date(2014, 7, 1)
DISTRICTS_ABOLISHED = dt.date(2025, 7, 1)


# --- Heads' periodic reception: the legal minimum per level ---------------------------------------------


@dataclass(frozen=True)
class HeadMinimum:
    """A head must receive citizens in person at least `days` days per `per` ("week" or "month")."""

    unit_kinds: frozenset[str]
    days: int
    per: str
    head_title: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def label(self) -> str:
        unit = "tuần" if self.per == "week" else "tháng"
        return f"ít nhất {self.days} ngày/{unit}"


ADMINISTRATIVE_AGENCIES = frozenset({"provincial_department", "ministry", "inspectorate"})

HEAD_MINIMUMS: tuple[HeadMinimum, ...] = (
    HeadMinimum(
        frozenset({"province"}), 1, "month", "Chủ tịch UBND cấp tỉnh",
        f"{TCD}, Điều 18 khoản 1 (chưa đối chiếu)", TCD_IN_FORCE,
    ),
    HeadMinimum(
        frozenset({"district"}), 2, "month", "Chủ tịch UBND cấp huyện",
        f"{TCD}, Điều 18 khoản 1 (chưa đối chiếu); cấp huyện chấm dứt hoạt động từ 01/07/2025",
        TCD_IN_FORCE, DISTRICTS_ABOLISHED - dt.timedelta(days=1),
    ),
    HeadMinimum(
        frozenset({"commune", "ward", "special_zone"}), 1, "week", "Chủ tịch UBND cấp xã",
        f"{TCD}, Điều 18 khoản 1 (chưa đối chiếu)", TCD_IN_FORCE,
    ),
    HeadMinimum(
        ADMINISTRATIVE_AGENCIES, 1, "month", "Thủ trưởng cơ quan hành chính nhà nước",
        f"{TCD}, Điều 19 (chưa đối chiếu)", TCD_IN_FORCE,
    ),
)  # fmt: skip


def head_minimum(unit_kind: str, on: dt.date) -> HeadMinimum | None:
    """The minimum for the head of a unit of this kind on `on`, or None when the law sets none."""
    for minimum in HEAD_MINIMUMS:
        if unit_kind in minimum.unit_kinds and minimum.in_force_on(on):
            return minimum
    return None


def period_of(day: dt.date, per: str) -> tuple[dt.date, dt.date]:
    """The ISO week (Monday–Sunday) or the calendar month that contains `day`."""
    if per == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def periods_ending_in(date_from: dt.date, date_to: dt.date, per: str) -> list[tuple[dt.date, dt.date]]:
    """The weeks or months whose LAST day falls in [date_from, date_to].

    So consecutive report periods (with the 15th-of-the-month cut-offs of DOMAIN §5) share no period: a
    month is required once, in the report period that contains its end.
    """
    found = []
    start, end = period_of(date_from, per)
    while start <= date_to:
        if date_from <= end <= date_to:
            found.append((start, end))
        start = end + dt.timedelta(days=1)
        end = period_of(start, per)[1]
    return found


def required_days(
    unit_kind: str, date_from: dt.date, date_to: dt.date, *, unit_valid: tuple[dt.date, dt.date | None] | None = None
) -> int:
    """Days of periodic reception the head must hold in the periods ending in the range (rule of each period's
    last day; periods outside the unit's validity are not required)."""
    total = 0
    for per in ("week", "month"):
        for _start, end in periods_ending_in(date_from, date_to, per):
            minimum = head_minimum(unit_kind, end)
            if minimum is None or minimum.per != per:
                continue
            if unit_valid is not None:
                valid_from, valid_to = unit_valid
                if end < valid_from or (valid_to is not None and end > valid_to):
                    continue
            total += minimum.days
    return total


@dataclass(frozen=True)
class ComplianceWarning:
    period_start: dt.date
    period_end: dt.date
    scheduled: int
    required: int
    message: str


def compliance_warning(unit_kind: str, on: dt.date, scheduled_days: Iterable[dt.date]) -> ComplianceWarning | None:
    """A warning when the current week/month has fewer periodic days scheduled (planned or held) than required.

    Warns ahead of a miss: as soon as the period starts without enough days on the schedule."""
    minimum = head_minimum(unit_kind, on)
    if minimum is None:
        return None
    start, end = period_of(on, minimum.per)
    days = {d for d in scheduled_days if start <= d <= end}
    if len(days) >= minimum.days:
        return None
    unit = "Tuần này" if minimum.per == "week" else "Tháng này"
    if not days:
        message = f"{unit} chưa có lịch tiếp định kỳ của thủ trưởng ({minimum.label}, {minimum.source})."
    else:
        message = (
            f"{unit} mới có {len(days)}/{minimum.days} ngày tiếp định kỳ của thủ trưởng trong lịch "
            f"({minimum.label}, {minimum.source})."
        )
    return ComplianceWarning(start, end, len(days), minimum.days, message)


# --- Mass delegations ------------------------------------------------------------------------------------

DELEGATION_MIN = 5  # five or more people on one matter (Law 42/2013 Art 30; Decree 64/2014 Art 6)
DELEGATION_SOURCE = f"{TCD}, Điều 30; {ND64}, Điều 6 (chưa đối chiếu)"


def max_representatives(persons: int) -> int:
    """5–10 people: 1–2 representatives; more than 10: up to 5. Fewer than 5: no delegation rule (0)."""
    if persons < DELEGATION_MIN:
        return 0
    return 2 if persons <= 10 else 5


def check_representatives(persons: int, representatives: int) -> str | None:
    """The Vietnamese reason a delegation's representatives break the rule, or None when they are right."""
    limit = max_representatives(persons)
    if limit == 0:
        return None
    if representatives < 1:
        return (
            f"Đoàn đông người ({persons} người) phải cử người đại diện để trình bày: hãy đánh dấu "
            f"1–{limit} người đại diện ({DELEGATION_SOURCE})."
        )
    if representatives > limit:
        band = "từ 5 đến 10 người" if persons <= 10 else "trên 10 người"
        return (
            f"Đoàn {band} chỉ cử tối đa {limit} người đại diện; đang chọn {representatives} người "
            f"({DELEGATION_SOURCE})."
        )
    return None


# --- Refusal grounds: the closed list by the date's law ---------------------------------------------------


@dataclass(frozen=True)
class RefusalGround:
    code: str
    label: str
    source: str
    valid_from: dt.date
    valid_to: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


_OLD_TO = REFORM_2026 - dt.timedelta(days=1)
_ART9 = f"{TCD}, Điều 9"
_NEW9 = f"{TCD}, Điều 9 (sửa đổi bởi {L136}); {ND154} (chưa đối chiếu)"

REFUSAL_GROUNDS: tuple[RefusalGround, ...] = (
    # Law 42/2013 Art 9, in force 01/07/2014 – 30/06/2026.
    RefusalGround("impaired", "Người trong tình trạng say do dùng chất kích thích, người mắc bệnh tâm thần hoặc "
                  "bệnh khác làm mất khả năng nhận thức hoặc khả năng điều khiển hành vi của mình",
                  f"{_ART9} khoản 1", TCD_IN_FORCE, _OLD_TO),
    RefusalGround("threats", "Người có hành vi đe dọa, xúc phạm cơ quan, tổ chức, đơn vị, người tiếp công dân, "
                  "người thi hành công vụ hoặc có hành vi khác vi phạm nội quy nơi tiếp công dân",
                  f"{_ART9} khoản 2", TCD_IN_FORCE, _OLD_TO),
    RefusalGround("resolved_correctly", "Người khiếu nại, tố cáo về vụ việc đã giải quyết đúng chính sách, pháp "
                  "luật, được cơ quan nhà nước có thẩm quyền kiểm tra, rà soát, thông báo bằng văn bản và đã được "
                  "tiếp, giải thích, hướng dẫn nhưng vẫn cố tình khiếu nại, tố cáo kéo dài",
                  f"{_ART9} khoản 3", TCD_IN_FORCE, _OLD_TO),
    RefusalGround("other_by_law", "Những trường hợp khác theo quy định của pháp luật",
                  f"{_ART9} khoản 4", TCD_IN_FORCE, _OLD_TO),
    # From 01/07/2026: the list as amended (DOMAIN §3).
    RefusalGround("impaired", "Người trong tình trạng say do dùng chất kích thích, mắc bệnh làm mất hoặc hạn chế "
                  "khả năng nhận thức, điều khiển hành vi", _NEW9, REFORM_2026),
    RefusalGround("threats", "Người đe dọa, xúc phạm người tiếp công dân hoặc vi phạm nội quy nơi tiếp công dân",
                  _NEW9, REFORM_2026),
    RefusalGround("resolved_correctly", "Cố tình khiếu nại, tố cáo kéo dài về vụ việc đã được giải quyết đúng, đã "
                  "được giải thích, hướng dẫn", _NEW9, REFORM_2026),
    RefusalGround("weapons", "Mang theo vũ khí, vật liệu nổ, công cụ hỗ trợ hoặc vật dụng nguy hiểm",
                  _NEW9, REFORM_2026),
    RefusalGround("security_check", "Không chấp hành việc kiểm tra an ninh tại nơi tiếp công dân",
                  _NEW9, REFORM_2026),
    RefusalGround("recording", "Ghi âm, ghi hình khi đã được yêu cầu không ghi âm, ghi hình", _NEW9, REFORM_2026),
    RefusalGround("inciting", "Kích động, lôi kéo, gây rối trật tự tại nơi tiếp công dân", _NEW9, REFORM_2026),
    RefusalGround("no_capacity", "Không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp, "
                  "hoặc người đại diện không chứng minh được tư cách đại diện", _NEW9, REFORM_2026),
    RefusalGround("outside_scope", "Nội dung không phải khiếu nại, tố cáo, kiến nghị, phản ánh", _NEW9, REFORM_2026),
    RefusalGround("already_answered", "Vụ việc đã được trả lời, hướng dẫn mà không có tình tiết mới",
                  _NEW9, REFORM_2026),
    RefusalGround("final_judgment", "Vụ việc đã có bản án, quyết định của Tòa án có hiệu lực pháp luật",
                  _NEW9, REFORM_2026),
    RefusalGround("handled_elsewhere", "Vụ việc đang được cơ quan có thẩm quyền khác thụ lý, giải quyết",
                  _NEW9, REFORM_2026),
)  # fmt: skip


def refusal_grounds_on(day: dt.date) -> list[RefusalGround]:
    return [g for g in REFUSAL_GROUNDS if g.in_force_on(day)]


def refusal_ground(code: str, day: dt.date) -> RefusalGround | None:
    return next((g for g in refusal_grounds_on(day) if g.code == code), None)


def refusal_notice_required(day: dt.date) -> bool:
    """A written refusal notice (3 working days, lawcal `reception.refusal_notice`) from 01/07/2026."""
    return day >= REFORM_2026


# --- Outcomes of a visit ---------------------------------------------------------------------------------

# Outcomes after which the citizen must be told the processing result (TCD Art 28, `reception.notify_result`).
NOTIFY_RESULT_OUTCOMES = frozenset({"accept", "require_subordinate", "forward_rec"})


def check_outcome(
    *, outcome: str, petition_type: str, within_competence: bool, guided_to: str, has_target_unit: bool
) -> str | None:
    """The Vietnamese reason an outcome does not fit the visit, or None."""
    if outcome == "accept" and not within_competence:
        return "Chỉ tiếp nhận đơn khi vụ việc thuộc thẩm quyền của đơn vị; nếu không, hãy hướng dẫn công dân."
    if outcome == "guide":
        if within_competence:
            return "Vụ việc thuộc thẩm quyền: không hướng dẫn đi nơi khác mà tiếp nhận để giải quyết."
        if not guided_to.strip():
            return "Hãy ghi cơ quan có thẩm quyền mà công dân được hướng dẫn đến."
    if outcome == "require_subordinate" and not has_target_unit:
        return "Hãy chọn cơ quan cấp dưới được yêu cầu giải quyết."
    if outcome == "forward_rec" and petition_type != "rec_feedback":
        return "Chỉ chuyển kiến nghị, phản ánh; khiếu nại, tố cáo thì tiếp nhận hoặc hướng dẫn."
    return None
