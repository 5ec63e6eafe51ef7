"""Reception pages: the register (list, filters, export), the visit entry form, refusals, schedule management,
and the public schedule (no login). Thin: they parse, call a service or selector, and render."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tiepdan.cases.selectors import visible_cases
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.orgs.selectors import today, visible_units
from tiepdan.petitions.services import PetitionerInput

from . import exports, forms, rules, selectors, services
from .models import SessionKind, SessionStatus


def _form_error(form: Any, exc: DomainError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def _not_found(exc: NotFoundError) -> Http404:
    return Http404(exc.message)


# --- Register --------------------------------------------------------------------------------------------


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.RegisterFilterForm(request.GET or None, user=user)
    date_from, date_to = form.range()
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    visits = list(selectors.register(user, date_from=date_from, date_to=date_to, unit=unit)[:1000])
    rows = [{"visit": v, "values": exports.row_values(v, i)} for i, v in enumerate(visits, start=1)]
    refusals = selectors.visible_refusals(user).filter(refused_on__gte=date_from, refused_on__lte=date_to)
    if unit is not None:
        refusals = refusals.filter(unit=unit)
    query = f"date_from={date_from:%d/%m/%Y}&date_to={date_to:%d/%m/%Y}" + (f"&unit={unit.pk}" if unit else "")
    return render(request, "reception/register.html", {
        "form": form, "rows": rows, "date_from": date_from, "date_to": date_to, "query": query,
        "refusals": refusals, "may_receive": bool(forms.units_for(user)), "columns": exports.COLUMNS,
    })  # fmt: skip


@login_required
@require_GET
def register_export(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = forms.RegisterFilterForm(request.GET or None, user=user)
    date_from, date_to = form.range()
    unit = form.cleaned_data.get("unit") if form.is_bound and form.is_valid() else None
    qs = selectors.register(user, date_from=date_from, date_to=date_to, unit=unit)
    content = exports.export_register(qs, unit=unit, date_from=date_from, date_to=date_to)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(date_from, date_to)}"'
    return response


def _sessions_today(user: Any) -> list[Any]:
    on = today()
    return list(
        selectors.visible_sessions(user)
        .filter(on__gte=on - dt.timedelta(days=7), on__lte=on)
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("-on", "start_time")
    )


@login_required
def visit_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if not forms.units_for(user):
        messages.error(request, _("Bạn không có vai trò tiếp công dân tại đơn vị nào."))
        return redirect("reception:register")
    sessions = _sessions_today(user)
    if request.method == "POST":
        form = forms.VisitForm(request.POST, user=user, sessions=sessions)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = None
                if data.get("session"):
                    session = selectors.get_session(user, data["session"])
                case = None
                if data.get("case_code"):
                    case = visible_cases(user).filter(code=data["case_code"].strip()).first()
                    if case is None:
                        message = _("Không tìm thấy vụ việc có mã này trong phạm vi của bạn.")
                        raise DomainError(message, field="case_code")
                visit = services.record_visit(
                    actor=user, unit=data["unit"], received_on=data["received_on"], type=data["type"],
                    summary=data["summary"], content=data.get("content") or "", people=form.people(),
                    persons_count=data.get("persons_count"), outcome=data["outcome"],
                    within_competence=bool(data.get("within_competence")), session=session,
                    already_resolved_by=data.get("already_resolved_by") or "", guided_to=data.get("guided_to") or "",
                    target_unit=data.get("target_unit"), follow_up=data.get("follow_up") or "",
                    note=data.get("note") or "", case=case, submission_key=data.get("submission_key") or None,
                )  # fmt: skip
            except DomainError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi vào sổ tiếp công dân, số %(n)s.") % {"n": visit.number})
                if "save_next" in request.POST:
                    return redirect("reception:visit_new")
                return redirect("reception:visit_detail", pk=visit.pk)
    else:
        form = forms.VisitForm(user=user, sessions=sessions, initial={"submission_key": secrets.token_hex(16)})
    return render(request, "reception/visit_form.html", {"form": form, "person_rows": form.person_rows()})


@login_required
@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        visit = selectors.get_visit(request.user, pk)  # type: ignore[arg-type]
    except NotFoundError as exc:
        raise _not_found(exc) from None
    return render(request, "reception/visit_detail.html", {
        "visit": visit, "people": selectors.people_lines(visit), "values": exports.row_values(visit, visit.number),
        "columns": exports.COLUMNS,
    })  # fmt: skip


@login_required
@require_GET
def case_candidates(request: HttpRequest) -> HttpResponse:
    """htmx: the cases and earlier visits of the citizens typed so far (by ID number), to mark a repeat visit."""
    from tiepdan.people import rules as people_rules
    from tiepdan.people.selectors import visible_people

    user: Any = request.user
    numbers = []
    for i in range(forms.PERSON_ROWS):
        raw = request.GET.get(f"p{i}_id", "").strip()
        if raw:
            numbers.append(people_rules.normalize_id_number(raw))
    known = list(visible_people(user).filter(id_number__in=numbers)[:5]) if numbers else []
    person_ids = [p.pk for p in known]
    cases = list(selectors.candidate_cases(user, person_ids=person_ids)[:10])
    earlier = selectors.visible_visits(user).filter(people__person_id__in=person_ids).distinct().count()
    return render(request, "reception/_case_candidates.html", {
        "cases": cases, "earlier": earlier, "looked_up": bool(person_ids), "known": known,
    })  # fmt: skip


# --- Refusals --------------------------------------------------------------------------------------------


@login_required
def refusal_new(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if request.method == "POST":
        form = forms.RefusalForm(request.POST, user=user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                refusal = services.record_refusal(
                    actor=user, unit=data["unit"], refused_on=data["refused_on"], ground=data["ground"],
                    detail=data["detail"], person=PetitionerInput(
                        full_name=data["full_name"], id_number=data.get("id_number") or "",
                        address=data.get("address") or "",
                    ),
                )  # fmt: skip
            except DomainError as exc:
                _form_error(form, exc)
            else:
                if refusal.notice_required:
                    messages.warning(request, _("Đã ghi nhận việc từ chối. Hạn gửi thông báo bằng văn bản: %(d)s.")
                                     % {"d": f"{refusal.notice_due_on:%d/%m/%Y}"})  # fmt: skip
                else:
                    messages.success(request, _("Đã ghi nhận việc từ chối tiếp công dân."))
                return redirect("reception:register")
    else:
        form = forms.RefusalForm(user=user)
    return render(request, "reception/refusal_form.html", {"form": form})


@login_required
@require_POST
def refusal_notice(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    try:
        refusal = selectors.get_refusal(user, pk)
        services.issue_refusal_notice(actor=user, refusal=refusal)
    except NotFoundError as exc:
        raise _not_found(exc) from None
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã lập thông báo từ chối tiếp công dân."))
    return redirect("reception:register")


# --- Schedules -------------------------------------------------------------------------------------------


@login_required
def schedules(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    regular_form = forms.RegularScheduleForm(user=user, prefix="tx")
    session_form = forms.SessionForm(user=user, prefix="bt", initial={"kind": SessionKind.PERIODIC})
    if request.method == "POST":
        try:
            if "add_regular" in request.POST:
                regular_form = forms.RegularScheduleForm(request.POST, user=user, prefix="tx")
                if regular_form.is_valid():
                    d = regular_form.cleaned_data
                    services.create_regular_schedule(
                        actor=user, unit=d["unit"], weekdays=d["weekdays"], start_time=d["start_time"],
                        end_time=d["end_time"], venue=d["venue"], officers=d.get("officers") or "",
                        valid_from=d["valid_from"], valid_to=d.get("valid_to"),
                    )  # fmt: skip
                    messages.success(request, _("Đã thêm lịch tiếp thường xuyên."))
                    return redirect("reception:schedules")
            elif "add_session" in request.POST:
                session_form = forms.SessionForm(request.POST, user=user, prefix="bt")
                if session_form.is_valid():
                    d = session_form.cleaned_data
                    services.plan_session(
                        actor=user, unit=d["unit"], kind=d["kind"], on=d["on"], start_time=d["start_time"],
                        end_time=d["end_time"], venue=d["venue"], host_name=d["host_name"],
                        host_title=d["host_title"], officers=d.get("officers") or "",
                    )  # fmt: skip
                    messages.success(request, _("Đã thêm buổi tiếp vào lịch."))
                    return redirect("reception:schedules")
        except NotFoundError as exc:
            raise _not_found(exc) from None
        except DomainError as exc:
            target = regular_form if "add_regular" in request.POST else session_form
            _form_error(target, exc)
    on = today()
    units = visible_units(user, on=on)
    warnings = selectors.periodic_warnings(user, on=on)
    minimums = []
    for unit in units[:50]:
        minimum = rules.head_minimum(unit.kind, on)
        if minimum is not None:
            minimums.append((unit, minimum))
    month_start, month_end = rules.period_of(on, "month")
    ids = [unit.pk for unit, _m in minimums[:20]]
    compliance = selectors.periodic_reception_compliance(unit_ids=ids, date_from=month_start, date_to=month_end)
    return render(request, "reception/schedules.html", {
        "regular": selectors.visible_schedules(user).order_by("unit__path", "-valid_from"),
        "sessions": selectors.visible_sessions(user).filter(on__gte=on - dt.timedelta(days=45)).order_by("on"),
        "regular_form": regular_form, "session_form": session_form,
        "may_schedule": bool(forms.units_for(user, schedule=True)), "warnings": warnings,
        "minimums": [(unit, m, compliance.get(unit.pk)) for unit, m in minimums[:20]],
        "month_start": month_start, "month_end": month_end,
    })  # fmt: skip


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    try:
        session = selectors.get_session(user, pk)
    except NotFoundError as exc:
        raise _not_found(exc) from None
    form = forms.CloseSessionForm(initial={"conclusions": session.conclusions})
    if request.method == "POST":
        try:
            if "close" in request.POST:
                form = forms.CloseSessionForm(request.POST)
                if form.is_valid():
                    services.close_session(actor=user, session=session, conclusions=form.cleaned_data["conclusions"])
                    messages.success(request, _("Đã ghi kết luận buổi tiếp."))
                    return redirect("reception:session_detail", pk=pk)
            elif "notice" in request.POST:
                services.issue_conclusion_notice(actor=user, session=session)
                messages.success(request, _("Đã lập thông báo kết luận."))
                return redirect("reception:session_detail", pk=pk)
            elif "cancel" in request.POST:
                services.cancel_session(actor=user, session=session, reason=request.POST.get("reason", ""))
                messages.success(request, _("Đã hủy buổi tiếp."))
                return redirect("reception:schedules")
        except DomainError as exc:
            messages.error(request, exc.message)
    session = selectors.get_session(user, pk)
    visits = selectors.visible_visits(user).filter(session=session).prefetch_related("people__person")
    return render(request, "reception/session_detail.html", {
        "session": session, "form": form, "visits": visits,
        "may_schedule": services.may_schedule(user, session.unit),
    })  # fmt: skip


# --- Public schedule (no login) --------------------------------------------------------------------------


@require_GET
def public_schedule(request: HttpRequest) -> HttpResponse:
    unit_code = request.GET.get("don_vi", "").strip()[:40]
    entries = selectors.public_schedule(unit_code=unit_code)
    return render(request, "reception/public_schedule.html", {
        "entries": entries, "on": today(), "unit_code": unit_code,
    })  # fmt: skip


# --- Dashboard panel -------------------------------------------------------------------------------------


def periodic_panel(request: HttpRequest) -> dict[str, Any] | None:
    """For the head and the reception staff: units whose week/month lacks the head's periodic days."""
    user: Any = request.user
    if not user.is_authenticated:
        return None
    warnings = selectors.periodic_warnings(user)
    if not warnings:
        return None
    return {"warnings": warnings, "url": reverse("reception:schedules")}


def may_receive_anywhere(user: Any) -> bool:
    return bool(user.is_authenticated and forms.units_for(user))
