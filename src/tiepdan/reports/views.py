"""Report pages: choose a form, a unit (within the user's scope) and a period; the report table with every number
linking to the records behind it; export; freeze, approve and submit; the parent's view of its children."""

from __future__ import annotations

import urllib.parse
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today, visible_units

from . import exports, periods, selectors, services
from .forms import available
from .models import ReportSnapshot, SnapshotStatus


def reportable_units(user: Any) -> list[OrgUnit]:
    """Units the user may report on today: the subtrees they supervise, or their own unit without children."""
    units = list(visible_units(user, on=today()))
    return [u for u in units if selectors._supervises(user, u) or user.is_superuser]


def period_choices() -> list[periods.Period]:
    year = periods.report_year(today())
    return periods.standard_periods(year) + periods.standard_periods(year - 1)


def _range_code(request: HttpRequest) -> tuple[str, str]:
    """(period code, error) from the chooser's optional "từ ngày"/"đến ngày"; ("", "") when unused. Officials
    pick a period by its name or by two dates; the code ("2026-01-01:2026-06-30") is for links."""
    try:
        period = periods.from_dates(request.GET.get("from", ""), request.GET.get("to", ""))
    except periods.PeriodError as exc:
        return "", _(str(exc))
    return (period.code if period else ""), ""


def _with_period(request: HttpRequest, code: str) -> HttpResponse:
    """The same page with the range as its period code, so that every link from it (drill-down, export,
    freeze) carries one period."""
    query = request.GET.copy()
    query["period"] = code
    for name in ("from", "to"):
        query.pop(name, None)
    return redirect(f"{request.path}?{query.urlencode()}")


def _chooser_context(chosen: dict[str, str]) -> dict[str, Any]:
    """What the chooser shows: the standard periods by name, the chosen one selected (a date range as its own
    entry, with its dates in the range fields)."""
    choices = [(p.code, p.label) for p in period_choices()]
    selected = chosen["period"] or periods.current_quarter(today()).code
    if selected not in dict(choices):
        try:
            extra = selectors.parse_period(selected)
        except DomainError:
            extra = None
        if extra is not None:
            choices.insert(0, (extra.code, extra.label))
    return {"period_options": choices, "selected_period": selected}


def header_rows(columns: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The table's header rows with colspan/rowspan, from the same layout as the .xlsx."""
    depth, cells = exports.header_layout(columns)
    rows: list[list[dict[str, Any]]] = [[] for _ in range(depth)]
    rows[0].append({"text": "STT", "rowspan": depth, "colspan": 1, "col": -2})
    rows[0].append({"text": "Đơn vị", "rowspan": depth, "colspan": 1, "col": -1})
    for r1, c1, r2, c2, text in cells:
        rows[r1].append({"text": text, "rowspan": r2 - r1 + 1, "colspan": c2 - c1 + 1, "col": c1})
    for row in rows:
        row.sort(key=lambda cell: cell["col"])
    return rows


def _table(data: dict[str, Any], *, link: dict[str, str] | None) -> dict[str, Any]:
    """Rows ready for the template: each value with its drill-down URL (live reports only)."""
    keys = [c["key"] for c in data["columns"]]
    base = reverse("reports:records")

    def cells(row_code: str, values: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for key in keys:
            url = ""
            if link is not None:
                url = base + "?" + urllib.parse.urlencode({**link, "row": row_code, "key": key})
            out.append({"value": values.get(key, 0), "url": url})
        return out

    return {
        "header": header_rows(data["columns"]),
        "numbers": [c.get("number", i + 1) for i, c in enumerate(data["columns"])],
        "rows": [
            {"code": r["unit"], "name": r.get("unit_name", r["unit"]), "cells": cells(r["unit"], r["values"])}
            for r in data["rows"]
        ],
        "total": cells("", data["total"]),
    }


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    units = reportable_units(user)
    forms = available()
    code, range_error = _range_code(request)
    if code:
        return _with_period(request, code)
    chosen = {
        "form": request.GET.get("form", forms[0].code if forms else ""),
        "unit": request.GET.get("unit") or (units[0].code if units else ""),
        "period": request.GET.get("period", ""),
    }
    context: dict[str, Any] = {"forms": forms, "units": units, "chosen": chosen, **_chooser_context(chosen)}
    if range_error:
        context["error"] = range_error
    elif request.GET.get("period"):
        try:
            report = selectors.compute(user=user, form_code=chosen["form"], unit_code=chosen["unit"],  # type: ignore[arg-type]
                                       period_text=chosen["period"])  # fmt: skip
        except DomainError as exc:
            context["error"] = str(exc)
        else:
            data = report.as_dict()
            link = chosen if getattr(report.form, "drilldown", False) else None
            snapshot = ReportSnapshot.objects.filter(
                form_code=report.form.code, unit=report.unit, date_from=report.period.date_from,
                date_to=report.period.date_to,
            ).first()  # fmt: skip
            context.update(
                report=report, data=data, table=_table(data, link=link), snapshot=snapshot,
                may_freeze=services.may_freeze(user, report.unit),  # type: ignore[arg-type]
                query=urllib.parse.urlencode(chosen),
            )  # fmt: skip
    return render(request, "reports/index.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse:
    g, user = request.GET, cast(Any, request.user)
    try:
        report = selectors.compute(user=user, form_code=g.get("form", ""), unit_code=g.get("unit", ""),
                                   period_text=g.get("period", ""))  # fmt: skip
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reports:index")
    data = report.as_dict()
    if request.GET.get("format") == "json":
        return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    parent = report.unit.parent
    content = exports.to_xlsx_bytes(data, parent_name=parent.name if parent else "", on=today())
    return _xlsx_response(content, f"{report.form.code.replace('/', '-')}_{report.unit.code}_{report.period.code}")


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, stem: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in stem)
    response["Content-Disposition"] = f'attachment; filename="bao-cao_{safe}.xlsx"'
    return response


@login_required
def records(request: HttpRequest) -> HttpResponse:
    """The records counted in one cell. Petitions show code, unit, dates, type and summary — never a petitioner
    (a denouncer's identity is in no list)."""
    g, user = request.GET, cast(Any, request.user)
    try:
        listing = selectors.cell_records(user=user, form_code=g.get("form", ""), unit_code=g.get("unit", ""),
                                         period_text=g.get("period", ""), row=g.get("row", ""),
                                         key=g.get("key", ""))  # fmt: skip
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect("reports:index")
    page = Paginator(listing.records, 50).get_page(g.get("page"))
    back = (
        reverse("reports:index")
        + "?"
        + urllib.parse.urlencode({"form": g.get("form", ""), "unit": g.get("unit", ""), "period": g.get("period", "")})
    )
    keep = urllib.parse.urlencode({k: g.get(k, "") for k in ("form", "unit", "period", "row", "key")})
    return render(request, "reports/records.html", {"listing": listing, "page": page, "back": back, "keep": keep})


@login_required
@require_POST
def freeze(request: HttpRequest) -> HttpResponse:
    p = request.POST
    try:
        unit = selectors.find_unit(request.user, p.get("unit", ""))  # type: ignore[arg-type]
        snapshot = services.freeze_report(actor=request.user, form_code=p.get("form", ""), unit=unit,  # type: ignore[arg-type]
                                          period_text=p.get("period", ""))  # fmt: skip
    except NotFoundError:
        raise Http404 from None
    except DomainError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("reports:index") + "?" + urllib.parse.urlencode(
            {k: p.get(k, "") for k in ("form", "unit", "period")}))  # fmt: skip
    messages.success(request, "Đã chốt số liệu báo cáo. Báo cáo chờ thủ trưởng đơn vị duyệt.")
    return redirect("reports:snapshot", pk=snapshot.pk)


def _snapshot(request: HttpRequest, pk: int) -> ReportSnapshot:
    try:
        return selectors.get_snapshot(request.user, pk)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404 from None


@login_required
def snapshot_detail(request: HttpRequest, pk: int) -> HttpResponse:
    snap = _snapshot(request, pk)
    user = request.user
    context = {
        "snap": snap,
        "data": snap.data,
        "table": _table(snap.data, link=None),
        "may_approve": snap.status == SnapshotStatus.FROZEN and services.may_approve(user, snap.unit),  # type: ignore[arg-type]
        "may_discard": snap.status == SnapshotStatus.FROZEN and services.may_freeze(user, snap.unit),  # type: ignore[arg-type]
        "may_submit": snap.status == SnapshotStatus.APPROVED
        and (services.may_freeze(user, snap.unit) or services.may_approve(user, snap.unit)),  # type: ignore[arg-type]
    }
    return render(request, "reports/snapshot.html", context)


@login_required
def snapshot_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    snap = _snapshot(request, pk)
    parent = snap.unit.parent
    content = exports.to_xlsx_bytes(snap.data, parent_name=parent.name if parent else "",
                                    on=(snap.approved_at or snap.frozen_at).date())  # fmt: skip
    return _xlsx_response(content, f"{snap.form_code.replace('/', '-')}_{snap.unit.code}_{snap.period_code}_da-chot")


@login_required
@require_POST
def snapshot_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    snap = _snapshot(request, pk)
    user = request.user
    try:
        if action == "duyet":
            services.approve_report(actor=user, snapshot=snap)  # type: ignore[arg-type]
            messages.success(request, "Đã duyệt báo cáo.")
        elif action == "gui":
            services.submit_report(actor=user, snapshot=snap)  # type: ignore[arg-type]
            messages.success(request, "Đã gửi báo cáo lên đơn vị cấp trên.")
        elif action == "huy-chot":
            services.discard_freeze(actor=user, snapshot=snap, reason=request.POST.get("reason", ""))  # type: ignore[arg-type]
            messages.success(request, "Đã hủy chốt số liệu.")
            return redirect("reports:index")
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect("reports:snapshot", pk=pk)


@login_required
def submissions(request: HttpRequest) -> HttpResponse:
    """For a parent unit: which children submitted the form for the period, which are missing."""
    user = request.user
    units = [u for u in reportable_units(user) if OrgUnit.objects.filter(parent=u).exists()]
    forms = available()
    code, range_error = _range_code(request)
    if code:
        return _with_period(request, code)
    chosen = {
        "form": request.GET.get("form", forms[0].code if forms else ""),
        "unit": request.GET.get("unit", units[0].code if units else ""),
        "period": request.GET.get("period", ""),
    }
    context: dict[str, Any] = {"forms": forms, "units": units, "chosen": chosen, **_chooser_context(chosen)}
    if range_error:
        context["error"] = range_error
    elif chosen["period"]:
        try:
            form = selectors.find_form(chosen["form"])
            period = selectors.parse_period(chosen["period"])
            unit = selectors.find_unit(user, chosen["unit"])  # type: ignore[arg-type]
            statuses = selectors.submission_status(user=user, unit=unit, form_code=form.code, period=period)  # type: ignore[arg-type]
        except DomainError as exc:
            context["error"] = str(exc)
        else:
            context.update(statuses=statuses, period=period, form=form, unit=unit,
                           missing=sum(1 for s in statuses if not s.submitted),
                           due_configured=any(s.due_on for s in statuses) or not statuses)  # fmt: skip
    return render(request, "reports/submissions.html", context)
