"""Writes on tracked deadlines. Later apps (petitions, cases) call these; every write is audited."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from tiepdan.core.audit import record_event
from tiepdan.core.bulk import build
from tiepdan.core.errors import DomainError

from . import rules, workcal
from .models import DeadlineRule, Reminder, ReminderKind, TrackedDeadline


def _compute(deadline: TrackedDeadline) -> rules.Deadline:
    try:
        return rules.compute_deadline(
            workcal.get_calendar(),
            deadline.rule.to_rule(),
            deadline.trigger_on,
            flags=deadline.flags,
            extensions=deadline.extensions,
            suspensions=deadline.suspension_values(),
        )
    except rules.RuleError as exc:
        raise DomainError(str(exc)) from None


def _locked(deadline: TrackedDeadline) -> TrackedDeadline:
    locked = TrackedDeadline.objects.select_for_update().select_related("rule").get(pk=deadline.pk)
    if locked.closed_on is not None:
        raise DomainError("Thời hạn này đã kết thúc, không thể thay đổi.")
    return locked


@transaction.atomic
def track_deadline(
    *,
    actor: Any,
    item: models.Model,
    rule_code: str,
    trigger_on: dt.date,
    unit: Any,
    flags: list[str] | None = None,
    assignee: Any = None,
) -> TrackedDeadline:
    """Start a time limit on a work item with the rule version in force on the trigger date."""
    deadline = build_deadline(
        item=item, rule_code=rule_code, trigger_on=trigger_on, unit=unit, flags=flags, assignee=assignee
    )
    deadline.save()
    record_deadline_tracked(actor=actor, deadline=deadline)
    return deadline


def build_deadline(
    *,
    item: models.Model | None,
    rule_code: str,
    trigger_on: dt.date,
    unit: Any,
    flags: list[str] | None = None,
    assignee: Any = None,
    content_type: ContentType | None = None,
) -> TrackedDeadline:
    """The unsaved deadline of `track_deadline`, its due date computed. An import builds many before their
    items exist: it passes `item=None` with the `content_type`, sets `object_id` after inserting the items,
    then saves them at once and calls `record_deadline_tracked` for each."""
    flags = sorted(set(flags or []))
    if content_type is None:
        assert item is not None
        content_type = ContentType.objects.get_for_model(item)
    # Inside `workcal.pinned()` (an import) the rules and the calendar cannot change: a new limit of the same
    # rule, flags and trigger date has the same rule version and due date (registers share their dates).
    known = workcal.pinned_cache("new_deadlines")
    key = (rule_code, trigger_on, tuple(flags))
    cached = known.get(key) if known is not None else None
    if cached is None:
        versions = {r.version_id: r for r in workcal.get_rules() if r.code == rule_code}
        try:
            rule = rules.pick_rule(list(versions.values()), rule_code, trigger_on)
        except rules.RuleError as exc:
            raise DomainError(str(exc)) from None
        rule_pk = int(rule.version_id or 0)
    else:
        rule_pk = cached[0]
    deadline = build(  # TrackedDeadline(…), faster (an import builds thousands)
        TrackedDeadline,
        content_type=content_type,
        object_id=str(item.pk) if item is not None else "",
        rule_code=rule_code,
        rule=_rule_row(rule_pk),
        trigger_on=trigger_on,
        flags=flags,
        unit=unit,
        assignee=assignee,
    )
    deadline.due_on = cached[1] if cached is not None else _compute(deadline).due
    if known is not None:
        known[key] = (rule_pk, deadline.due_on)
    return deadline


def _rule_row(pk: int) -> DeadlineRule:
    """The rule row; inside `workcal.pinned()` (an import) read once per version instead of once per item."""
    cache = workcal.pinned_cache("rule_rows")
    if cache is None:
        return DeadlineRule.objects.get(pk=pk)
    if pk not in cache:
        cache[pk] = DeadlineRule.objects.get(pk=pk)
    return cache[pk]


def record_deadline_tracked(*, actor: Any, deadline: TrackedDeadline) -> None:
    record_event(
        actor=actor,
        action="lawcal.track_deadline",
        obj=deadline,
        changes={"due_on": [None, deadline.due_on], "rule": [None, str(deadline.rule)]},
        legal_basis=deadline.rule.source,
    )


@transaction.atomic
def suspend(*, actor: Any, deadline: TrackedDeadline, on: dt.date, reason: str = "") -> TrackedDeadline:
    """Suspension (tạm đình chỉ): the days used are kept; no due date until resumption."""
    d = _locked(deadline)
    if d.suspensions and d.suspensions[-1][1] is None:
        raise DomainError("Thời hạn đang tạm đình chỉ.")
    if on < d.trigger_on:
        raise DomainError("Ngày tạm đình chỉ không được trước ngày bắt đầu tính.")
    before = d.due_on
    d.suspensions = [*d.suspensions, [on.isoformat(), None]]
    d.due_on = _compute(d).due
    d.save(update_fields=["suspensions", "due_on"])
    record_event(actor=actor, action="lawcal.suspend", obj=d, changes={"due_on": [before, d.due_on]}, reason=reason)
    return d


@transaction.atomic
def resume(*, actor: Any, deadline: TrackedDeadline, on: dt.date, reason: str = "") -> TrackedDeadline:
    """Resumption (tiếp tục): counting resumes the day after `on` with the remaining days."""
    d = _locked(deadline)
    if not d.suspensions or d.suspensions[-1][1] is not None:
        raise DomainError("Thời hạn không ở trạng thái tạm đình chỉ.")
    if on < dt.date.fromisoformat(d.suspensions[-1][0]):
        raise DomainError("Ngày tiếp tục không được trước ngày tạm đình chỉ.")
    before = d.due_on
    d.suspensions = [*d.suspensions[:-1], [d.suspensions[-1][0], on.isoformat()]]
    d.due_on = _compute(d).due
    d.save(update_fields=["suspensions", "due_on"])
    record_event(actor=actor, action="lawcal.resume", obj=d, changes={"due_on": [before, d.due_on]}, reason=reason)
    return d


@transaction.atomic
def extend(*, actor: Any, deadline: TrackedDeadline, decision: str, reason: str = "") -> TrackedDeadline:
    """Extension (gia hạn) by a recorded decision; refused beyond the count the rule allows."""
    if not decision.strip():
        raise DomainError("Gia hạn phải có quyết định bằng văn bản (số, ngày).")
    d = _locked(deadline)
    before = d.due_on
    d.extensions += 1
    d.due_on = _compute(d).due  # raises DomainError when the rule allows no more
    d.save(update_fields=["extensions", "due_on"])
    record_event(
        actor=actor,
        action="lawcal.extend",
        obj=d,
        changes={"due_on": [before, d.due_on], "extensions": [d.extensions - 1, d.extensions]},
        reason=f"{decision}. {reason}".strip(),
        legal_basis=d.rule.source,
    )
    return d


@transaction.atomic
def close_deadline(*, actor: Any, deadline: TrackedDeadline, on: dt.date, reason: str = "") -> TrackedDeadline:
    d = _locked(deadline)
    d.closed_on = on
    d.save(update_fields=["closed_on"])
    record_event(actor=actor, action="lawcal.close_deadline", obj=d, changes={"closed_on": [None, on]}, reason=reason)
    return d


def sweep(*, today: dt.date | None = None) -> list[int]:
    """Create the due-soon/overdue reminders not created yet; queue their delivery after commit.

    Idempotent: a reminder is unique per (deadline, kind, due date), so a second run creates nothing.
    """
    from .tasks import deliver_reminder

    today = today or timezone.localdate()
    cal = workcal.get_calendar()
    soon_days = settings.DUE_SOON_WORKING_DAYS
    horizon = cal.add_working_days(today, soon_days) if soon_days else today
    created: list[int] = []
    open_rows = TrackedDeadline.objects.filter(closed_on__isnull=True, due_on__isnull=False, due_on__lte=horizon)
    for pk, due_on in open_rows.values_list("pk", "due_on").iterator():
        if due_on is None:  # suspended: no due date, nothing to remind
            continue
        state = rules.state_on(cal, due_on, today, due_soon_days=soon_days)
        if state.state == rules.OVERDUE:
            kind = ReminderKind.OVERDUE
        elif state.state in (rules.DUE_SOON, rules.DUE_TODAY):
            kind = ReminderKind.DUE_SOON
        else:
            continue
        try:
            with transaction.atomic():
                reminder, new = Reminder.objects.get_or_create(
                    deadline_id=pk, kind=kind, due_on=due_on, defaults={"created_on": today}
                )
        except IntegrityError:  # a concurrent sweep created it
            continue
        if new:
            created.append(reminder.pk)
            transaction.on_commit(partial(deliver_reminder.delay, reminder.pk))
    return created
