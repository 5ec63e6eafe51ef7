"""Case pages: the list of cases being resolved and the case page with its legal next steps."""

from __future__ import annotations

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from tiepdan.core import xlsx
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.forms import describe_filters
from tiepdan.lawcal import rules as lawcal_rules
from tiepdan.lawcal import workcal
from tiepdan.orgs.selectors import today
from tiepdan.petitions.forms import VNDateField

from . import backlog, exports, forms, rules, selectors, services
from .models import Case, DecisionResult, FirstRoundOutcome, PublicationMethod

FIGURES = (
    "money_to_state", "money_to_citizens", "land_to_state_m2", "land_to_citizens_m2", "people_benefited",
    "people_recommended_sanction", "people_sanctioned", "transferred_to_investigators",
    "people_transferred_to_investigators",
)  # fmt: skip


def _get(request: HttpRequest, pk: int) -> Case:
    try:
        return selectors.get_case(request.user, pk)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404 from None


def _filter_form(request: HttpRequest) -> forms.CaseFilterForm:
    data = request.GET.copy()
    data.pop("page", None)
    return forms.CaseFilterForm(data, user=request.user)  # type: ignore[arg-type]


def _filtered(request: HttpRequest, form: forms.CaseFilterForm) -> Any:
    """The list for valid filters; nothing (and the form's messages) for invalid ones."""
    if not form.is_valid():
        return selectors.visible_cases(request.user).none()  # type: ignore[arg-type]
    return selectors.filter_cases(request.user, form.to_filters())  # type: ignore[arg-type]


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    qs = _filtered(request, form).select_related("decision")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    on = today()
    days = backlog.prolonged_days()
    listed = list(page)
    acceptance = selectors.acceptance_limits(listed)
    rows = [
        {"case": case, "flags": backlog.case_flags(case, on=on, prolonged_after=days),
         "acceptance": acceptance.get(case.pk),
         "due": backlog.due_label(case, on=on), "overdue": backlog.is_overdue(case, on=on),
         "type": exports.type_label(case)}
        for case in listed
    ]  # fmt: skip
    # The backlog review the seeds ask for: resolved / being resolved / not started / resolved but petitioned again.
    counts = backlog.backlog_review(request.user)  # type: ignore[arg-type]
    review = form.cleaned_data.get("review", "") if form.is_valid() else ""
    categories = [(key, label, counts[key]) for key, label in backlog.REVIEW_LABELS.items()]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "page": page, "rows": rows, "review": review, "categories": categories,
        "labels": rules.STATE_LABELS, "query": query.urlencode(), "on": on,
    }  # fmt: skip
    return render(request, "cases/list.html", context)


@login_required
def case_export(request: HttpRequest) -> HttpResponseBase:
    form = _filter_form(request)
    qs = _filtered(request, form)
    on = today()
    result = exports.export_cases(request.user, qs, description=describe_filters(form), on=on)  # type: ignore[arg-type]
    return xlsx.response(result, exports.filename(on))


def _context(request: HttpRequest, case: Case) -> dict[str, Any]:
    from tiepdan.core.models import User
    from tiepdan.documents.selectors import may_open

    from . import documents

    user: Any = request.user
    cal = workcal.get_calendar()
    deadlines = []
    for d in selectors.case_deadlines(case):
        state = None
        if d.closed_on is None and d.due_on:
            state = lawcal_rules.state_on(cal, d.due_on, today())
        deadlines.append({"deadline": d, "state": state})
    results = [(k, v) for k, v in DecisionResult.choices if k in services.RESULTS_BY_TYPE.get(case.type, set())]
    # The appeal is recorded by the superior opening the second round (services.open_second_round).
    next_steps = [t for t in rules.next_steps(case.type, case.state, round_=case.round) if t.action != "record_appeal"]
    step_docs = {t.action: documents.step_documents(user, case, t.action) for t in next_steps}
    for action in ("suspend", "resume", "extend"):
        step_docs[action] = documents.step_documents(user, case, action)
    verification = getattr(case, "verification", None)
    dialogues = list(case.dialogues.all())
    # Verifiers first: the usual choice for a verification.
    unit_users = sorted(
        User.objects.filter(memberships__in=active_memberships_of_unit(case)).distinct(),
        key=lambda u: (not u.memberships.filter(unit=case.unit, role="verifier").exists(), u.last_name, u.pk),
    )
    try:
        services.require_actor(user, case)
        can_act = True
    except DomainError:
        can_act = False
    can_publish = (case.type == "complaint" and case.round == 2 and case.state in PUBLISHABLE_COMPLAINT) or (
        case.type == "denunciation" and case.state in ("handling", "conclusion_sent")
    )
    docs = [{"document": d, "may_open": may_open(user, d)} for d in documents.documents_for_case(case)]
    return {
        "case": case,
        "state_label": gettext(rules.STATE_LABELS.get(case.state, "Không giải quyết tại đơn vị")),
        "next_steps": next_steps,
        "step_docs": step_docs,
        "can_suspend": case.state in rules.SUSPENDABLE.get(case.type, frozenset()),
        "can_extend": case.type == "denunciation" and case.state in ("accepted", "verification"),
        "deadlines": deadlines,
        "events": case.events.select_related("actor"),
        "decision": getattr(case, "decision", None),
        "results": results,
        "first_round_outcomes": FirstRoundOutcome.choices,
        "criteria": rules.COMPLEXITY_CRITERIA,
        "continue_grounds": rules.WITHDRAWAL_CONTINUE_GROUNDS,
        "petitions": case.petitions.order_by("received_on"),
        "verification": verification,
        "tasks": verification.tasks.select_related("assignee") if verification else [],
        "evidence": services.evidence_of(case) if verification else [],
        "dialogues": dialogues,
        "pending_dialogue": next((d for d in dialogues if d.held_on is None), None),
        "unit_users": unit_users,
        "can_publish": can_publish,
        "publications": case.publications.all(),
        "methods": PublicationMethod.choices,
        "documents": docs,
        "further": case.next_rounds.all(),
        "next_round_units": next_round_units(user, case),
        "can_act": can_act,
        "today": today(),
        "today_s": today().strftime("%d/%m/%Y"),
        "default_public_text": _public_text(case),
        "kept": {},
        "kept_action": "",
        "open_form": _open_form(case, next_steps, verification),
    }


DANGER = frozenset({"refuse", "withdraw", "terminate", "reject_further"})
FORM_OF_STEP = {"issue_decision": "decision", "conclude": "decision", "start_verification": "verification",
                "publish": "publication"}  # fmt: skip


def _open_form(case: Case, next_steps: list[rules.Transition], verification: Any) -> str:
    """The form shown open: the verification report while it is missing, else the first ordinary next step."""
    if case.state == "verification" and verification is not None and not verification.report:
        return "report"
    for step in next_steps:
        if step.action in DANGER:
            continue
        if step.action == "hold_dialogue":
            return "dialogue_minutes" if case.dialogues.filter(held_on__isnull=True).exists() else "dialogue_schedule"
        return FORM_OF_STEP.get(step.action, step.action)
    return ""


def _public_text(case: Case) -> str:
    """A starting public copy: the decision or conclusion as recorded (it never holds the denouncer)."""
    decision = getattr(case, "decision", None)
    if decision is None:
        return ""
    kind = "Kết luận nội dung tố cáo" if case.type == "denunciation" else "Quyết định giải quyết khiếu nại"
    return f"{kind} số {decision.number} ngày {decision.issued_on:%d/%m/%Y} ({case.code}): {decision.summary}"


def next_round_units(user: Any, case: Case) -> list[Any]:
    """The superior units (in the user's scope) that may open a second round or a further denunciation of
    `case` now; empty when the case is not eligible."""
    from tiepdan.orgs.selectors import ancestors, user_scope

    eligible = (case.type == "complaint" and case.round == 1 and case.state == "decision_sent") or (
        case.type == "denunciation" and case.round == 1 and (
            case.state in rules.CONCLUDED_DENUNCIATION
            or (case.state in rules.UNRESOLVED_DENUNCIATION and case.due_on is not None and case.due_on < today())
        )
    )  # fmt: skip
    if not eligible or case.next_rounds.exclude(state__in=rules.TERMINAL).exists():
        return []
    scope = user_scope(user)
    return [u for u in ancestors(case.unit) if u.pk != case.unit_id and scope.allows(u)][-1:]


PUBLISHABLE_COMPLAINT = ("decision_sent", "effective", "enforcement", "closed")


def active_memberships_of_unit(case: Case) -> Any:
    from tiepdan.orgs.models import Membership

    return Membership.objects.valid_on(today()).filter(unit=case.unit, role__in=services.ACT_ROLES)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(request, pk)
    return render(request, "cases/detail.html", _context(request, case))


def _date(post: Any, name: str, *, required: bool = True) -> Any:
    field = VNDateField(required=required)
    try:
        return field.clean(post.get(name, ""))
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field=name) from None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _unit_user(case: Case, raw: str) -> Any:
    from tiepdan.core.models import User

    user = (
        User.objects.filter(pk=int(raw), memberships__in=active_memberships_of_unit(case)).first()
        if (raw.isdigit())
        else None
    )
    if user is None:
        raise DomainError("Hãy chọn cán bộ của đơn vị giải quyết.", field="leader")
    return user


def _run(request: HttpRequest, case: Case, action: str) -> tuple[str, int]:
    """Apply one posted form; returns the success message. Raises DomainError (nothing written)."""
    from . import documents

    user: Any = request.user
    post = request.POST
    on = _date(post, "on", required=False) or today()
    version = int(post["version"]) if post.get("version", "").isdigit() else None
    note = post.get("note", "")
    codes = post.getlist("documents")
    values = {k[2:]: str(v) for k, v in post.items() if k.startswith("v_")}
    step_action = {"decision": "issue_decision" if case.type == "complaint" else "conclude",
                   "verification": "start_verification", "dialogue_minutes": "hold_dialogue",
                   "publication": "publish"}.get(action, action)  # fmt: skip
    if codes:
        services.require_actor(user, case)
        documents.generate_for_step(actor=user, case=case, action=step_action, codes=codes, values=values, on=on,
                                    before=True, criteria=post.getlist("criteria"))  # fmt: skip
    if action == "extend" and not note.strip() and codes:
        number = documents._latest_number(case, documents.GIA_HAN)
        note = f"Quyết định số {number} ngày {on:%d/%m/%Y}" if number else ""
    if action in ("second_round", "further"):
        unit = next((u for u in next_round_units(user, case) if str(u.pk) == post.get("unit")), None)
        if unit is None:
            raise DomainError("Hãy chọn cơ quan cấp trên trực tiếp.", field="unit")
        received = _date(post, "received_on")
        if action == "second_round":
            opened = services.open_second_round(actor=user, first=case, superior_unit=unit, received_on=received)
        else:
            opened = services.open_further_denunciation(actor=user, first=case, superior_unit=unit,
                                                        received_on=received, note=note)  # fmt: skip
        return f"Đã mở vụ việc {opened.code}.", opened.pk
    if action == "suspend":
        services.suspend(actor=user, case=case, on=on, reason=note, version=version)
    elif action == "resume":
        services.resume(actor=user, case=case, on=on, reason=note, version=version)
    elif action == "extend":
        services.extend(actor=user, case=case, decision=note, criteria=post.getlist("criteria"), version=version)
    elif action == "decision":
        figures = {k: post[k] for k in FIGURES if post.get(k, "").strip()}
        number = post.get("number", "").strip()
        if not number and set(codes) & documents.DECISION_DOCUMENTS:
            number = documents.PENDING_NUMBER
        services.record_decision(
            actor=user, case=case, number=number, issued_on=on, result=post.get("result", ""),
            summary=post.get("summary", ""), signer=post.get("signer", ""),
            first_round_outcome=post.get("first_round_outcome", ""), figures=figures, version=version,
            request_differs=post.get("request_differs") == "1" or None,
        )  # fmt: skip
    elif action == "verification":
        services.assign_verification(
            actor=user, case=case, leader=_unit_user(case, post.get("leader", "")),
            members=[_unit_user(case, m) for m in post.getlist("members") if m != post.get("leader")],
            plan=post.get("plan", ""), on=on, version=version,
        )  # fmt: skip
    elif action == "task":
        assignee = _unit_user(case, post["assignee"]) if post.get("assignee") else None
        services.add_verification_task(actor=user, case=case, title=post.get("title", ""), assignee=assignee,
                                       due_on=_date(post, "due_on", required=False))  # fmt: skip
        return "Đã giao nhiệm vụ xác minh.", case.pk
    elif action == "evidence":
        upload = request.FILES.get("file")
        if upload is None:
            raise DomainError("Hãy chọn tệp chứng cứ (PDF, JPEG, PNG hoặc Word .docx).", field="file")
        services.add_evidence(actor=user, case=case, upload_name=upload.name or "", data=upload,
                              description=post.get("description", ""))  # fmt: skip
        return "Đã lưu tài liệu, chứng cứ.", case.pk
    elif action == "report":
        services.report_verification(actor=user, case=case, report=post.get("report", ""), on=on)
        return "Đã ghi báo cáo kết quả xác minh.", case.pk
    elif action == "dialogue_schedule":
        services.schedule_dialogue(
            actor=user, case=case, scheduled_on=_date(post, "scheduled_on"), notice_sent_on=_date(post, "notice_on"),
            venue=post.get("venue", ""), participants=_lines(post.get("participants", "")),
        )  # fmt: skip
        return "Đã lên lịch đối thoại.", case.pk
    elif action == "dialogue_minutes":
        services.record_dialogue(
            actor=user, case=case, held_on=on, minutes=post.get("minutes", ""),
            signed_by=_lines(post.get("signed_by", "")), refused_to_sign=_lines(post.get("refused_to_sign", "")),
            complainant_absent=post.get("absent") == "1", request_differs=post.get("request_differs") == "1",
            version=version,
        )  # fmt: skip
    elif action == "publication":
        services.publish(actor=user, case=case, method=post.get("method", ""), published_on=on,
                         until=_date(post, "until", required=False), public_text=post.get("public_text", ""),
                         version=version)  # fmt: skip
        if case.type == "complaint":
            return "Đã ghi nhận việc công khai.", case.pk
    else:
        services.transition(
            actor=user, case=case, action=action, on=on, note=note, version=version,
            complexity_criteria=post.getlist("criteria") if action == "accept" else None,
            remote_area=post.get("remote_area") == "1" if action == "accept" else None,
            continue_ground=post.get("continue_ground", ""),
        )  # fmt: skip
    made = documents.generate_for_step(actor=user, case=case, action=step_action, codes=codes, values=values, on=on,
                                       before=False)  # fmt: skip
    documents.adopt_number(case, made)
    numbers = [f"{d.title} số {d.number_string}" for d in made]
    return "Đã ghi nhận." + (" Đã lập: " + "; ".join(numbers) + "." if numbers else ""), case.pk


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int) -> HttpResponse:
    """One form of the case page. On success: back to the page. On a refusal (illegal step, stale version,
    bad input): the page again with the message and everything the user typed, nothing written."""
    case = _get(request, pk)
    action = request.POST.get("action", "")
    try:
        # Publication checks the public text against the vault first and keeps the audit trace of that read
        # even when the text is refused, so it manages its own transactions.
        with transaction.atomic() if action != "publication" else contextlib.nullcontext():
            message, target = _run(request, case, action)
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
        context = _context(request, Case.objects.get(pk=case.pk))
        context["kept"] = {k: (request.POST.getlist(k) if k in LIST_FIELDS else v) for k, v in request.POST.items()}
        context["kept_action"] = context["open_form"] = action
        return render(request, "cases/detail.html", context, status=400)
    messages.success(request, message)
    return redirect("cases:detail", pk=target)


LIST_FIELDS = frozenset({"criteria", "members", "documents"})
