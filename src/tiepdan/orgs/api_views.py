from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.text import fold

from . import selectors
from .models import OrgUnit, UnitKind
from .serializers import MeSerializer, OrgUnitSerializer


def parse_date_param(raw: str | None, name: str) -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise exceptions.ValidationError(
            {"detail": _("Tham số %(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}}
        ) from None


class MeView(APIView):
    """The logged-in user and the units they work in, with their role there."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        memberships = selectors.active_memberships(user)
        return Response(
            MeSerializer(
                {
                    "username": user.username,
                    "full_name": user.get_full_name(),
                    "is_system_admin": selectors.is_system_admin(user),
                    "units": memberships,
                }
            ).data
        )


@extend_schema(
    parameters=[
        OpenApiParameter("on", OpenApiTypes.DATE, description="Cây tổ chức như tại ngày này (YYYY-MM-DD)."),
        OpenApiParameter("kind", OpenApiTypes.STR, enum=UnitKind.values),
        OpenApiParameter("parent", OpenApiTypes.STR, description="Mã đơn vị cấp trên."),
        OpenApiParameter("q", OpenApiTypes.STR, description="Tìm theo tên, không phân biệt dấu."),
    ]
)
class OrgUnitListView(generics.ListAPIView):
    """Units the user may see; `?on=` gives the tree as it stood on that date."""

    serializer_class = OrgUnitSerializer
    filter_backends: list = []

    def get_queryset(self) -> QuerySet[OrgUnit]:
        params = self.request.query_params
        on = parse_date_param(params.get("on"), "on")
        qs = selectors.visible_units(self.request.user, on=on)  # type: ignore[arg-type]
        kind = params.get("kind")
        if kind:
            if kind not in UnitKind.values:
                raise exceptions.ValidationError({"detail": _("Loại đơn vị “%(kind)s” không hợp lệ.") % {"kind": kind}})
            qs = qs.filter(kind=kind)
        parent = params.get("parent")
        if parent:
            qs = qs.filter(parent__code=parent)
        q = params.get("q")
        if q:
            qs = qs.filter(name_folded__contains=fold(q))
        return qs


class OrgUnitDetailView(generics.RetrieveAPIView):
    serializer_class = OrgUnitSerializer
    lookup_field = "code"

    def get_object(self) -> OrgUnit:
        return selectors.get_visible_unit(self.request.user, code=self.kwargs["code"])  # type: ignore[arg-type]
