"""Reads of generated documents, scoped to the user (out of scope → NotFoundError → 404)."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.orgs.models import Role
from tiepdan.orgs.selectors import active_memberships, scope_filter, user_scope

from .models import GeneratedDocument

# Roles that may open a document carrying a denouncer's identity (Điều 47 Luật Tố cáo 2018). The
# petitions app adds the handler assigned to the case.
IDENTITY_ROLES = frozenset({Role.UNIT_HEAD, Role.VAULT_OFFICER})

# Apps that own the related object add who else may open it: (user, document) -> bool. The petitions app
# adds the handler assigned to the petition who holds a valid grant on its denouncer's identity.
IDENTITY_READERS: list[Callable[[User, GeneratedDocument], bool]] = []


def documents_for(user: User) -> QuerySet[GeneratedDocument]:
    return scope_filter(GeneratedDocument.objects.select_related("unit"), user, unit_field="unit").order_by(
        "-issued_on", "-id"
    )


def may_open(user: User, document: GeneratedDocument) -> bool:
    if not user_scope(user).allows(document.unit):
        return False
    if document.contains_denouncer_identity:
        # Roles at the document's own unit only: a head of a higher unit is not among those the law lets
        # see a denouncer's identity (same rule as the vault, people.selectors.can_see_identity).
        own_roles = {m.role for m in active_memberships(user) if m.unit_id == document.unit_id}
        return bool(own_roles & IDENTITY_ROLES) or any(reader(user, document) for reader in IDENTITY_READERS)
    return True


def access_document(user: User, pk: int) -> GeneratedDocument:
    document = GeneratedDocument.objects.select_related("unit").filter(pk=pk).first()
    if document is None or not may_open(user, document):
        raise NotFoundError("Không tìm thấy văn bản.")
    return document
