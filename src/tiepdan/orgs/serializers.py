from __future__ import annotations

from rest_framework import serializers

from .models import Membership, OrgUnit


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", read_only=True, allow_null=True, default=None)  # type: ignore[assignment]
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "code",
            "name",
            "kind",
            "kind_display",
            "parent",
            "depth",
            "official_code",
            "valid_from",
            "valid_to",
            "legal_basis",
        ]


class MembershipUnitSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="unit.code")
    name = serializers.CharField(source="unit.name")
    role_display = serializers.CharField(source="get_role_display")

    class Meta:
        model = Membership
        fields = ["code", "name", "role", "role_display", "valid_from", "valid_to"]


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    full_name = serializers.CharField()
    is_system_admin = serializers.BooleanField()
    units = MembershipUnitSerializer(many=True)
