from __future__ import annotations

from typing import Any

from django.contrib import admin

from . import workcal
from .models import CalendarOverride, DeadlineRule


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name", "decision"]
    list_filter = ["kind"]
    date_hierarchy = "day"

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        workcal.invalidate()

    def delete_model(self, request: Any, obj: Any) -> None:
        super().delete_model(request, obj)
        workcal.invalidate()


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "unit", "length", "law", "article", "effective_from", "effective_to"]
    list_filter = ["unit", "code"]
    search_fields = ["code", "title", "law"]
