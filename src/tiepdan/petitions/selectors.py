"""Reads of petitions, always scoped to the user's units (out of scope answers 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import fold
from tiepdan.orgs.selectors import scope_filter, today
from tiepdan.people import rules as people_rules

from .models import Petition, Petitioner, PetitionEvent, PetitionStatus, PetitionType, SubjectField

OPEN_STATUSES = (PetitionStatus.REGISTERED, PetitionStatus.CLASSIFIED)


def visible_petitions(user: User) -> QuerySet[Petition]:
    """Petitions received by a unit the user may see (own units, supervised subtree, succeeded units)."""
    return scope_filter(Petition.objects.all(), user, unit_field="unit")


def with_list_relations(qs: QuerySet[Petition]) -> QuerySet[Petition]:
    """A constant number of queries for any page size: joins plus one prefetch of the petitioners."""
    return qs.select_related("unit", "assignee", "subject_field", "case").prefetch_related(
        Prefetch("petitioners", queryset=Petitioner.objects.select_related("person").order_by("position", "pk"))
    )


@dataclass(frozen=True)
class QueueFilters:
    status: str = ""  # a PetitionStatus value, or "open" for registered + classified
    type: str = ""
    field: str = ""  # a subject field code: the entry and everything under it
    unit: str = ""  # a unit code: petitions received by it
    assignee: str = ""  # a username, or "me", or "none"
    due_before: dt.date | None = None
    overdue: bool | None = None
    channel: str = ""
    q: str = ""


def filter_petitions(qs: QuerySet[Petition], f: QueueFilters, *, user: User) -> QuerySet[Petition]:
    if f.status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif f.status:
        qs = qs.filter(status=f.status)
    if f.type:
        qs = qs.filter(type=f.type)
    if f.channel:
        qs = qs.filter(channel=f.channel)
    if f.field:
        qs = qs.filter(Q(subject_field__code=f.field) | Q(subject_field__code__startswith=f"{f.field}."))
    if f.unit:
        qs = qs.filter(unit__code=f.unit)
    if f.assignee == "me":
        qs = qs.filter(assignee=user)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif f.assignee:
        qs = qs.filter(assignee__username=f.assignee)
    if f.due_before is not None:
        qs = qs.filter(due_on__lte=f.due_before, status__in=OPEN_STATUSES)
    if f.overdue is True:
        qs = qs.filter(due_on__lt=today(), status__in=OPEN_STATUSES)
    elif f.overdue is False:
        qs = qs.exclude(due_on__lt=today(), status__in=OPEN_STATUSES)
    if f.q:
        qs = search(qs, f.q)
    return qs


def search(qs: QuerySet[Petition], q: str) -> QuerySet[Petition]:
    """Accent-insensitive search: every word must appear in the petition's folded search text
    (`services.search_parts`: code, old register reference, summary, respondent, referring body and document
    number, and, not for denunciations, the petitioners' names and ID numbers). A denouncer's name or ID never
    matches."""
    text = fold(q)
    if not text:
        return qs
    number = people_rules.normalize_id_number(q)
    if number.isdigit() and len(number) >= 9:
        return qs.filter(search_folded__contains=number.lower())
    condition = Q()
    for word in text.split(" "):
        condition &= Q(search_folded__contains=word)
    return qs.filter(condition)


def petition_queue(user: User, filters: QueueFilters) -> QuerySet[Petition]:
    """The handler's queue: most urgent first (open petitions by due date, then the newest)."""
    qs = filter_petitions(visible_petitions(user), filters, user=user)
    if filters.status in ("open", PetitionStatus.REGISTERED, PetitionStatus.CLASSIFIED):
        # Only open ones: the (unit, status, due_on) index serves this order directly.
        return with_list_relations(qs).order_by("due_on", "-received_on", "-pk")
    # Mixed statuses: open petitions first by due date, then the processed ones, newest first.
    is_closed = Case(When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField())
    return with_list_relations(qs).order_by(is_closed, "due_on", "-received_on", "-pk")


def get_petition(user: User, pk: int) -> Petition:
    petition = (
        visible_petitions(user)
        .select_related(
            "unit",
            "assignee",
            "subject_field",
            "case",
            "competent_unit",
            "respondent_unit",
            "split_from",
            "duplicate_of",
            "outcome_document",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if petition is None:
        raise NotFoundError("Không tìm thấy đơn này trong phạm vi của bạn.")
    return petition


def get_petition_by_code(user: User, code: str) -> Petition:
    petition = visible_petitions(user).filter(code=code).first()
    if petition is None:
        raise NotFoundError("Không tìm thấy đơn này trong phạm vi của bạn.")
    return get_petition(user, petition.pk)


@dataclass(frozen=True)
class PetitionerView:
    """What a page or the API shows of one petitioner: a denouncer is always redacted in lists."""

    position: int
    display_name: str
    id_number: str
    address: str
    phone: str
    is_representative: bool
    person_id: int | None
    identity_id: int | None
    redacted: bool


def petitioner_views(petition: Petition) -> list[PetitionerView]:
    """The petitioners as shown to anyone. A protected identity is never decrypted here: the allowed
    officials reveal it explicitly (an audited read) through the vault services."""
    views = []
    for p in petition.petitioners.all():
        if p.identity_id is not None:
            views.append(
                PetitionerView(
                    position=p.position, display_name=people_rules.REDACTED_NAME, id_number="", address="",
                    phone="", is_representative=p.is_representative, person_id=None, identity_id=p.identity_id,
                    redacted=True,
                )
            )  # fmt: skip
        else:
            person = p.person
            assert person is not None
            views.append(
                PetitionerView(
                    position=p.position, display_name=person.full_name, id_number=person.id_number,
                    address=person.address, phone=person.phone, is_representative=p.is_representative,
                    person_id=person.pk, identity_id=None, redacted=False,
                )
            )  # fmt: skip
    return views


def petitioner_label(petition: Petition) -> str:
    """One line for lists and exports: the representative (or first) signer and how many more."""
    views = petitioner_views(petition)
    if not views:
        return "Nặc danh"
    main = next((v for v in views if v.is_representative), views[0])
    more = f" (+{len(views) - 1})" if len(views) > 1 else ""
    return main.display_name + more


def timeline(petition: Petition) -> QuerySet[PetitionEvent]:
    return petition.events.select_related("actor", "document").order_by("at", "pk")


def subject_fields_for(petition_type: str, *, on: dt.date | None = None) -> QuerySet[SubjectField]:
    return SubjectField.objects.valid_on(on or today()).filter(applies_to=petition_type).order_by("sort_order")


def leaf_subject_fields(petition_type: str, *, on: dt.date | None = None) -> list[SubjectField]:
    fields = list(subject_fields_for(petition_type, on=on))
    parents = {f.parent_id for f in fields}
    return [f for f in fields if f.pk not in parents]


def due_state(petition: Petition, *, on: dt.date | None = None, calendar: Any = None) -> Any:
    """The lawcal state of the open processing limit (on time / due soon / due today / overdue), or None when
    the petition is closed. Derived at read time, never stored. A list passes the `calendar` it loaded once
    (`lawcal.workcal.get_calendar()` costs a query), so a page costs the same whatever its size."""
    from django.conf import settings

    from tiepdan.lawcal import rules as lawcal_rules
    from tiepdan.lawcal import workcal

    if not petition.is_open or petition.due_on is None:
        return None
    return lawcal_rules.state_on(
        calendar or workcal.get_calendar(),
        petition.due_on,
        on or today(),
        due_soon_days=settings.DUE_SOON_WORKING_DAYS,
    )


def related_documents(petition: Petition) -> QuerySet[Any]:
    from django.contrib.contenttypes.models import ContentType

    from tiepdan.documents.models import GeneratedDocument

    ct = ContentType.objects.get_for_model(Petition)
    return GeneratedDocument.objects.filter(content_type=ct, object_id=str(petition.pk)).order_by("issued_on", "pk")


__all__ = ["OPEN_STATUSES", "PetitionType", "QueueFilters", "petition_queue", "visible_petitions"]
