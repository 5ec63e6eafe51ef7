"""`GET /api/v1/reports/?form=&unit=&period=`: the report as the CLI's JSON, scoped to the user;
`GET /api/v1/report-forms/`: the forms available with their columns."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import selectors
from .forms import available


class ReportView(APIView):
    """One statutory report (TT 06/2025) for a unit and period; errors carry a Vietnamese `detail`."""

    @extend_schema(
        parameters=[
            OpenApiParameter("form", OpenApiTypes.STR, required=True, description="02/XLD, 03/GQKN, 04/GQTC"),
            OpenApiParameter("unit", OpenApiTypes.STR, required=True, description="mã đơn vị"),
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                required=True,
                description="2026-Q3, 2026-H1, 2026-9M, 2026, YYYY-MM-DD:YYYY-MM-DD",
            ),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        q = request.query_params
        report = selectors.compute(
            user=cast(Any, request.user),
            form_code=q.get("form", ""),
            unit_code=q.get("unit", ""),
            period_text=q.get("period", ""),
        )
        return Response(report.as_dict())


class ReportFormsView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(
            [
                {
                    "code": f.code,
                    "title": f.title,
                    "legal_source": f.legal_source,
                    "columns": [
                        {
                            "key": c.key,
                            "label": c.label,
                            "number": c.number,
                            "group": list(c.group),
                            "kind": c.kind,
                            "rule": c.rule,
                        }
                        for c in f.columns
                    ],
                }
                for f in available()
            ]
        )
