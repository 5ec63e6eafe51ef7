"""Every write of citizen reception: schedules, sessions, the register (visits), refusals and their documents.

Each service is keyword-only, takes the acting user, runs in one transaction, checks scope and role, and
writes an audit event. An accepted matter becomes a petition through `petitions.services.register_petition`
(channel "reception") with the visit linked. A denunciation's people go to the identity vault, never to the
registry, a visit row, an event or a log line (Law on Denunciations Art 47).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from tiepdan.cases.models import Case
from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import nfc
from tiepdan.documents import services as document_services
from tiepdan.lawcal import services as deadline_services
from tiepdan.orgs.models import OrgUnit, Role
from tiepdan.orgs.selectors import active_memberships, today, user_scope
from tiepdan.people import rules as people_rules
from tiepdan.people import services as people_services
from tiepdan.people.models import Person
from tiepdan.people.selectors import visible_people
from tiepdan.petitions import services as petition_services
from tiepdan.petitions.models import Channel, Petition, PetitionType
from tiepdan.petitions.services import PetitionerInput, Signer

from . import rules
from .models import Refusal, RegularSchedule, Session, SessionKind, SessionStatus, Visit, VisitOutcome, VisitPerson

logger = logging.getLogger(__name__)

# Who keeps the register and the schedules of a unit (Law 42/2013 Art 7, 18; TT 04/2021).
RECEPTION_ROLES = frozenset({Role.RECEPTION_OFFICER, Role.PETITION_HANDLER, Role.UNIT_HEAD})
SCHEDULE_ROLES = frozenset({Role.RECEPTION_OFFICER, Role.UNIT_HEAD})
NOTICE_TEMPLATE = "reception.thong_bao_ket_luan"
REFUSAL_TEMPLATE = "reception.thong_bao_tu_choi"


def roles_at(user: User, unit: OrgUnit) -> set[str]:
    return {m.role for m in active_memberships(user) if m.unit_id == unit.pk}


def may_receive(user: User, unit: OrgUnit) -> bool:
    return bool(user.is_superuser or roles_at(user, unit) & RECEPTION_ROLES)


def may_schedule(user: User, unit: OrgUnit) -> bool:
    return bool(user.is_superuser or roles_at(user, unit) & SCHEDULE_ROLES)


def _require_scope(user: User, unit: OrgUnit) -> None:
    if not user_scope(user).allows(unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")


def _require(user: User, unit: OrgUnit, *, schedule: bool = False) -> None:
    _require_scope(user, unit)
    if schedule and not may_schedule(user, unit):
        raise DomainError("Chỉ cán bộ tiếp công dân hoặc thủ trưởng của đơn vị được quản lý lịch tiếp công dân.")
    if not schedule and not may_receive(user, unit):
        raise DomainError("Bạn không có vai trò tiếp công dân tại đơn vị này.")


def _check_day(day: dt.date, unit: OrgUnit, *, field: str, future_ok: bool = False) -> None:
    if not future_ok and day > today():
        raise DomainError("Ngày không được sau ngày hôm nay.", field=field)
    if not unit.is_valid_on(day):
        raise DomainError("Đơn vị chưa hoặc không còn tồn tại vào ngày này.", field=field)


def _check_hours(start: dt.time, end: dt.time) -> None:
    if end <= start:
        raise DomainError("Giờ kết thúc phải sau giờ bắt đầu.", field="end_time")


# --- Schedules ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_regular_schedule(
    *,
    actor: User,
    unit: OrgUnit,
    weekdays: Sequence[int],
    start_time: dt.time,
    end_time: dt.time,
    venue: str,
    valid_from: dt.date,
    officers: str = "",
    valid_to: dt.date | None = None,
    note: str = "",
) -> RegularSchedule:
    """Regular reception by the staff (tiếp thường xuyên) on the given weekdays (0 = Monday)."""
    _require(actor, unit, schedule=True)
    days = sorted(set(weekdays))
    if not days or any(d not in range(7) for d in days):
        raise DomainError("Hãy chọn ít nhất một ngày trong tuần (Thứ Hai … Chủ nhật).", field="weekdays")
    _check_hours(start_time, end_time)
    venue = nfc(venue).strip()
    if not venue:
        raise DomainError("Hãy ghi địa điểm tiếp công dân.", field="venue")
    if valid_to is not None and valid_to < valid_from:
        raise DomainError("Ngày kết thúc áp dụng phải sau ngày bắt đầu.", field="valid_to")
    schedule = RegularSchedule.objects.create(
        unit=unit, weekdays=days, start_time=start_time, end_time=end_time, venue=venue,
        officers=nfc(officers).strip(), valid_from=valid_from, valid_to=valid_to, note=nfc(note).strip(),
        created_by=actor,
    )  # fmt: skip
    record_event(
        actor=actor,
        action="reception.regular_schedule",
        obj=schedule,
        changes={"unit": [None, unit.code], "weekdays": [None, days], "valid_from": [None, valid_from]},
        legal_basis=f"{rules.TCD}, Điều 7",
    )
    return schedule


@transaction.atomic
def plan_session(
    *,
    actor: User,
    unit: OrgUnit,
    kind: str,
    on: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    venue: str,
    host_name: str,
    host_title: str,
    host: User | None = None,
    officers: str = "",
    note: str = "",
) -> Session:
    """Put a head's periodic day, an unscheduled or an online session on the unit's schedule."""
    _require(actor, unit, schedule=True)
    if kind not in SessionKind.values:
        raise DomainError("Hình thức tiếp không hợp lệ (định kỳ, đột xuất, trực tuyến).", field="kind")
    if kind == SessionKind.ONLINE and on < rules.REFORM_2026:
        raise DomainError("Tiếp công dân trực tuyến áp dụng từ ngày 01/07/2026.", field="on")
    _check_day(on, unit, field="on", future_ok=True)
    _check_hours(start_time, end_time)
    venue, host_name, host_title = nfc(venue).strip(), nfc(host_name).strip(), nfc(host_title).strip()
    if host is not None and not host_name:
        host_name = host.get_full_name()
    if not venue:
        raise DomainError("Hãy ghi địa điểm tiếp công dân.", field="venue")
    if not host_name or not host_title:
        raise DomainError("Hãy ghi họ tên và chức vụ người chủ trì tiếp.", field="host_name")
    session = Session.objects.create(
        unit=unit, kind=kind, on=on, start_time=start_time, end_time=end_time, venue=venue, host=host,
        host_name=host_name, host_title=host_title, officers=nfc(officers).strip(), note=nfc(note).strip(),
        created_by=actor,
    )  # fmt: skip
    record_event(
        actor=actor,
        action="reception.plan_session",
        obj=session,
        changes={"unit": [None, unit.code], "kind": [None, kind], "on": [None, on], "host": [None, host_name]},
        legal_basis=f"{rules.TCD}, Điều 18",
    )
    return session


def _locked_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("unit").get(pk=session.pk)


@transaction.atomic
def cancel_session(*, actor: User, session: Session, reason: str) -> Session:
    session = _locked_session(session)
    _require(actor, session.unit, schedule=True)
    if session.status != SessionStatus.PLANNED:
        raise DomainError("Chỉ hủy được buổi tiếp chưa diễn ra.")
    if not nfc(reason).strip():
        raise DomainError("Hãy ghi lý do hủy buổi tiếp.", field="reason")
    session.status = SessionStatus.CANCELLED
    session.note = nfc(reason).strip()[:500]
    session.save(update_fields=["status", "note"])
    record_event(
        actor=actor, action="reception.cancel_session", obj=session,
        changes={"status": [SessionStatus.PLANNED, SessionStatus.CANCELLED]}, reason=session.note,
    )  # fmt: skip
    return session


@transaction.atomic
def close_session(*, actor: User, session: Session, conclusions: str) -> Session:
    """Record that the session was held and what the head concluded (basis of the notice of conclusions)."""
    session = _locked_session(session)
    _require(actor, session.unit, schedule=True)
    if session.status == SessionStatus.CANCELLED:
        raise DomainError("Buổi tiếp đã bị hủy.")
    if session.on > today():
        raise DomainError("Buổi tiếp chưa diễn ra.")
    conclusions = nfc(conclusions).strip()
    if not conclusions:
        raise DomainError("Hãy ghi nội dung kết luận của người chủ trì.", field="conclusions")
    before = session.status
    session.status = SessionStatus.HELD
    session.conclusions = conclusions
    session.save(update_fields=["status", "conclusions"])
    record_event(
        actor=actor, action="reception.close_session", obj=session, changes={"status": [before, session.status]},
        legal_basis=f"{rules.TCD}, Điều 18",
    )  # fmt: skip
    return session


HINH_THUC = {
    SessionKind.PERIODIC: "tiếp công dân định kỳ",
    SessionKind.UNSCHEDULED: "tiếp công dân đột xuất",
    SessionKind.ONLINE: "tiếp công dân trực tuyến",
}


def _signer(session: Session, signer: Signer | None) -> Signer:
    # The host signs under the title of the body (CHỦ TỊCH, CHÁNH THANH TRA, THỦ TRƯỞNG…).
    signer = signer or Signer(petition_services.default_signer(session.unit).title, session.host_name)
    if not signer.name or not signer.title:
        raise DomainError("Chưa có người ký thông báo: hãy ghi họ tên và chức vụ.", field="signer")
    return signer


def _symbol(code: str, unit: OrgUnit) -> str:
    return petition_services.document_symbol(code, unit)


@transaction.atomic
def issue_conclusion_notice(
    *, actor: User, session: Session, on: dt.date | None = None, signer: Signer | None = None, recipients: str = ""
) -> Session:
    """The notice of conclusions after a head's session (thông báo kết luận), from the editable template."""
    session = _locked_session(session)
    _require(actor, session.unit, schedule=True)
    if session.status != SessionStatus.HELD or not session.conclusions:
        raise DomainError("Hãy ghi kết luận và xác nhận buổi tiếp đã diễn ra trước khi lập thông báo kết luận.")
    if session.conclusion_document_id is not None:
        raise DomainError("Buổi tiếp này đã có thông báo kết luận.")
    day = on or today()
    if day < session.on or day > today():
        raise DomainError("Ngày ban hành phải từ ngày tiếp đến hôm nay.", field="on")
    who = _signer(session, signer)
    visits = list(session.visits.order_by("number"))
    lines = [f"{v.get_type_display()}: {v.summary}" for v in visits] or ["Không có công dân đến trình bày."]
    context: dict[str, Any] = {
        "chuc_vu_nguoi_ky": who.title,
        "ho_ten_nguoi_ky": who.name,
        "nguoi_chu_tri": f"{session.host_name}, {session.host_title}",
        "hinh_thuc": HINH_THUC[SessionKind(session.kind)],
        "ngay_tiep": f"{session.on:%d/%m/%Y}",
        "dia_diem": session.venue,
        "thanh_phan": session.officers or "",
        "so_luot": str(len(visits)),
        "noi_dung_tiep": lines,
        "ket_luan": [line for line in session.conclusions.splitlines() if line.strip()],
    }
    if recipients.strip():
        context["noi_nhan"] = [r.strip() for r in recipients.splitlines() if r.strip()]
    document = document_services.generate_document(
        actor=actor, template_code=NOTICE_TEMPLATE, unit=session.unit, context=context, related_object=session,
        symbol=_symbol(NOTICE_TEMPLATE, session.unit), issued_on=day,
    )  # fmt: skip
    session.conclusion_document = document
    session.save(update_fields=["conclusion_document"])
    record_event(
        actor=actor, action="reception.conclusion_notice", obj=session,
        changes={"document": [None, document.number_string]}, legal_basis=f"{rules.TCD}, Điều 18",
    )  # fmt: skip
    return session


# --- The register -------------------------------------------------------------------------------------------


def _clean_people(people: Sequence[PetitionerInput]) -> list[PetitionerInput]:
    cleaned = []
    for index, p in enumerate(people, start=1):
        p.full_name = nfc(p.full_name).strip()
        p.address = nfc(p.address).strip()
        if not p.full_name and p.person_id is None:
            raise DomainError(f"Người thứ {index}: chưa có họ và tên.", field="people")
        if p.id_number:
            number = people_rules.normalize_id_number(p.id_number)
            try:
                people_rules.validate_id_number(people_rules.guess_id_type(number), number)
            except DomainError as exc:
                raise DomainError(f"Người thứ {index}: {exc.message}", field="people") from None
            p.id_number = number
        cleaned.append(p)
    if not cleaned:
        raise DomainError("Hãy ghi ít nhất một công dân được tiếp.", field="people")
    return cleaned


def _person_for(*, actor: User, unit: OrgUnit, data: PetitionerInput) -> Person:
    if data.person_id is not None:
        person = visible_people(actor).filter(pk=data.person_id).first()
        if person is None:
            raise NotFoundError("Không tìm thấy công dân đã chọn trong phạm vi của bạn.")
        return person
    if data.id_number:
        existing = visible_people(actor).filter(id_number=data.id_number).first()
        if existing is not None:
            return existing
    return people_services.create_person(
        actor=actor, owner_unit=unit, full_name=data.full_name, id_number=data.id_number, address=data.address,
        phone=data.phone, email=data.email, date_of_birth=data.date_of_birth,
    )  # fmt: skip


def _next_number(unit: OrgUnit, year: int) -> int:
    # The unit row is the lock: two officers at the desk never take the same number.
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    last = Visit.objects.filter(unit=unit, year=year).aggregate(m=Max("number"))["m"] or 0
    return last + 1


def is_repeat_visit(*, unit: OrgUnit, case: Case | None, received_on: dt.date, person_ids: Sequence[int]) -> bool:
    """A repeat visit (tiếp nhiều lần): the same matter was already brought — an earlier visit or letter on the
    same case; or, without a case, an earlier visit of the same person(s) linked to a case of this unit."""
    if case is not None:
        earlier_visit = Visit.objects.filter(case=case, received_on__lte=received_on).exists()
        earlier_letter = Petition.objects.filter(case=case, received_on__lte=received_on).exists()
        return earlier_visit or earlier_letter
    return False


def _check_case(actor: User, case: Case | None, unit: OrgUnit, type: str) -> None:
    if case is None:
        return
    from tiepdan.cases.selectors import visible_cases

    if not visible_cases(actor).filter(pk=case.pk).exists():
        raise NotFoundError("Không tìm thấy vụ việc đã chọn trong phạm vi của bạn.")
    if case.type != type:
        raise DomainError("Vụ việc đã chọn khác loại (khiếu nại, tố cáo, kiến nghị/phản ánh).", field="case")


def record_visit(
    *,
    actor: User,
    unit: OrgUnit,
    received_on: dt.date,
    type: str,
    summary: str,
    people: Sequence[PetitionerInput],
    outcome: str,
    within_competence: bool,
    persons_count: int | None = None,
    session: Session | None = None,
    content: str = "",
    already_resolved_by: str = "",
    guided_to: str = "",
    target_unit: OrgUnit | None = None,
    follow_up: str = "",
    note: str = "",
    case: Case | None = None,
    respondent_name: str = "",
    submission_key: str | None = None,
) -> Visit:
    """Write one line of the register (Mẫu 03/TCD) and carry out its outcome.

    `people` are the citizens received (for a delegation: at least its representatives, marked
    `is_representative`); `persons_count` is the number of people with the same content (default: the people
    listed). Five or more make a mass delegation, counted once with its number of persons. Accepting creates
    the petition (channel "reception") with the visit linked. A repeated `submission_key` returns the first
    visit (double submit).
    """
    if submission_key:
        existing = Visit.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    _require(actor, unit)
    if type not in PetitionType.values:
        raise DomainError("Phân loại không hợp lệ (khiếu nại, tố cáo, kiến nghị/phản ánh).", field="type")
    if outcome not in VisitOutcome.values:
        raise DomainError("Kết quả tiếp không hợp lệ.", field="outcome")
    summary = nfc(summary).strip()
    if not summary:
        raise DomainError("Hãy ghi tóm tắt nội dung vụ việc.", field="summary")
    _check_day(received_on, unit, field="received_on")
    if session is not None:
        if session.unit_id != unit.pk:
            raise DomainError("Buổi tiếp đã chọn thuộc đơn vị khác.", field="session")
        if session.status == SessionStatus.CANCELLED or session.on != received_on:
            raise DomainError("Buổi tiếp đã chọn không diễn ra vào ngày tiếp này.", field="session")
    cleaned = _clean_people(people)
    count = persons_count if persons_count is not None else len(cleaned)
    if count < len(cleaned):
        raise DomainError(
            f"Số người cùng nội dung ({count}) không được ít hơn số người đã ghi tên ({len(cleaned)}).",
            field="persons_count",
        )
    representatives = sum(1 for p in cleaned if p.is_representative)
    if problem := rules.check_representatives(count, representatives):
        raise DomainError(problem, field="people")
    if target_unit is not None and (target_unit.pk == unit.pk or not target_unit.path.startswith(unit.path)):
        raise DomainError("Cơ quan được yêu cầu giải quyết phải là cơ quan cấp dưới của đơn vị.", field="target_unit")
    problem = rules.check_outcome(
        outcome=outcome, petition_type=type, within_competence=within_competence, guided_to=guided_to,
        has_target_unit=target_unit is not None,
    )  # fmt: skip
    if problem:
        raise DomainError(problem, field="outcome")
    _check_case(actor, case, unit, type)
    try:
        with transaction.atomic():
            visit = _write_visit(
                actor=actor, unit=unit, received_on=received_on, type=type, summary=summary, people=cleaned,
                outcome=outcome, within_competence=within_competence, count=count, session=session, content=content,
                already_resolved_by=already_resolved_by, guided_to=guided_to, target_unit=target_unit,
                follow_up=follow_up, note=note, case=case, respondent_name=respondent_name,
                submission_key=submission_key,
            )  # fmt: skip
    except IntegrityError:
        if submission_key:
            existing = Visit.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
        raise
    logger.info("reception visit id=%s unit=%s outcome=%s", visit.pk, unit.code, outcome)
    return visit


def _write_visit(
    *, actor: User, unit: OrgUnit, received_on: dt.date, type: str, summary: str, people: list[PetitionerInput],
    outcome: str, within_competence: bool, count: int, session: Session | None, content: str,
    already_resolved_by: str, guided_to: str, target_unit: OrgUnit | None, follow_up: str, note: str,
    case: Case | None, respondent_name: str, submission_key: str | None,
) -> Visit:  # fmt: skip
    denunciation = type == PetitionType.DENUNCIATION
    persons: list[Person] = []
    if not denunciation:
        persons = [_person_for(actor=actor, unit=unit, data=p) for p in people]
        for p, person in zip(people, persons, strict=True):
            p.person_id = person.pk
    visit = Visit(
        unit=unit,
        session=session,
        year=received_on.year,
        number=_next_number(unit, received_on.year),
        received_on=received_on,
        type=type,
        summary=summary,
        persons_count=count,
        is_delegation=count >= rules.DELEGATION_MIN,
        already_resolved_by=nfc(already_resolved_by).strip()[:500],
        within_competence=within_competence,
        outcome=outcome,
        guided_to=nfc(guided_to).strip()[:300] if outcome == VisitOutcome.GUIDE else "",
        target_unit=target_unit if outcome == VisitOutcome.REQUIRE_SUBORDINATE else None,
        follow_up=nfc(follow_up).strip()[:500],
        note=nfc(note).strip()[:500],
        case=case,
        is_repeat=is_repeat_visit(unit=unit, case=case, received_on=received_on, person_ids=[p.pk for p in persons]),
        officer=actor,
        submission_key=submission_key or None,
    )
    visit.save()
    petition = None
    if outcome == VisitOutcome.ACCEPT:
        result = petition_services.register_petition(
            actor=actor, unit=unit, channel=Channel.RECEPTION, type=type, received_on=received_on, summary=summary,
            petitioners=people, content=content, respondent_name=respondent_name,
            submission_key=f"reception-visit-{visit.pk}",
        )  # fmt: skip
        petition = result.petition
        visit.petition = petition
        if visit.case is None and petition.case_id is not None:
            visit.case = petition.case
    if denunciation:
        if petition is not None:
            # The vault entries the petition made: one identity per denouncer, nothing in the registry.
            for pos, signer in enumerate(petition.petitioners.filter(identity__isnull=False)):
                VisitPerson.objects.create(
                    visit=visit, identity=signer.identity, is_representative=signer.is_representative, position=pos
                )
        else:
            for pos, p in enumerate(people):
                identity = people_services.create_protected_identity(
                    actor=actor, unit=unit, full_name=p.full_name, id_number=p.id_number, address=p.address,
                    phone=p.phone, email=p.email, date_of_birth=p.date_of_birth,
                )  # fmt: skip
                VisitPerson.objects.create(
                    visit=visit, identity=identity, is_representative=p.is_representative, position=pos
                )
    else:
        for pos, (p, person) in enumerate(zip(people, persons, strict=True)):
            VisitPerson.objects.create(visit=visit, person=person, is_representative=p.is_representative, position=pos)
    if session is not None and session.status == SessionStatus.PLANNED:
        Session.objects.filter(pk=session.pk).update(status=SessionStatus.HELD)
    if outcome in rules.NOTIFY_RESULT_OUTCOMES:
        tracked = deadline_services.track_deadline(
            actor=actor, item=visit, rule_code="reception.notify_result", trigger_on=received_on, unit=unit
        )
        visit.result_due_rule = "reception.notify_result"
        visit.result_due_on = tracked.due_on
    visit.save(update_fields=["petition", "case", "result_due_rule", "result_due_on"])
    record_event(
        actor=actor,
        action="reception.visit",
        obj=visit,
        changes={
            "unit": [None, unit.code],
            "number": [None, visit.number],
            "type": [None, type],
            "outcome": [None, outcome],
            "persons": [None, count],
            "delegation": [None, visit.is_delegation],
            "repeat": [None, visit.is_repeat],
            "petition": [None, petition.code if petition else None],
        },
        legal_basis=f"{rules.TCD}, Điều 28",
    )
    return visit


# --- Refusals -----------------------------------------------------------------------------------------------


@transaction.atomic
def record_refusal(
    *,
    actor: User,
    unit: OrgUnit,
    refused_on: dt.date,
    person: PetitionerInput,
    ground: str,
    detail: str,
    session: Session | None = None,
) -> Refusal:
    """Refuse to receive a citizen on a ground of the closed list in force on `refused_on` (Law 42/2013 Art 9,
    as amended from 01/07/2026). From 01/07/2026 a written notice is due within 3 working days."""
    _require(actor, unit)
    _check_day(refused_on, unit, field="refused_on")
    found = rules.refusal_ground(ground, refused_on)
    if found is None:
        allowed = ", ".join(g.code for g in rules.refusal_grounds_on(refused_on))
        raise DomainError(
            f"Căn cứ từ chối “{ground}” không có trong danh mục áp dụng ngày {refused_on:%d/%m/%Y} "
            f"(các căn cứ: {allowed}).",
            field="ground",
        )
    detail = nfc(detail).strip()
    if not detail:
        raise DomainError("Hãy ghi diễn biến, lý do cụ thể của việc từ chối.", field="detail")
    if session is not None and session.unit_id != unit.pk:
        raise DomainError("Buổi tiếp đã chọn thuộc đơn vị khác.", field="session")
    citizen = _person_for(actor=actor, unit=unit, data=_clean_people([person])[0])
    refusal = Refusal.objects.create(
        unit=unit, session=session, refused_on=refused_on, person=citizen, ground=found.code,
        ground_source=found.source[:300], detail=detail, notice_required=rules.refusal_notice_required(refused_on),
        officer=actor,
    )  # fmt: skip
    if refusal.notice_required:
        tracked = deadline_services.track_deadline(
            actor=actor, item=refusal, rule_code="reception.refusal_notice", trigger_on=refused_on, unit=unit
        )
        refusal.notice_due_on = tracked.due_on
        refusal.save(update_fields=["notice_due_on"])
    record_event(
        actor=actor,
        action="reception.refusal",
        obj=refusal,
        changes={"ground": [None, found.code], "notice_due_on": [None, refusal.notice_due_on]},
        reason=detail,
        legal_basis=found.source,
    )
    return refusal


@transaction.atomic
def issue_refusal_notice(
    *, actor: User, refusal: Refusal, on: dt.date | None = None, signer: Signer | None = None
) -> Refusal:
    """The written refusal notice (thông báo từ chối tiếp công dân), closing its 3-working-day time limit."""
    from tiepdan.lawcal.models import TrackedDeadline

    refusal = Refusal.objects.select_for_update().select_related("unit", "person").get(pk=refusal.pk)
    _require(actor, refusal.unit)
    if refusal.notice_document_id is not None:
        raise DomainError("Đã có thông báo từ chối cho lượt này.")
    day = on or today()
    if day < refusal.refused_on or day > today():
        raise DomainError("Ngày thông báo phải từ ngày từ chối đến hôm nay.", field="on")
    who = signer or petition_services.default_signer(refusal.unit)
    if not who.name:
        raise DomainError("Chưa có người ký: đơn vị chưa có thủ trưởng trong hệ thống.", field="signer")
    ground = rules.refusal_ground(refusal.ground, refusal.refused_on)
    context = {
        "chuc_vu_nguoi_ky": who.title,
        "ho_ten_nguoi_ky": who.name,
        "nguoi_nhan": refusal.person.full_name,
        "dia_chi_nguoi_nhan": refusal.person.address or "(không ghi địa chỉ)",
        "ngay_tu_choi": f"{refusal.refused_on:%d/%m/%Y}",
        "ly_do": refusal.detail,
        "can_cu": f"{ground.label if ground else refusal.ground} ({refusal.ground_source})",
    }
    document = document_services.generate_document(
        actor=actor, template_code=REFUSAL_TEMPLATE, unit=refusal.unit, context=context, related_object=refusal,
        symbol=_symbol(REFUSAL_TEMPLATE, refusal.unit), issued_on=day,
    )  # fmt: skip
    refusal.notice_document = document
    refusal.save(update_fields=["notice_document"])
    tracked = TrackedDeadline.objects.filter(
        content_type__app_label="reception", content_type__model="refusal", object_id=str(refusal.pk),
        closed_on__isnull=True,
    ).first()  # fmt: skip
    if tracked is not None:
        deadline_services.close_deadline(actor=actor, deadline=tracked, on=day, reason="Đã ban hành thông báo")
    record_event(
        actor=actor, action="reception.refusal_notice", obj=refusal,
        changes={"document": [None, document.number_string]}, legal_basis=refusal.ground_source,
    )  # fmt: skip
    return refusal
