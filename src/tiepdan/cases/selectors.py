"""Reads of cases, scoped to the user's units (out of scope answers 404)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.orgs.selectors import scope_filter

from .models import Case


def visible_cases(user: User) -> QuerySet[Case]:
    return scope_filter(Case.objects.select_related("unit", "subject_field", "assignee"), user, unit_field="unit")


def get_case(user: User, pk: int) -> Case:
    case = visible_cases(user).filter(pk=pk).first()
    if case is None:
        raise NotFoundError("Không tìm thấy vụ việc này trong phạm vi của bạn.")
    return case


def case_deadlines(case: Case) -> QuerySet[TrackedDeadline]:
    ct = ContentType.objects.get_for_model(Case)
    return (
        TrackedDeadline.objects.filter(content_type=ct, object_id=str(case.pk))
        .select_related("rule")
        .order_by("created_at", "pk")
    )
