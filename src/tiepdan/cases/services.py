"""Writes on cases: every statutory step is one call of `transition` (lock, guard, deadlines, event, audit).

The steps, their legal basis and the time limits they start and stop are data in `rules.py`; this module
applies them. Suspension and extension act on the running resolution limit through `lawcal`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import nfc
from tiepdan.lawcal import services as deadline_services
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.models import Role
from tiepdan.orgs.selectors import active_memberships, today, user_scope

from . import rules
from .models import Case, CaseEvent

# Who carries a case forward: the handler and verifier of the unit prepare, the head decides (Law on
# Complaints Art 18; Law on Denunciations Art 12–13). The system records; signatures stay on paper.
ACT_ROLES = frozenset({Role.PETITION_HANDLER, Role.VERIFIER, Role.UNIT_HEAD})


def require_actor(actor: User, case: Case) -> None:
    if not user_scope(actor).allows(case.unit):
        raise NotFoundError("Không tìm thấy vụ việc này trong phạm vi của bạn.")
    roles = {m.role for m in active_memberships(actor) if m.unit_id == case.unit_id}
    if not (actor.is_superuser or roles & ACT_ROLES):
        raise DomainError("Chỉ chuyên viên, người xác minh hoặc thủ trưởng của đơn vị được thực hiện bước này.")


def _locked(case: Case, version: int | None) -> Case:
    locked = Case.objects.select_for_update().select_related("unit").get(pk=case.pk)
    if version is not None and locked.version != version:
        raise DomainError(
            "Vụ việc vừa được người khác cập nhật. Hãy tải lại trang rồi thực hiện lại; thông tin bạn nhập chưa "
            "được lưu."
        )
    return locked


def _open_deadlines(case: Case) -> dict[str, TrackedDeadline]:
    ct = ContentType.objects.get_for_model(Case)
    rows = TrackedDeadline.objects.filter(content_type=ct, object_id=str(case.pk), closed_on__isnull=True)
    return {d.rule_code: d for d in rows}


def _petition_deadlines(case: Case, rule_code: str) -> list[TrackedDeadline]:
    """Follow-up limits the petitions of the case started (e.g. `complaint.accept` after Mẫu 01)."""
    from tiepdan.petitions.models import Petition

    ct = ContentType.objects.get_for_model(Petition)
    ids = [str(pk) for pk in case.petitions.values_list("pk", flat=True)]
    return list(
        TrackedDeadline.objects.filter(content_type=ct, object_id__in=ids, rule_code=rule_code, closed_on__isnull=True)
    )


def _flags(case: Case) -> list[str]:
    flags = []
    level = rules.complexity(set(case.complexity_criteria))
    if level:
        flags.append(level if case.type == "denunciation" else "complex")
        if level == "very_complex" and case.type == "denunciation":
            flags.append("complex")
    if case.remote_area and case.type == "complaint":
        flags.append("remote")
    return flags


def _resolution_due(case: Case) -> dt.date | None:
    dues = [d.due_on for code, d in _open_deadlines(case).items() if code.endswith(".resolve") and d.due_on]
    # A recommendation's answer limit runs on its petition (started by the proposal to accept).
    dues += [d.due_on for d in _petition_deadlines(case, "rec_feedback.resolve") if d.due_on]
    return min(dues) if dues else None


def _event(case: Case, *, actor: User | None, action: str, on: dt.date, before: str, note: str, basis: str) -> None:
    CaseEvent.objects.create(
        case=case, actor=actor, action=action, on=on, from_state=before, to_state=case.state, note=note,
        legal_basis=basis,
    )  # fmt: skip
    record_event(
        actor=actor, action=f"cases.{action}", obj=case, changes={"state": [before, case.state]}, reason=note,
        legal_basis=basis,
    )  # fmt: skip


def open_for_resolution(*, actor: User | None, case: Case, on: dt.date) -> Case:
    """A petition was proposed for acceptance: the case waits for the acceptance decision."""
    if case.state:
        return case
    case.state = "pending_acceptance"
    case.due_on = _resolution_due(case)
    case.version += 1
    case.save(update_fields=["state", "due_on", "version"])
    codes = ", ".join(case.petitions.values_list("code", flat=True))
    _event(case, actor=actor, action="propose", on=on, before="", note=f"Đơn {codes}",
           basis="Thông tư 05/2021/TT-TTCP, Mẫu 01")  # fmt: skip
    return case


@transaction.atomic
def transition(
    *,
    actor: User,
    case: Case,
    action: str,
    on: dt.date | None = None,
    note: str = "",
    version: int | None = None,
    complexity_criteria: list[str] | None = None,
    remote_area: bool | None = None,
    request_differs: bool | None = None,
    continue_ground: str = "",
    _by_superior: bool = False,
) -> Case:
    """Take one statutory step. Refuses (DomainError, nothing written) an illegal step or a missing fact.

    `_by_superior`: the step is the consequence of an act of the superior body (a second-round complaint
    records the appeal on the first-round case); only the scope is checked then.
    """
    case = _locked(case, version)
    if _by_superior:
        if not user_scope(actor).allows(case.unit):
            raise NotFoundError("Không tìm thấy vụ việc này trong phạm vi của bạn.")
    else:
        require_actor(actor, case)
    day = on or today()
    if day > today():
        raise DomainError("Ngày thực hiện không được sau ngày hôm nay.", field="on")
    if case.accepted_on and day < case.accepted_on:
        raise DomainError("Ngày thực hiện không được trước ngày thụ lý.", field="on")
    if not case.state:
        raise DomainError("Vụ việc này không giải quyết tại đơn vị (đơn đã được hướng dẫn, chuyển hoặc lưu).")
    try:
        step = rules.check(case.type, case.state, action, round_=case.round)
        if complexity_criteria is not None:
            rules.complexity(set(complexity_criteria))
    except rules.TransitionError as exc:
        raise DomainError(str(exc)) from None
    note = nfc(note).strip()
    if action == "accept_further":
        case.accepted_on = day
    if action == "accept":
        if complexity_criteria is not None:
            case.complexity_criteria = sorted(set(complexity_criteria))
        if remote_area is not None:
            case.remote_area = remote_area
        case.accepted_on = day
    if action in ("refuse", "withdraw", "terminate", "reject_further") and not note:
        raise DomainError("Hãy ghi căn cứ, lý do của bước này.", field="note")
    if action == "hold_dialogue" and request_differs is not None:
        case.request_differs = request_differs
    if action == "issue_decision":
        if request_differs is not None:
            case.request_differs = request_differs
        if case.state != "dialogue" and rules.dialogue_required(round_=case.round,
                                                                 request_differs=case.request_differs):  # fmt: skip
            raise DomainError(
                "Phải tổ chức đối thoại trước khi ban hành quyết định (bắt buộc ở lần hai; ở lần đầu khi yêu cầu "
                "của người khiếu nại và kết quả xác minh khác nhau — Điều 30, 39 Luật Khiếu nại)."
            )
    if action == "terminate" and case.type == "denunciation" and continue_ground:
        raise DomainError(
            "Có căn cứ tiếp tục giải quyết dù người tố cáo rút tố cáo (Điều 33 Luật Tố cáo): không đình chỉ.",
            field="continue_ground",
        )
    before = case.state
    open_deadlines = _open_deadlines(case)
    for template in step.stops:
        code = rules.rule_code(template, case.round)
        running = [open_deadlines[code]] if code in open_deadlines else []
        for deadline in running + _petition_deadlines(case, code):
            deadline_services.close_deadline(actor=actor, deadline=deadline, on=day, reason=step.label)
    for template in step.starts:
        deadline_services.track_deadline(
            actor=actor, item=case, rule_code=rules.rule_code(template, case.round), trigger_on=day,
            unit=case.unit, flags=_flags(case) if template.endswith("resolve") or template.endswith(".effective")
            else [], assignee=case.assignee,
        )  # fmt: skip
    case.state = step.target
    case.due_on = _resolution_due(case)
    case.version += 1
    case.save()
    _event(case, actor=actor, action=action, on=day, before=before, note=note, basis=step.legal_basis)
    return case


@transaction.atomic
def suspend(*, actor: User, case: Case, on: dt.date, reason: str, version: int | None = None) -> Case:
    """Tạm đình chỉ: the resolution clock stops; resumption continues with the remaining time."""
    case = _locked(case, version)
    require_actor(actor, case)
    if case.state not in rules.SUSPENDABLE.get(case.type, frozenset()):
        raise DomainError("Không thể tạm đình chỉ vụ việc ở trạng thái này.")
    if not nfc(reason).strip():
        raise DomainError("Hãy ghi lý do tạm đình chỉ.", field="reason")
    for code, deadline in _open_deadlines(case).items():
        if code.endswith(".resolve"):
            deadline_services.suspend(actor=actor, deadline=deadline, on=on, reason=reason)
    before = case.state
    case.suspended_from, case.state = case.state, "suspended"
    case.version += 1
    case.save()
    _event(case, actor=actor, action="suspend", on=on, before=before, note=nfc(reason),
           basis="Luật Tố cáo Điều 34; Luật Khiếu nại (sửa đổi 2025)")  # fmt: skip
    return case


@transaction.atomic
def resume(*, actor: User, case: Case, on: dt.date, reason: str = "", version: int | None = None) -> Case:
    case = _locked(case, version)
    require_actor(actor, case)
    if case.state != "suspended":
        raise DomainError("Vụ việc không ở trạng thái tạm đình chỉ.")
    for code, deadline in _open_deadlines(case).items():
        if code.endswith(".resolve"):
            deadline_services.resume(actor=actor, deadline=deadline, on=on, reason=reason)
    case.state, case.suspended_from = case.suspended_from, ""
    case.due_on = _resolution_due(case)
    case.version += 1
    case.save()
    _event(case, actor=actor, action="resume", on=on, before="suspended", note=nfc(reason),
           basis="Luật Tố cáo Điều 34")  # fmt: skip
    return case


@transaction.atomic
def extend(*, actor: User, case: Case, decision: str, criteria: list[str], version: int | None = None) -> Case:
    """Gia hạn giải quyết tố cáo (Law on Denunciations Art 30): by a written decision, with the complexity
    criteria ticked; once when complex, twice when very complex."""
    case = _locked(case, version)
    require_actor(actor, case)
    if case.type != "denunciation":
        raise DomainError("Chỉ gia hạn giải quyết tố cáo.")
    if case.state not in ("accepted", "verification"):
        raise DomainError("Chỉ gia hạn khi đang giải quyết (trước khi kết luận).")
    try:
        level = rules.complexity(set(criteria))
    except rules.TransitionError as exc:
        raise DomainError(str(exc), field="criteria") from None
    if not level:
        raise DomainError("Hãy đánh dấu ít nhất một tiêu chí phức tạp làm căn cứ gia hạn.", field="criteria")
    if not nfc(decision).strip():
        raise DomainError("Hãy ghi số, ngày quyết định gia hạn.", field="decision")
    deadline = _open_deadlines(case).get("denunciation.resolve")
    if deadline is None:
        raise DomainError("Vụ việc không có thời hạn giải quyết đang chạy.")
    flags = sorted(set(deadline.flags) | {"complex"} | ({"very_complex"} if level == "very_complex" else set()))
    deadline.flags = flags
    deadline.save(update_fields=["flags"])
    try:
        deadline_services.extend(actor=actor, deadline=deadline, decision=nfc(decision))
    except DomainError:
        raise
    case.complexity_criteria = sorted(set(case.complexity_criteria) | set(criteria))
    case.due_on = _resolution_due(case)
    case.version += 1
    case.save()
    _event(case, actor=actor, action="extend", on=today(), before=case.state, note=nfc(decision),
           basis="Luật Tố cáo Điều 30")  # fmt: skip
    return case


def describe(case: Case) -> dict[str, Any]:
    """State label and the legal next steps, for pages and the API."""
    return {
        "state": case.state,
        "state_label": rules.STATE_LABELS.get(case.state, "Không giải quyết tại đơn vị"),
        "next_steps": [
            {"action": t.action, "label": t.label} for t in rules.next_steps(case.type, case.state, round_=case.round)
        ],
    }


def _vn_number(raw: Any, *, thousands_dots: bool) -> str:
    """A number as Vietnamese officials type it: "12.500.000" đồng, "15,5" m², "1.234,5" m² (the comma is
    the decimal mark, dots group thousands); "15.5" is also read as 15.5 for areas."""
    text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
    if thousands_dots or ("," in text and "." in text):
        text = text.replace(".", "")
    return text.replace(",", ".")


RESULTS_BY_TYPE = {
    "complaint": {"right", "partly_right", "wrong", "withdrawn"},
    "denunciation": {"right", "partly_right", "untrue", "knowingly_false"},
}


@transaction.atomic
def record_decision(
    *,
    actor: User,
    case: Case,
    number: str,
    issued_on: dt.date,
    result: str,
    summary: str,
    signer: str = "",
    first_round_outcome: str = "",
    figures: dict[str, Any] | None = None,
    version: int | None = None,
    request_differs: bool | None = None,
) -> Case:
    """Issue the complaint decision (Law on Complaints Art 31, 40) or the denunciation conclusion (Law on
    Denunciations Art 35) with the figures the reports count, as the `issue_decision` / `conclude` step."""
    from decimal import Decimal, InvalidOperation

    from .models import CaseDecision

    action = {"complaint": "issue_decision", "denunciation": "conclude"}.get(case.type)
    if action is None:
        raise DomainError("Kiến nghị, phản ánh được trả lời bằng bước “Trả lời”, không có quyết định giải quyết.")
    if result not in RESULTS_BY_TYPE[case.type]:
        raise DomainError("Kết quả không hợp lệ cho loại vụ việc này.", field="result")
    number, summary = nfc(number).strip(), nfc(summary).strip()
    if not number:
        raise DomainError("Hãy ghi số, ký hiệu của quyết định/kết luận.", field="number")
    if not summary:
        raise DomainError("Hãy ghi nội dung kết luận, quyết định.", field="summary")
    if case.type == "complaint" and case.round == 2 and first_round_outcome not in ("upheld", "partly", "overturned"):
        raise DomainError(
            "Quyết định lần hai phải nêu kết quả đối với quyết định lần đầu.", field="first_round_outcome"
        )
    values: dict[str, Any] = {}
    money = ("money_to_state", "money_to_citizens")
    land = ("land_to_state_m2", "land_to_citizens_m2")
    counts = ("people_benefited", "people_recommended_sanction", "people_sanctioned", "transferred_to_investigators",
              "people_transferred_to_investigators")  # fmt: skip
    for key, raw in (figures or {}).items():
        if key not in (*money, *land, *counts):
            raise DomainError(f"Chỉ tiêu không hợp lệ: {key}", field=key)
        try:
            value = Decimal(_vn_number(raw, thousands_dots=key in money))
        except InvalidOperation:
            raise DomainError("Số liệu phải là số.", field=key) from None
        if value < 0:
            raise DomainError("Số liệu không được âm.", field=key)
        if key in counts and value != int(value):
            raise DomainError("Số người, số vụ phải là số nguyên.", field=key)
        values[key] = int(value) if key in counts else value
    case = transition(actor=actor, case=case, action=action, on=issued_on, note=number, version=version,
                      request_differs=request_differs)  # fmt: skip
    CaseDecision.objects.create(
        case=case, number=number, issued_on=issued_on, signer=nfc(signer), result=result,
        first_round_outcome=first_round_outcome if case.type == "complaint" and case.round == 2 else "",
        summary=summary, created_by=actor, **values,
    )  # fmt: skip
    return case


# --- Verification, dialogue, publication, oversight ----------------------------------------------------


def _may_act(actor: User, user: User, case: Case) -> bool:
    return any(m.unit_id == case.unit_id for m in active_memberships(user))


@transaction.atomic
def assign_verification(
    *, actor: User, case: Case, leader: User, members: list[User] | None = None, plan: str, on: dt.date,
    version: int | None = None,
) -> Case:  # fmt: skip
    """Giao xác minh: a verifier or team with a plan; the case enters verification."""
    from .models import Verification

    if not nfc(plan).strip():
        raise DomainError("Hãy ghi kế hoạch xác minh.", field="plan")
    for user in [leader, *(members or [])]:
        if not _may_act(actor, user, case):
            raise DomainError(f"{user.get_full_name()} không thuộc đơn vị giải quyết vụ việc.", field="leader")
    case = transition(actor=actor, case=case, action="start_verification", on=on, version=version,
                      note=f"Giao {leader.get_full_name()} xác minh")  # fmt: skip
    verification = Verification.objects.create(case=case, leader=leader, assigned_on=on, plan=nfc(plan))
    verification.members.set(members or [])
    # The verifier (or the team leader) is the official who takes the case forward: the case lists, the
    # "my cases" filter and the reminders of its running limits follow them.
    case.assignee = leader
    case.save(update_fields=["assignee"])
    TrackedDeadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk), closed_on__isnull=True
    ).update(assignee=leader)
    return case


@transaction.atomic
def add_verification_task(
    *, actor: User, case: Case, title: str, assignee: User | None = None, due_on: dt.date | None = None
) -> Any:
    from .models import VerificationTask

    case = _locked(case, None)
    require_actor(actor, case)
    verification = getattr(case, "verification", None)
    if verification is None:
        raise DomainError("Vụ việc chưa được giao xác minh.")
    if not nfc(title).strip():
        raise DomainError("Hãy ghi nội dung nhiệm vụ.", field="title")
    task = VerificationTask.objects.create(verification=verification, title=nfc(title), assignee=assignee,
                                           due_on=due_on)  # fmt: skip
    record_event(actor=actor, action="cases.verification_task", obj=case, changes={"task": [None, task.pk]})
    return task


def add_evidence(*, actor: User, case: Case, upload_name: str, data: Any, description: str) -> Any:
    """Chứng cứ xác minh: a file kept with the case's first letter through the petitions' attachment checks
    (content-sniffed type, size limit, random storage name, SHA-256, audited). Evidence gathered by the
    verifier never identifies the denouncer, so it is not sent to the vault."""
    from tiepdan.petitions import attachment_services

    locked = Case.objects.select_related("unit").get(pk=case.pk)
    require_actor(actor, locked)
    if locked.state != "verification" or getattr(locked, "verification", None) is None:
        raise DomainError("Chỉ đính kèm chứng cứ khi vụ việc đang xác minh.")
    description = nfc(description).strip()
    if not description:
        raise DomainError("Hãy ghi tài liệu, chứng cứ này là gì (ví dụ: Biên bản làm việc với địa chính).",
                          field="description")  # fmt: skip
    petition = locked.petitions.order_by("received_on", "pk").first()
    if petition is None:
        raise DomainError("Vụ việc không có đơn nào để lưu chứng cứ kèm theo.")
    attachment = attachment_services.add_attachment(
        actor=actor, petition=petition, upload_name=upload_name, data=data,
        description=f"{EVIDENCE_PREFIX}{description}", identifying=False,
    )  # fmt: skip
    record_event(actor=actor, action="cases.evidence", obj=locked, changes={"attachment": [None, attachment.pk]})
    return attachment


EVIDENCE_PREFIX = "Chứng cứ xác minh: "


def evidence_of(case: Case) -> Any:
    from tiepdan.petitions.models import Attachment

    return Attachment.objects.filter(petition__case=case, description__startswith=EVIDENCE_PREFIX).select_related(
        "petition"
    )


@transaction.atomic
def report_verification(*, actor: User, case: Case, report: str, on: dt.date) -> Case:
    case = _locked(case, None)
    require_actor(actor, case)
    verification = getattr(case, "verification", None)
    if verification is None or case.state != "verification":
        raise DomainError("Chỉ báo cáo kết quả khi vụ việc đang xác minh.")
    if not nfc(report).strip():
        raise DomainError("Hãy ghi kết quả xác minh.", field="report")
    verification.report, verification.reported_on = nfc(report), on
    verification.save(update_fields=["report", "reported_on"])
    record_event(actor=actor, action="cases.verification_report", obj=case, changes={"reported_on": [None, on]})
    return case


@transaction.atomic
def schedule_dialogue(
    *, actor: User, case: Case, scheduled_on: dt.date, notice_sent_on: dt.date, venue: str, participants: list[str]
) -> Any:
    """Schedule a dialogue; from 1 Jul 2026 the notice must go out at least 5 days before."""
    from .models import Dialogue

    case = _locked(case, None)
    require_actor(actor, case)
    if case.type != "complaint" or case.state != "verification":
        raise DomainError("Chỉ tổ chức đối thoại trong giải quyết khiếu nại, sau khi đã xác minh.")
    if notice_sent_on > scheduled_on:
        raise DomainError("Ngày gửi thông báo phải trước ngày đối thoại.", field="notice_sent_on")
    days, source = rules.dialogue_notice_days(scheduled_on.isoformat())
    if (scheduled_on - notice_sent_on).days < days:
        raise DomainError(
            f"Thông báo đối thoại phải gửi trước ít nhất {days} ngày ({source}); hãy dời ngày đối thoại.",
            field="scheduled_on",
        )
    names = [nfc(p).strip() for p in participants if nfc(p).strip()]
    if not names or not nfc(venue).strip():
        raise DomainError("Hãy ghi địa điểm và thành phần tham gia đối thoại.", field="participants")
    dialogue = Dialogue.objects.create(case=case, scheduled_on=scheduled_on, notice_sent_on=notice_sent_on,
                                       venue=nfc(venue), participants=names)  # fmt: skip
    record_event(actor=actor, action="cases.dialogue_scheduled", obj=case,
                 changes={"scheduled_on": [None, scheduled_on]}, legal_basis=source)  # fmt: skip
    return dialogue


@transaction.atomic
def record_dialogue(
    *, actor: User, case: Case, held_on: dt.date, minutes: str, signed_by: list[str], refused_to_sign: list[str],
    complainant_absent: bool = False, request_differs: bool | None = None, version: int | None = None,
) -> Case:  # fmt: skip
    """Minutes of the dialogue: who signed and who refused (the refusal is recorded, Law on Complaints Art 30);
    a complainant absent without reason does not stop the resolution."""
    case = _locked(case, version)
    dialogue = case.dialogues.filter(held_on__isnull=True).order_by("scheduled_on").first()
    if dialogue is None:
        raise DomainError("Chưa có lịch đối thoại nào để ghi biên bản.")
    if held_on < dialogue.scheduled_on:
        raise DomainError("Ngày đối thoại không được trước ngày đã thông báo.", field="held_on")
    if not nfc(minutes).strip():
        raise DomainError("Hãy ghi nội dung biên bản đối thoại.", field="minutes")
    dialogue.held_on, dialogue.minutes = held_on, nfc(minutes)
    dialogue.signed_by = [nfc(x) for x in signed_by if x.strip()]
    dialogue.refused_to_sign = [nfc(x) for x in refused_to_sign if x.strip()]
    dialogue.complainant_absent = complainant_absent
    dialogue.save()
    note = "Người khiếu nại vắng mặt không lý do" if complainant_absent else "Đã đối thoại"
    return transition(actor=actor, case=case, action="hold_dialogue", on=held_on, note=note,
                      request_differs=request_differs)  # fmt: skip


def _denouncer_strings(actor: User | None, case: Case) -> list[str]:
    """The denouncers' names and ID numbers, decrypted only to check a public text (an audited machine read)."""
    from tiepdan.people import crypto
    from tiepdan.petitions.models import Petitioner

    values: list[str] = []
    identities = {p.identity for p in Petitioner.objects.filter(petition__case=case, identity__isnull=False)
                  .select_related("identity")}  # fmt: skip
    for identity in identities:
        if identity is None:
            continue
        values += [crypto.decrypt_text(identity.full_name_enc), crypto.decrypt_text(identity.id_number_enc),
                   crypto.decrypt_text(identity.phone_enc)]  # fmt: skip
        record_event(actor=actor, action="people.identity.check_public_text", obj=identity,
                     reason=f"Kiểm tra nội dung công khai vụ việc {case.code}",
                     legal_basis="Luật Tố cáo Điều 40, 47")  # fmt: skip
    return [v for v in values if v]


def publish(
    *, actor: User, case: Case, method: str, published_on: dt.date, public_text: str, until: dt.date | None = None,
    version: int | None = None,
) -> Case:  # fmt: skip
    """Công khai: second-round complaint decisions and denunciation conclusions. The public copy is refused if
    it contains a denouncer's name, ID number or phone (Law on Denunciations Art 40: without the denouncer)."""
    from tiepdan.core.text import fold

    from .models import PublicationMethod

    if method not in PublicationMethod.values:
        raise DomainError("Hình thức công khai không hợp lệ.", field="method")
    text = nfc(public_text).strip()
    if not text:
        raise DomainError("Hãy nhập nội dung công khai.", field="public_text")
    if until is not None and until < published_on:
        raise DomainError("Ngày kết thúc công khai không được trước ngày công khai.", field="until")
    require_actor(actor, case)
    folded = fold(text)
    # The check reads the identities (audited); it runs and commits before the publication so a refused text
    # still leaves the trace of that read.
    with transaction.atomic():
        secrets = _denouncer_strings(actor, case)
    for secret in secrets:
        if fold(secret) in folded:
            raise DomainError(
                "Nội dung công khai có thông tin nhận diện người tố cáo; hãy xóa họ tên, số giấy tờ, số điện thoại "
                "của người tố cáo trước khi công khai (Điều 40, 47 Luật Tố cáo).",
                field="public_text",
            )
    with transaction.atomic():
        return _publish(actor=actor, case=case, method=method, published_on=published_on, until=until, text=text,
                        version=version)  # fmt: skip


def _publish(
    *, actor: User, case: Case, method: str, published_on: dt.date, until: dt.date | None, text: str,
    version: int | None,
) -> Case:  # fmt: skip
    from .models import Publication

    locked = _locked(case, version)
    if locked.type == "complaint":
        if locked.round != 2 or locked.state not in ("decision_sent", "effective", "enforcement", "closed"):
            raise DomainError("Chỉ công khai quyết định giải quyết khiếu nại lần hai đã ban hành.")
        Publication.objects.create(case=locked, method=method, published_on=published_on, until=until,
                                   public_text=text, created_by=actor)  # fmt: skip
        record_event(actor=actor, action="cases.publish", obj=locked, changes={"method": [None, method]},
                     legal_basis="Luật Khiếu nại Điều 41")  # fmt: skip
        return locked
    Publication.objects.create(case=locked, method=method, published_on=published_on, until=until,
                               public_text=text, created_by=actor)  # fmt: skip
    return transition(actor=actor, case=locked, action="publish", on=published_on, note=method)


@transaction.atomic
def set_oversight(
    *, actor: User, case: Case, mass_delegation: bool, bypasses_level: bool, assigned_by: str = "",
    assigned_doc: str = "", report_every_days: int | None = None,
) -> Case:  # fmt: skip
    case = _locked(case, None)
    require_actor(actor, case)
    if assigned_by and not assigned_doc:
        raise DomainError("Hãy ghi văn bản giao, chỉ đạo của cơ quan cấp trên (số, ngày).", field="assigned_doc")
    before = [case.mass_delegation, case.bypasses_level, case.assigned_by]
    case.mass_delegation, case.bypasses_level = mass_delegation, bypasses_level
    case.assigned_by, case.assigned_doc = nfc(assigned_by).strip(), nfc(assigned_doc).strip()
    case.report_every_days = report_every_days if case.assigned_by else None
    case.version += 1
    case.save()
    record_event(actor=actor, action="cases.oversight", obj=case,
                 changes={"flags": [before, [mass_delegation, bypasses_level, case.assigned_by]]})  # fmt: skip
    return case


@transaction.atomic
def add_progress_report(*, actor: User, case: Case, reported_on: dt.date, document: str, content: str) -> Any:
    from .models import ProgressReport

    case = _locked(case, None)
    require_actor(actor, case)
    if not case.assigned_by:
        raise DomainError("Vụ việc không do cơ quan cấp trên giao nên không có báo cáo tiến độ định kỳ.")
    if not nfc(document).strip() or not nfc(content).strip():
        raise DomainError("Hãy ghi văn bản báo cáo và nội dung tiến độ.", field="content")
    report = ProgressReport.objects.create(case=case, reported_on=reported_on, document=nfc(document),
                                           content=nfc(content), created_by=actor)  # fmt: skip
    record_event(actor=actor, action="cases.progress_report", obj=case, changes={"reported_on": [None, reported_on]})
    return report


@transaction.atomic
def open_second_round(*, actor: User, first: Case, superior_unit: Any, received_on: dt.date) -> Case:
    """A first-round decision complained again: the superior unit opens the second-round case, linked to the
    first (which is recorded as appealed)."""
    first = _locked(first, None)
    if first.type != "complaint" or first.round != 1:
        raise DomainError("Chỉ khiếu nại lần đầu mới có thể khiếu nại lần hai.")
    if first.state != "decision_sent":
        raise DomainError("Chỉ khiếu nại lần hai sau khi quyết định lần đầu đã được gửi.")
    if not user_scope(actor).allows(superior_unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")
    second = Case.objects.create(
        code=f"{first.code}-L2", unit=superior_unit, type="complaint", title=first.title,
        title_folded=first.title_folded, subject_field=first.subject_field, opened_on=received_on, round=2,
        previous_round=first, state="pending_acceptance", created_by=actor,
    )  # fmt: skip
    transition(actor=actor, case=first, action="record_appeal", on=received_on,
               note=f"Khiếu nại lần hai: {second.code}", _by_superior=True)  # fmt: skip
    _event(second, actor=actor, action="propose", on=received_on, before="",
           note=f"Khiếu nại lần hai đối với {first.code}", basis="Luật Khiếu nại Điều 33")  # fmt: skip
    return second


@transaction.atomic
def open_further_denunciation(
    *, actor: User, first: Case, superior_unit: Any, received_on: dt.date, note: str = ""
) -> Case:
    """Tố cáo tiếp (Law on Denunciations Art 37): the denouncer denounces again to the direct superior because
    the denunciation was resolved but they see signs the resolution was unlawful, or because the time limit
    passed and it is still unresolved. The superior opens a case linked to the first and has 20 days from
    receipt to decide whether to resolve it again (`denunciation.review_further`)."""
    from tiepdan.orgs.selectors import ancestors

    first = _locked(first, None)
    if first.type != "denunciation" or first.round != 1:
        raise DomainError("Chỉ tố cáo tiếp đối với một tố cáo đã được giải quyết lần đầu.")
    if not user_scope(actor).allows(superior_unit):
        raise NotFoundError("Không tìm thấy đơn vị này trong phạm vi của bạn.")
    if received_on > today():
        raise DomainError("Ngày nhận đơn không được sau ngày hôm nay.", field="received_on")
    overdue = first.state in rules.UNRESOLVED_DENUNCIATION and first.due_on is not None and first.due_on < received_on
    if first.state not in rules.CONCLUDED_DENUNCIATION and not overdue:
        raise DomainError(
            "Chỉ tố cáo tiếp khi tố cáo đã có kết luận, hoặc đã quá thời hạn giải quyết mà chưa được giải quyết "
            "(Điều 37 Luật Tố cáo)."
        )
    if superior_unit.pk == first.unit_id or superior_unit.pk not in {u.pk for u in ancestors(first.unit)}:
        raise DomainError("Tố cáo tiếp gửi người đứng đầu cơ quan cấp trên trực tiếp của người đã giải quyết.",
                          field="unit")  # fmt: skip
    if Case.objects.filter(previous_round=first, type="denunciation").exclude(state__in=rules.TERMINAL).exists():
        raise DomainError("Tố cáo tiếp đối với vụ việc này đang được xem xét, giải quyết.")
    reason = "đã quá hạn mà chưa giải quyết" if overdue else "đã có kết luận"
    further = Case.objects.create(
        code=f"{first.code}-TCT", unit=superior_unit, type="denunciation", title=first.title,
        title_folded=first.title_folded, subject_field=first.subject_field, opened_on=received_on, round=2,
        previous_round=first, state="further_review", created_by=actor,
    )  # fmt: skip
    require_actor(actor, further)
    review = deadline_services.track_deadline(actor=actor, item=further, rule_code="denunciation.review_further",
                                              trigger_on=received_on, unit=superior_unit)  # fmt: skip
    further.due_on = review.due_on
    further.save(update_fields=["due_on"])
    text = f"Tố cáo tiếp đối với {first.code} ({reason})" + (f": {nfc(note).strip()}" if note.strip() else "")
    _event(further, actor=actor, action="further_denunciation", on=received_on, before="", note=text,
           basis="Luật Tố cáo Điều 37")  # fmt: skip
    _event(first, actor=actor, action="further_denunciation", on=received_on, before=first.state,
           note=f"Bị tố cáo tiếp: {further.code}", basis="Luật Tố cáo Điều 37")  # fmt: skip
    return further
