"""Reads of generated documents, scoped to the user (out of scope → NotFoundError → 404)."""

from __future__ import annotations

from django.db.models import QuerySet

from tiepdan.core.errors import NotFoundError
from tiepdan.core.models import User
from tiepdan.orgs.models import Role
from tiepdan.orgs.selectors import scope_filter, user_roles_in, user_scope

from .models import GeneratedDocument

# Roles that may open a document carrying a denouncer's identity (Điều 47 Luật Tố cáo 2018). The
# petitions app adds the handler assigned to the case.
IDENTITY_ROLES = frozenset({Role.UNIT_HEAD, Role.VAULT_OFFICER})


def documents_for(user: User) -> QuerySet[GeneratedDocument]:
    return scope_filter(GeneratedDocument.objects.select_related("unit"), user, unit_field="unit").order_by(
        "-issued_on", "-id"
    )


def may_open(user: User, document: GeneratedDocument) -> bool:
    if not user_scope(user).allows(document.unit):
        return False
    if document.contains_denouncer_identity:
        return bool(user_roles_in(user, document.unit) & IDENTITY_ROLES)
    return True


def access_document(user: User, pk: int) -> GeneratedDocument:
    document = GeneratedDocument.objects.select_related("unit").filter(pk=pk).first()
    if document is None or not may_open(user, document):
        raise NotFoundError("Không tìm thấy văn bản.")
    return document
