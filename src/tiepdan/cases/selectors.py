"""Reads of cases, scoped to the user's units (out of scope answers 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case as DbCase
from django.db.models import F, IntegerField, Q, QuerySet, Value, When

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import fold
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.selectors import scope_filter, subtree, today, visible_units

from .models import Case


def visible_cases(user: User) -> QuerySet[Case]:
    return scope_filter(Case.objects.select_related("unit", "subject_field", "assignee"), user, unit_field="unit")


def get_case(user: User, pk: int) -> Case:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("Không tìm thấy vụ việc này trong phạm vi của bạn.")
    return case


# Limits the case's petitions started when proposed for acceptance (petitions.rules.acceptance_rule): the
# acceptance of a complaint, and the answer to a recommendation/feedback, which runs on the petition from its
# receipt. The case page shows them with the case's own limits.
FOLLOW_UP_RULES = ("complaint.accept", "rec_feedback.resolve")


def case_deadlines(case: Case) -> QuerySet[TrackedDeadline]:
    from tiepdan.petitions.models import Petition

    case_ct = ContentType.objects.get_for_model(Case)
    petition_ct = ContentType.objects.get_for_model(Petition)
    petition_ids = [str(pk) for pk in case.petitions.values_list("pk", flat=True)]
    own = Q(content_type=case_ct, object_id=str(case.pk))
    follow_ups = Q(content_type=petition_ct, object_id__in=petition_ids, rule_code__in=FOLLOW_UP_RULES)
    return TrackedDeadline.objects.filter(own | follow_ups).select_related("rule").order_by("created_at", "pk")


def acceptance_limits(cases: list[Case]) -> dict[int, TrackedDeadline]:
    """The running acceptance limit (Law on Complaints Art 27) of each case still pending acceptance, from its
    petitions: the earliest due one. Two queries for a whole page of cases; none when no case is pending."""
    from tiepdan.petitions.models import Petition

    pending = [c.pk for c in cases if c.state == "pending_acceptance"]
    if not pending:
        return {}
    case_of = {
        str(pk): case_id for pk, case_id in Petition.objects.filter(case_id__in=pending).values_list("pk", "case_id")
    }
    limits: dict[int, TrackedDeadline] = {}
    for limit in TrackedDeadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Petition), object_id__in=list(case_of),
        rule_code="complaint.accept", closed_on__isnull=True,
    ).order_by("due_on", "pk"):  # fmt: skip
        limits.setdefault(case_of[limit.object_id], limit)
    return limits


# --- The case list: filters shared by the page, its Excel export and the API ---------------------------


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    type: str = ""
    state: str = ""
    review: str = ""
    flag: str = ""
    due: str = ""
    unit: str = ""  # an org unit code in the user's scope: the cases of its subtree
    assignee: str = ""  # a username, "me" or "none"


def filter_cases(user: User, filters: CaseFilters, *, on: dt.date | None = None) -> QuerySet[Case]:
    """The user's cases (the workflow has started) narrowed by `filters`, most urgent first: open cases by their
    resolution due date, then the rest, newest first. Unknown values narrow to nothing rather than being
    silently ignored."""
    from . import backlog, rules

    on = on or today()
    if filters.review:
        if filters.review not in backlog.REVIEW_LABELS:
            return visible_cases(user).none()
        qs = backlog.review_cases(user, filters.review)
    else:
        qs = visible_cases(user).exclude(state="")
    if filters.q:
        folded = fold(filters.q)
        qs = qs.filter(Q(code__iexact=filters.q.strip()) | Q(title_folded__contains=folded))
    if filters.type:
        qs = qs.filter(type=filters.type)
    if filters.state:
        qs = qs.filter(state=filters.state)
    if filters.unit:
        unit = visible_units(user).filter(code=filters.unit).first()
        qs = qs.filter(unit__in=subtree(unit).values("pk")) if unit else qs.none()
    if filters.assignee == "me":
        qs = qs.filter(assignee=user)
    elif filters.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif filters.assignee:
        qs = qs.filter(assignee__username=filters.assignee)
    open_q = ~Q(state__in=[*rules.TERMINAL, "suspended"])
    if filters.flag:
        qs = qs.filter(open_q & backlog.flag_q(filters.flag, on=on))
    if filters.due == "overdue":
        qs = qs.filter(open_q, due_on__lt=on)
    elif filters.due == "due_soon":
        qs = qs.filter(open_q, due_on__gte=on, due_on__lte=on + dt.timedelta(days=backlog.DUE_SOON_DAYS))
    elif filters.due == "on_time":
        qs = qs.filter(open_q, due_on__gte=on)
    elif filters.due:
        qs = qs.none()
    is_done = DbCase(When(open_q, then=Value(0)), default=Value(1), output_field=IntegerField())
    return qs.order_by(is_done, F("due_on").asc(nulls_last=True), "-opened_on", "-pk")
