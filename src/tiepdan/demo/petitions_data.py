"""A handful of demo petitions at unit A, registered and handled through the real services.

So that `make run` shows a working desk: open letters due soon and overdue, a transferred letter from the
city Party committee's internal affairs board, a denunciation (denouncer in the vault), a mass delegation,
classified letters, and letters already processed with their documents. Dates are relative to today so the
due badges stay meaningful. Only loaded when unit A has no petition yet (idempotent).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiepdan.core.models import User
from tiepdan.lawcal import workcal
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, SubjectField
from tiepdan.petitions.services import PetitionerInput, Signer

from .orgs_data import UNIT_A

AN = PetitionerInput(full_name="Nguyễn Văn An", id_number="001080012345", address="12 phố Lò Đúc")
HOA = PetitionerInput(full_name="Trần Thị Bích Hòa", id_number="001185023456", address="45 phố Huế")
DUNG = PetitionerInput(full_name="Lê Văn Dũng", id_number="001062034567", address="8 ngõ Quỳnh, phố Bạch Mai")
THU = PetitionerInput(full_name="Phạm Thị Thu", id_number="001190045678", address="22 phố Hàn Thuyên")


def _working_days_ago(n: int) -> dt.date:
    cal = workcal.get_calendar()
    day = today()
    while n > 0:
        day -= dt.timedelta(days=1)
        if cal.is_working(day):
            n -= 1
    return day


def _field(code: str, applies_to: str) -> SubjectField:
    return SubjectField.objects.get(code=code, applies_to=applies_to)


@transaction.atomic
def load_petitions() -> int:
    unit = OrgUnit.objects.get(code=UNIT_A)
    if Petition.objects.filter(unit=unit).exists():
        return 0
    handler = User.objects.get(username="xuly1")
    reception = User.objects.get(username="tiepdan1")
    head = User.objects.get(username="lanhdao1")
    signer = Signer("CHỦ TỊCH", head.get_full_name())

    def reg(actor: User, days_ago: int, **kw) -> Petition:
        received = _working_days_ago(days_ago)
        kw.setdefault("letter_date", received - dt.timedelta(days=2))
        return services.register_petition(actor=actor, unit=unit, received_on=received, **kw).petition

    made = []
    # 1. Processed: a land complaint proposed for acceptance (Mẫu 01).
    p = reg(
        handler,
        25,
        channel="in_person",
        type="complaint",
        petitioners=[AN],
        summary="Khiếu nại Quyết định thu hồi 45 m² đất tại số 12 phố Lò Đúc để mở rộng ngõ",
        content="Tôi không đồng ý với mức bồi thường và diện tích thu hồi ghi trong quyết định.",
        respondent_name="Chủ tịch UBND phường Hai Bà Trưng",
        respondent_unit=unit,
    )
    services.classify_petition(
        actor=handler, petition=p, subject_field=_field("KN.HC.DD.TH", "complaint"), within_competence=True
    )
    services.propose_acceptance(
        actor=handler,
        petition=p,
        proposal="Đề nghị thụ lý giải quyết khiếu nại lần đầu",
        signer=signer,
        on=_working_days_ago(20),
    )
    made.append(p)
    # 2. Transferred by the city Party committee's internal affairs board, classified, due soon.
    p = reg(
        handler,
        8,
        channel="transferred",
        type="rec_feedback",
        petitioners=[HOA],
        summary="Kiến nghị xử lý công trình xây dựng sai phép gây lún nứt nhà số 45 phố Huế",
        referring_body="Ban Nội chính Thành ủy Hà Nội",
        referring_doc_number="1125-CV/BNCTU",
        referring_doc_date=_working_days_ago(12),
        originals_attached=True,
    )
    services.classify_petition(
        actor=handler, petition=p, subject_field=_field("KNPA.DD", "rec_feedback"), within_competence=True
    )
    made.append(p)
    # 3. A denunciation registered at the desk: the denouncer goes to the vault; assigned by the head.
    p = reg(
        reception,
        3,
        channel="reception",
        type="denunciation",
        petitioners=[DUNG],
        summary="Tố cáo cán bộ địa chính phường nhận tiền khi hướng dẫn thủ tục cấp giấy chứng nhận",
        content="Tôi là Lê Văn Dũng, tố cáo việc cán bộ địa chính yêu cầu nộp thêm tiền ngoài quy định.",
        respondent_name="Cán bộ địa chính - xây dựng phường",
        respondent_unit=unit,
    )
    services.assign_petition(actor=head, petition=p, assignee=handler)
    made.append(p)
    # 4. Overdue: a complaint about a social allowance, never classified.
    made.append(
        reg(
            handler,
            14,
            channel="post",
            type="complaint",
            petitioners=[THU],
            summary="Khiếu nại việc cắt trợ cấp xã hội hằng tháng của mẹ tôi từ tháng 3",
            respondent_name="UBND phường Hai Bà Trưng",
            respondent_unit=unit,
        )
    )
    # 5. Mass delegation: six residents on the same noise and dust matter.
    residents = [
        PetitionerInput(full_name=name, address="Tổ dân phố 7")
        for name in ("Vũ Văn Hải", "Ngô Thị Lan", "Bùi Văn Tuấn", "Đặng Thị Mơ", "Trịnh Văn Khải", "Lý Thị Hạnh")
    ]
    residents[0].is_representative = True
    made.append(
        reg(
            reception,
            1,
            channel="reception",
            type="rec_feedback",
            petitioners=residents,
            summary="Phản ánh xưởng gỗ trong ngõ 12 gây ồn, bụi và hoạt động ban đêm",
        )
    )
    # 6. A second letter of Mr An on the same land matter: the duplicate panel shows it.
    p = reg(
        handler,
        2,
        channel="online",
        type="complaint",
        petitioners=[AN],
        summary="Khiếu nại lần nữa về quyết định thu hồi đất tại 12 Lò Đúc, đề nghị trả lời sớm",
        respondent_name="Chủ tịch UBND phường Hai Bà Trưng",
        respondent_unit=unit,
    )
    made.append(p)
    # 7. Outside competence: guided to the district court (processed, with its letter).
    p = reg(
        handler,
        18,
        channel="post",
        type="complaint",
        petitioners=[HOA],
        summary="Đề nghị giải quyết tranh chấp thừa kế nhà đất giữa các anh chị em",
    )
    services.classify_petition(
        actor=handler,
        petition=p,
        subject_field=_field("KN.TP", "complaint"),
        within_competence=False,
        competent_body_name="Tòa án nhân dân khu vực 1 - Hà Nội",
    )
    services.guide(
        actor=handler,
        petition=p,
        competent_body="",
        signer=signer,
        on=_working_days_ago(15),
        reason="Tranh chấp thừa kế thuộc thẩm quyền giải quyết của Tòa án",
    )
    made.append(p)
    # 8. New today, not yet classified.
    made.append(
        reg(
            handler,
            0,
            channel="in_person",
            type="rec_feedback",
            petitioners=[THU],
            summary="Kiến nghị sửa đèn chiếu sáng ngõ 22 phố Hàn Thuyên bị hỏng nhiều tháng",
        )
    )
    return len(made)
