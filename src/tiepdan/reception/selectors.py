"""Reads of citizen reception. Everything a page or the API shows is scoped to the user's units
(`orgs.selectors.scope_filter`); the public schedule shows only what is published to everyone (schedules).

`tcd01_counts` and `periodic_reception_compliance` are the figures for the statutory report 01/TCD and the
leaders' scorecard. They take unit ids that the caller (the reports app) has already scoped and count each
unit's own rows (no roll-up: the report rolls the tree up itself).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from tiepdan.cases.models import Case
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit, Role
from tiepdan.orgs.selectors import active_memberships, scope_filter, today
from tiepdan.people import rules as people_rules

from . import rules
from .models import Refusal, RegularSchedule, Session, SessionKind, SessionStatus, Visit

# --- Scoped reads -------------------------------------------------------------------------------------------


def visible_visits(user: User) -> QuerySet[Visit]:
    return scope_filter(Visit.objects.select_related("unit", "session", "petition", "target_unit"), user)


def visible_sessions(user: User) -> QuerySet[Session]:
    return scope_filter(Session.objects.select_related("unit", "conclusion_document"), user)


def visible_schedules(user: User) -> QuerySet[RegularSchedule]:
    return scope_filter(RegularSchedule.objects.select_related("unit"), user)


def visible_refusals(user: User) -> QuerySet[Refusal]:
    return scope_filter(Refusal.objects.select_related("unit", "person", "notice_document"), user)


def register(
    user: User, *, date_from: dt.date | None = None, date_to: dt.date | None = None, unit: OrgUnit | None = None
) -> QuerySet[Visit]:
    """The reception register for a date range, oldest first (the order of the paper book)."""
    qs = visible_visits(user).prefetch_related("people__person")
    if date_from is not None:
        qs = qs.filter(received_on__gte=date_from)
    if date_to is not None:
        qs = qs.filter(received_on__lte=date_to)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return qs.order_by("received_on", "unit__path", "number")


def get_visit(user: User, pk: int) -> Visit:
    from tiepdan.core.errors import NotFoundError

    visit = visible_visits(user).prefetch_related("people__person").filter(pk=pk).first()
    if visit is None:
        raise NotFoundError("Không tìm thấy lượt tiếp này trong phạm vi của bạn.")
    return visit


def get_session(user: User, pk: int) -> Session:
    from tiepdan.core.errors import NotFoundError

    session = visible_sessions(user).filter(pk=pk).first()
    if session is None:
        raise NotFoundError("Không tìm thấy buổi tiếp này trong phạm vi của bạn.")
    return session


def get_refusal(user: User, pk: int) -> Refusal:
    from tiepdan.core.errors import NotFoundError

    refusal = visible_refusals(user).filter(pk=pk).first()
    if refusal is None:
        raise NotFoundError("Không tìm thấy lượt từ chối này trong phạm vi của bạn.")
    return refusal


@dataclass(frozen=True)
class PersonLine:
    name: str
    address: str
    id_number: str
    is_representative: bool
    redacted: bool


def people_lines(visit: Visit) -> list[PersonLine]:
    """The people of a visit as every list and export shows them: a denouncer is always redacted."""
    lines = []
    for vp in visit.people.all():
        if vp.identity_id is not None or vp.person is None:
            lines.append(PersonLine(people_rules.REDACTED_NAME, "", "", vp.is_representative, True))
        else:
            p = vp.person
            lines.append(PersonLine(p.full_name, p.address, p.id_number, vp.is_representative, False))
    return lines


def name_and_address(visit: Visit) -> str:
    lines = people_lines(visit)
    if not lines:
        return ""
    main = next((line for line in lines if line.is_representative), lines[0])
    text = main.name + (f", {main.address}" if main.address else "")
    if len(lines) > 1:
        text += f" (và {len(lines) - 1} người khác)"
    return text


def id_numbers(visit: Visit) -> str:
    return "; ".join(line.id_number for line in people_lines(visit) if line.id_number)


def candidate_cases(user: User, *, person_ids: list[int]) -> QuerySet[Case]:
    """Cases the citizen(s) already brought: letters they signed, or earlier visits linked to a case."""
    from tiepdan.cases.selectors import visible_cases

    if not person_ids:
        return visible_cases(user).none()
    return (
        visible_cases(user)
        .filter(
            Q(petitions__petitioners__person_id__in=person_ids)
            | Q(pk__in=Visit.objects.filter(people__person_id__in=person_ids, case__isnull=False).values("case_id"))
        )
        .distinct()
        .order_by("-opened_on")
    )


# --- Schedules: public page and warnings ------------------------------------------------------------------


@dataclass(frozen=True)
class PublicSchedule:
    unit: OrgUnit
    regular: list[RegularSchedule]
    sessions: list[Session]


def public_schedule(*, on: dt.date | None = None, unit_code: str = "", days_ahead: int = 62) -> list[PublicSchedule]:
    """What is published without login: the regular schedules in force and the heads', unscheduled and online
    sessions from `on` for about two months, per unit. Names of officers only, never of citizens."""
    day = on or today()
    regular = RegularSchedule.objects.filter(
        Q(valid_from__lte=day + dt.timedelta(days=days_ahead)), Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    ).select_related("unit")
    sessions = Session.objects.filter(
        on__gte=day, on__lte=day + dt.timedelta(days=days_ahead), status=SessionStatus.PLANNED
    ).select_related("unit")
    if unit_code:
        regular = regular.filter(unit__code=unit_code)
        sessions = sessions.filter(unit__code=unit_code)
    by_unit: dict[int, PublicSchedule] = {}
    for schedule in regular.order_by("unit__path", "valid_from"):
        by_unit.setdefault(schedule.unit_id, PublicSchedule(schedule.unit, [], [])).regular.append(schedule)
    for session in sessions.order_by("unit__path", "on", "start_time"):
        by_unit.setdefault(session.unit_id, PublicSchedule(session.unit, [], [])).sessions.append(session)
    return sorted(by_unit.values(), key=lambda s: s.unit.path)


def scheduled_periodic_days(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> list[dt.date]:
    """Days with a head's periodic session planned or held (a cancelled one does not count)."""
    return list(
        Session.objects.filter(unit=unit, kind=SessionKind.PERIODIC, on__gte=date_from, on__lte=date_to)
        .exclude(status=SessionStatus.CANCELLED)
        .values_list("on", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class UnitWarning:
    unit: OrgUnit
    warning: rules.ComplianceWarning


def periodic_warnings(user: User, *, on: dt.date | None = None) -> list[UnitWarning]:
    """For the head and the reception staff: their units whose current week/month lacks periodic days."""
    day = on or today()
    units = {
        m.unit_id: m.unit
        for m in active_memberships(user, on=day)
        if m.role in (Role.UNIT_HEAD, Role.RECEPTION_OFFICER)
    }
    found = []
    for unit in sorted(units.values(), key=lambda u: u.path):
        minimum = rules.head_minimum(unit.kind, day)
        if minimum is None:
            continue
        start, end = rules.period_of(day, minimum.per)
        warning = rules.compliance_warning(unit.kind, day, scheduled_periodic_days(unit, start, end))
        if warning is not None:
            found.append(UnitWarning(unit, warning))
    return found


# --- Figures for the statutory report 01/TCD and the scorecard -------------------------------------------

TCD01_KEYS = (
    "visits", "persons", "cases_first", "cases_repeat", "delegations", "delegation_persons", "delegation_cases",
)  # fmt: skip
HEAD_KINDS = (SessionKind.PERIODIC, SessionKind.UNSCHEDULED)


def _empty() -> dict[str, int]:
    counts = dict.fromkeys(TCD01_KEYS, 0)
    for prefix in ("regular_", "head_"):
        counts.update({prefix + key: 0 for key in TCD01_KEYS})
    return counts


def tcd01_counts(*, unit_ids: list[int], date_from: dt.date, date_to: dt.date) -> dict[int, dict[str, int]]:
    """Reception figures of form 01/TCD per unit for visits received in [date_from, date_to] (both included).

    Not scoped to a user: the caller passes units it has already checked. Each unit counts its own visits only.
    Keys (each also prefixed `regular_` and `head_`):
      - `visits`: lines of the register (a mass delegation is ONE visit);
      - `persons`: sum of "number of people with the same content" (a delegation brings all its persons);
      - `cases_first`: visits that are not repeats (each first visit is one new matter);
      - `cases_repeat`: matters received again: distinct cases among repeat visits, plus repeat visits without
        a case (each its own matter);
      - `delegations`, `delegation_persons`, `delegation_cases`: the same restricted to mass delegations
        (`delegation_cases` = distinct cases among them, a delegation without a case being its own matter).
    `regular_` = the reception staff's regular reception (no session, or an online session); `head_` = a head's
    periodic or unscheduled session. The plain keys are the totals (regular + head).
    Units without visits are present with zeros.
    """
    # One grouped query of conditional aggregates (the register can hold hundreds of thousands of visits a
    # year for a province); the distinct cases are counted per unit, as the rule says.
    head = Q(session__kind__in=HEAD_KINDS)
    aggregates: dict[str, Any] = {}
    for prefix, scope in (("", Q()), ("regular_", ~head), ("head_", head)):
        repeat, delegation = scope & Q(is_repeat=True), scope & Q(is_delegation=True)
        aggregates.update({
            prefix + "visits": Count("pk", filter=scope),
            prefix + "persons": Sum("persons_count", filter=scope),
            prefix + "cases_first": Count("pk", filter=scope & Q(is_repeat=False)),
            prefix + "repeat_no_case": Count("pk", filter=repeat & Q(case__isnull=True)),
            prefix + "repeat_cases": Count("case", distinct=True, filter=repeat),
            prefix + "delegations": Count("pk", filter=delegation),
            prefix + "delegation_persons": Sum("persons_count", filter=delegation),
            prefix + "delegation_no_case": Count("pk", filter=delegation & Q(case__isnull=True)),
            prefix + "delegation_distinct": Count("case", distinct=True, filter=delegation),
        })  # fmt: skip
    rows = (
        Visit.objects.filter(unit_id__in=unit_ids, received_on__gte=date_from, received_on__lte=date_to)
        .order_by()
        .values("unit_id")
        .annotate(**aggregates)
    )
    result = {unit_id: _empty() for unit_id in unit_ids}
    for row in rows:
        got: dict[str, Any] = dict(row)
        counts = result[got["unit_id"]]
        for prefix in ("", "regular_", "head_"):
            for key in ("visits", "persons", "cases_first", "delegations", "delegation_persons"):
                counts[prefix + key] = got[prefix + key] or 0
            counts[prefix + "cases_repeat"] = got[prefix + "repeat_no_case"] + got[prefix + "repeat_cases"]
            counts[prefix + "delegation_cases"] = (
                got[prefix + "delegation_no_case"] + got[prefix + "delegation_distinct"]
            )
    return result


def periodic_reception_compliance(
    *, unit_ids: list[int], date_from: dt.date, date_to: dt.date
) -> dict[int, tuple[int, int]]:
    """(days held, days required) of the head's periodic reception per unit, for the leaders' scorecard.

    Held: distinct days in [date_from, date_to] with a periodic session of the unit marked held (not merely
    planned). Required: the legal minimum of the unit's kind (`rules.HEAD_MINIMUMS`) summed over the weeks or
    months whose last day falls in the range and in the unit's validity (`rules.required_days`), so consecutive
    report periods never require the same month twice. A unit whose head has no minimum gets (held, 0).
    """
    held: dict[int, set[dt.date]] = defaultdict(set)
    for unit_id, day in Session.objects.filter(
        unit_id__in=unit_ids, kind=SessionKind.PERIODIC, status=SessionStatus.HELD, on__gte=date_from, on__lte=date_to
    ).values_list("unit_id", "on"):
        held[unit_id].add(day)
    result = {}
    for unit in OrgUnit.objects.filter(pk__in=unit_ids).only("pk", "kind", "valid_from", "valid_to"):
        required = rules.required_days(unit.kind, date_from, date_to, unit_valid=(unit.valid_from, unit.valid_to))
        result[unit.pk] = (len(held[unit.pk]), required)
    return result
