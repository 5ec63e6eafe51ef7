"""Verification, dialogue, publication, second round and the oversight lists."""

from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.cases import backlog, services
from tiepdan.cases.models import Dialogue, Publication
from tiepdan.core.errors import DomainError
from tiepdan.core.models import AuditEvent

from .test_services import proposed_case, step

pytestmark = pytest.mark.django_db
D = dt.date


def verifying(world, **kw):
    case = step(world, proposed_case(world, **kw), "accept", D(2026, 3, 9))
    return services.assign_verification(actor=world.head, case=case, leader=world.verifier, plan="Làm việc với "
                                        "bộ phận địa chính; thu thập hồ sơ thu hồi đất", on=D(2026, 3, 10))  # fmt: skip


def test_verification_team_plan_and_tasks(world):
    case = verifying(world)
    assert case.state == "verification" and case.verification.leader == world.verifier
    task = services.add_verification_task(actor=world.verifier, case=case, title="Đo đạc hiện trạng thửa đất",
                                          due_on=D(2026, 3, 20))  # fmt: skip
    assert task.verification == case.verification
    services.report_verification(
        actor=world.verifier, case=case, report="Diện tích thu hồi đúng hồ sơ", on=D(2026, 3, 21)
    )
    case.verification.refresh_from_db()
    assert case.verification.reported_on == D(2026, 3, 21)
    with pytest.raises(DomainError, match="không thuộc đơn vị"):
        services.assign_verification(actor=world.head, case=proposed_case(world), leader=world.handler_b, plan="x",
                                     on=D(2026, 3, 10))  # fmt: skip


def test_dialogue_notice_of_five_days_from_july_2026(world):
    case = verifying(world)
    # Before 1 Jul 2026 no minimum notice applied.
    services.schedule_dialogue(
        actor=world.head, case=case, scheduled_on=D(2026, 3, 25), notice_sent_on=D(2026, 3, 24),
        venue="Trụ sở UBND phường", participants=["Nguyễn Văn An", "Chủ tịch UBND phường"],
    )  # fmt: skip
    with pytest.raises(DomainError, match="ít nhất 5 ngày"):
        services.schedule_dialogue(actor=world.head, case=case, scheduled_on=D(2026, 7, 10),
                                   notice_sent_on=D(2026, 7, 7), venue="Trụ sở", participants=["A"])  # fmt: skip
    assert Dialogue.objects.filter(case=case).count() == 1
    case = services.record_dialogue(actor=world.head, case=case, held_on=D(2026, 3, 25), minutes="Hai bên trình bày",
                                    signed_by=["Chủ tịch UBND phường"], refused_to_sign=["Nguyễn Văn An: không đồng ý"],
                                    request_differs=True)  # fmt: skip
    assert case.state == "dialogue" and case.request_differs
    dialogue = Dialogue.objects.get(case=case)
    assert dialogue.refused_to_sign == ["Nguyễn Văn An: không đồng ý"]


def test_second_round_requires_dialogue_and_is_published_without_the_first_being_open(world):
    first = verifying(world)
    first = services.record_decision(actor=world.head, case=first, number="5/QĐ-UBND", issued_on=D(2026, 4, 1),
                                     result="wrong", summary="Khiếu nại sai.")  # fmt: skip
    first = step(world, first, "send_decision", D(2026, 4, 2))
    # The second complaint goes to the direct superior (the province), whose head handles it.
    from tests.factories import UserFactory, give_role

    province_head = UserFactory(username="ct_tinh")
    give_role(province_head, world.province, "unit_head")
    with pytest.raises(DomainError):
        services.open_second_round(actor=world.head, first=first, superior_unit=world.province,
                                   received_on=D(2026, 4, 20))  # fmt: skip
    second = services.open_second_round(actor=province_head, first=first, superior_unit=world.province,
                                        received_on=D(2026, 4, 20))  # fmt: skip
    first.refresh_from_db()
    assert first.state == "appealed" and second.round == 2 and second.previous_round == first
    second = services.transition(actor=province_head, case=second, action="accept", on=D(2026, 4, 21))
    second = services.assign_verification(actor=province_head, case=second, leader=province_head, plan="Xác minh lại",
                                          on=D(2026, 4, 22))  # fmt: skip
    with pytest.raises(DomainError, match="đối thoại"):
        services.record_decision(actor=province_head, case=second, number="9/QĐ-UBND", issued_on=D(2026, 5, 20),
                                 result="wrong", summary="Giữ nguyên", first_round_outcome="upheld")  # fmt: skip
    services.schedule_dialogue(
        actor=province_head, case=second, scheduled_on=D(2026, 5, 10), notice_sent_on=D(2026, 5, 4),
        venue="Trụ sở UBND tỉnh", participants=["A", "B"],
    )  # fmt: skip
    second = services.record_dialogue(actor=province_head, case=second, held_on=D(2026, 5, 10), minutes="Đã đối thoại",
                                      signed_by=["A", "B"], refused_to_sign=[])  # fmt: skip
    second = services.record_decision(actor=province_head, case=second, number="9/QĐ-UBND", issued_on=D(2026, 5, 20),
                                      result="wrong", summary="Công nhận quyết định lần đầu",
                                      first_round_outcome="upheld")  # fmt: skip
    second = services.transition(actor=province_head, case=second, action="send_decision", on=D(2026, 5, 21))
    services.publish(
        actor=province_head, case=second, method="posting", published_on=D(2026, 5, 25), until=D(2026, 6, 10),
        public_text="Quyết định 9/QĐ-UBND công nhận quyết định lần đầu.",
    )  # fmt: skip
    assert Publication.objects.filter(case=second).count() == 1


def test_publication_of_a_conclusion_refuses_the_denouncers_name(world):
    case = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", D(2026, 3, 9))
    case = services.assign_verification(actor=world.head, case=case, leader=world.verifier, plan="Xác minh",
                                        on=D(2026, 3, 10))  # fmt: skip
    case = services.record_decision(actor=world.head, case=case, number="3/KL-UBND", issued_on=D(2026, 3, 30),
                                    result="partly_right", summary="Tố cáo đúng một phần")  # fmt: skip
    case = step(world, case, "send_conclusion", D(2026, 3, 31))
    with pytest.raises(DomainError, match="nhận diện người tố cáo"):
        services.publish(actor=world.head, case=case, method="portal", published_on=D(2026, 4, 2),
                         public_text="Theo đơn của ông ẨN DANH HAI, kết luận tố cáo đúng một phần.")  # fmt: skip
    assert not Publication.objects.exists()
    assert AuditEvent.objects.filter(action="people.identity.check_public_text").exists()
    case = services.publish(actor=world.head, case=case, method="portal", published_on=D(2026, 4, 2),
                            public_text="Kết luận 3/KL-UBND: tố cáo đúng một phần.")  # fmt: skip
    assert case.state == "published"


def test_backlog_review_and_oversight_lists(world):
    resolved = verifying(world)
    services.record_decision(actor=world.head, case=resolved, number="1/QĐ", issued_on=D(2026, 3, 30), result="right",
                             summary="Đúng")  # fmt: skip
    in_progress = verifying(world)
    services.set_oversight(actor=world.head, case=in_progress, mass_delegation=True, bypasses_level=False,
                           assigned_by="Ban Thường vụ Tỉnh ủy", assigned_doc="1893-CV/TU ngày 03/08/2023",
                           report_every_days=30)  # fmt: skip
    services.add_progress_report(actor=world.head, case=in_progress, reported_on=D(2026, 4, 1),
                                 document="15/BC-UBND", content="Đang xác minh")  # fmt: skip
    proposed_case(world)  # not started
    review = backlog.backlog_review(world.head)
    assert review == {"resolved": 1, "in_progress": 1, "not_started": 1, "resolved_but_again": 0}
    assert list(backlog.flagged(world.head)) == [in_progress]
    assert list(backlog.prolonged(world.head, on=D(2027, 6, 1))) != []
    assert list(backlog.prolonged(world.head, on=D(2026, 6, 1))) == []


def _province_head(world):
    from tests.factories import UserFactory, give_role

    head = UserFactory(username="ct_tinh")
    give_role(head, world.province, "unit_head")
    return head


def _concluded(world):
    case = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", D(2026, 3, 9))
    case = services.assign_verification(actor=world.head, case=case, leader=world.verifier, plan="Xác minh",
                                        on=D(2026, 3, 10))  # fmt: skip
    case = services.record_decision(actor=world.head, case=case, number="3/KL-UBND", issued_on=D(2026, 3, 30),
                                    result="untrue", summary="Tố cáo không đúng")  # fmt: skip
    return step(world, case, "send_conclusion", D(2026, 3, 31))


def test_further_denunciation_after_a_conclusion_is_reviewed_in_20_days_then_resolved_again(world):
    first = _concluded(world)
    head_p = _province_head(world)
    # The unit that resolved it, or a sibling, is not the direct superior.
    with pytest.raises(DomainError, match="cấp trên trực tiếp"):
        services.open_further_denunciation(actor=world.admin, first=first, superior_unit=world.unit_b,
                                           received_on=D(2026, 6, 2))  # fmt: skip
    further = services.open_further_denunciation(
        actor=head_p,
        first=first,
        superior_unit=world.province,
        received_on=D(2026, 6, 2),
        note="Kết luận chưa khách quan",
    )
    # denunciation.review_further: 20 calendar days from receipt → 22/06/2026.
    assert further.state == "further_review" and further.round == 2 and further.previous_round == first
    assert further.due_on == D(2026, 6, 22)
    assert first.events.filter(action="further_denunciation").exists()
    # Only one further denunciation of a case is reviewed at a time.
    with pytest.raises(DomainError, match="đang được xem xét"):
        services.open_further_denunciation(actor=head_p, first=first, superior_unit=world.province,
                                           received_on=D(2026, 6, 3))  # fmt: skip
    # The first-round steps do not apply before the review decides.
    with pytest.raises(DomainError, match="Các bước hợp lệ"):
        services.transition(actor=head_p, case=further, action="start_verification", on=D(2026, 6, 5))
    further = services.transition(actor=head_p, case=further, action="accept_further", on=D(2026, 6, 10))
    assert further.state == "accepted" and further.accepted_on == D(2026, 6, 10)
    from .test_services import open_codes

    assert open_codes(further) == {"denunciation.resolve"}
    further = services.assign_verification(actor=head_p, case=further, leader=head_p, plan="Xác minh lại",
                                           on=D(2026, 6, 11))  # fmt: skip
    further = services.record_decision(actor=head_p, case=further, number="7/KL-UBND", issued_on=D(2026, 7, 1),
                                       result="partly_right", summary="Tố cáo đúng một phần")  # fmt: skip
    assert further.state == "concluded"


def test_further_denunciation_only_after_a_conclusion_or_once_the_limit_passed(world):
    head_p = _province_head(world)
    verifying_case = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", D(2026, 3, 9))
    due = verifying_case.due_on
    with pytest.raises(DomainError, match="Điều 37"):
        services.open_further_denunciation(actor=head_p, first=verifying_case, superior_unit=world.province,
                                           received_on=due)  # fmt: skip
    # Once the time limit passed unresolved, the denouncer may denounce further.
    further = services.open_further_denunciation(actor=head_p, first=verifying_case, superior_unit=world.province,
                                                 received_on=D(2026, 6, 2))  # fmt: skip
    assert "quá hạn" in further.events.get().note
    # Keeping the conclusion needs its reason, and closes the review.
    with pytest.raises(DomainError, match="căn cứ"):
        services.transition(actor=head_p, case=further, action="reject_further", on=D(2026, 6, 10))
    further = services.transition(actor=head_p, case=further, action="reject_further", on=D(2026, 6, 10),
                                  note="Giao cấp dưới giải quyết dứt điểm, đôn đốc")  # fmt: skip
    assert further.state == "closed"
    # A complaint has no further denunciation.
    with pytest.raises(DomainError, match="tố cáo"):
        services.open_further_denunciation(actor=head_p, first=proposed_case(world), superior_unit=world.province,
                                           received_on=D(2026, 6, 2))  # fmt: skip


def test_figures_are_read_as_vietnamese_numbers(world):
    case = verifying(world)
    case = services.record_decision(
        actor=world.head, case=case, number="1/QĐ", issued_on=D(2026, 3, 30), result="partly_right", summary="x",
        figures={"money_to_citizens": "12.500.000", "land_to_citizens_m2": "1.234,5", "land_to_state_m2": "15,5"},
    )  # fmt: skip
    decision = case.decision
    assert decision.money_to_citizens == 12500000
    assert str(decision.land_to_citizens_m2) == "1234.5" and str(decision.land_to_state_m2) == "15.5"
    with pytest.raises(DomainError, match="phải là số"):
        services.record_decision(actor=world.head, case=verifying(world), number="2/QĐ", issued_on=D(2026, 3, 30),
                                 result="right", summary="x", figures={"land_to_state_m2": "mười"})  # fmt: skip


def test_a_decision_without_a_number_takes_the_number_of_its_document(world, api_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    case = verifying(world)
    api_client.force_authenticate(world.head)
    body = api_client.post(f"/api/v1/cases/{case.pk}/decision/", {
        "issued_on": "2026-03-30", "result": "right", "summary": "Khiếu nại đúng",
        "documents": ["case.quyet_dinh_giai_quyet_lan_dau"],
        "document_values": {"can_cu_phap_luat": "Luật Đất đai", "xu_ly": "Hủy quyết định", "boi_thuong": "Không",
                            "ket_qua_xac_minh": "Đúng như đơn"},
    }, format="json").json()  # fmt: skip
    from tiepdan.documents.models import GeneratedDocument

    document = GeneratedDocument.objects.get(template_code="case.quyet_dinh_giai_quyet_lan_dau")
    assert body["decision"]["number"] == document.number_string
    case.refresh_from_db()
    assert case.decision.number == document.number_string
    assert case.events.get(action="issue_decision").note == document.number_string
    # Without a document, the number stays required.
    other = verifying(world)
    refused = api_client.post(f"/api/v1/cases/{other.pk}/decision/", {
        "issued_on": "2026-03-30", "result": "right", "summary": "Khiếu nại đúng"}, format="json")  # fmt: skip
    assert refused.status_code == 400 and "số, ký hiệu" in refused.json()["detail"]


def test_backlog_review_page_counts_and_lists_each_category(world, client):
    resolved = verifying(world)
    services.record_decision(actor=world.head, case=resolved, number="1/QĐ", issued_on=D(2026, 3, 30), result="right",
                             summary="Đúng")  # fmt: skip
    in_progress = verifying(world)
    not_started = proposed_case(world)
    # A later letter on the resolved case: it moves to "resolved but petitioned again".
    from tiepdan.petitions.models import Petition

    Petition.objects.filter(pk=in_progress.petitions.first().pk).update(case=resolved, received_on=D(2026, 4, 10))
    assert backlog.backlog_review(world.head) == {"resolved": 0, "in_progress": 1, "not_started": 1,
                                                   "resolved_but_again": 1}  # fmt: skip
    client.force_login(world.head)
    page = client.get("/vu-viec/?review=resolved_but_again").content.decode()
    assert resolved.code in page and in_progress.code not in page
    assert "Đã giải quyết nhưng công dân tiếp tục khiếu nại, tố cáo" in page
    page = client.get("/vu-viec/?review=not_started").content.decode()
    assert not_started.code in page and resolved.code not in page
    page = client.get("/vu-viec/?review=bogus").content.decode()  # an unknown category lists nothing
    assert resolved.code not in page and not_started.code not in page
    client.force_login(world.handler_b)  # a sibling unit sees none of them
    page = client.get("/vu-viec/?review=in_progress").content.decode()
    assert in_progress.code not in page
