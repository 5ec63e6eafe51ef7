"""Cases walked through their real states from a petition proposed for acceptance."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from tiepdan.cases import services
from tiepdan.cases.models import Case
from tiepdan.core.errors import DomainError
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.services import PetitionerInput, Signer

from ..petitions.conftest import RECEIVED, leaf, register

pytestmark = pytest.mark.django_db
SIGNER = Signer("CHỦ TỊCH", "Phạm Văn Chủ")


def proposed_case(world, petition_type="complaint", field="KN.HC.DD.TH") -> Case:
    kwargs = {}
    if petition_type == "denunciation":
        kwargs = {"summary": "Tố cáo cán bộ nhận tiền", "petitioners": [PetitionerInput(full_name="Ẩn Danh Hai")]}
    petition = register(world, type=petition_type, **kwargs)
    petition_services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf(field, petition_type), within_competence=True
    )
    petition = petition_services.propose_acceptance(
        actor=world.handler, petition=petition, proposal="Đề nghị thụ lý", on=RECEIVED, signer=SIGNER
    )
    case = petition.case
    assert case is not None and case.state == "pending_acceptance"
    return case


def step(world, case, action, on, **kw):
    return services.transition(actor=world.head, case=case, action=action, on=on, **kw)


def open_codes(case):
    return set(
        TrackedDeadline.objects.filter(
            object_id=str(case.pk), content_type__model="case", closed_on__isnull=True
        ).values_list("rule_code", flat=True)
    )


def test_complaint_first_round_from_acceptance_to_closure(world):
    case = proposed_case(world)
    case = step(world, case, "accept", dt.date(2026, 3, 9))
    # complaint.first.resolve: 30 days from 09/03/2026 → 08/04/2026 (Wednesday).
    assert case.state == "accepted" and case.due_on == dt.date(2026, 4, 8)
    # The petition's acceptance limit is closed by the acceptance.
    assert not TrackedDeadline.objects.filter(rule_code="complaint.accept", closed_on__isnull=True).exists()
    case = step(world, case, "start_verification", dt.date(2026, 3, 10))
    with pytest.raises(DomainError, match="đối thoại"):
        step(world, case, "issue_decision", dt.date(2026, 3, 30), request_differs=True)
    case.refresh_from_db()
    assert case.state == "verification"
    case = step(world, case, "hold_dialogue", dt.date(2026, 3, 25))
    case = step(world, case, "issue_decision", dt.date(2026, 4, 1))
    assert open_codes(case) == {"complaint.first.send"}
    case = step(world, case, "send_decision", dt.date(2026, 4, 2))
    assert open_codes(case) == {"complaint.effective"}
    case = step(world, case, "become_effective", dt.date(2026, 5, 4))
    case = step(world, case, "start_enforcement", dt.date(2026, 5, 5))
    case = step(world, case, "close", dt.date(2026, 6, 1))
    assert case.state == "closed" and open_codes(case) == set()
    assert [e.action for e in case.events.all()] == [
        "propose", "accept", "start_verification", "hold_dialogue", "issue_decision", "send_decision",
        "become_effective", "start_enforcement", "close",
    ]  # fmt: skip


def test_illegal_step_and_wrong_role_change_nothing(world):
    case = proposed_case(world)
    with pytest.raises(DomainError, match="Các bước hợp lệ"):
        step(world, case, "issue_decision", RECEIVED)
    with pytest.raises(DomainError):
        services.transition(actor=world.reception, case=case, action="accept", on=RECEIVED)
    case.refresh_from_db()
    assert case.state == "pending_acceptance" and case.events.count() == 1


def test_denunciation_suspension_across_tet_and_extension(world):
    case = proposed_case(world, "denunciation", "TC.TN")
    case = step(world, case, "accept", dt.date(2026, 1, 5), complexity_criteria=["foreign"])
    assert case.due_on == dt.date(2026, 2, 4)  # 30 days from 05/01/2026
    case = step(world, case, "start_verification", dt.date(2026, 1, 6))
    case = services.suspend(actor=world.head, case=case, on=dt.date(2026, 1, 15), reason="Chờ giám định")
    assert case.state == "suspended"
    with pytest.raises(DomainError):
        step(world, case, "conclude", dt.date(2026, 1, 20))
    case = services.resume(actor=world.head, case=case, on=dt.date(2026, 2, 23))
    # 10 days used (06–15/01), 20 left from 23/02 → 15/03 (Sunday) → Monday 16/03/2026.
    assert case.state == "verification" and case.due_on == dt.date(2026, 3, 16)
    case = services.extend(actor=world.head, case=case, decision="Quyết định 12/QĐ-UBND", criteria=["foreign"])
    assert case.due_on == dt.date(2026, 4, 14)  # 50 days left after the suspension, from 23/02
    with pytest.raises(DomainError):
        services.extend(actor=world.head, case=case, decision="Quyết định 13/QĐ-UBND", criteria=["foreign"])
    case.refresh_from_db()
    case = step(world, case, "conclude", dt.date(2026, 4, 1))
    assert open_codes(case) == {"denunciation.send_conclusion", "denunciation.publish"}
    for action in ("send_conclusion", "handle_conclusion", "publish", "close"):
        case = step(world, case, action, dt.date(2026, 4, 3))
    assert case.state == "closed"


def test_withdrawal_terminates_a_complaint_but_not_a_denunciation_with_signs_of_violation(world):
    complaint = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    with pytest.raises(DomainError, match="lý do"):
        step(world, complaint, "withdraw", dt.date(2026, 3, 10))
    complaint = step(world, complaint, "withdraw", dt.date(2026, 3, 10), note="Đơn rút khiếu nại ngày 10/03/2026")
    assert complaint.state == "terminated" and open_codes(complaint) == set()
    denunciation = step(world, proposed_case(world, "denunciation", "TC.TN"), "accept", dt.date(2026, 3, 9))
    with pytest.raises(DomainError, match="Điều 33"):
        step(world, denunciation, "terminate", dt.date(2026, 3, 10), note="Rút tố cáo",
             continue_ground="signs_of_violation")  # fmt: skip


def test_concurrent_edit_is_refused_by_version(world):
    case = proposed_case(world)
    version = case.version
    step(world, case, "accept", dt.date(2026, 3, 9), version=version)
    with pytest.raises(DomainError, match="người khác cập nhật"):
        step(world, case, "refuse", dt.date(2026, 3, 9), version=version, note="x")


def test_decision_records_the_figures_reports_count(world):
    from tiepdan.cases.models import CaseDecision

    case = proposed_case(world)
    for action, day in (("accept", 9), ("start_verification", 10)):
        case = step(world, case, action, dt.date(2026, 3, day))
    with pytest.raises(DomainError, match="không hợp lệ"):
        services.record_decision(actor=world.head, case=case, number="5/QĐ-UBND", issued_on=dt.date(2026, 3, 30),
                                 result="untrue", summary="x")  # fmt: skip
    with pytest.raises(DomainError, match="âm"):
        services.record_decision(actor=world.head, case=case, number="5/QĐ-UBND", issued_on=dt.date(2026, 3, 30),
                                 result="partly_right", summary="x", figures={"land_to_citizens_m2": -1})  # fmt: skip
    assert not CaseDecision.objects.exists()
    case = services.record_decision(
        actor=world.head, case=case, number="5/QĐ-UBND", issued_on=dt.date(2026, 3, 30), result="partly_right",
        summary="Khiếu nại đúng một phần; điều chỉnh diện tích thu hồi.",
        figures={"money_to_citizens": "12.500.000", "land_to_citizens_m2": "15.5", "people_benefited": 1},
    )  # fmt: skip
    decision = CaseDecision.objects.get(case=case)
    assert case.state == "decided"
    assert decision.money_to_citizens == 12_500_000 and str(decision.land_to_citizens_m2) == "15.5"


# --- Two officials acting on one case at once ---------------------------------------------------------------

STALE = "người khác cập nhật"


def test_two_officials_with_the_same_form_one_wins_the_other_is_told(world):
    """The version check alone (SQLite and PostgreSQL): both loaded the page at version v."""
    case = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    version = case.version
    first = Case.objects.get(pk=case.pk)
    second = Case.objects.get(pk=case.pk)
    services.transition(actor=world.head, case=first, action="start_verification", on=dt.date(2026, 3, 10),
                        version=version)  # fmt: skip
    with pytest.raises(DomainError, match=STALE):
        services.transition(actor=world.handler, case=second, action="withdraw", on=dt.date(2026, 3, 10),
                            note="Rút đơn", version=version)  # fmt: skip
    case.refresh_from_db()
    assert case.state == "verification" and case.version == version + 1
    assert [e.action for e in case.events.all()][-1] == "start_verification"
    assert case.events.filter(action="withdraw").count() == 0


@pytest.fixture
def reseeded(transactional_db):
    # A transactional test's flush drops what the data migrations seeded: put the rules and fields back.
    from tiepdan.lawcal.models import DeadlineRule
    from tiepdan.lawcal.seed import seed
    from tiepdan.petitions.models import SubjectField
    from tiepdan.petitions.seed import seed_subject_fields

    seed(DeadlineRule)
    seed_subject_fields(SubjectField)


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="SQLite: one writer at a time; the version check is tested above.",
)
@pytest.mark.django_db(transaction=True)
def test_two_connections_at_once_exactly_one_succeeds(reseeded, world):
    """Two threads, each with its own database connection, take a step on the same case at the same moment.
    On PostgreSQL the row lock makes the second wait, then the version check refuses it; on SQLite the
    database lock serialises the writers and the version check does the rest."""
    import threading

    from django.db import connection

    assert connection.vendor == "postgresql"
    case = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    version = case.version
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name: str, actor, action: str, note: str) -> None:
        from django.db import connection as own

        try:
            mine = Case.objects.get(pk=case.pk)
            barrier.wait(timeout=10)
            services.transition(actor=actor, case=mine, action=action, on=dt.date(2026, 3, 10), note=note,
                                version=version)  # fmt: skip
            outcomes[name] = "ok"
        except DomainError as exc:
            outcomes[name] = exc.message
        finally:
            own.close()

    threads = [
        threading.Thread(target=act, args=("head", world.head, "start_verification", "")),
        threading.Thread(target=act, args=("handler", world.handler, "withdraw", "Người khiếu nại rút đơn")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["handler", "head"]
    winners = [name for name, result in outcomes.items() if result == "ok"]
    assert len(winners) == 1, outcomes
    loser = "handler" if winners == ["head"] else "head"
    assert STALE in outcomes[loser]
    case.refresh_from_db()
    assert case.version == version + 1
    assert case.state == ("verification" if winners == ["head"] else "terminated")
    assert case.events.filter(action__in=["start_verification", "withdraw"]).count() == 1


def test_the_verifier_takes_the_case_and_its_running_limits(world):
    case = step(world, proposed_case(world), "accept", dt.date(2026, 3, 9))
    case = services.assign_verification(actor=world.head, case=case, leader=world.verifier, plan="Kế hoạch",
                                        on=dt.date(2026, 3, 10))  # fmt: skip
    case.refresh_from_db()
    assert case.assignee == world.verifier
    running = TrackedDeadline.objects.filter(object_id=str(case.pk), content_type__model="case", closed_on__isnull=True)
    assert running.exists() and {d.assignee_id for d in running} == {world.verifier.pk}
    from tiepdan.cases.selectors import CaseFilters, filter_cases

    assert list(filter_cases(world.verifier, CaseFilters(assignee="me"))) == [case]
