"""Reads for oversight: the backlog review the seeds ask for, the oversight flags (complex, prolonged, mass
delegation, bypassing levels, assigned by a superior body) and the due state of a case.

Each flag is defined once here, as a query (`flag_q`) and on a loaded case (`case_flags`); the case list, its
Excel export and the leaders' dashboard all read them from here."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import User
from tiepdan.orgs.selectors import today

from . import rules
from .models import Case
from .selectors import visible_cases

# The review categories (seeds: "đã giải quyết, đang giải quyết, chưa giải quyết, đã giải quyết nhưng công dân
# tiếp tục khiếu nại/tố cáo").
REVIEW_LABELS = {
    "resolved": _("Đã giải quyết"),
    "in_progress": _("Đang giải quyết"),
    "not_started": _("Chưa giải quyết"),
    "resolved_but_again": _("Đã giải quyết nhưng công dân tiếp tục khiếu nại, tố cáo"),
}
RESOLVED = {"decided", "decision_sent", "effective", "enforcement", "closed", "concluded", "conclusion_sent",
            "handling", "published", "answered", "appealed"}  # fmt: skip


# The oversight flags (issue 5 §7), in the order the case list shows them.
FLAG_LABELS = {
    "complex": _("Phức tạp"),
    "prolonged": _("Kéo dài"),
    "mass": _("Đoàn đông người"),
    "bypass": _("Vượt cấp"),
    "assigned": _("Cấp trên giao, chỉ đạo"),
}
DUE_LABELS = {"overdue": _("Quá hạn"), "due_soon": _("Sắp đến hạn (7 ngày)"), "on_time": _("Còn hạn")}
DUE_SOON_DAYS = 7


def prolonged_days() -> int:
    return int(getattr(settings, "TIEPDAN_PROLONGED_DAYS", rules.PROLONGED_DAYS_DEFAULT))


def review_category(case: Case, *, later_petition: bool) -> str:
    if case.state in RESOLVED or case.state in ("refused", "terminated"):
        return "resolved_but_again" if later_petition else "resolved"
    if case.state in ("pending_acceptance", ""):
        return "not_started"
    return "in_progress"


def _reviewed(user: User) -> QuerySet[Case]:
    """The user's cases with `again`: a letter on the case was received after its decision or conclusion."""
    from django.db.models import Exists, OuterRef

    from tiepdan.petitions.models import Petition

    later = Petition.objects.filter(case=OuterRef("pk"), received_on__gt=OuterRef("decision__issued_on"))
    return visible_cases(user).exclude(state="").annotate(again=Exists(later))


def _category_q(category: str) -> Q:
    done = Q(state__in=[*RESOLVED, "refused", "terminated"])
    return {
        "resolved": done & Q(again=False),
        "resolved_but_again": done & Q(again=True),
        "not_started": Q(state="pending_acceptance"),
        "in_progress": ~done & ~Q(state="pending_acceptance"),
    }[category]


def backlog_review(user: User) -> dict[str, int]:
    """Counts per review category over the cases in the user's scope (one grouped query)."""
    from django.db.models import Count

    counts = _reviewed(user).aggregate(**{key: Count("pk", filter=_category_q(key)) for key in REVIEW_LABELS})
    return {key: counts[key] or 0 for key in REVIEW_LABELS}


def review_cases(user: User, category: str) -> QuerySet[Case]:
    """The cases of one review category (the list behind a count); unknown category → ValueError."""
    if category not in REVIEW_LABELS:
        raise ValueError(category)
    return _reviewed(user).filter(_category_q(category))


def prolonged(user: User, *, on: dt.date | None = None) -> QuerySet[Case]:
    limit = (on or today()) - dt.timedelta(days=prolonged_days())
    return visible_cases(user).exclude(state__in=["", *rules.TERMINAL]).filter(accepted_on__lt=limit)


def flag_q(flag: str, *, on: dt.date) -> Q:
    """The cases carrying `flag` on the day `on` (whether they are open is the caller's filter); an unknown flag
    matches nothing."""
    if flag == "complex":
        return ~Q(complexity_criteria=[])
    if flag == "prolonged":
        return Q(accepted_on__lt=on - dt.timedelta(days=prolonged_days()))
    if flag == "mass":
        return Q(mass_delegation=True)
    if flag == "bypass":
        return Q(bypasses_level=True)
    if flag == "assigned":
        return ~Q(assigned_by="")
    return Q(pk__in=[])


def is_prolonged(case: Case, *, on: dt.date, prolonged_after: int | None = None) -> bool:
    """Open and accepted longer ago than the configured period (`flag_q("prolonged")` on a loaded case).
    `prolonged_after` saves reading the setting once per row."""
    days = prolonged_days() if prolonged_after is None else prolonged_after
    limit = on - dt.timedelta(days=days)
    return case.state not in rules.TERMINAL and case.accepted_on is not None and case.accepted_on < limit


def case_flags(case: Case, *, on: dt.date, prolonged_after: int | None = None) -> list[str]:
    """The flags of a loaded case, in words, as `flag_q` selects them."""
    carried = {
        "complex": bool(case.complexity_criteria),
        "prolonged": is_prolonged(case, on=on, prolonged_after=prolonged_after),
        "mass": case.mass_delegation,
        "bypass": case.bypasses_level,
        "assigned": bool(case.assigned_by),
    }  # fmt: skip
    return [str(label) for key, label in FLAG_LABELS.items() if carried[key]]


def is_overdue(case: Case, *, on: dt.date) -> bool:
    """Past its resolution due date while the clock runs (not closed, not suspended)."""
    running = case.state not in rules.TERMINAL and case.state != "suspended"
    return running and case.due_on is not None and case.due_on < on


def due_label(case: Case, *, on: dt.date) -> str:
    if case.state in rules.TERMINAL or not case.due_on:
        return ""
    if case.state == "suspended":
        return str(_("Tạm dừng tính hạn"))
    return str(DUE_LABELS["overdue"]) if is_overdue(case, on=on) else str(DUE_LABELS["on_time"])


def flagged(user: User, *, on: dt.date | None = None) -> QuerySet[Case]:
    """Open cases that are complex, mass-delegation, bypassing levels or assigned by a superior body."""
    on = on or today()
    either = Q(pk__in=[])
    for flag in ("complex", "mass", "bypass", "assigned"):
        either |= flag_q(flag, on=on)
    return visible_cases(user).exclude(state__in=["", *rules.TERMINAL]).filter(either)
