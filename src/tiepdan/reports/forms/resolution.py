"""The parts 03/GQKN (complaints) and 04/GQTC (denunciations) share: which cases are "within competence" in a
period, when a case ended, whether its decision was on time, and the enforcement of decisions.

A case is within the unit's competence once it was accepted (thụ lý: `accepted_on` is set). It is in the
period's workload when it was accepted on or before the last day and not resolved before the first day.
Resolved = its decision or conclusion (`CaseDecision.issued_on`) dated in the period, or its termination after
withdrawal (the `withdraw`/`terminate` step) dated in the period. On time = the decision was issued on or
before the due date of the resolution time limit (`*.resolve` in lawcal, extensions and suspensions counted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from tiepdan.cases.models import Case, CaseEvent
from tiepdan.lawcal.models import TrackedDeadline
from tiepdan.petitions.models import Petition
from tiepdan.reports.periods import Period

from .base import Base, Column, Measure


@dataclass(frozen=True)
class Flavour:
    case_type: str  # "complaint" or "denunciation"
    end_actions: tuple[str, ...]  # the steps that end the resolution without a decision (withdrawal)
    enforce_action: str  # the step from which the decision/conclusion must be carried out
    done_action: str = "close"


def _event_on(ref: str, actions: tuple[str, ...]) -> Subquery:
    """The first day of one of these steps (a correlated subquery: kept for reference and for the docs)."""
    return Subquery(CaseEvent.objects.filter(case_id=OuterRef(ref), action__in=actions).order_by("on").values("on")[:1])


def _event_join(pre: str, actions: tuple[str, ...]) -> FilteredRelation:
    """The case's event of one of these steps as a LEFT JOIN: a plain column for the filters, where a subquery
    would be evaluated again in every conditional aggregate that uses it. Each of these steps happens at most
    once in a case's life (cases.rules: withdraw/terminate, become_effective/handle_conclusion and close end or
    change the state for good), so the join never multiplies a case."""
    return FilteredRelation(f"{pre}events", condition=Q(**{f"{pre}events__action__in": actions}))


def _resolve_deadlines(ref: str) -> Any:
    ct_id = ContentType.objects.get_for_model(Case).pk
    return TrackedDeadline.objects.filter(
        content_type_id=ct_id, object_id=Cast(OuterRef(ref), output_field=CharField()), rule_code__endswith=".resolve"
    )


def case_annotations(flavour: Flavour, ref: str, pre: str) -> Callable[[Period], dict[str, Any]]:
    """Derived values of a case (`ref` is the case id seen from the queryset, `pre` the path to the case)."""

    def build(p: Period) -> dict[str, Any]:
        deadlines = _resolve_deadlines(ref)
        return {
            "_ev_end": _event_join(pre, flavour.end_actions),
            "_ev_effective": _event_join(pre, (flavour.enforce_action,)),
            "_ev_done": _event_join(pre, (flavour.done_action,)),
            "_ended_on": F("_ev_end__on"),
            "_effective_on": F("_ev_effective__on"),
            "_done_on": F("_ev_done__on"),
            "_late": Exists(deadlines.filter(due_on__lt=OuterRef(f"{pre}decision__issued_on"))),
            "_late_at_end": Exists(deadlines.filter(due_on__lt=p.date_to)),
        }

    return build


def P(pre: str, **kwargs: Any) -> Q:
    return Q(**{f"{pre}{key}": value for key, value in kwargs.items()})


def handled(p: Period, pre: str = "") -> Q:
    """Accepted by the last day and not resolved (decision or withdrawal) before the first day."""
    return (
        P(pre, accepted_on__isnull=False, accepted_on__lte=p.date_to)
        & (P(pre, decision__isnull=True) | P(pre, decision__issued_on__gte=p.date_from))
        & (Q(_ended_on__isnull=True) | Q(_ended_on__gte=p.date_from))
    )


def decided(p: Period, pre: str = "") -> Q:
    return P(pre, decision__issued_on__gte=p.date_from, decision__issued_on__lte=p.date_to)


def withdrawn(p: Period, pre: str = "") -> Q:
    return handled(p, pre) & (
        (decided(p, pre) & P(pre, decision__result="withdrawn"))
        | Q(_ended_on__gte=p.date_from, _ended_on__lte=p.date_to)
    )


def by_decision(p: Period, pre: str = "") -> Q:
    return handled(p, pre) & decided(p, pre) & ~P(pre, decision__result="withdrawn")


def resolved(p: Period, pre: str = "") -> Q:
    return withdrawn(p, pre) | by_decision(p, pre)


def unresolved(p: Period, pre: str = "") -> Q:
    """Handled and still without a decision or termination at the end of the last day (written positively:
    a negated join on a missing decision would be unknown, not true, in SQL)."""
    return (
        handled(p, pre)
        & (P(pre, decision__isnull=True) | P(pre, decision__issued_on__gt=p.date_to))
        & (Q(_ended_on__isnull=True) | Q(_ended_on__gt=p.date_to))
    )


def enforcing(p: Period) -> Q:
    return Q(_effective_on__isnull=False, _effective_on__lte=p.date_to) & (
        Q(_done_on__isnull=True) | Q(_done_on__gte=p.date_from)
    )


def bases(flavour: Flavour) -> dict[str, Base]:
    return {
        "case": Base(
            queryset=lambda: Case.objects.filter(type=flavour.case_type),
            unit_field="unit_id",
            population=lambda p: handled(p) | enforcing(p),
            annotate=case_annotations(flavour, "pk", ""),
        ),
        "petition": Base(
            queryset=lambda: Petition.objects.filter(case__type=flavour.case_type),
            unit_field="case__unit_id",
            population=lambda p: handled(p, "case__"),
            annotate=case_annotations(flavour, "case_id", "case__"),
        ),
    }


def col(key: str, label: str, group: tuple[str, ...], where: Callable[[Period], Q], rule: str, rule_en: str, *,
        model: str = "case", agg: str = "count", kind: str = "count") -> Column:  # fmt: skip
    return Column(key=key, label=label, number=0, group=group, kind=kind, rule=rule, rule_en=rule_en,
                  measure=Measure(model, where, agg))  # fmt: skip


def numbered(columns: list[Column]) -> list[Column]:
    from dataclasses import replace

    return [replace(c, number=i) for i, c in enumerate(columns, start=1)]


def money(key: str, label: str, group: tuple[str, ...], field: str, rule: str, rule_en: str, kind: str) -> Column:
    return col(key, label, group, by_decision, rule, rule_en, agg=f"sum:decision__{field}", kind=kind)
