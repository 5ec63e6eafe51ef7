"""Reads for oversight: the backlog review the seeds ask for, and the prolonged / complex / mass lists."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.db.models import QuerySet

from tiepdan.core.models import User
from tiepdan.orgs.selectors import today

from . import rules
from .models import Case
from .selectors import visible_cases

# The review categories (seeds: "đã giải quyết, đang giải quyết, chưa giải quyết, đã giải quyết nhưng công dân
# tiếp tục khiếu nại/tố cáo").
REVIEW_LABELS = {
    "resolved": "Đã giải quyết",
    "in_progress": "Đang giải quyết",
    "not_started": "Chưa giải quyết",
    "resolved_but_again": "Đã giải quyết nhưng công dân tiếp tục khiếu nại, tố cáo",
}
RESOLVED = {"decided", "decision_sent", "effective", "enforcement", "closed", "concluded", "conclusion_sent",
            "handling", "published", "answered", "appealed"}  # fmt: skip


def prolonged_days() -> int:
    return int(getattr(settings, "TIEPDAN_PROLONGED_DAYS", rules.PROLONGED_DAYS_DEFAULT))


def review_category(case: Case, *, later_petition: bool) -> str:
    if case.state in RESOLVED or case.state in ("refused", "terminated"):
        return "resolved_but_again" if later_petition else "resolved"
    if case.state in ("pending_acceptance", ""):
        return "not_started"
    return "in_progress"


def backlog_review(user: User) -> dict[str, int]:
    """Counts per review category over the cases being resolved in the user's scope."""
    counts: Counter[str] = Counter()
    cases = visible_cases(user).exclude(state="").prefetch_related("petitions")
    for case in cases:
        decided_on = case.decision.issued_on if hasattr(case, "decision") else None
        later = decided_on is not None and any(p.received_on > decided_on for p in case.petitions.all())
        counts[review_category(case, later_petition=later)] += 1
    return {key: counts.get(key, 0) for key in REVIEW_LABELS}


def prolonged(user: User, *, on: dt.date | None = None) -> QuerySet[Case]:
    limit = (on or today()) - dt.timedelta(days=prolonged_days())
    return visible_cases(user).exclude(state__in=["", *rules.TERMINAL]).filter(accepted_on__lt=limit)


def flagged(user: User) -> QuerySet[Case]:
    """Open cases that are complex, mass-delegation, bypassing levels or assigned by a superior body."""
    from django.db.models import Q

    return (
        visible_cases(user)
        .exclude(state__in=["", *rules.TERMINAL])
        .filter(~Q(complexity_criteria=[]) | Q(mass_delegation=True) | Q(bypasses_level=True) | ~Q(assigned_by=""))
    )
