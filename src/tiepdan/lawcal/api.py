from __future__ import annotations

import datetime as dt

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from . import rules, workcal
from .management.commands.deadline import Engine


def _error(message: str) -> exceptions.ValidationError:
    return exceptions.ValidationError({"detail": message})


class DeadlineView(APIView):
    """The due date of one statutory time limit: the same object as `tiepdan deadline`."""

    @extend_schema(
        parameters=[
            OpenApiParameter("rule", OpenApiTypes.STR, required=True),
            OpenApiParameter("start", OpenApiTypes.DATE, required=True),
            OpenApiParameter("flag", OpenApiTypes.STR, many=True),
            OpenApiParameter("extensions", OpenApiTypes.INT),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        raw_ext = request.query_params.get("extensions", "0") or "0"
        try:
            extensions = int(raw_ext)
        except ValueError:
            raise _error("Số lần gia hạn (extensions) phải là số nguyên.") from None
        try:
            result = Engine().compute(
                request.query_params.get("rule", ""),
                request.query_params.get("start", ""),
                request.query_params.getlist("flag"),
                extensions,
            )
        except rules.RuleError as exc:
            raise _error(str(exc)) from None
        return Response(result)


class CalendarView(APIView):
    """Non-working days of a year, with their Vietnamese names."""

    @extend_schema(
        parameters=[OpenApiParameter("year", OpenApiTypes.INT, required=True)], responses=OpenApiTypes.OBJECT
    )
    def get(self, request: Request) -> Response:
        try:
            year = int(request.query_params.get("year", ""))
        except ValueError:
            raise _error("Tham số year phải là năm, ví dụ 2026.") from None
        if not rules.FIRST_YEAR <= year <= rules.LAST_YEAR:
            raise _error(f"Năm phải trong khoảng {rules.FIRST_YEAR}–{rules.LAST_YEAR}.")
        cal = workcal.get_calendar()
        days = [{"date": d.isoformat(), "name": name, "weekend": d.weekday() >= 5} for d, name in cal.off_in_year(year)]
        makeup = [
            {"date": dt.date.fromordinal(o).isoformat()}
            for o in cal.working
            if dt.date.fromordinal(o).year == year and dt.date.fromordinal(o).weekday() >= 5
        ]
        return Response({"year": year, "non_working_days": days, "makeup_working_days": makeup})
