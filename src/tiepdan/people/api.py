"""People API (thin: validation in services and rules)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.errors import NotFoundError
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import get_visible_unit

from . import selectors, services
from .models import IdDocumentType, Person, PersonKind, ProtectedIdentity


class PersonSerializer(serializers.ModelSerializer):
    owner_unit = serializers.CharField(source="owner_unit.code", read_only=True)
    province = serializers.CharField(source="province.code", read_only=True, default=None)
    commune = serializers.CharField(source="commune.code", read_only=True, default=None)
    phone_international = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id", "kind", "full_name", "id_type", "id_number", "date_of_birth", "address",
            "address_recorded_on", "province", "commune", "phone", "phone_international", "email",
            "owner_unit",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_phone_international(self, obj: Person) -> str:
        from .rules import international_phone

        return international_phone(obj.phone) if obj.phone else ""


class PersonCreateSerializer(serializers.Serializer):
    owner_unit = serializers.CharField(help_text=_("Mã đơn vị đăng ký."))
    full_name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=PersonKind.choices, default=PersonKind.CITIZEN)
    id_type = serializers.ChoiceField(choices=IdDocumentType.choices, required=False, allow_blank=True, default="")
    id_number = serializers.CharField(required=False, allow_blank=True, default="")
    date_of_birth = serializers.DateField(required=False, allow_null=True, default=None)
    address = serializers.CharField(required=False, allow_blank=True, default="")
    address_recorded_on = serializers.DateField(required=False, allow_null=True, default=None)
    province = serializers.CharField(required=False, allow_blank=True, default="")
    commune = serializers.CharField(required=False, allow_blank=True, default="")
    phone = serializers.CharField(required=False, allow_blank=True, default="")
    email = serializers.CharField(required=False, allow_blank=True, default="")


class MergeSerializer(serializers.Serializer):
    duplicate = serializers.IntegerField(help_text=_("Mã số hồ sơ trùng sẽ được gộp vào hồ sơ này."))
    reason = serializers.CharField()


def _unit_by_code(code: str, field: str) -> OrgUnit | None:
    if not code:
        return None
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise serializers.ValidationError({field: [_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code}]})
    return unit


@extend_schema(
    parameters=[OpenApiParameter("q", OpenApiTypes.STR, description="Tên (không phân biệt dấu) hoặc số giấy tờ.")]
)
class PersonListView(generics.ListCreateAPIView):
    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        return selectors.search_people(self.request.user, self.request.query_params.get("q"))  # type: ignore[arg-type]

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = PersonCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        owner = get_visible_unit(request.user, code=v.pop("owner_unit"))  # type: ignore[arg-type]
        province = _unit_by_code(v.pop("province"), "province")
        commune = _unit_by_code(v.pop("commune"), "commune")
        user: Any = request.user
        person = services.create_person(actor=user, owner_unit=owner, province=province, commune=commune, **v)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED)


class PersonDetailView(generics.RetrieveAPIView):
    serializer_class = PersonSerializer

    def get_object(self) -> Person:
        return selectors.get_person(self.request.user, int(self.kwargs["pk"]))  # type: ignore[arg-type]


class PersonMergeView(APIView):
    """Merge a duplicate into this person (unit head or system administrator)."""

    @extend_schema(request=MergeSerializer, responses={200: PersonSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user: Any = request.user
        keep = selectors.get_person(user, int(pk))
        duplicate = selectors.get_person(user, data.validated_data["duplicate"])
        moved = services.merge_people(actor=user, keep=keep, duplicate=duplicate, reason=data.validated_data["reason"])
        return Response({**PersonSerializer(keep).data, "moved": moved})


class IdentitySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    unit = serializers.CharField(source="unit_code")
    full_name = serializers.CharField()
    id_number = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    files = serializers.ListField(child=serializers.DictField())


class IdentityDetailView(APIView):
    """A denouncer's identity in clear: vault officer, unit head and granted handlers only (audited)."""

    @extend_schema(
        responses=IdentitySerializer,
        parameters=[OpenApiParameter("purpose", OpenApiTypes.STR, description="Mục đích xem (ghi nhật ký).")],
    )
    def get(self, request: Request, pk: int) -> Response:
        identity = ProtectedIdentity.objects.select_related("unit").filter(pk=pk).first()
        if identity is None:
            raise NotFoundError("Không tìm thấy.")
        clear = services.reveal_identity(
            actor=request.user,  # type: ignore[arg-type]
            identity=identity,
            purpose=request.query_params.get("purpose", "") or "Xem qua API",
        )
        return Response(IdentitySerializer(clear).data)
