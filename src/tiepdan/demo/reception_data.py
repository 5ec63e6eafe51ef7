"""Demo citizen reception at unit A, created through the real reception services.

The regular reception schedule, the head's periodic Thursdays (held in the past weeks with their visits and a
notice of conclusions, planned for the weeks ahead; the current week deliberately left empty so that the
dashboard shows the warning), a few visits (an accepted complaint, a guided matter, a recommendation, a mass
delegation) and a refusal waiting for its written notice. Dates are relative to today. Loaded only when unit A
has no reception data yet (idempotent).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiepdan.core.models import User
from tiepdan.lawcal import workcal
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today
from tiepdan.petitions.services import PetitionerInput
from tiepdan.reception import services
from tiepdan.reception.models import RegularSchedule, Session, Visit

from .orgs_data import UNIT_A

VENUE = "Trụ sở tiếp công dân UBND phường Hai Bà Trưng, 30 phố Lê Đại Hành"
HEAD_TITLE = "Chủ tịch UBND phường Hai Bà Trưng"


def _working_days_ago(n: int) -> dt.date:
    cal = workcal.get_calendar()
    day = today()
    while n > 0:
        day -= dt.timedelta(days=1)
        if cal.is_working(day):
            n -= 1
    return day


def _thursday(weeks_from_now: int) -> dt.date:
    on = today()
    return on - dt.timedelta(days=on.weekday()) + dt.timedelta(days=3 + 7 * weeks_from_now)


@transaction.atomic
def load_reception() -> int:
    """Create the demo reception data; returns the number of visits created (0 when already there)."""
    unit = OrgUnit.objects.get(code=UNIT_A)
    if (
        Visit.objects.filter(unit=unit).exists()
        or RegularSchedule.objects.filter(unit=unit).exists()
        or Session.objects.filter(unit=unit).exists()
    ):
        return 0
    reception = User.objects.get(username="tiepdan1")
    head = User.objects.get(username="lanhdao1")
    for start, end in ((dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 30), dt.time(16, 30))):
        services.create_regular_schedule(
            actor=reception, unit=unit, weekdays=[0, 1, 2, 3, 4], start_time=start, end_time=end,
            venue=VENUE, officers="Nguyễn Thị Lan", valid_from=dt.date(2025, 7, 1),
        )  # fmt: skip

    def session(on: dt.date) -> Session:
        return services.plan_session(
            actor=head, unit=unit, kind="periodic", on=on, start_time=dt.time(8), end_time=dt.time(11),
            venue=VENUE, host=head, host_name="", host_title=HEAD_TITLE, officers="Nguyễn Thị Lan; Trần Văn Hùng",
        )  # fmt: skip

    past = [session(_thursday(-w)) for w in (3, 2, 1)]
    for w in (1, 2, 3, 4):  # the weeks ahead; the current week has none yet (the dashboard warns)
        session(_thursday(w))
    made = 0
    # 1. Regular desk: a complaint accepted (becomes a petition, channel "reception").
    services.record_visit(
        actor=reception, unit=unit, received_on=_working_days_ago(3), type="complaint",
        summary="Khiếu nại việc UBND phường không cấp giấy xác nhận nguồn gốc đất tại số 7 ngõ Tạm Thương",
        content="Bà Mai trình bày đã nộp hồ sơ từ tháng trước nhưng chưa được trả lời.",
        people=[PetitionerInput(full_name="Đỗ Thị Mai", id_number="001186067890", address="7 ngõ Tạm Thương")],
        outcome="accept", within_competence=True, respondent_name="UBND phường Hai Bà Trưng",
    )  # fmt: skip
    made += 1
    # 2. Regular desk: a civil dispute guided to the court.
    services.record_visit(
        actor=reception, unit=unit, received_on=_working_days_ago(2), type="complaint",
        summary="Tranh chấp hợp đồng thuê nhà với chủ nhà tại phố Tô Hiến Thành",
        people=[PetitionerInput(full_name="Vũ Văn Hải", id_number="001079078901", address="15 phố Tô Hiến Thành")],
        outcome="guide", within_competence=False, guided_to="Tòa án nhân dân khu vực 1 – Hà Nội",
    )  # fmt: skip
    made += 1
    # 3. and 4. At the head's periodic session last Thursday: a recommendation and a mass delegation.
    last = past[-1]
    services.record_visit(
        actor=reception, unit=unit, received_on=last.on, session=last, type="rec_feedback",
        summary="Kiến nghị sửa chữa hệ thống thoát nước ngõ 66 phố Yên Bái 2 hay ngập khi mưa",
        people=[PetitionerInput(full_name="Ngô Thị Lý", id_number="001188089012", address="ngõ 66 Yên Bái 2")],
        outcome="forward_rec", within_competence=True, follow_up="Chuyển Phòng Kinh tế, Hạ tầng và Đô thị",
    )  # fmt: skip
    made += 1
    representatives = [
        PetitionerInput(full_name="Bùi Văn Khang", id_number="001065090123", address="Tổ dân phố 12",
                        is_representative=True),
        PetitionerInput(full_name="Đinh Thị Hạnh", id_number="001170001234", address="Tổ dân phố 12",
                        is_representative=True),
        PetitionerInput(full_name="Lý Văn Phúc", id_number="001068012340", address="Tổ dân phố 12",
                        is_representative=True),
    ]  # fmt: skip
    services.record_visit(
        actor=reception, unit=unit, received_on=last.on, session=last, type="complaint",
        summary="Đoàn 14 hộ dân tổ dân phố 12 khiếu nại mức bồi thường, hỗ trợ giải phóng mặt bằng "
        "mở rộng phố Kim Ngưu",
        people=representatives, persons_count=14, outcome="accept", within_competence=True,
        respondent_name="Chủ tịch UBND phường Hai Bà Trưng",
    )  # fmt: skip
    made += 1
    services.close_session(
        actor=head, session=last,
        conclusions="Giao Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra hệ thống thoát nước ngõ 66, báo cáo trong 10 "
        "ngày.\nGiao bộ phận xử lý đơn thụ lý khiếu nại của các hộ dân tổ dân phố 12, tổ chức đối thoại.",
    )  # fmt: skip
    services.issue_conclusion_notice(actor=head, session=last, on=last.on)
    for earlier in past[:-1]:
        services.close_session(actor=head, session=earlier, conclusions="Không có công dân đến trình bày.")
    # 5. A refusal waiting for its written notice (3 working days from 01/07/2026).
    services.record_refusal(
        actor=reception, unit=unit, refused_on=_working_days_ago(1),
        person=PetitionerInput(full_name="Tạ Văn Quyết", id_number="001072023456", address="Phố Bạch Mai"),
        ground="threats", detail="Lớn tiếng xúc phạm cán bộ tiếp công dân, không chấp hành nội quy sau khi được nhắc.",
    )  # fmt: skip
    return made
