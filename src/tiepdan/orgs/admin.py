from django.contrib import admin
from django.http import HttpRequest

from .models import Membership, OrgUnit, Succession


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_folded"]
    readonly_fields = ["path", "depth"]
    autocomplete_fields = ["parent"]

    def has_delete_permission(self, request: HttpRequest, obj: OrgUnit | None = None) -> bool:
        # Units are closed by a reorganisation, never deleted: their history must stay.
        return False


@admin.register(Succession)
class SuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_on"]
    list_filter = ["kind"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role", "valid_from", "valid_to"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    autocomplete_fields = ["unit", "user"]
