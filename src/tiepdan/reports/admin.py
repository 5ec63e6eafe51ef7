from __future__ import annotations

from django.contrib import admin

from .models import ReportDueRule


@admin.register(ReportDueRule)
class ReportDueRuleAdmin(admin.ModelAdmin):
    """Due dates are configuration (DOMAIN §5): the authority's administrator keeps them here, with their source."""

    list_display = ["unit_kind", "period_kind", "days_after_cutoff", "legal_source", "valid_from", "valid_to"]
    list_filter = ["unit_kind", "period_kind"]
