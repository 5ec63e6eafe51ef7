"""Reads of the people registry and the vault, always scoped to the user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Window
from django.db.models.functions import Lower

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.core.text import fold
from tiepdan.orgs.models import Role
from tiepdan.orgs.selectors import active_memberships, scope_filter, today

from . import rules
from .models import IdentityGrant, Person, ProtectedIdentity


def visible_people(user: User) -> QuerySet[Person]:
    """People registered by a unit the user may see; merged duplicates are hidden."""
    qs = Person.objects.filter(merged_into__isnull=True).select_related("owner_unit", "province", "commune")
    return scope_filter(qs, user, unit_field="owner_unit")


def search_people(user: User, q: str | None) -> QuerySet[Person]:
    """Accent-insensitive search by name, or an exact match on the normalised ID number."""
    qs = visible_people(user)
    text = (q or "").strip()
    if not text:
        return qs
    number = rules.normalize_id_number(text)
    if number and any(ch.isdigit() for ch in number) and len(number) >= 8 and number.isalnum():
        return qs.filter(id_number=number)
    folded = fold(text)
    # Each word must appear; on PostgreSQL the trigram GIN index serves these LIKE '%…%' queries.
    condition = Q()
    for word in folded.split(" "):
        condition &= Q(name_folded__contains=word)
    # Same order as the model's (the name is already folded to lower case), written as an expression so that
    # PostgreSQL does not walk the whole name btree for a common name across a province (1.4 s at 1M people)
    # but finds the matches with the trigram index and sorts them (bench/README.md: ~40 ms).
    return qs.filter(condition).order_by(Lower("name_folded"), "pk")


def search_page(user: User, q: str | None, number: Any, *, per_page: int = 25) -> Page:
    """One page of `search_people` in one query: the rows and, alongside each, the total (COUNT(*) OVER ()).
    A paginator's separate count would repeat the trigram search, which is most of the time for a common name
    (bench/README.md). A page number past the end shows the last page, as `Paginator.get_page` does."""
    try:
        number = max(int(number), 1)
    except (TypeError, ValueError):
        number = 1
    qs = search_people(user, q)
    counted = qs.annotate(found=Window(Count("pk")))
    start = (number - 1) * per_page
    rows = list(counted[start : start + per_page])
    if rows:
        total = rows[0].found
    else:
        total = qs.count() if number > 1 else 0
    paginator = Paginator(qs, per_page)
    paginator.count = total  # known: no second count query
    if not rows and number > paginator.num_pages:
        number = paginator.num_pages
        start = (number - 1) * per_page
        rows = list(counted[start : start + per_page])
    return Page(rows, number, paginator)


def get_person(user: User, pk: int, *, include_merged: bool = False) -> Person:
    qs = scope_filter(
        Person.objects.select_related("owner_unit", "province", "commune", "merged_into"),
        user,
        unit_field="owner_unit",
    )
    if not include_merged:
        qs = qs.filter(merged_into__isnull=True)
    person = qs.filter(pk=pk).first()
    if person is None:
        raise NotFoundError("Không tìm thấy công dân này trong phạm vi của bạn.")
    return person


# --- Identity vault -----------------------------------------------------------------------------------


def _roles_at(user: User, unit_id: int, on: dt.date) -> set[str]:
    # Only memberships at the identity's own unit count: a head of a higher unit is not "the competent
    # unit's head" for this denunciation (Law 25/2018/QH14 Art. 47(1)(b)).
    return {m.role for m in active_memberships(user, on=on) if m.unit_id == unit_id}


def has_valid_grant(user: User, identity: ProtectedIdentity, *, on: dt.date | None = None) -> bool:
    return IdentityGrant.objects.valid_on(on or today()).filter(identity=identity, user=user).exists()


def can_see_identity(user: Any, identity: ProtectedIdentity) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    on = today()
    return rules.identity_access_allowed(
        _roles_at(user, identity.unit_id, on), has_valid_grant=has_valid_grant(user, identity, on=on)
    )


def is_vault_officer_anywhere(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return active_memberships(user).filter(role=Role.VAULT_OFFICER).exists()


def vault_units(user: User) -> list[int]:
    return [m.unit_id for m in active_memberships(user) if m.role == Role.VAULT_OFFICER]


def vault_identities(user: User) -> QuerySet[ProtectedIdentity]:
    """For the vault page: identities of the units where the user is the vault officer (ciphertext only)."""
    return ProtectedIdentity.objects.filter(unit_id__in=vault_units(user)).select_related("unit")


@dataclass(frozen=True)
class RedactedIdentity:
    """What everyone without access gets: no value of the identity, only that one exists."""

    pk: int
    unit_code: str
    display_name: str = rules.REDACTED_NAME
    redacted: bool = True


def identity_view(user: Any, identity: ProtectedIdentity) -> RedactedIdentity | None:
    """The redacted view for users who may not see the identity, None for those who may (use reveal)."""
    if can_see_identity(user, identity):
        return None
    return RedactedIdentity(pk=identity.pk, unit_code=identity.unit.code)
