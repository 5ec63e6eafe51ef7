"""The leaders' dashboard pages: the dashboard itself and the list behind each of its numbers."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext

from tiepdan.cases import backlog
from tiepdan.core.errors import DomainError, NotFoundError
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today

from . import dashboard as selectors
from . import scorecard


def _user(request: HttpRequest) -> User:
    user: Any = request.user
    if not selectors.may_view(user):
        raise PermissionDenied("Bảng điều hành dành cho lãnh đạo, thủ trưởng, thanh tra viên và cán bộ thống kê.")
    return user


def _unit(request: HttpRequest, user: User) -> OrgUnit:
    code = request.GET.get("unit", "").strip()
    if not code:
        unit = selectors.default_unit(user)
        if unit is None:
            raise Http404("Không có đơn vị nào trong phạm vi của bạn.")
        return unit
    try:
        return selectors.get_unit(user, code)
    except NotFoundError:
        raise Http404 from None


def _period(request: HttpRequest) -> tuple[selectors.Period, str]:
    """The period asked for; a bad one gives the current quarter and the Vietnamese reason."""
    try:
        return selectors.parse_period(request.GET), ""
    except DomainError as exc:
        return selectors.quarter_period(*selectors.current_quarter(today())), exc.message


def _drill_link(metric: str, **params: str) -> str:
    clean = {k: v for k, v in params.items() if v not in ("", None)}
    return _drill_path(metric) + ("?" + urlencode(clean) if clean else "")


def _drill_path(metric: str) -> str:
    # A city's dashboard links a couple of thousand numbers to their lists: resolve each metric's path once
    # per request (`_Links`), not once per number.
    return reverse("dashboard:drill", args=[metric])


class _Links(dict[str, str]):
    """metric → the URL of its list, built when the template first asks for it."""

    def __init__(self, params: dict[str, str], paths: dict[str, str]) -> None:
        super().__init__()
        clean = {k: v for k, v in params.items() if v not in ("", None)}
        self.query = "?" + urlencode(clean) if clean else ""
        self.paths = paths  # metric → its list's path, shared by every row of the page

    def __missing__(self, metric: str) -> str:
        if metric not in selectors.METRIC_LABELS:
            raise KeyError(metric)
        url = self[metric] = self.paths[metric] + self.query
        return url


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    unit = _unit(request, user)
    period, error = _period(request)
    board = selectors.build(user, unit, period)
    base = {"unit": unit.code, **period.query()}
    drill_base = reverse("dashboard:index") + "so-lieu/"
    units = [unit, *board.children]
    columns, score_rows = scorecard.scorecard(units, date_from=period.date_from, date_to=period.date_to,
                                              known=selectors.scorecard_ratios(board))  # fmt: skip
    year = period.year or selectors.current_year(today())
    trend = [
        {"label": t["label"], "p_received": t["p_received"],
         "p_rate": _rate(t["p_on_time"], t["p_processed"] + t["p_missed"]),
         "c_accepted": t["c_accepted"], "c_resolved": t["c_resolved"],
         "c_rate": _rate(t["c_on_time"], t["c_resolved"]),
         "url": _drill_link("p_received", unit=unit.code,
                      **{"from": f"{t['from']:%d/%m/%Y}", "to": f"{t['to']:%d/%m/%Y}"})}
        for t in board.trend
    ]  # fmt: skip
    paths = {metric: _drill_path(metric) for metric in selectors.METRIC_LABELS}
    for row in [board.total, *board.by_type, *board.by_unit, *board.by_commune, *board.by_field]:
        row.links = _Links({**base, **row.query}, paths)
        if "unit" in row.query and "own" not in row.query:
            row.unit_url = reverse("dashboard:index") + "?" + urlencode({**base, "unit": row.query["unit"]})
    for row in board.by_type:
        row.label = gettext(row.label)  # the kinds of matter; units and fields are names
    flag_links = {m: _drill_link(m, **base) for m in ("k_open", "k_complex", "k_prolonged", "k_mass")}
    chart_labels = {
        "received": gettext("Đơn nhận"), "accepted": gettext("Vụ việc thụ lý"),
        "resolved": gettext("Vụ việc giải quyết xong"), "p_rate": gettext("Xử lý đơn đúng hạn (%)"),
        "c_rate": gettext("Giải quyết đúng hạn (%)"), "axis": gettext("Số đơn, số vụ việc"),
    }  # fmt: skip
    context = {
        "board": board,
        "flag_links": flag_links,
        "chart_labels": chart_labels,
        "quarters": list(selectors.ROMAN.items()),
        "unit": unit,
        "period": period,
        "error": error,
        "query": urlencode(base),
        "drill_base": drill_base,
        "units": [(u, "\u00a0\u00a0" * max(u.depth - 1, 0)) for u in selectors.unit_choices(user)],
        "years": list(range(selectors.current_year(today()) + 0, 2019, -1)),
        "year": year,
        "quarter": period.quarter or "",
        "raw_from": request.GET.get("from", ""),
        "raw_to": request.GET.get("to", ""),
        "custom": period.year is None,
        "columns": columns,
        "score_rows": score_rows,
        "trend": trend,
        "prolonged_days": backlog.prolonged_days(),
        "labels": selectors.METRIC_LABELS,
    }
    return render(request, "reports/dashboard.html", context)


def _rate(num: int, den: int) -> float | None:
    return round(100.0 * num / den, 1) if den else None


@login_required
def drill(request: HttpRequest, metric: str) -> HttpResponse:
    """The records behind one number: same predicate as the count, same scope, paginated."""
    user = _user(request)
    if metric not in selectors.METRIC_LABELS:
        raise Http404
    unit = _unit(request, user)
    period, error = _period(request)
    ctx = selectors.context(period)
    kind = request.GET.get("type", "")
    if kind and kind not in selectors.TYPE_LABELS:
        kind = ""
    d = selectors.Drill(metric=metric, unit=unit, own=request.GET.get("own") == "1", type=kind,
                        field=request.GET.get("field", "").strip()[:40])  # fmt: skip
    qs = selectors.drill_records(user, d, ctx)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    if metric.startswith("c_"):
        rows = selectors.deadline_items(list(page), ctx)
        shape = "deadline"
    elif metric.startswith("k_"):
        rows = [selectors.case_item(c, ctx) for c in page]
        shape = "case"
    else:
        rows = [selectors.petition_item(p) for p in page]
        shape = "petition"
    query = request.GET.copy()
    query.pop("page", None)
    back = {k: v for k, v in {"unit": request.GET.get("unit", ""), **period.query()}.items() if v}
    context = {
        "metric": metric,
        "title": gettext(selectors.METRIC_LABELS[metric]),
        "unit": unit,
        "own": d.own,
        "type_label": gettext(selectors.TYPE_LABELS[kind]) if kind in selectors.TYPE_LABELS else "",
        "field": d.field,
        "period": period,
        "error": error,
        "page": page,
        "rows": rows,
        "shape": shape,
        "query": query.urlencode(),
        "back": reverse("dashboard:index") + "?" + urlencode(back),
        "today": ctx.on,
    }
    return render(request, "reports/dashboard_drill.html", context)
