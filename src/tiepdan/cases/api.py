"""Cases API: list, detail, and one POST per statutory step under `cases/{id}/…` (CONTRACTS)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.errors import DomainError

from . import documents, rules, selectors, services
from .models import Case, DecisionResult, FirstRoundOutcome


class CaseSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.code", read_only=True)
    subject_field = serializers.CharField(source="subject_field.code", read_only=True, default=None)
    state_label = serializers.SerializerMethodField()
    petitions = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "code", "unit", "type", "title", "subject_field", "opened_on", "state", "state_label", "round",
            "accepted_on", "due_on", "complexity_criteria", "remote_area", "version", "petitions",
        ]  # fmt: skip

    def get_state_label(self, obj: Case) -> str:
        return rules.STATE_LABELS.get(obj.state, "Không giải quyết tại đơn vị")

    def get_petitions(self, obj: Case) -> list[str]:
        return [p.code for p in obj.petitions.all()]


class CaseDetailSerializer(CaseSerializer):
    next_steps = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "next_steps", "deadlines", "events", "decision"]

    def get_next_steps(self, obj: Case) -> list[dict[str, Any]]:

        request = self.context.get("request")
        steps: list[dict[str, Any]] = services.describe(obj)["next_steps"]
        if request is None:
            return steps
        return [
            {**s, "documents": [{"template": d["code"], "name": d["name"], "asks": [v["name"] for v in d["asked"]]}
                                for d in documents.step_documents(request.user, obj, s["action"])]}
            for s in steps
        ]  # fmt: skip

    def get_deadlines(self, obj: Case) -> list[dict[str, Any]]:
        return [
            {"rule": d.rule_code, "title": d.rule.title, "trigger_on": d.trigger_on, "due_on": d.due_on,
             "extensions": d.extensions, "suspensions": d.suspensions, "closed_on": d.closed_on}
            for d in selectors.case_deadlines(obj)
        ]  # fmt: skip

    def get_events(self, obj: Case) -> list[dict[str, Any]]:
        return [
            {"on": e.on, "action": e.action, "from": e.from_state, "to": e.to_state, "note": e.note,
             "legal_basis": e.legal_basis, "actor": e.actor.username if e.actor else None}
            for e in obj.events.select_related("actor")
        ]  # fmt: skip

    def get_decision(self, obj: Case) -> dict[str, Any] | None:
        decision = getattr(obj, "decision", None)
        if decision is None:
            return None
        return {
            "number": decision.number, "issued_on": decision.issued_on, "result": decision.result,
            "first_round_outcome": decision.first_round_outcome, "summary": decision.summary,
            "money_to_state": str(decision.money_to_state), "money_to_citizens": str(decision.money_to_citizens),
            "land_to_state_m2": str(decision.land_to_state_m2),
            "land_to_citizens_m2": str(decision.land_to_citizens_m2),
            "people_benefited": decision.people_benefited,
            "people_recommended_sanction": decision.people_recommended_sanction,
            "people_sanctioned": decision.people_sanctioned,
            "transferred_to_investigators": decision.transferred_to_investigators,
        }  # fmt: skip


class CaseListView(generics.ListAPIView):
    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        actor: Any = self.request.user
        qs = selectors.visible_cases(actor).prefetch_related("petitions")
        state = self.request.query_params.get("state")
        if state:
            qs = qs.filter(state=state)
        kind = self.request.query_params.get("type")
        if kind:
            qs = qs.filter(type=kind)
        return qs.order_by("due_on", "-opened_on", "-pk")


class CaseDetailView(APIView):
    @extend_schema(responses=CaseDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        return Response(CaseDetailSerializer(selectors.get_case(actor, pk), context={"request": request}).data)


class StepSerializer(serializers.Serializer):
    on = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    complexity_criteria = serializers.ListField(child=serializers.CharField(), required=False, default=None)
    remote_area = serializers.BooleanField(required=False, allow_null=True, default=None)
    request_differs = serializers.BooleanField(required=False, allow_null=True, default=None)
    continue_ground = serializers.CharField(required=False, allow_blank=True, default="")
    documents = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Mẫu văn bản lập cùng bước này (xem next_steps[].documents)",
    )
    document_values = serializers.DictField(
        child=serializers.CharField(allow_blank=True),
        required=False,
        default=dict,
        help_text="Thông tin người lập phải ghi cho văn bản",
    )


def _with_documents(actor: Any, case: Case, action: str, values: dict[str, Any], on: Any, run: Any) -> Case:
    """Run a step with the documents it needs: those issued before it, the step, those issued after it —
    one transaction, so a missing document detail refuses the step too."""
    from django.db import transaction

    from . import documents

    codes, texts = values.pop("documents", []), values.pop("document_values", {})
    with transaction.atomic():
        if codes:
            services.require_actor(actor, case)
        before = documents.generate_for_step(actor=actor, case=case, action=action, codes=codes, values=texts, on=on,
                                             before=True, criteria=values.get("complexity_criteria"))  # fmt: skip
        if before and not values.get("note"):
            values["note"] = f"Quyết định số {before[0].number_string} ngày {on:%d/%m/%Y}"
        case = run()
        made = documents.generate_for_step(actor=actor, case=case, action=action, codes=codes, values=texts,
                                           on=on, before=False)  # fmt: skip
        documents.adopt_number(case, made)
    return Case.objects.select_related("unit", "subject_field").get(pk=case.pk) if made else case


class CaseStepView(APIView):
    """POST `cases/{id}/{action}/` for every step of `cases.rules.WORKFLOWS`."""

    @extend_schema(request=StepSerializer, responses=CaseDetailSerializer)
    def post(self, request: Request, pk: int, action: str) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = StepSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        action = action.replace("-", "_")
        on = values["on"] or _today()
        if action not in ("suspend", "resume", "extend"):
            try:
                rules.find(case.type, action)
            except rules.TransitionError as exc:
                raise DomainError(str(exc)) from None

        def run() -> Case:
            if action == "suspend":
                return services.suspend(actor=actor, case=case, on=on, reason=values["note"],
                                        version=values["version"])  # fmt: skip
            if action == "resume":
                return services.resume(actor=actor, case=case, on=on, reason=values["note"],
                                       version=values["version"])  # fmt: skip
            if action == "extend":
                return services.extend(
                    actor=actor,
                    case=case,
                    decision=values["note"],
                    criteria=values["complexity_criteria"] or [],
                    version=values["version"],
                )
            return services.transition(actor=actor, case=case, action=action, **values)

        case = _with_documents(actor, case, action, values, on, run)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class DecisionSerializer(serializers.Serializer):
    number = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Để trống khi lập văn bản cùng bước: lấy số văn bản"
    )
    issued_on = serializers.DateField()
    result = serializers.ChoiceField(choices=DecisionResult.choices)
    summary = serializers.CharField()
    signer = serializers.CharField(required=False, allow_blank=True, default="")
    first_round_outcome = serializers.ChoiceField(
        choices=FirstRoundOutcome.choices, required=False, allow_blank=True, default=""
    )
    figures = serializers.DictField(required=False, default=dict)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)
    request_differs = serializers.BooleanField(required=False, allow_null=True, default=None)
    documents = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    document_values = serializers.DictField(child=serializers.CharField(allow_blank=True), required=False,
                                            default=dict)  # fmt: skip


class CaseDecisionView(APIView):
    @extend_schema(request=DecisionSerializer, responses=CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        action = "conclude" if case.type == "denunciation" else "issue_decision"
        if not values["number"].strip() and set(values["documents"]) & documents.DECISION_DOCUMENTS:
            values["number"] = documents.PENDING_NUMBER
        case = _with_documents(
            actor, case, action, values, values["issued_on"],
            lambda: services.record_decision(actor=actor, case=case, **values),
        )  # fmt: skip
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


def _today() -> Any:
    from tiepdan.orgs.selectors import today

    return today()


def _user_in_scope(actor: Any, username: str) -> Any:
    from tiepdan.core.models import User

    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise DomainError(f"Không tìm thấy cán bộ “{username}”.", field="leader")
    return user


class VerificationSerializer(serializers.Serializer):
    leader = serializers.CharField(help_text="Tên đăng nhập người xác minh / trưởng đoàn")
    members = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    plan = serializers.CharField()
    on = serializers.DateField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class CaseVerificationView(APIView):
    """Giao xác minh (the `start-verification` step with its verifier, team and plan)."""

    @extend_schema(request=VerificationSerializer, responses=CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = VerificationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = services.assign_verification(
            actor=actor, case=case, leader=_user_in_scope(actor, v["leader"]),
            members=[_user_in_scope(actor, m) for m in v["members"]], plan=v["plan"], on=v["on"] or _today(),
            version=v["version"],
        )  # fmt: skip
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class DialogueScheduleSerializer(serializers.Serializer):
    scheduled_on = serializers.DateField()
    notice_sent_on = serializers.DateField()
    venue = serializers.CharField()
    participants = serializers.ListField(child=serializers.CharField())


class DialogueMinutesSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    minutes = serializers.CharField()
    signed_by = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    refused_to_sign = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    complainant_absent = serializers.BooleanField(required=False, default=False)
    request_differs = serializers.BooleanField(required=False, allow_null=True, default=None)
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class CaseDialogueView(APIView):
    """POST schedules a dialogue (5-day notice from 01/07/2026); PUT records its minutes (the dialogue step)."""

    @extend_schema(request=DialogueScheduleSerializer, responses=CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = DialogueScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.schedule_dialogue(actor=actor, case=case, **data.validated_data)
        return Response(CaseDetailSerializer(selectors.get_case(actor, pk), context={"request": request}).data)

    @extend_schema(request=DialogueMinutesSerializer, responses=CaseDetailSerializer)
    def put(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = DialogueMinutesSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.record_dialogue(actor=actor, case=case, **data.validated_data)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class PublicationSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=["meeting", "posting", "media", "portal"])
    published_on = serializers.DateField()
    until = serializers.DateField(required=False, allow_null=True, default=None)
    public_text = serializers.CharField()
    version = serializers.IntegerField(required=False, allow_null=True, default=None)


class CasePublicationView(APIView):
    @extend_schema(request=PublicationSerializer, responses=CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        case = selectors.get_case(actor, pk)
        data = PublicationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = services.publish(actor=actor, case=case, **data.validated_data)
        return Response(CaseDetailSerializer(case, context={"request": request}).data)


class NextRoundSerializer(serializers.Serializer):
    unit = serializers.CharField(help_text="Mã đơn vị cấp trên trực tiếp giải quyết")
    received_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _superior(actor: Any, code: str) -> Any:
    from tiepdan.orgs.selectors import get_visible_unit

    return get_visible_unit(actor, code=code)


class CaseSecondRoundView(APIView):
    """Khiếu nại lần hai: the superior unit opens the second-round case of a first-round decision."""

    @extend_schema(request=NextRoundSerializer, responses={201: CaseDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        first = selectors.get_case(actor, pk)
        data = NextRoundSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        second = services.open_second_round(actor=actor, first=first, superior_unit=_superior(actor, v["unit"]),
                                            received_on=v["received_on"])  # fmt: skip
        return Response(CaseDetailSerializer(second, context={"request": request}).data, status=201)


class CaseFurtherDenunciationView(APIView):
    """Tố cáo tiếp (Luật Tố cáo Điều 37): the direct superior opens a review of a resolved (or overdue)
    denunciation; 20 days from receipt to accept it for resolution or keep the conclusion."""

    @extend_schema(request=NextRoundSerializer, responses={201: CaseDetailSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor: Any = request.user
        first = selectors.get_case(actor, pk)
        data = NextRoundSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        further = services.open_further_denunciation(
            actor=actor, first=first, superior_unit=_superior(actor, v["unit"]), received_on=v["received_on"],
            note=v["note"],
        )  # fmt: skip
        return Response(CaseDetailSerializer(further, context={"request": request}).data, status=201)
