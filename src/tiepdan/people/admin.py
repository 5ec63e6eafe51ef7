from django.contrib import admin

from .models import IdentityGrant, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind", "id_number", "owner_unit", "merged_into"]
    search_fields = ["name_folded", "id_number"]
    readonly_fields = ["name_folded", "merged_into", "created_by", "created_at", "updated_at"]


@admin.register(IdentityGrant)
class IdentityGrantAdmin(admin.ModelAdmin):
    # Only who may see which identity (by number); the vault itself is deliberately not in the admin.
    list_display = ["identity", "user", "granted_by", "valid_from", "valid_to"]
    readonly_fields = ["identity", "user", "granted_by", "reason", "valid_from", "valid_to", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
