from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from tiepdan.orgs.selectors import scope_filter

from .models import Reminder


def open_reminders(user: Any) -> QuerySet[Reminder]:
    """The user's open reminders: assigned to them, or unassigned in a unit they may see."""
    qs = Reminder.objects.filter(dismissed_at__isnull=True, deadline__closed_on__isnull=True)
    qs = scope_filter(qs, user, unit_field="deadline__unit")
    return (
        qs.filter(Q(deadline__assignee=user) | Q(deadline__assignee__isnull=True))
        .select_related("deadline__rule", "deadline__unit")
        .order_by("due_on", "pk")
    )
