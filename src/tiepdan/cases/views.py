"""Case pages: the list of cases being resolved and the case page with its legal next steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.lawcal import rules as lawcal_rules
from tiepdan.lawcal import workcal
from tiepdan.orgs.selectors import today
from tiepdan.petitions.forms import VNDateField

from . import rules, selectors, services
from .models import Case, DecisionResult, FirstRoundOutcome

FIGURES = (
    "money_to_state", "money_to_citizens", "land_to_state_m2", "land_to_citizens_m2", "people_benefited",
    "people_recommended_sanction", "people_sanctioned", "transferred_to_investigators",
)  # fmt: skip


def _get(request: HttpRequest, pk: int) -> Case:
    try:
        return selectors.get_case(request.user, pk)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404 from None


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.visible_cases(request.user).exclude(state="").order_by("due_on", "-opened_on")  # type: ignore[arg-type]
    state = request.GET.get("state", "")
    if state:
        qs = qs.filter(state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    states = [(k, v) for k, v in rules.STATE_LABELS.items()]
    return render(request, "cases/list.html", {"page": page, "state": state, "states": states,
                                               "labels": rules.STATE_LABELS})  # fmt: skip


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(request, pk)
    cal = workcal.get_calendar()
    deadlines = []
    for d in selectors.case_deadlines(case):
        state = None
        if d.closed_on is None and d.due_on:
            state = lawcal_rules.state_on(cal, d.due_on, today())
        deadlines.append({"deadline": d, "state": state})
    results = [(k, v) for k, v in DecisionResult.choices if k in services.RESULTS_BY_TYPE.get(case.type, set())]
    context: dict[str, Any] = {
        "case": case,
        "state_label": rules.STATE_LABELS.get(case.state, "Không giải quyết tại đơn vị"),
        "next_steps": rules.next_steps(case.type, case.state, round_=case.round) if case.state else [],
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
        "today": today(),
    }
    return render(request, "cases/detail.html", context)


@login_required
@require_POST
def case_step(request: HttpRequest, pk: int) -> HttpResponse:
    case = _get(request, pk)
    post = request.POST
    action = post.get("action", "")
    try:
        on = VNDateField(required=False).clean(post.get("on", "")) or today()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("cases:detail", pk=case.pk)
    version = int(post["version"]) if post.get("version", "").isdigit() else None
    note = post.get("note", "")
    try:
        if action == "suspend":
            services.suspend(actor=request.user, case=case, on=on, reason=note, version=version)  # type: ignore[arg-type]
        elif action == "resume":
            services.resume(actor=request.user, case=case, on=on, reason=note, version=version)  # type: ignore[arg-type]
        elif action == "extend":
            services.extend(actor=request.user, case=case, decision=note, criteria=post.getlist("criteria"),  # type: ignore[arg-type]
                            version=version)  # fmt: skip
        elif action == "decision":
            figures = {k: post[k] for k in FIGURES if post.get(k)}
            services.record_decision(
                actor=request.user, case=case, number=post.get("number", ""), issued_on=on,  # type: ignore[arg-type]
                result=post.get("result", ""), summary=post.get("summary", ""), signer=post.get("signer", ""),
                first_round_outcome=post.get("first_round_outcome", ""), figures=figures, version=version,
                request_differs=post.get("request_differs") == "1" or None,
            )  # fmt: skip
        else:
            services.transition(
                actor=request.user, case=case, action=action, on=on, note=note, version=version,  # type: ignore[arg-type]
                complexity_criteria=post.getlist("criteria") if action == "accept" else None,
                remote_area=post.get("remote_area") == "1" if action == "accept" else None,
                request_differs=post.get("request_differs") == "1" if action in ("hold_dialogue",) else None,
                continue_ground=post.get("continue_ground", ""),
            )  # fmt: skip
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi nhận.")
    return redirect("cases:detail", pk=case.pk)
