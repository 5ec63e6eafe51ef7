"""Admin: the subject-field code list is configuration (versioned by dates); petitions are read-only here
because every change must go through the services (audit, deadlines, documents)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Petition, SubjectField


@admin.register(SubjectField)
class SubjectFieldAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "applies_to", "parent", "list_version", "valid_from", "valid_to"]
    list_filter = ["applies_to", "list_version"]
    search_fields = ["code", "name"]
    ordering = ["applies_to", "sort_order", "code"]

    def has_delete_permission(self, request: HttpRequest, obj: SubjectField | None = None) -> bool:
        # Petitions keep the entry they were classified under: close an entry (valid_to), never delete it.
        return False


_SHOWN = (
    "code", "unit", "type", "channel", "status", "received_on", "due_rule", "due_on", "outcome", "outcome_on",
    "case", "created_at",
)  # fmt: skip


@admin.register(Petition)
class PetitionAdmin(admin.ModelAdmin):
    list_display = ["code", "unit", "type", "channel", "status", "received_on", "due_on", "outcome"]
    list_filter = ["type", "status", "channel", "outcome"]
    search_fields = ["code"]
    # Only what carries no personal data: summaries and petitioners are on the petition page, scoped.
    fields = _SHOWN
    readonly_fields = _SHOWN

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Petition | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Petition | None = None) -> bool:
        return False
