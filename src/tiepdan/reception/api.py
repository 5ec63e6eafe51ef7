"""Reception API under /api/v1/reception/: schedules, sessions, the register (visits), refusals.

Thin: parse, call a service or a selector (scoped: outside the scope an object answers 404), respond. Errors
are JSON with a Vietnamese `detail` through `core.api.exception_handler`. A denouncer's identity never
appears here (people of a denunciation are shown redacted).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.cases.selectors import visible_cases
from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.petitions.models import PetitionType
from tiepdan.petitions.services import PetitionerInput

from . import rules, selectors, services
from .models import Refusal, RegularSchedule, Session, SessionKind, Visit, VisitOutcome


def _actor(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _unit(code: str, field: str = "unit") -> OrgUnit:
    unit = OrgUnit.objects.filter(code=code.strip()).first()
    if unit is None:
        raise DomainError(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code}, field=field)
    return unit


def _date_param(params: QueryDict, name: str) -> dt.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DomainError(_("Tham số %(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}, field=name) from None


# --- Schedules --------------------------------------------------------------------------------------------


class RegularScheduleSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")

    class Meta:
        model = RegularSchedule
        fields = ["id", "unit", "weekdays", "start_time", "end_time", "venue", "officers", "valid_from", "valid_to",
                  "note"]  # fmt: skip
        read_only_fields = ["id"]


class RegularScheduleCreateSerializer(serializers.Serializer):
    unit = serializers.CharField()
    weekdays = serializers.ListField(child=serializers.IntegerField(min_value=0, max_value=6))
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    venue = serializers.CharField(max_length=300)
    officers = serializers.CharField(max_length=500, required=False, allow_blank=True)
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class RegularScheduleListView(generics.ListAPIView):
    """Regular reception schedules of the units in scope; POST adds one."""

    serializer_class = RegularScheduleSerializer

    def get_queryset(self) -> QuerySet[RegularSchedule]:
        return selectors.visible_schedules(_actor(self.request)).order_by("unit__path", "-valid_from")

    @extend_schema(request=RegularScheduleCreateSerializer, responses={201: RegularScheduleSerializer})
    def post(self, request: Request) -> Response:
        data = RegularScheduleCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        v["unit"] = _unit(v["unit"])
        schedule = services.create_regular_schedule(actor=_actor(request), **v)
        return Response(RegularScheduleSerializer(schedule).data, status=status.HTTP_201_CREATED)


class SessionSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    conclusion_document = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = ["id", "unit", "kind", "on", "start_time", "end_time", "venue", "host_name", "host_title",
                  "officers", "status", "conclusions", "conclusion_document"]  # fmt: skip

    def get_conclusion_document(self, obj: Session) -> int | None:
        return obj.conclusion_document_id


class SessionCreateSerializer(serializers.Serializer):
    unit = serializers.CharField()
    kind = serializers.ChoiceField(choices=SessionKind.choices)
    on = serializers.DateField()
    start_time = serializers.TimeField()
    end_time = serializers.TimeField()
    venue = serializers.CharField(max_length=300)
    host_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    host_title = serializers.CharField(max_length=200)
    host = serializers.CharField(required=False, allow_blank=True, help_text="Tên đăng nhập của người chủ trì")
    officers = serializers.CharField(max_length=500, required=False, allow_blank=True)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)


class SessionListView(generics.ListAPIView):
    """Sessions (heads' periodic days, unscheduled, online) in scope, `?date_from=&date_to=`; POST plans one."""

    serializer_class = SessionSerializer

    def get_queryset(self) -> QuerySet[Session]:
        qs = selectors.visible_sessions(_actor(self.request))
        params = self.request.query_params
        if (start := _date_param(params, "date_from")) is not None:
            qs = qs.filter(on__gte=start)
        if (end := _date_param(params, "date_to")) is not None:
            qs = qs.filter(on__lte=end)
        return qs.order_by("on", "start_time", "pk")

    @extend_schema(request=SessionCreateSerializer, responses={201: SessionSerializer})
    def post(self, request: Request) -> Response:
        data = SessionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        v["unit"] = _unit(v["unit"])
        host_username = (v.pop("host", "") or "").strip()
        host = None
        if host_username:
            host = User.objects.filter(username=host_username, is_active=True).first()
            if host is None:
                raise DomainError(_("Không tìm thấy cán bộ “%(u)s”.") % {"u": host_username}, field="host")
        session = services.plan_session(actor=_actor(request), host=host, host_name=v.pop("host_name", ""), **v)
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class SessionDetailView(generics.RetrieveAPIView):
    serializer_class = SessionSerializer

    def get_object(self) -> Session:
        return selectors.get_session(_actor(self.request), self.kwargs["pk"])


class CloseSessionSerializer(serializers.Serializer):
    conclusions = serializers.CharField()


class CloseSessionView(APIView):
    """Record that the session was held and the head's conclusions."""

    @extend_schema(request=CloseSessionSerializer, responses={200: SessionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = CloseSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = selectors.get_session(_actor(request), pk)
        session = services.close_session(
            actor=_actor(request), session=session, conclusions=data.validated_data["conclusions"]
        )
        return Response(SessionSerializer(session).data)


class ConclusionNoticeSerializer(serializers.Serializer):
    on = serializers.DateField(required=False)
    recipients = serializers.CharField(required=False, allow_blank=True)


class ConclusionNoticeView(APIView):
    """Generate the notice of conclusions (.docx; .pdf from `documents/{id}/pdf`)."""

    @extend_schema(request=ConclusionNoticeSerializer, responses={201: SessionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = ConclusionNoticeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = selectors.get_session(_actor(request), pk)
        session = services.issue_conclusion_notice(
            actor=_actor(request), session=session, on=data.validated_data.get("on"),
            recipients=data.validated_data.get("recipients", ""),
        )  # fmt: skip
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)


class CancelSessionSerializer(serializers.Serializer):
    reason = serializers.CharField()


class CancelSessionView(APIView):
    @extend_schema(request=CancelSessionSerializer, responses={200: SessionSerializer})
    def post(self, request: Request, pk: int) -> Response:
        data = CancelSessionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        session = selectors.get_session(_actor(request), pk)
        session = services.cancel_session(actor=_actor(request), session=session, reason=data.validated_data["reason"])
        return Response(SessionSerializer(session).data)


# --- Visits -------------------------------------------------------------------------------------------------


class PersonSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    id_number = serializers.CharField(max_length=20, required=False, allow_blank=True)
    address = serializers.CharField(max_length=300, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    person_id = serializers.IntegerField(required=False, allow_null=True)
    is_representative = serializers.BooleanField(required=False, default=False)


class VisitSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    people = serializers.SerializerMethodField()
    petition = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    target_unit = serializers.SerializerMethodField()
    session = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = ["id", "unit", "year", "number", "received_on", "session", "type", "summary", "people",
                  "persons_count", "is_delegation", "already_resolved_by", "within_competence", "outcome",
                  "guided_to", "target_unit", "follow_up", "note", "petition", "case", "is_repeat",
                  "result_due_on"]  # fmt: skip

    def get_people(self, obj: Visit) -> list[dict[str, Any]]:
        return [
            {"name": p.name, "address": p.address, "id_number": p.id_number,
             "is_representative": p.is_representative, "redacted": p.redacted}
            for p in selectors.people_lines(obj)
        ]  # fmt: skip

    def get_petition(self, obj: Visit) -> dict[str, Any] | None:
        return {"id": obj.petition.pk, "code": obj.petition.code} if obj.petition else None

    def get_case(self, obj: Visit) -> int | None:
        return obj.case_id

    def get_target_unit(self, obj: Visit) -> str | None:
        return obj.target_unit.code if obj.target_unit else None

    def get_session(self, obj: Visit) -> int | None:
        return obj.session_id


class VisitCreateSerializer(serializers.Serializer):
    unit = serializers.CharField()
    received_on = serializers.DateField()
    type = serializers.ChoiceField(choices=PetitionType.choices)
    summary = serializers.CharField()
    content = serializers.CharField(required=False, allow_blank=True)
    people = PersonSerializer(many=True)
    persons_count = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    outcome = serializers.ChoiceField(choices=VisitOutcome.choices)
    within_competence = serializers.BooleanField()
    session = serializers.IntegerField(required=False, allow_null=True)
    already_resolved_by = serializers.CharField(required=False, allow_blank=True, max_length=500)
    guided_to = serializers.CharField(required=False, allow_blank=True, max_length=300)
    target_unit = serializers.CharField(required=False, allow_blank=True)
    follow_up = serializers.CharField(required=False, allow_blank=True, max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)
    case = serializers.IntegerField(required=False, allow_null=True)
    respondent_name = serializers.CharField(required=False, allow_blank=True, max_length=500)


class VisitListView(generics.ListAPIView):
    """The register in scope, `?date_from=&date_to=&unit=CODE` (oldest first); POST records a visit.

    An `Idempotency-Key` header makes a retried POST return the visit recorded the first time."""

    serializer_class = VisitSerializer

    def get_queryset(self) -> QuerySet[Visit]:
        params = self.request.query_params
        unit = _unit(params["unit"]) if params.get("unit") else None
        return selectors.register(
            _actor(self.request), date_from=_date_param(params, "date_from"), date_to=_date_param(params, "date_to"),
            unit=unit,
        ).select_related("case")  # fmt: skip

    @extend_schema(request=VisitCreateSerializer, responses={201: VisitSerializer})
    def post(self, request: Request) -> Response:
        user = _actor(request)
        data = VisitCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        unit = _unit(v.pop("unit"))
        session = selectors.get_session(user, v.pop("session")) if v.get("session") else None
        v.pop("session", None)
        case_id = v.pop("case", None)
        case = None
        if case_id:
            case = visible_cases(user).filter(pk=case_id).first()
            if case is None:
                raise DomainError(_("Không tìm thấy vụ việc này trong phạm vi của bạn."), field="case")
        target_code = v.pop("target_unit", "") or ""
        people = [PetitionerInput(**p) for p in v.pop("people")]
        key = request.headers.get("Idempotency-Key", "").strip()
        visit = services.record_visit(
            actor=user, unit=unit, session=session, case=case, people=people,
            target_unit=_unit(target_code, "target_unit") if target_code else None,
            submission_key=f"api:{user.pk}:{key}"[:64] if key else None, **v,
        )  # fmt: skip
        visit = selectors.get_visit(user, visit.pk)
        return Response(VisitSerializer(visit).data, status=status.HTTP_201_CREATED)


class VisitDetailView(generics.RetrieveAPIView):
    serializer_class = VisitSerializer

    def get_object(self) -> Visit:
        return selectors.get_visit(_actor(self.request), self.kwargs["pk"])


# --- Refusals -----------------------------------------------------------------------------------------------


class RefusalSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code")
    person = serializers.CharField(source="person.full_name")
    ground_label = serializers.CharField(read_only=True)
    notice_document = serializers.SerializerMethodField()

    class Meta:
        model = Refusal
        fields = ["id", "unit", "refused_on", "person", "ground", "ground_label", "ground_source", "detail",
                  "notice_required",
                  "notice_due_on", "notice_document"]  # fmt: skip

    def get_notice_document(self, obj: Refusal) -> int | None:
        return obj.notice_document_id


class RefusalCreateSerializer(serializers.Serializer):
    unit = serializers.CharField()
    refused_on = serializers.DateField()
    person = PersonSerializer()
    ground = serializers.CharField(max_length=40)
    detail = serializers.CharField()
    session = serializers.IntegerField(required=False, allow_null=True)


class RefusalListView(generics.ListAPIView):
    """Refusals in scope; POST records one (ground from `refusal-grounds/?on=` of that day)."""

    serializer_class = RefusalSerializer

    def get_queryset(self) -> QuerySet[Refusal]:
        return selectors.visible_refusals(_actor(self.request)).order_by("-refused_on", "-pk")

    @extend_schema(request=RefusalCreateSerializer, responses={201: RefusalSerializer})
    def post(self, request: Request) -> Response:
        user = _actor(request)
        data = RefusalCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        session = selectors.get_session(user, v["session"]) if v.get("session") else None
        refusal = services.record_refusal(
            actor=user, unit=_unit(v["unit"]), refused_on=v["refused_on"], person=PetitionerInput(**v["person"]),
            ground=v["ground"], detail=v["detail"], session=session,
        )  # fmt: skip
        return Response(RefusalSerializer(refusal).data, status=status.HTTP_201_CREATED)


class RefusalNoticeView(APIView):
    """Generate the written refusal notice (closes its 3-working-day time limit)."""

    @extend_schema(request=None, responses={201: RefusalSerializer})
    def post(self, request: Request, pk: int) -> Response:
        refusal = selectors.get_refusal(_actor(request), pk)
        refusal = services.issue_refusal_notice(actor=_actor(request), refusal=refusal)
        return Response(RefusalSerializer(refusal).data, status=status.HTTP_201_CREATED)


class RefusalGroundsView(APIView):
    """The closed list of refusal grounds in force on `?on=YYYY-MM-DD` (today by default)."""

    @extend_schema(responses={200: serializers.ListSerializer(child=serializers.DictField())})
    def get(self, request: Request) -> Response:
        from tiepdan.orgs.selectors import today

        on = _date_param(request.query_params, "on") or today()
        return Response([
            {"code": g.code, "label": g.label, "source": g.source, "valid_from": g.valid_from, "valid_to": g.valid_to}
            for g in rules.refusal_grounds_on(on)
        ])  # fmt: skip
