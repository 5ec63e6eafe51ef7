from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Case


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["code", "unit", "type", "opened_on"]
    list_filter = ["type"]
    search_fields = ["code", "title_folded"]
    readonly_fields = ["code", "unit", "type", "title", "subject_field", "opened_on", "created_by", "created_at"]
    exclude = ["title_folded"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False
