"""Admin: read-only views of the reception tables; every change goes through the services (audit, deadlines,
documents). Only fields without personal data are shown; the register with names is on the scoped pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import RegularSchedule, Session, Visit


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RegularSchedule)
class RegularScheduleAdmin(ReadOnlyAdmin):
    list_display = ["unit", "start_time", "end_time", "venue", "valid_from", "valid_to"]


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "on", "host_name", "status"]
    list_filter = ["kind", "status"]


_VISIT_FIELDS = ("unit", "year", "number", "received_on", "type", "outcome", "persons_count", "is_delegation",
                 "is_repeat", "petition", "case", "result_due_on")  # fmt: skip


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ["unit", "year", "number", "received_on", "type", "outcome", "persons_count", "is_delegation"]
    list_filter = ["type", "outcome", "is_delegation"]
    fields = _VISIT_FIELDS
    readonly_fields = _VISIT_FIELDS
