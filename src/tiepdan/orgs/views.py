from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tiepdan.core.errors import NotFoundError

from . import selectors


def my_units_panel(request: HttpRequest) -> dict[str, Any] | None:
    user: Any = request.user
    memberships = list(selectors.active_memberships(user))
    return {"memberships": memberships, "is_admin": selectors.is_system_admin(user)}


def _parse_on(request: HttpRequest) -> dt.date:
    raw = request.GET.get("on", "").strip()
    if not raw:
        return selectors.today()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
    messages.error(
        request,
        _("Ngày “%(raw)s” không hợp lệ, hãy nhập dạng dd/mm/yyyy. Đang hiển thị cây hôm nay.") % {"raw": raw},
    )
    return selectors.today()


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The organisation tree the user may see, as it stood on a date (today by default)."""
    on = _parse_on(request)
    units = list(selectors.visible_units(request.user, on=on))  # type: ignore[arg-type]
    visible_ids = {u.pk for u in units}
    by_parent: dict[int | None, list] = {}
    for unit in units:
        key = unit.parent_id if unit.parent_id in visible_ids else None
        by_parent.setdefault(key, []).append(unit)
    for group in by_parent.values():
        group.sort(key=lambda u: (u.kind != "inspectorate", u.kind != "reception_board", u.name_folded))

    def build(parent_id: int | None) -> list[dict[str, Any]]:
        return [{"unit": u, "children": build(u.pk)} for u in by_parent.get(parent_id, [])]

    return render(request, "orgs/tree.html", {"nodes": build(None), "on": on, "count": len(units)})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    try:
        unit = selectors.get_visible_unit(request.user, code=code)  # type: ignore[arg-type]
    except NotFoundError:
        raise Http404(_("Không tìm thấy đơn vị.")) from None
    in_scope = selectors.user_scope(request.user).q()  # type: ignore[arg-type]
    context = {
        "unit": unit,
        "ancestors": selectors.ancestors(unit),
        "children": selectors.children(unit).filter(in_scope).order_by("-valid_to", "name"),
        "predecessors": selectors.predecessors_of(unit).filter(in_scope),
        "successors": selectors.successors_of(unit).filter(in_scope),
    }
    return render(request, "orgs/unit_detail.html", context)
