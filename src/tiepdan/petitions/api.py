"""Petitions API: registration from every channel, the handler's queue, the detail, and one POST action per
service (classify, assign, split, duplicate decision, each outcome of TT 05/2021).

Thin, like every `api.py`: the rules live in `services.py`, the reads in `selectors.py` (scoped to the user:
outside the scope a petition answers 404). Errors are JSON with a Vietnamese `detail` (and `field` for a
`DomainError`), through `core.api.exception_handler`. A denouncer's identity never appears here: petitioners
come from `selectors.petitioner_views`, which never decrypts; the allowed officials reveal it explicitly
(and audited) through `GET identities/{id}/`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.core.text import nfc
from tiepdan.documents import selectors as document_selectors
from tiepdan.documents.models import GeneratedDocument
from tiepdan.lawcal import workcal
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today

from . import rules, selectors, services
from .duplicates import candidates_for
from .models import (
    ArchiveReason,
    Channel,
    DuplicateStatus,
    Outcome,
    Petition,
    PetitionEvent,
    PetitionStatus,
    PetitionType,
    ResolutionStatus,
    SubjectField,
)

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY_MAX = 255
DUE_STATES = ["on_time", "due_soon", "due_today", "overdue"]
DUE_STATE_HELP = gettext_lazy("Tình trạng thời hạn xử lý (on_time, due_soon, due_today, overdue); null khi đã xử lý.")


# --- Lookups of the codes a client sends ---------------------------------------------------------------


def _actor(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _unit_by_code(code: str, field: str) -> OrgUnit | None:
    """A unit of the tree by its code; an unknown code is bad input (400). Scope is the service's check."""
    code = code.strip()
    if not code:
        return None
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None:
        raise DomainError(_("Không tìm thấy đơn vị có mã “%(code)s”.") % {"code": code}, field=field)
    return unit


def _subject_field(code: str, *, petition_type: str, on: dt.date) -> SubjectField | None:
    """The entry of the code list in force on `on` for this type; else any entry with that code, so that the
    service can say precisely why it does not fit (other type, expired, not a leaf)."""
    code = code.strip()
    if not code:
        return None
    entries = SubjectField.objects.filter(code=code)
    found = entries.filter(applies_to=petition_type).valid_on(on).first() or entries.order_by("-valid_from").first()
    if found is None:
        raise DomainError(
            _("Không tìm thấy lĩnh vực có mã “%(code)s” trong danh mục.") % {"code": code}, field="subject_field"
        )
    return found


def _user_by_username(username: str, field: str) -> User | None:
    username = username.strip()
    if not username:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise DomainError(
            _("Không tìm thấy cán bộ có tên đăng nhập “%(username)s”.") % {"username": username}, field=field
        )
    return user


def _date_param(params: QueryDict, name: str) -> dt.date | None:
    raw = params.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DomainError(_("Tham số %(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}, field=name) from None


def _choice_param(params: QueryDict, name: str, allowed: list[str]) -> str:
    value = params.get(name, "").strip()
    if value and value not in allowed:
        raise DomainError(
            _("Giá trị “%(value)s” của tham số %(name)s không hợp lệ; dùng một trong: %(allowed)s.")
            % {"value": value, "name": name, "allowed": ", ".join(allowed)},
            field=name,
        )
    return value


def _bool_param(params: QueryDict, name: str) -> bool | None:
    raw = params.get(name, "").strip().lower()
    if not raw:
        return None
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    raise DomainError(_("Tham số %(name)s phải là true hoặc false.") % {"name": name}, field=name)


def queue_filters(params: QueryDict) -> selectors.QueueFilters:
    """The queue's query parameters as `selectors.QueueFilters`; a bad value is a Vietnamese 400."""
    return selectors.QueueFilters(
        status=_choice_param(params, "status", ["open", *PetitionStatus.values]),
        type=_choice_param(params, "type", PetitionType.values),
        field=params.get("field", "").strip(),
        unit=params.get("unit", "").strip(),
        assignee=params.get("assignee", "").strip(),
        due_before=_date_param(params, "due_before"),
        overdue=_bool_param(params, "overdue"),
        channel=_choice_param(params, "channel", Channel.values),
        q=params.get("q", "").strip(),
    )


# --- Output --------------------------------------------------------------------------------------------


class CodeTextSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()


class PetitionRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    type = serializers.ChoiceField(choices=PetitionType.choices)


class PetitionerViewSerializer(serializers.Serializer):
    """A petitioner as anyone may see them: a denouncer is always the redacted name, without any detail."""

    position = serializers.IntegerField()
    display_name = serializers.CharField()
    id_number = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    is_representative = serializers.BooleanField()
    person_id = serializers.IntegerField(allow_null=True)
    identity_id = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Hồ sơ bảo mật (chỉ người có quyền xem qua identities/{id}/).")
    )
    redacted = serializers.BooleanField()


class DueStateSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=DUE_STATES)
    label = serializers.CharField()  # type: ignore[assignment]
    working_days_left = serializers.IntegerField()
    days_overdue = serializers.IntegerField()


class DocumentRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = GeneratedDocument
        fields = [
            "id", "number_string", "title", "template_code", "issued_on", "contains_denouncer_identity",
            "url", "docx_url", "pdf_url",
        ]  # fmt: skip

    def _url(self, name: str, obj: GeneratedDocument) -> str:
        path = reverse(name, args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def _may_open(self, obj: GeneratedDocument) -> bool:
        return document_selectors.may_open(self.context["user"], obj)

    def get_url(self, obj: GeneratedDocument) -> str:
        return self._url("api-document", obj)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_docx_url(self, obj: GeneratedDocument) -> str | None:
        # A letter naming the denouncer opens only for the roles the law allows: others get no link.
        return self._url("documents:docx", obj) if self._may_open(obj) else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_pdf_url(self, obj: GeneratedDocument) -> str | None:
        return self._url("documents:pdf", obj) if self._may_open(obj) else None


class TimelineEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, allow_null=True, default=None)
    actor_name = serializers.SerializerMethodField()
    document = serializers.IntegerField(source="document_id", read_only=True, allow_null=True)

    class Meta:
        model = PetitionEvent
        fields = ["at", "kind", "message", "actor", "actor_name", "document"]

    def get_actor_name(self, obj: PetitionEvent) -> str:
        return obj.actor.get_full_name() if obj.actor else ""


class PetitionListSerializer(serializers.ModelSerializer):
    """One row of the handler's queue (a constant number of queries for any page size)."""

    unit = serializers.CharField(source="unit.code", read_only=True)
    due_state = serializers.SerializerMethodField()
    petitioner = serializers.SerializerMethodField()
    assignee = serializers.CharField(source="assignee.username", read_only=True, allow_null=True, default=None)
    subject_field = serializers.CharField(source="subject_field.code", read_only=True, allow_null=True, default=None)
    case = serializers.CharField(source="case.code", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Petition
        fields = [
            "id", "code", "unit", "type", "channel", "status", "received_on", "due_on", "due_state", "summary",
            "petitioner", "assignee", "subject_field", "case", "outcome",
        ]  # fmt: skip

    @extend_schema_field(serializers.CharField(allow_null=True, help_text=DUE_STATE_HELP))
    def get_due_state(self, obj: Petition) -> str | None:
        state = selectors.due_state(obj, calendar=self.context.get("calendar"))
        return state.state if state is not None else None

    def get_petitioner(self, obj: Petition) -> str:
        return selectors.petitioner_label(obj)


class PetitionDetailSerializer(serializers.ModelSerializer):
    """Everything about one petition the user may see. Codes as in the input (unit, field, assignee)."""

    unit = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    channel_label = serializers.CharField(source="get_channel_display", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    content_protected = serializers.SerializerMethodField()
    respondent_unit = serializers.CharField(
        source="respondent_unit.code", read_only=True, allow_null=True, default=None
    )
    subject_field = serializers.CharField(source="subject_field.code", read_only=True, allow_null=True, default=None)
    subject_field_name = serializers.CharField(
        source="subject_field.name", read_only=True, allow_null=True, default=None
    )
    resolution_status_label = serializers.CharField(source="get_resolution_status_display", read_only=True)
    eligibility_failures = serializers.SerializerMethodField()
    competent_unit = serializers.CharField(source="competent_unit.code", read_only=True, allow_null=True, default=None)
    competent_unit_name = serializers.CharField(
        source="competent_unit.name", read_only=True, allow_null=True, default=None
    )
    flags = serializers.SerializerMethodField()
    duplicate_of = serializers.SerializerMethodField()
    case = serializers.CharField(source="case.code", read_only=True, allow_null=True, default=None)
    split_from = serializers.SerializerMethodField()
    parts = serializers.SerializerMethodField()
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    outcome_ground_text = serializers.SerializerMethodField()
    outcome_document = serializers.IntegerField(source="outcome_document_id", read_only=True, allow_null=True)
    due_state = serializers.SerializerMethodField()
    assignee = serializers.CharField(source="assignee.username", read_only=True, allow_null=True, default=None)
    assignee_name = serializers.SerializerMethodField()
    created_by = serializers.CharField(source="created_by.username", read_only=True, allow_null=True, default=None)
    petitioners = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    can_handle = serializers.SerializerMethodField()
    allowed_outcomes = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = [
            "id", "code", "version", "unit", "unit_name", "channel", "channel_label", "type", "type_label",
            "status", "status_label", "received_on", "letter_date", "summary", "content", "content_protected",
            "respondent_name", "respondent_unit", "referring_body", "referring_doc_number", "referring_doc_date",
            "subject_field", "subject_field_name", "resolution_status", "resolution_status_label", "eligible",
            "eligibility_failures", "within_competence", "competent_unit", "competent_unit_name",
            "competent_body_name", "flags", "duplicate_status", "duplicate_of", "case", "split_from", "parts",
            "outcome", "outcome_label", "outcome_on", "outcome_ground", "outcome_ground_text", "outcome_note",
            "outcome_target", "outcome_document", "originals_returned_on", "due_rule", "due_on", "due_state",
            "follow_up_rule", "follow_up_due_on", "assignee", "assignee_name", "external_ref", "created_by",
            "created_at", "updated_at", "petitioners", "documents", "timeline", "can_handle", "allowed_outcomes",
        ]  # fmt: skip

    def get_content_protected(self, obj: Petition) -> bool:
        """True for a denunciation: its text is encrypted (it usually names the denouncer) and not shown."""
        return obj.type == PetitionType.DENUNCIATION

    @extend_schema_field(CodeTextSerializer(many=True))
    def get_eligibility_failures(self, obj: Petition) -> list[dict[str, str]]:
        return [
            {"code": code, "text": rules.ELIGIBILITY_CONDITIONS.get(code, code)} for code in obj.eligibility_failures
        ]

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "boolean"}})
    def get_flags(self, obj: Petition) -> dict[str, bool]:
        return {name: bool(getattr(obj, name)) for name in services.FLAG_FIELDS}

    @extend_schema_field(PetitionRefSerializer(allow_null=True))
    def get_duplicate_of(self, obj: Petition) -> dict[str, Any] | None:
        other = obj.duplicate_of
        return {"id": other.pk, "code": other.code, "type": other.type} if other else None

    @extend_schema_field(PetitionRefSerializer(allow_null=True))
    def get_split_from(self, obj: Petition) -> dict[str, Any] | None:
        origin = obj.split_from
        return {"id": origin.pk, "code": origin.code, "type": origin.type} if origin else None

    @extend_schema_field(PetitionRefSerializer(many=True))
    def get_parts(self, obj: Petition) -> list[dict[str, Any]]:
        return [{"id": p.pk, "code": p.code, "type": p.type} for p in obj.parts.order_by("code")]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_outcome_ground_text(self, obj: Petition) -> str | None:
        if not obj.outcome_ground:
            return None
        if obj.outcome == Outcome.REJECT_ACCEPTANCE:
            ground = rules.COMPLAINT_REJECTION_GROUNDS.get(obj.outcome_ground)
            return f"{ground.source}: {ground.text}" if ground else obj.outcome_ground
        return str(dict(ArchiveReason.choices).get(obj.outcome_ground, obj.outcome_ground))

    @extend_schema_field(DueStateSerializer(allow_null=True))
    def get_due_state(self, obj: Petition) -> dict[str, Any] | None:
        state = selectors.due_state(obj)
        if state is None:
            return None
        return {
            "state": state.state,
            "label": state.label,
            "working_days_left": state.working_days_left,
            "days_overdue": state.days_overdue,
        }

    def get_assignee_name(self, obj: Petition) -> str:
        return obj.assignee.get_full_name() if obj.assignee else ""

    @extend_schema_field(PetitionerViewSerializer(many=True))
    def get_petitioners(self, obj: Petition) -> list[dict[str, Any]]:
        return [PetitionerViewSerializer(v).data for v in selectors.petitioner_views(obj)]

    @extend_schema_field(DocumentRefSerializer(many=True))
    def get_documents(self, obj: Petition) -> list[dict[str, Any]]:
        return list(DocumentRefSerializer(selectors.related_documents(obj), many=True, context=self.context).data)

    @extend_schema_field(TimelineEventSerializer(many=True))
    def get_timeline(self, obj: Petition) -> list[dict[str, Any]]:
        return list(TimelineEventSerializer(selectors.timeline(obj), many=True).data)

    def get_can_handle(self, obj: Petition) -> bool:
        """Whether the requesting user may classify and decide outcomes (handler or head of the unit)."""
        return services.may_handle(self.context["user"], obj)

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(), help_text=gettext_lazy("Mã kết quả xử lý, như trường outcome.")
        )
    )
    def get_allowed_outcomes(self, obj: Petition) -> list[str]:
        """The outcomes the guards allow now, for this user (empty for those who may not handle it)."""
        return services.outcomes_allowed(obj) if services.may_handle(self.context["user"], obj) else []


class CandidateSerializer(serializers.Serializer):
    """A possible duplicate: the petition, how strong the match is (0..1) and why, in Vietnamese."""

    id = serializers.IntegerField(source="petition_id")
    code = serializers.CharField()
    score = serializers.FloatField(min_value=0, max_value=1)
    reason = serializers.CharField()
    summary = serializers.CharField()
    received_on = serializers.DateField(allow_null=True)
    case = serializers.CharField(source="case_code", help_text=gettext_lazy("Mã vụ việc (rỗng nếu chưa có)."))


class PetitionCreatedSerializer(PetitionDetailSerializer):
    duplicate_candidates = serializers.SerializerMethodField()

    class Meta(PetitionDetailSerializer.Meta):
        fields = [*PetitionDetailSerializer.Meta.fields, "duplicate_candidates"]

    @extend_schema_field(CandidateSerializer(many=True))
    def get_duplicate_candidates(self, obj: Petition) -> list[dict[str, Any]]:
        return list(CandidateSerializer(candidates_for(self.context["user"], obj), many=True).data)


def _detail(request: Request, pk: int, *, serializer: type[PetitionDetailSerializer] = PetitionDetailSerializer) -> Any:
    user = _actor(request)
    petition = selectors.get_petition(user, pk)
    return serializer(petition, context={"request": request, "user": user}).data


# --- Registration and the queue ------------------------------------------------------------------------


class PetitionerInputSerializer(serializers.Serializer):
    full_name = serializers.CharField(max_length=255, allow_blank=True, default="")
    id_number = serializers.CharField(max_length=40, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, allow_blank=True, default="")
    phone = serializers.CharField(max_length=40, allow_blank=True, default="")
    email = serializers.CharField(max_length=254, allow_blank=True, default="")
    date_of_birth = serializers.DateField(allow_null=True, default=None)
    person_id = serializers.IntegerField(
        allow_null=True, default=None, help_text=gettext_lazy("Công dân đã có trong sổ (thay cho các trường trên).")
    )
    is_representative = serializers.BooleanField(default=False)


class PetitionCreateSerializer(serializers.Serializer):
    received_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    unit = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã đơn vị nhận đơn."))
    type = serializers.ChoiceField(choices=PetitionType.choices)
    summary = serializers.CharField(allow_blank=True, trim_whitespace=True)
    petitioners = PetitionerInputSerializer(many=True, allow_empty=True)
    content = serializers.CharField(allow_blank=True, default="", trim_whitespace=False)
    letter_date = serializers.DateField(allow_null=True, default=None)
    respondent_name = serializers.CharField(max_length=500, allow_blank=True, default="")
    respondent_unit = serializers.CharField(max_length=40, allow_blank=True, default="")
    referring_body = serializers.CharField(max_length=300, allow_blank=True, default="")
    referring_doc_number = serializers.CharField(max_length=80, allow_blank=True, default="")
    referring_doc_date = serializers.DateField(allow_null=True, default=None)
    signature_present = serializers.BooleanField(default=True)
    originals_attached = serializers.BooleanField(default=False)
    is_anonymous = serializers.BooleanField(default=False)
    sent_to_several_bodies = serializers.BooleanField(default=False)
    bypasses_level = serializers.BooleanField(default=False)
    subject_field = serializers.CharField(max_length=40, allow_blank=True, default="")
    assignee = serializers.CharField(max_length=150, allow_blank=True, default="")
    external_ref = serializers.CharField(max_length=100, allow_blank=True, default="")


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = gettext_lazy(
        "Khóa Idempotency-Key này đã được dùng để vào sổ một đơn khác với nội dung khác; hãy dùng khóa mới cho đơn mới."
    )
    default_code = "idempotency_key_reused"


def _submission_key(request: Request, user: User) -> str | None:
    """The service's double-submit key for the `Idempotency-Key` header, namespaced by user: a key chosen by
    one client never returns another user's petition. Hashed to fit the column (64 characters)."""
    raw = request.headers.get(IDEMPOTENCY_HEADER, "").strip()
    if not raw:
        return None
    if len(raw) > IDEMPOTENCY_KEY_MAX:
        raise DomainError(
            _("Idempotency-Key dài tối đa %(max)s ký tự.") % {"max": IDEMPOTENCY_KEY_MAX}, field=IDEMPOTENCY_HEADER
        )
    return "api:" + hashlib.sha256(f"{user.pk}\n{raw}".encode()).hexdigest()[:60]


def _same_registration(petition: Petition, *, unit: OrgUnit, v: dict[str, Any]) -> bool:
    """Whether a repeated request registers the same letter as the first one (same key, same body)."""
    return (
        petition.unit_id == unit.pk
        and petition.channel == v["channel"]
        and petition.received_on == v["received_on"]
        and petition.summary == nfc(v["summary"]).strip()
    )


QUEUE_PARAMETERS = [
    OpenApiParameter("status", OpenApiTypes.STR, enum=["open", *PetitionStatus.values],
                     description=gettext_lazy("Trạng thái; “open” = chưa xử lý xong (đã vào sổ, đã phân loại).")),
    OpenApiParameter("type", OpenApiTypes.STR, enum=PetitionType.values),
    OpenApiParameter("field", OpenApiTypes.STR,
                     description=gettext_lazy("Mã lĩnh vực, gồm cả các lĩnh vực con.")),
    OpenApiParameter("unit", OpenApiTypes.STR, description=gettext_lazy("Mã đơn vị nhận đơn.")),
    OpenApiParameter("assignee", OpenApiTypes.STR,
                     description=gettext_lazy("Tên đăng nhập người xử lý, “me” hoặc “none”.")),
    OpenApiParameter("due_before", OpenApiTypes.DATE,
                     description=gettext_lazy("Đơn chưa xử lý có hạn đến hết ngày này.")),
    OpenApiParameter("overdue", OpenApiTypes.BOOL),
    OpenApiParameter("channel", OpenApiTypes.STR, enum=Channel.values),
    OpenApiParameter("q", OpenApiTypes.STR, description=gettext_lazy(
        "Tìm không phân biệt dấu theo mã đơn, mã tham chiếu, tóm tắt, người bị khiếu nại/tố cáo, cơ quan và số "
        "văn bản chuyển đơn, người gửi (trừ người tố cáo); không tìm trong toàn văn đơn."
    )),
]  # fmt: skip


@extend_schema_view(get=extend_schema(parameters=QUEUE_PARAMETERS))
class PetitionListView(generics.ListAPIView):
    """The handler's queue (most urgent first), and registration of a petition from any channel."""

    serializer_class = PetitionListSerializer
    filter_backends: list = []
    _calendar: Any = None

    def get_queryset(self) -> QuerySet[Petition]:
        return selectors.petition_queue(_actor(self.request), queue_filters(self.request.query_params))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        self._calendar = workcal.get_calendar()  # once per page, not once per row
        return super().list(request, *args, **kwargs)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "calendar": self._calendar}

    @extend_schema(
        request=PetitionCreateSerializer,
        responses={201: PetitionCreatedSerializer, 200: PetitionCreatedSerializer},
        parameters=[
            OpenApiParameter(
                IDEMPOTENCY_HEADER,
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description=gettext_lazy(
                    "Gửi lại cùng khóa và cùng nội dung trả về đơn đã vào sổ (200), không tạo đơn mới."
                ),
            )
        ],
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = PetitionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = dict(data.validated_data)
        user = _actor(request)
        unit = _unit_by_code(v["unit"], "unit")
        if unit is None:
            raise DomainError(_("Hãy ghi mã đơn vị nhận đơn."), field="unit")
        key = _submission_key(request, user)
        result = services.register_petition(
            actor=user,
            unit=unit,
            channel=v["channel"],
            type=v["type"],
            received_on=v["received_on"],
            summary=v["summary"],
            petitioners=[services.PetitionerInput(**p) for p in v["petitioners"]],
            content=v["content"],
            letter_date=v["letter_date"],
            respondent_name=v["respondent_name"],
            respondent_unit=_unit_by_code(v["respondent_unit"], "respondent_unit"),
            referring_body=v["referring_body"],
            referring_doc_number=v["referring_doc_number"],
            referring_doc_date=v["referring_doc_date"],
            signature_present=v["signature_present"],
            originals_attached=v["originals_attached"],
            is_anonymous=v["is_anonymous"],
            sent_to_several_bodies=v["sent_to_several_bodies"],
            bypasses_level=v["bypasses_level"],
            subject_field=_subject_field(v["subject_field"], petition_type=v["type"], on=v["received_on"]),
            assignee=_user_by_username(v["assignee"], "assignee"),
            submission_key=key,
            external_ref=v["external_ref"],
        )
        petition = result.petition
        if not result.created and key and petition.submission_key == key:
            if not _same_registration(petition, unit=unit, v=v):
                raise IdempotencyKeyReused()
        body = _detail(request, petition.pk, serializer=PetitionCreatedSerializer)
        return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class PetitionDetailView(APIView):
    """One petition: classification, competence, flags, outcome, documents, timeline, allowed next steps."""

    @extend_schema(responses=PetitionDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(request, int(pk)))


# --- Actions: each calls exactly one service -----------------------------------------------------------


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, allow_null=True, default=None,
        help_text=gettext_lazy("Phiên bản đơn đã xem; nếu đơn đã bị người khác cập nhật thì thao tác bị từ chối."),
    )  # fmt: skip


class ClassifySerializer(VersionSerializer):
    subject_field = serializers.CharField(max_length=40, help_text=gettext_lazy("Mã lĩnh vực chi tiết nhất."))
    failed_conditions = serializers.ListField(
        child=serializers.ChoiceField(choices=list(rules.ELIGIBILITY_CONDITIONS)), default=list
    )
    within_competence = serializers.BooleanField()
    competent_unit = serializers.CharField(max_length=40, allow_blank=True, default="")
    competent_body_name = serializers.CharField(max_length=300, allow_blank=True, default="")
    resolution_status = serializers.ChoiceField(choices=ResolutionStatus.choices, default=ResolutionStatus.UNRESOLVED)
    type = serializers.ChoiceField(choices=PetitionType.choices, allow_blank=True, default="")
    respondent_unit = serializers.CharField(max_length=40, allow_blank=True, default="")
    flags = serializers.DictField(child=serializers.BooleanField(), default=dict)


class AssignSerializer(VersionSerializer):
    assignee = serializers.CharField(max_length=150, help_text=gettext_lazy("Tên đăng nhập người xử lý."))


class SplitPartSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=PetitionType.choices)
    summary = serializers.CharField(allow_blank=True)


class SplitSerializer(VersionSerializer):
    parts = SplitPartSerializer(many=True)


class DuplicateDecisionSerializer(VersionSerializer):
    decision = serializers.ChoiceField(choices=[DuplicateStatus.NEW, DuplicateStatus.LINKED, DuplicateStatus.DUPLICATE])
    other = serializers.IntegerField(
        allow_null=True, default=None, help_text=gettext_lazy("Đơn đã có (cùng vụ việc hoặc bị trùng).")
    )


class SignerSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=120)
    name = serializers.CharField(max_length=200)


class OutcomeDateSerializer(VersionSerializer):
    on = serializers.DateField(allow_null=True, default=None, help_text=gettext_lazy("Ngày xử lý (mặc định hôm nay)."))


class OutcomeSerializer(OutcomeDateSerializer):
    signer = SignerSerializer(
        allow_null=True, default=None, help_text=gettext_lazy("Người ký (mặc định thủ trưởng đơn vị).")
    )


class ProposeAcceptanceSerializer(OutcomeSerializer):
    proposal = serializers.CharField(allow_blank=True)
    recipient = serializers.CharField(max_length=300, allow_blank=True, default="")


class RejectAcceptanceSerializer(OutcomeSerializer):
    ground = serializers.ChoiceField(choices=list(rules.COMPLAINT_REJECTION_GROUNDS))
    note = serializers.CharField(allow_blank=True, default="")


class GuideSerializer(OutcomeSerializer):
    competent_body = serializers.CharField(max_length=300, allow_blank=True, default="")
    reason = serializers.CharField(allow_blank=True, default="")


class TransferSerializer(OutcomeSerializer):
    to_body = serializers.CharField(max_length=300, allow_blank=True, default="")
    note = serializers.CharField(allow_blank=True, default="")
    include_identity = serializers.BooleanField(
        default=True, help_text=gettext_lazy("Đơn tố cáo: ghi danh tính người tố cáo trong phiếu chuyển (Mẫu 03).")
    )


class UrgeSerializer(OutcomeSerializer):
    subordinate_body = serializers.CharField(max_length=300, allow_blank=True)
    earlier_document = serializers.CharField(max_length=300, allow_blank=True)
    report_by = serializers.DateField()
    request = serializers.CharField(allow_blank=True, default="")


class TransferPartySerializer(OutcomeSerializer):
    party_body = serializers.CharField(max_length=300, allow_blank=True)
    note = serializers.CharField(allow_blank=True, default="")


class ArchiveSerializer(OutcomeDateSerializer):
    """No letter is sent when a petition is filed, so there is nobody to sign."""

    reason = serializers.ChoiceField(choices=ArchiveReason.choices)
    note = serializers.CharField(allow_blank=True, default="")


class ReturnOriginalsSerializer(OutcomeSerializer):
    documents = serializers.ListField(child=serializers.CharField(max_length=300), allow_empty=True)
    reason = serializers.CharField(allow_blank=True)


def _signer(v: dict[str, Any]) -> services.Signer | None:
    signer = v.get("signer")
    return services.Signer(title=nfc(signer["title"]), name=nfc(signer["name"])) if signer else None


class PetitionActionView(APIView):
    """POST an action on a petition: validate the body, call one service, answer the updated detail."""

    input_serializer: ClassVar[type[serializers.Serializer]] = VersionSerializer

    def post(self, request: Request, pk: int) -> Response:
        data = self.input_serializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = _actor(request)
        petition = selectors.get_petition(user, int(pk))
        self.perform(user, petition, dict(data.validated_data))
        return Response(_detail(request, petition.pk))

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        raise NotImplementedError


@extend_schema(request=ClassifySerializer, responses=PetitionDetailSerializer)
class ClassifyView(PetitionActionView):
    """Phân loại đơn (TT 05/2021 Điều 6): field, eligibility, competence, resolution status, flags."""

    input_serializer = ClassifySerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        new_type = v["type"] or petition.type
        services.classify_petition(
            actor=user,
            petition=petition,
            subject_field=_subject_field(v["subject_field"], petition_type=new_type, on=petition.received_on),
            failed_conditions=v["failed_conditions"],
            within_competence=v["within_competence"],
            competent_unit=_unit_by_code(v["competent_unit"], "competent_unit"),
            competent_body_name=v["competent_body_name"],
            resolution_status=v["resolution_status"],
            type=v["type"] or None,
            respondent_unit=_unit_by_code(v["respondent_unit"], "respondent_unit"),
            flags=v["flags"] or None,
            version=v["version"],
        )


@extend_schema(request=AssignSerializer, responses=PetitionDetailSerializer)
class AssignView(PetitionActionView):
    """Phân công người xử lý đơn."""

    input_serializer = AssignSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        assignee = _user_by_username(v["assignee"], "assignee")
        if assignee is None:
            raise DomainError(_("Hãy chọn người xử lý."), field="assignee")
        services.assign_petition(actor=user, petition=petition, assignee=assignee, version=v["version"])


@extend_schema(request=SplitSerializer, responses=PetitionDetailSerializer)
class SplitView(PetitionActionView):
    """Tách đơn có nhiều nội dung thành một đơn cho mỗi loại; the detail lists the new `parts`."""

    input_serializer = SplitSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        parts = [(p["type"], p["summary"]) for p in v["parts"]]
        services.split_petition(actor=user, petition=petition, parts=parts, version=v["version"])


@extend_schema(request=DuplicateDecisionSerializer, responses=PetitionDetailSerializer)
class DuplicateDecisionView(PetitionActionView):
    """Quyết định về đơn trùng: vụ việc mới, cùng vụ việc với đơn đã có, hoặc đơn trùng."""

    input_serializer = DuplicateDecisionSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        other = selectors.get_petition(user, v["other"]) if v["other"] is not None else None
        services.resolve_duplicate(
            actor=user, petition=petition, decision=v["decision"], other=other, version=v["version"]
        )


@extend_schema(request=ProposeAcceptanceSerializer, responses=PetitionDetailSerializer)
class ProposeAcceptanceView(PetitionActionView):
    """Đề xuất thụ lý (Mẫu 01)."""

    input_serializer = ProposeAcceptanceSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.propose_acceptance(
            actor=user, petition=petition, proposal=v["proposal"], recipient=v["recipient"], on=v["on"],
            signer=_signer(v), version=v["version"],
        )  # fmt: skip


@extend_schema(request=RejectAcceptanceSerializer, responses=PetitionDetailSerializer)
class RejectAcceptanceView(PetitionActionView):
    """Thông báo không thụ lý khiếu nại, với một căn cứ của Điều 11 Luật Khiếu nại."""

    input_serializer = RejectAcceptanceSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.reject_acceptance(
            actor=user, petition=petition, ground=v["ground"], note=v["note"], on=v["on"], signer=_signer(v),
            version=v["version"],
        )  # fmt: skip


@extend_schema(request=GuideSerializer, responses=PetitionDetailSerializer)
class GuideView(PetitionActionView):
    """Hướng dẫn công dân gửi đơn đến cơ quan có thẩm quyền (một lần)."""

    input_serializer = GuideSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.guide(
            actor=user, petition=petition, competent_body=v["competent_body"], reason=v["reason"], on=v["on"],
            signer=_signer(v), version=v["version"],
        )  # fmt: skip


@extend_schema(request=TransferSerializer, responses=PetitionDetailSerializer)
class TransferView(PetitionActionView):
    """Chuyển đơn đến cơ quan có thẩm quyền (tố cáo: Mẫu 03, một lần cho mỗi nội dung)."""

    input_serializer = TransferSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.transfer(
            actor=user, petition=petition, to_body=v["to_body"], note=v["note"], on=v["on"],
            include_identity=v["include_identity"], signer=_signer(v), version=v["version"],
        )  # fmt: skip


@extend_schema(request=UrgeSerializer, responses=PetitionDetailSerializer)
class UrgeView(PetitionActionView):
    """Đôn đốc cơ quan cấp dưới giải quyết, với hạn báo cáo."""

    input_serializer = UrgeSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.urge(
            actor=user, petition=petition, subordinate_body=v["subordinate_body"],
            earlier_document=v["earlier_document"], report_by=v["report_by"], request=v["request"], on=v["on"],
            signer=_signer(v), version=v["version"],
        )  # fmt: skip


@extend_schema(request=TransferPartySerializer, responses=PetitionDetailSerializer)
class TransferPartyView(PetitionActionView):
    """Chuyển đơn đến tổ chức Đảng (việc của đảng viên)."""

    input_serializer = TransferPartySerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.transfer_to_party(
            actor=user, petition=petition, party_body=v["party_body"], note=v["note"], on=v["on"],
            signer=_signer(v), version=v["version"],
        )  # fmt: skip


@extend_schema(request=ArchiveSerializer, responses=PetitionDetailSerializer)
class ArchiveView(PetitionActionView):
    """Lưu đơn (trùng, không có tình tiết mới, đã hướng dẫn, nặc danh, lý do khác)."""

    input_serializer = ArchiveSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.archive(
            actor=user, petition=petition, reason=v["reason"], note=v["note"], on=v["on"], version=v["version"]
        )


@extend_schema(request=ReturnOriginalsSerializer, responses=PetitionDetailSerializer)
class ReturnOriginalsView(PetitionActionView):
    """Trả lại đơn và giấy tờ, tài liệu gốc (một lần, kèm văn bản trả lại)."""

    input_serializer = ReturnOriginalsSerializer

    def perform(self, user: User, petition: Petition, v: dict[str, Any]) -> None:
        services.return_originals(
            actor=user, petition=petition, documents=v["documents"], reason=v["reason"], on=v["on"],
            signer=_signer(v), version=v["version"],
        )  # fmt: skip


# --- Reads around one petition -------------------------------------------------------------------------


class DuplicateCandidatesView(APIView):
    """Possible duplicates among the petitions the user may see, best first."""

    @extend_schema(responses=CandidateSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        user = _actor(request)
        petition = selectors.get_petition(user, int(pk))
        return Response(CandidateSerializer(candidates_for(user, petition), many=True).data)


class CompetenceSuggestionSerializer(serializers.Serializer):
    unit = serializers.CharField(allow_null=True, help_text=gettext_lazy("Mã đơn vị gợi ý (null nếu chưa gợi ý được)."))
    unit_name = serializers.CharField(allow_null=True)
    explanation = serializers.CharField()


class CompetenceSuggestionView(APIView):
    """Which unit should resolve the matter, from the respondent's unit through the tree as it stood."""

    @extend_schema(responses=CompetenceSuggestionSerializer)
    def get(self, request: Request, pk: int) -> Response:
        petition = selectors.get_petition(_actor(request), int(pk))
        suggestion = services.suggest_competence(petition)
        unit = suggestion.unit
        return Response(
            {
                "unit": unit.code if unit else None,
                "unit_name": unit.name if unit else None,
                "explanation": suggestion.explanation,
            }
        )


# --- Code lists ----------------------------------------------------------------------------------------


class SubjectFieldSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    parent = serializers.CharField(allow_null=True)  # type: ignore[assignment]
    applies_to = serializers.CharField(help_text=gettext_lazy("Loại đơn: complaint, denunciation, rec_feedback."))
    leaf = serializers.BooleanField(help_text=gettext_lazy("Mục chi tiết nhất (được chọn khi phân loại)."))
    list_version = serializers.CharField()
    legal_source = serializers.CharField()


class SubjectFieldListView(APIView):
    """The code list of subject fields (lĩnh vực) in force, DOMAIN §10; classify with a `leaf` entry."""

    @extend_schema(
        parameters=[
            OpenApiParameter("type", OpenApiTypes.STR, enum=PetitionType.values),
            OpenApiParameter("on", OpenApiTypes.DATE, description=gettext_lazy("Danh mục có hiệu lực vào ngày này.")),
        ],
        responses=SubjectFieldSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        petition_type = _choice_param(request.query_params, "type", PetitionType.values)
        on = _date_param(request.query_params, "on") or today()
        entries = SubjectField.objects.valid_on(on).select_related("parent")
        if petition_type:
            entries = entries.filter(applies_to=petition_type)
        rows = list(entries.order_by("applies_to", "sort_order", "code"))
        parents = {e.parent_id for e in rows}
        data = [
            {
                "code": e.code,
                "name": e.name,
                "parent": e.parent.code if e.parent else None,
                "applies_to": e.applies_to,
                "leaf": e.pk not in parents,
                "list_version": e.list_version,
                "legal_source": e.legal_source,
            }
            for e in rows
        ]
        return Response(SubjectFieldSerializer(data, many=True).data)


class GroundSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    source = serializers.CharField()  # type: ignore[assignment]


class RejectionGroundListView(APIView):
    """The closed list of grounds for not accepting a complaint (Law on Complaints 02/2011/QH13, Art 11)."""

    @extend_schema(responses=GroundSerializer(many=True))
    def get(self, request: Request) -> Response:
        grounds = [
            {"code": g.code, "text": g.text, "source": f"{g.source} {rules.LAW_COMPLAINTS}"}
            for g in rules.COMPLAINT_REJECTION_GROUNDS.values()
        ]
        return Response(GroundSerializer(grounds, many=True).data)


class EligibilityConditionListView(APIView):
    """The conditions a petition must meet to be processed (TT 05/2021 Art 6–7), for classification."""

    @extend_schema(responses=CodeTextSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = [{"code": code, "text": text} for code, text in rules.ELIGIBILITY_CONDITIONS.items()]
        return Response(CodeTextSerializer(rows, many=True).data)
