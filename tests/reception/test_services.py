from __future__ import annotations

import datetime as dt

import pytest

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import AuditEvent
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import Role
from tiepdan.people.models import Person, ProtectedIdentity
from tiepdan.petitions.models import Channel, Petition
from tiepdan.petitions.services import Signer
from tiepdan.reception import selectors, services
from tiepdan.reception.models import Refusal, Session, SessionStatus, Visit, VisitOutcome

from ..factories import UserFactory, give_role
from .conftest import DAY, OLD_DAY, citizen, record

pytestmark = pytest.mark.django_db


def test_accept_creates_the_petition_with_the_visit_linked(world):
    visit = record(world)
    petition = visit.petition
    assert petition is not None
    assert petition.channel == Channel.RECEPTION and petition.received_on == DAY
    assert petition.reception_visits.get() == visit
    assert visit.number == 1 and visit.year == 2026 and visit.outcome == VisitOutcome.ACCEPT
    person = visit.people.get().person
    assert petition.petitioners.get().person == person  # one registry entry, not two
    # TCD Art 28: 10 working days from 07/09/2026 (Mon) → 21/09/2026.
    assert visit.result_due_on == dt.date(2026, 9, 21)
    assert TrackedDeadline.objects.filter(rule_code="reception.notify_result", object_id=str(visit.pk)).exists()
    assert AuditEvent.objects.filter(action="reception.visit", object_id=str(visit.pk)).exists()
    second = record(world, summary="Khiếu nại khác", people=[citizen("Trần Thị Bình", "001185023456")])
    assert second.number == 2


def test_guide_requires_a_body_and_creates_no_petition(world):
    with pytest.raises(DomainError, match="cơ quan có thẩm quyền"):
        record(world, outcome="guide", within_competence=False)
    assert not Visit.objects.exists() and not Person.objects.exists()
    visit = record(world, outcome="guide", within_competence=False, guided_to="Tòa án nhân dân khu vực 1")
    assert visit.petition is None and visit.guided_to == "Tòa án nhân dân khu vực 1"
    assert visit.result_due_on is None  # answered at the desk
    assert not Petition.objects.exists()


def test_require_subordinate_body(world):
    officer = UserFactory(username="tiepdan_tinh")
    give_role(officer, world.province, Role.RECEPTION_OFFICER)
    with pytest.raises(DomainError, match="cấp dưới"):
        record(world, actor=officer, unit=world.province, outcome="require_subordinate", target_unit=world.unit_c)
    visit = record(
        world, actor=officer, unit=world.province, outcome="require_subordinate", target_unit=world.unit_a,
        within_competence=False,
    )  # fmt: skip
    assert visit.target_unit == world.unit_a and visit.petition is None
    assert visit.result_due_on == dt.date(2026, 9, 21)


def test_explain_and_forward_recommendation(world):
    visit = record(world, outcome="explain", already_resolved_by="UBND phường An Bình (Quyết định 12/QĐ-UBND)")
    assert visit.petition is None and visit.result_due_on is None
    with pytest.raises(DomainError, match="kiến nghị, phản ánh"):
        record(world, outcome="forward_rec")
    rec = record(world, type="rec_feedback", summary="Phản ánh đèn đường hỏng", outcome="forward_rec")
    assert rec.result_due_on == dt.date(2026, 9, 21) and rec.petition is None


def test_accept_outside_competence_is_refused_and_changes_nothing(world):
    with pytest.raises(DomainError, match="thuộc thẩm quyền"):
        record(world, within_competence=False)
    assert not Visit.objects.exists() and not Petition.objects.exists()


def test_denunciation_people_go_to_the_vault(world):
    visit = record(world, type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền",
                   people=[citizen("Lê Văn Tố", "001062034567")])  # fmt: skip
    vp = visit.people.get()
    assert vp.person_id is None and vp.identity_id is not None
    assert not Person.objects.filter(full_name="Lê Văn Tố").exists()
    assert ProtectedIdentity.objects.count() == 1  # the petition's vault entry, shared by the visit
    assert selectors.name_and_address(Visit.objects.get(pk=visit.pk)) == "Người tố cáo (đã được bảo mật)"
    guided = record(world, type="denunciation", summary="Tố cáo", outcome="guide", within_competence=False,
                    guided_to="Công an", people=[citizen("Lê Văn Tố", "001062034567")])  # fmt: skip
    assert guided.people.get().identity_id is not None


def test_mass_delegation_counted_once_with_representatives_checked(world):
    people = [citizen(f"Người {i}", f"0010850{i:05d}", is_representative=i < 3) for i in range(3)]
    with pytest.raises(DomainError, match="tối đa 2"):
        record(world, people=people, persons_count=8)
    people = [citizen(f"Người {i}", f"0010850{i:05d}") for i in range(2)]
    with pytest.raises(DomainError, match="người đại diện"):
        record(world, people=people, persons_count=8)
    people[0].is_representative = True
    visit = record(world, people=people, persons_count=8)
    assert visit.is_delegation and visit.persons_count == 8
    big = [citizen(f"Đại diện {i}", f"0011850{i:05d}", is_representative=True) for i in range(5)]
    assert record(world, people=big, persons_count=25, summary="Đoàn 25 người").is_delegation
    with pytest.raises(DomainError, match="không được ít hơn"):
        record(world, people=big, persons_count=3)
    assert Visit.objects.count() == 2
    # The delegation is one visit: the petition has only the people listed.
    assert visit.petition.petitioners.count() == 2


def test_repeat_visit_on_the_same_case(world):
    first = record(world)
    assert not first.is_repeat
    # The handler opens the case (petitions' duplicate decision); the next visit is on that case.
    from tiepdan.petitions import services as petition_services

    petition_services.resolve_duplicate(actor=world.handler, petition=first.petition, decision="new")
    case = Petition.objects.get(pk=first.petition.pk).case
    person_id = first.people.get().person_id
    assert list(selectors.candidate_cases(world.reception, person_ids=[person_id])) == [case]
    again = record(world, case=case, outcome="explain", received_on=DAY + dt.timedelta(days=7))
    assert again.is_repeat and again.case == case
    assert not selectors.candidate_cases(world.handler_b, person_ids=[person_id]).exists()  # sibling: nothing


def test_scope_and_roles(world):
    with pytest.raises(NotFoundError):
        record(world, actor=world.handler_b)
    with pytest.raises(DomainError, match="vai trò tiếp công dân"):
        record(world, actor=world.verifier)
    visit = record(world)
    assert not selectors.visible_visits(world.handler_b).exists()
    assert not selectors.visible_visits(world.outsider).exists()
    assert selectors.visible_visits(world.statistician_p).get() == visit  # parent sees its subtree
    with pytest.raises(NotFoundError):
        selectors.get_visit(world.handler_b, visit.pk)


def test_double_submit_records_one_visit(world):
    a = record(world, submission_key="k1")
    b = record(world, submission_key="k1")
    assert a.pk == b.pk and Visit.objects.count() == 1 and Petition.objects.count() == 1


def test_future_day_refused(world):
    with pytest.raises(DomainError, match="sau ngày hôm nay"):
        record(world, received_on=dt.date.today() + dt.timedelta(days=3))


def test_refusal_grounds_by_the_date_law(world):
    with pytest.raises(DomainError, match="không có trong danh mục"):
        services.record_refusal(actor=world.reception, unit=world.unit_a, refused_on=OLD_DAY, person=citizen(),
                                ground="weapons", detail="Mang dao")  # fmt: skip
    old = services.record_refusal(actor=world.reception, unit=world.unit_a, refused_on=OLD_DAY, person=citizen(),
                                  ground="threats", detail="Lăng mạ cán bộ tiếp")  # fmt: skip
    assert not old.notice_required and old.notice_due_on is None
    assert "Điều 9" in old.ground_source
    new = services.record_refusal(actor=world.reception, unit=world.unit_a, refused_on=DAY, person=citizen(),
                                  ground="weapons", detail="Mang theo dao, không chịu gửi lại")  # fmt: skip
    assert new.notice_required
    assert new.notice_due_on == dt.date(2026, 9, 10)  # 3 working days after Monday 07/09/2026
    assert Refusal.objects.count() == 2
    assert Person.objects.filter(id_number="001085012345").count() == 1  # the same citizen reused


def test_refusal_notice_document_closes_the_deadline(world):
    refusal = services.record_refusal(actor=world.reception, unit=world.unit_a, refused_on=DAY, person=citizen(),
                                      ground="recording", detail="Quay phim khi đã được yêu cầu dừng")  # fmt: skip
    refusal = services.issue_refusal_notice(actor=world.reception, refusal=refusal, on=dt.date(2026, 9, 8),
                                            signer=Signer("CHỦ TỊCH", "Lê Minh Đức"))  # fmt: skip
    doc = refusal.notice_document
    assert doc is not None and doc.template_code == "reception.thong_bao_tu_choi"
    assert doc.number_string.startswith("1/TB")
    tracked = TrackedDeadline.objects.get(rule_code="reception.refusal_notice", object_id=str(refusal.pk))
    assert tracked.closed_on == dt.date(2026, 9, 8)
    with pytest.raises(DomainError, match="Đã có thông báo"):
        services.issue_refusal_notice(actor=world.reception, refusal=refusal, signer=Signer("CHỦ TỊCH", "X"))


def _session(world, **kw):
    values = {
        "actor": world.head, "unit": world.unit_a, "kind": "periodic", "on": DAY, "start_time": dt.time(8),
        "end_time": dt.time(11), "venue": "Trụ sở tiếp công dân phường", "host": world.head, "host_name": "",
        "host_title": "Chủ tịch UBND phường",
    }  # fmt: skip
    values.update(kw)
    return services.plan_session(**values)


def test_head_session_workflow_and_conclusion_notice(world):
    session = _session(world)
    assert session.host_name == world.head.get_full_name() and session.status == SessionStatus.PLANNED
    visit = record(world, session=session)
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD and visit.session == session
    with pytest.raises(DomainError, match="Hãy ghi kết luận"):
        services.issue_conclusion_notice(actor=world.head, session=session)
    services.close_session(actor=world.head, session=session, conclusions="Giao Phòng Kinh tế kiểm tra\nBáo cáo")
    with pytest.raises(DomainError, match="Ngày ban hành"):
        services.issue_conclusion_notice(actor=world.head, session=session, on=DAY - dt.timedelta(days=1))
    session = services.issue_conclusion_notice(actor=world.head, session=session, on=DAY)
    doc = session.conclusion_document
    assert doc is not None and doc.template_code == "reception.thong_bao_ket_luan"
    assert doc.related_object == session
    from docx import Document

    with doc.file.open("rb") as fh:
        text = "\n".join(p.text for p in Document(fh).paragraphs)
    assert "Giao Phòng Kinh tế kiểm tra" in text and "Khiếu nại quyết định thu hồi đất" in text
    assert "07/09/2026" in text and "tiếp công dân định kỳ" in text
    with pytest.raises(DomainError, match="đã có thông báo kết luận"):
        services.issue_conclusion_notice(actor=world.head, session=session)


def test_sessions_rules(world):
    with pytest.raises(DomainError, match="01/07/2026"):
        _session(world, kind="online", on=OLD_DAY)
    assert _session(world, kind="online").kind == "online"
    with pytest.raises(DomainError, match="quản lý lịch"):
        _session(world, actor=world.verifier)
    with pytest.raises(NotFoundError):
        _session(world, actor=world.handler_b)
    with pytest.raises(DomainError, match="Giờ kết thúc"):
        _session(world, start_time=dt.time(11), end_time=dt.time(8))
    planned = _session(world, on=dt.date.today() + dt.timedelta(days=10))
    with pytest.raises(DomainError, match="chưa diễn ra"):
        services.close_session(actor=world.head, session=planned, conclusions="x")
    services.cancel_session(actor=world.head, session=planned, reason="Thủ trưởng đi công tác")
    assert Session.objects.get(pk=planned.pk).status == SessionStatus.CANCELLED
    with pytest.raises(DomainError, match="không diễn ra"):
        record(world, session=planned, received_on=DAY)


def test_regular_schedule(world):
    schedule = services.create_regular_schedule(
        actor=world.reception, unit=world.unit_a, weekdays=[0, 2, 2, 4], start_time=dt.time(7, 30),
        end_time=dt.time(11, 30), venue="Phòng tiếp công dân, tầng 1", valid_from=dt.date(2026, 1, 1),
        officers="Nguyễn Thị Lan",
    )  # fmt: skip
    assert schedule.weekdays == [0, 2, 4]
    with pytest.raises(DomainError, match="ít nhất một ngày"):
        services.create_regular_schedule(
            actor=world.reception, unit=world.unit_a, weekdays=[], start_time=dt.time(7, 30),
            end_time=dt.time(11, 30), venue="x", valid_from=dt.date(2026, 1, 1),
        )  # fmt: skip
