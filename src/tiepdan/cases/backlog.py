"""Reads for oversight: the backlog review the seeds ask for, and the prolonged / complex / mass lists."""

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


def flagged(user: User) -> QuerySet[Case]:
    """Open cases that are complex, mass-delegation, bypassing levels or assigned by a superior body."""
    return (
        visible_cases(user)
        .exclude(state__in=["", *rules.TERMINAL])
        .filter(~Q(complexity_criteria=[]) | Q(mass_delegation=True) | Q(bypasses_level=True) | ~Q(assigned_by=""))
    )
