"""Demo cases at unit A taken through the real resolution services, so that `make run` shows the case list,
the dashboard and the reports with work in every stage: a complex complaint still being verified past its
limit, a denunciation concluded with its figures and published (denouncer in the vault), and a
recommendation answered and closed. Dates are relative to today. Loaded once (idempotent).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiepdan.cases import services as case_services
from tiepdan.cases.models import Case, CaseEvent
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition
from tiepdan.petitions.services import PetitionerInput, Signer

from .orgs_data import UNIT_A
from .petitions_data import _field, _working_days_ago

MINH = PetitionerInput(full_name="Đỗ Văn Minh", id_number="001075056789", address="30 phố Thanh Nhàn")
TUAN = PetitionerInput(full_name="Hoàng Văn Tuấn", id_number="001068067890", address="5 ngõ Trại Găng")
LOAN = PetitionerInput(full_name="Nguyễn Thị Loan", id_number="001192078901", address="17 phố Minh Khai")


def _proposed(actor: User, unit: OrgUnit, signer: Signer, *, days_ago: int, field: str, **kw) -> Case:
    received = _working_days_ago(days_ago)
    petition: Petition = services.register_petition(
        actor=actor, unit=unit, received_on=received, letter_date=received - dt.timedelta(days=3), **kw
    ).petition
    services.classify_petition(
        actor=actor, petition=petition, subject_field=_field(field, petition.type), within_competence=True
    )
    petition = services.propose_acceptance(
        actor=actor, petition=petition, proposal="Đề nghị thụ lý giải quyết", signer=signer,
        on=_working_days_ago(days_ago - 2),
    )  # fmt: skip
    assert petition.case is not None
    return petition.case


@transaction.atomic
def load_cases() -> int:
    unit = OrgUnit.objects.get(code=UNIT_A)
    if CaseEvent.objects.filter(case__unit=unit, action="accept").exists():
        return 0
    handler = User.objects.get(username="xuly1")
    head = User.objects.get(username="lanhdao1")
    signer = Signer("CHỦ TỊCH", head.get_full_name())

    def step(case: Case, action: str, days_ago: int, **kw) -> Case:
        return case_services.transition(actor=head, case=case, action=action, on=_working_days_ago(days_ago), **kw)

    # 1. A complaint about land compensation for several households: complex, still being verified, overdue.
    complaint = _proposed(
        handler, unit, signer, days_ago=64, field="KN.HC.DD.BT", channel="in_person", type="complaint",
        petitioners=[MINH],
        summary="Khiếu nại phương án bồi thường, hỗ trợ khi thu hồi đất mở rộng phố Thanh Nhàn",
        content="Gia đình tôi và 5 hộ liền kề không đồng ý với đơn giá bồi thường đất ở.",
        respondent_name="Chủ tịch UBND phường Hai Bà Trưng", respondent_unit=unit,
    )  # fmt: skip
    complaint = step(complaint, "accept", 60, complexity_criteria=["many_people"])
    complaint = case_services.assign_verification(
        actor=head, case=complaint, leader=handler, on=_working_days_ago(58),
        plan="Làm việc với Ban bồi thường giải phóng mặt bằng; đối chiếu bảng giá đất; gặp 6 hộ dân.",
    )  # fmt: skip
    case_services.add_verification_task(
        actor=head, case=complaint, title="Đối chiếu đơn giá bồi thường với bảng giá đất của Thành phố",
        assignee=handler, due_on=_working_days_ago(40),
    )  # fmt: skip

    # 2. A denunciation against an official: concluded partly right, with figures, sent, handled, published.
    denunciation = _proposed(
        handler, unit, signer, days_ago=55, field="TC.TN", channel="post", type="denunciation",
        petitioners=[TUAN],
        summary="Tố cáo cán bộ phường thu tiền hỗ trợ của hộ nghèo không đúng quy định",
        content="Tôi là Hoàng Văn Tuấn, tố cáo cán bộ phụ trách chính sách xã hội giữ lại tiền hỗ trợ.",
        respondent_name="Cán bộ văn hóa - xã hội phường", respondent_unit=unit,
    )  # fmt: skip
    denunciation = step(denunciation, "accept", 50)
    denunciation = case_services.assign_verification(
        actor=head, case=denunciation, leader=handler, on=_working_days_ago(48),
        plan="Thu thập danh sách chi trả; làm việc với người bị tố cáo và các hộ nhận hỗ trợ.",
    )  # fmt: skip
    denunciation = case_services.report_verification(
        actor=head, case=denunciation, on=_working_days_ago(20),
        report="Có căn cứ xác định 3 hộ nhận thiếu tổng 7.500.000 đồng; các nội dung khác không có căn cứ.",
    )  # fmt: skip
    denunciation = case_services.record_decision(
        actor=head, case=denunciation, number="12/KL-UBND", issued_on=_working_days_ago(15),
        result="partly_right", summary="Nội dung tố cáo đúng một phần.", signer=head.get_full_name(),
        figures={"money_to_citizens": "7500000", "people_benefited": "3", "people_recommended_sanction": "1"},
    )  # fmt: skip
    denunciation = step(denunciation, "send_conclusion", 14)
    denunciation = step(denunciation, "handle_conclusion", 10, note="Kiểm điểm, xử lý kỷ luật cán bộ vi phạm")
    case_services.publish(
        actor=head, case=denunciation, method="portal", published_on=_working_days_ago(8),
        public_text="Kết luận nội dung tố cáo số 12/KL-UBND: tố cáo đúng một phần; buộc hoàn trả 7.500.000 đồng "
        "cho 3 hộ; kiến nghị xử lý kỷ luật 1 cán bộ.",
    )  # fmt: skip

    # 3. A recommendation about street lighting: taken up, considered, answered, closed.
    recommendation = _proposed(
        handler, unit, signer, days_ago=22, field="KNPA.MT", channel="online", type="rec_feedback",
        petitioners=[LOAN], summary="Kiến nghị lắp đèn chiếu sáng và gờ giảm tốc tại ngõ 17 phố Minh Khai",
    )  # fmt: skip
    for action, days_ago in (("accept", 19), ("consider", 15), ("answer", 9), ("close", 8)):
        recommendation = step(recommendation, action, days_ago)
    return 3
