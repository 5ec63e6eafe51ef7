"""Admin for the org tree: every write goes through the services, so paths, checks and the audit hold."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from tiepdan.core.audit import record_event
from tiepdan.core.errors import DomainError
from tiepdan.core.text import fold

from . import services
from .models import Membership, OrgUnit, Succession


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_folded"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]

    def get_readonly_fields(self, request: HttpRequest, obj: OrgUnit | None = None) -> list[str]:
        # Structure and validity change only through a reorganisation (history must stay true).
        if obj is not None:
            return ["code", "kind", "parent", "valid_from", "valid_to", "path", "depth"]
        return ["path", "depth"]

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        actor: Any = request.user
        try:
            if change:
                before = OrgUnit.objects.get(pk=obj.pk)
                obj.name_folded = fold(obj.name)
                obj.save(update_fields=["name", "name_folded", "official_code", "legal_basis"])
                record_event(
                    actor=actor,
                    action="orgs.unit.update",
                    obj=obj,
                    changes={
                        f: [getattr(before, f), getattr(obj, f)]
                        for f in ["name", "official_code", "legal_basis"]
                        if getattr(before, f) != getattr(obj, f)
                    },
                )
            else:
                created = services.create_unit(
                    actor=actor,
                    code=obj.code,
                    name=obj.name,
                    kind=obj.kind,
                    parent=obj.parent,
                    valid_from=obj.valid_from,
                    valid_to=obj.valid_to,
                    official_code=obj.official_code,
                    legal_basis=obj.legal_basis,
                )
                obj.pk = created.pk
        except DomainError as exc:
            messages.error(request, exc.message)

    def has_delete_permission(self, request: HttpRequest, obj: OrgUnit | None = None) -> bool:
        # Units are closed by a reorganisation, never deleted: their history must stay.
        return False


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_on"]
    list_filter = ["kind"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # successions are written by the reorganisation service

    def has_change_permission(self, request: HttpRequest, obj: Succession | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Succession | None = None) -> bool:
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["unit", "user"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list[str]:
        return ["user", "unit", "role", "valid_from"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        actor: Any = request.user
        try:
            if change:
                if obj.valid_to is not None:
                    services.end_membership(actor=actor, membership=obj, last_day=obj.valid_to)
            else:
                created = services.add_membership(
                    actor=actor,
                    user=obj.user,
                    unit=obj.unit,
                    role=obj.role,
                    valid_from=obj.valid_from,
                    valid_to=obj.valid_to,
                )
                obj.pk = created.pk
        except DomainError as exc:
            messages.error(request, exc.message)

    def has_delete_permission(self, request: HttpRequest, obj: Membership | None = None) -> bool:
        return False  # end an assignment with its last day instead: who held which role when must stay known
