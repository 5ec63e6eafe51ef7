"""Forms of the petition pages. They parse and show what the user typed; every rule stays in services.py.

Dates are typed dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy and ddmmyyyy for speed at the desk).
A `DomainError` raised by a service is put next to the field it names (`add_domain_error`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.orgs.models import Membership, OrgUnit
from tiepdan.orgs.selectors import active_memberships, today, user_scope, visible_units
from tiepdan.people import rules as people_rules

from . import rules, selectors, services
from .models import ArchiveReason, Channel, Petition, PetitionStatus, PetitionType, ResolutionStatus, SubjectField
from .selectors import QueueFilters

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d%m%Y", "%Y-%m-%d"]
REQUIRED = _("Trường này bắt buộc nhập.")
REQUIRED_CHOICE = _("Hãy chọn một mục.")
DJANGO_REQUIRED = forms.Field.default_error_messages["required"]


class VNDateField(forms.DateField):
    default_error_messages = {
        "invalid": _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy, ví dụ 05/03/2026."),
        "required": REQUIRED,
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
            ),
        )
        super().__init__(**kwargs)


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` on the fields that carry an error."""

    fields: dict[str, forms.Field]

    def _style(self) -> None:
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect | forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "").split()
            if css not in classes:
                widget.attrs["class"] = " ".join([*classes, css])
            if field.required:
                widget.attrs.setdefault("aria-required", "true")
            if str(field.error_messages.get("required")) in (str(DJANGO_REQUIRED), str(REQUIRED)):
                choice = isinstance(widget, forms.Select | forms.RadioSelect)
                field.error_messages["required"] = REQUIRED_CHOICE if choice else REQUIRED

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        if field:
            names = [field]
        elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            names = list(error.error_dict)
        elif isinstance(error, dict):
            names = list(error)
        else:
            names = []
        for name in names:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()
                attrs["aria-invalid"] = "true"
                auto_id = self[name].auto_id  # type: ignore[index]
                if auto_id:
                    attrs["aria-describedby"] = f"{auto_id}-loi"  # the message under the field (_field.html)


def add_domain_error(form: forms.BaseForm, exc: DomainError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's Vietnamese message next to the field it names, or above the form."""
    name = (aliases or {}).get(exc.field or "", exc.field)
    if name and name in form.fields:
        form.add_error(name, exc.message)
    else:
        form.add_error(None, exc.message)


def numbered(choices: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    """Options prefixed by a digit so that a keyboard user selects one by typing its number."""
    return [(value, f"{index}. {label}") for index, (value, label) in enumerate(choices, start=1)]


# --- Choice lists (reads for the pages; scoped like every selector) -------------------------------------


def registration_units(user: User) -> list[OrgUnit]:
    """Units where the user may register letters today (services.may_register), own memberships first."""
    on = today()
    units: dict[int, OrgUnit] = {}
    for membership in active_memberships(user):
        if membership.unit.is_valid_on(on) and services.may_register(user, membership.unit):
            units.setdefault(membership.unit_id, membership.unit)
    if not units and user.is_superuser:
        return list(visible_units(user, on=on))
    return list(units.values())


def unit_choices(user: User, *, around: Iterable[OrgUnit] = ()) -> list[OrgUnit]:
    """Units offered for the respondent's or the competent unit: those the user sees today, plus the
    ancestors of the given units (a complaint about a ward often goes to the province)."""
    on = today()
    found = {u.pk: u for u in visible_units(user, on=on)}
    ids: set[int] = set()
    for unit in around:
        ids.update(unit.ancestor_ids())
        ids.add(unit.pk)
    missing = ids - set(found)
    if missing:
        for unit in OrgUnit.objects.filter(pk__in=missing).valid_on(on):
            found[unit.pk] = unit
    return sorted(found.values(), key=lambda u: u.path)


def subject_field_choices(types: Iterable[str], *, on: dt.date | None = None) -> list[tuple[str, Any]]:
    """Leaf subject fields grouped by petition type (the classification needs the most detailed entry)."""
    labels = dict(PetitionType.choices)
    groups: list[tuple[str, Any]] = [("", _("— Chưa chọn —"))]
    for petition_type in types:
        leaves = selectors.leaf_subject_fields(petition_type, on=on)
        by_pk = {f.pk: f for f in selectors.subject_fields_for(petition_type, on=on)}
        options = []
        for leaf in leaves:
            parent = by_pk.get(leaf.parent_id) if leaf.parent_id else None
            options.append((str(leaf.pk), f"{parent.name} › {leaf.name}" if parent else leaf.name))
        groups.append((str(labels[petition_type]), options))
    return groups


def handler_choices(unit: OrgUnit) -> list[User]:
    """People who may be assigned a petition of `unit` (handlers and the head of that unit)."""
    memberships = (
        Membership.objects.valid_on(today())
        .filter(unit=unit, role__in=services.HANDLE_ROLES)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    users: dict[int, User] = {}
    for m in memberships:
        if m.user.is_active:
            users.setdefault(m.user_id, m.user)
    return list(users.values())


def handlers_in_scope(user: User) -> list[User]:
    memberships = (
        Membership.objects.valid_on(today())
        .filter(user_scope(user).q("unit"), role__in=services.HANDLE_ROLES)
        .select_related("user")
        .order_by("user__full_name", "user__username")
    )
    users: dict[int, User] = {}
    for m in memberships:
        users.setdefault(m.user_id, m.user)
    return list(users.values())


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_full_name()} ({obj.username})"


def _subject_field(value: str) -> SubjectField | None:
    if not value:
        return None
    field = SubjectField.objects.filter(pk=value).first() if value.isdigit() else None
    if field is None:
        raise ValidationError(_("Lĩnh vực đã chọn không có trong danh mục."))
    return field


# --- Registration -------------------------------------------------------------------------------------


class RegistrationForm(BootstrapMixin, forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị nhận đơn"), queryset=OrgUnit.objects.none(), empty_label=None)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), help_text=_("Gõ số để chọn nhanh."))
    type = forms.ChoiceField(label=_("Loại đơn"), help_text=_("Gõ số để chọn nhanh."))
    received_on = VNDateField(label=_("Ngày nhận đơn"))
    letter_date = VNDateField(label=_("Ngày viết đơn"), required=False)
    referring_body = forms.CharField(label=_("Cơ quan chuyển đơn"), required=False, max_length=300)
    referring_doc_number = forms.CharField(label=_("Số văn bản chuyển"), required=False, max_length=80)
    referring_doc_date = VNDateField(label=_("Ngày văn bản chuyển"), required=False)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung"),
        max_length=2000,
        help_text=_("Một, hai câu: ai, việc gì, yêu cầu gì."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    content = forms.CharField(
        label=_("Nội dung đơn"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Chép nội dung chính của đơn. Ctrl+Enter để vào sổ."),
    )
    respondent_name = forms.CharField(label=_("Người, cơ quan bị khiếu nại, bị tố cáo"), required=False, max_length=500)
    respondent_unit = UnitChoiceField(
        label=_("Đơn vị của người bị khiếu nại, bị tố cáo"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )
    subject_field = forms.ChoiceField(label=_("Lĩnh vực (nếu đã rõ)"), required=False)
    signature_present = forms.BooleanField(label=_("Có chữ ký hoặc điểm chỉ"), required=False, initial=True)
    originals_attached = forms.BooleanField(label=_("Có kèm giấy tờ bản gốc"), required=False)
    is_anonymous = forms.BooleanField(label=_("Đơn nặc danh (không ghi tên người gửi)"), required=False)
    sent_to_several_bodies = forms.BooleanField(label=_("Đơn gửi nhiều nơi"), required=False)
    bypasses_level = forms.BooleanField(label=_("Đơn vượt cấp"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, user: User, units: list[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        respondent: Any = self.fields["respondent_unit"]
        respondent.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in unit_choices(user, around=units)]).order_by(
            "path"
        )
        channel: Any = self.fields["channel"]
        channel.choices = [("", _("— Chọn nguồn đơn —")), *numbered(Channel.choices)]
        kind: Any = self.fields["type"]
        kind.choices = [("", _("— Chọn loại đơn —")), *numbered(PetitionType.choices)]
        subject: Any = self.fields["subject_field"]
        subject.choices = subject_field_choices(PetitionType.values)
        # The first field to type gets the focus: the unit only when the user registers for several.
        self.fields["unit" if len(units) > 1 else "channel"].widget.attrs["autofocus"] = True
        self._style()

    @staticmethod
    def initial_for(units: list[OrgUnit]) -> dict[str, Any]:
        return {
            "unit": units[0].pk if units else None,
            "received_on": today(),
            "signature_present": True,
            "submission_key": uuid.uuid4().hex,
        }

    def clean_subject_field(self) -> SubjectField | None:
        return _subject_field(self.cleaned_data.get("subject_field") or "")

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        keys = [
            "unit", "channel", "type", "received_on", "letter_date", "summary", "content", "respondent_name",
            "respondent_unit", "referring_body", "referring_doc_number", "referring_doc_date", "signature_present",
            "originals_attached", "is_anonymous", "sent_to_several_bodies", "bypasses_level", "subject_field",
            "submission_key",
        ]  # fmt: skip
        return {key: data.get(key) for key in keys}


class PetitionerForm(BootstrapMixin, forms.Form):
    person_id = forms.IntegerField(required=False, widget=forms.HiddenInput(attrs={"data-role": "person-id"}))
    full_name = forms.CharField(
        label=_("Họ và tên"), required=False, max_length=255, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    id_number = forms.CharField(
        label=_("Số CCCD/hộ chiếu"),
        required=False,
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "title": _("Căn cước 12 số, chứng minh nhân dân 9 số, hoặc hộ chiếu")}
        ),
    )
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=500)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=20)
    is_representative = forms.BooleanField(label=_("Người đại diện"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean_id_number(self) -> str:
        raw = self.cleaned_data.get("id_number") or ""
        if not raw.strip():
            return ""
        number = people_rules.normalize_id_number(raw)
        if number.isdigit() and len(number) not in (9, 12):
            raise ValidationError(
                _("Số giấy tờ gồm %(n)s chữ số: số căn cước gồm 12 chữ số, chứng minh nhân dân cũ gồm 9 chữ số.")
                % {"n": len(number)}
            )
        try:
            return people_rules.validate_id_number(people_rules.guess_id_type(raw), raw)
        except DomainError as exc:
            raise ValidationError(exc.message) from None

    def clean_phone(self) -> str:
        try:
            return people_rules.normalize_phone(self.cleaned_data.get("phone"))
        except DomainError as exc:
            raise ValidationError(exc.message) from None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A row with anything typed in it (even a refused value) needs a name or a person from the lookup.
        if self.has_changed() and not (data.get("full_name") or "").strip() and not data.get("person_id"):
            self.add_error("full_name", _("Hãy nhập họ và tên người gửi đơn."))
        return data

    def to_input(self) -> services.PetitionerInput:
        data = self.cleaned_data
        return services.PetitionerInput(
            full_name=data.get("full_name") or "",
            id_number=data.get("id_number") or "",
            address=data.get("address") or "",
            phone=data.get("phone") or "",
            person_id=data.get("person_id"),
            is_representative=bool(data.get("is_representative")),
        )


PetitionerFormSet = forms.formset_factory(PetitionerForm, extra=1, max_num=200, absolute_max=200)
PETITIONER_PREFIX = "nguoi"


def petitioner_inputs(formset: Any) -> list[services.PetitionerInput]:
    return [f.to_input() for f in formset.forms if f.has_changed() and f.cleaned_data]


# --- Queue filters ------------------------------------------------------------------------------------


class QueueFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)
    type = forms.ChoiceField(label=_("Loại đơn"), required=False)
    channel = forms.ChoiceField(label=_("Nguồn đơn"), required=False)
    field = forms.ChoiceField(label=_("Lĩnh vực"), required=False)
    unit = forms.ChoiceField(label=_("Đơn vị nhận"), required=False)
    assignee = forms.ChoiceField(label=_("Người xử lý"), required=False)
    due_before = VNDateField(label=_("Hạn xử lý đến ngày"), required=False)
    overdue = forms.ChoiceField(
        label=_("Quá hạn"),
        required=False,
        choices=[("", _("Tất cả")), ("1", _("Chỉ đơn quá hạn")), ("0", _("Không quá hạn"))],
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        everything: Any = _("Tất cả")
        status: Any = self.fields["status"]
        status.choices = [("", everything), ("open", _("Đang xử lý")), *PetitionStatus.choices]
        kind: Any = self.fields["type"]
        kind.choices = [("", everything), *PetitionType.choices]
        channel: Any = self.fields["channel"]
        channel.choices = [("", everything), *Channel.choices]
        labels = dict(PetitionType.choices)
        fields: list[tuple[str, Any]] = [("", everything)]
        for petition_type in PetitionType.values:
            entries = selectors.subject_fields_for(petition_type)
            fields.append(
                (str(labels[petition_type]), [(f.code, ("— " * f.depth) + f.name) for f in entries])
            )  # fmt: skip
        field: Any = self.fields["field"]
        field.choices = fields
        unit: Any = self.fields["unit"]
        unit.choices = [("", everything)] + [(u.code, u.name) for u in visible_units(user)]
        assignee: Any = self.fields["assignee"]
        assignee.choices = [
            ("", everything),
            ("me", _("Tôi")),
            ("none", _("Chưa phân công")),
            *[(u.username, u.get_full_name()) for u in handlers_in_scope(user)],
        ]
        self._style()

    def to_filters(self) -> QueueFilters:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        overdue = {"1": True, "0": False}.get(data.get("overdue") or "")
        return QueueFilters(
            status=data.get("status") or "",
            type=data.get("type") or "",
            field=data.get("field") or "",
            unit=data.get("unit") or "",
            assignee=data.get("assignee") or "",
            due_before=data.get("due_before"),
            overdue=overdue,
            channel=data.get("channel") or "",
            q=(data.get("q") or "").strip(),
        )


# --- Petition page: classification, split, assignment, duplicates ---------------------------------------


class VersionedForm(BootstrapMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, petition: Petition, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("version", petition.version)
        super().__init__(*args, **kwargs)
        self.petition = petition


FLAG_LABELS = {name: getattr(Petition._meta.get_field(name), "verbose_name", name) for name in services.FLAG_FIELDS}


class ClassifyForm(VersionedForm):
    type = forms.ChoiceField(label=_("Loại đơn"))
    subject_field = forms.ChoiceField(label=_("Lĩnh vực"))
    failed_conditions = forms.MultipleChoiceField(
        label=_("Điều kiện xử lý đơn chưa đáp ứng"),
        required=False,
        choices=list(rules.ELIGIBILITY_CONDITIONS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống khi đơn đủ điều kiện xử lý (Thông tư 05/2021, Điều 6, 7)."),
    )
    within_competence = forms.TypedChoiceField(
        label=_("Thẩm quyền"),
        choices=[("1", _("Thuộc thẩm quyền của đơn vị")), ("0", _("Không thuộc thẩm quyền"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    competent_unit = UnitChoiceField(
        label=_("Đơn vị có thẩm quyền giải quyết"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )
    competent_body_name = forms.CharField(
        label=_("Hoặc cơ quan có thẩm quyền ngoài hệ thống"),
        required=False,
        max_length=300,
        help_text=_("Ví dụ: Tòa án nhân dân khu vực 1, Công an phường."),
    )
    resolution_status = forms.ChoiceField(label=_("Tình trạng giải quyết"), choices=ResolutionStatus.choices)
    respondent_unit = UnitChoiceField(
        label=_("Đơn vị của người bị khiếu nại, bị tố cáo"),
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label=_("— Không chọn —"),
    )

    def __init__(self, *args: Any, user: User, suggestion: OrgUnit | None = None, **kwargs: Any) -> None:
        petition: Petition = kwargs["petition"]
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("type", petition.type)
        initial.setdefault("subject_field", str(petition.subject_field_id or ""))
        initial.setdefault("failed_conditions", list(petition.eligibility_failures or []))
        if petition.within_competence is not None:
            initial.setdefault("within_competence", "1" if petition.within_competence else "0")
        initial.setdefault("competent_unit", petition.competent_unit_id or (suggestion.pk if suggestion else None))
        initial.setdefault("competent_body_name", petition.competent_body_name)
        initial.setdefault("resolution_status", petition.resolution_status)
        initial.setdefault("respondent_unit", petition.respondent_unit_id)
        for name in services.FLAG_FIELDS:
            initial.setdefault(f"flag_{name}", getattr(petition, name))
        super().__init__(*args, **kwargs)
        for name in services.FLAG_FIELDS:
            self.fields[f"flag_{name}"] = forms.BooleanField(label=FLAG_LABELS[name], required=False)
        if petition.type == PetitionType.DENUNCIATION:
            types = [PetitionType.DENUNCIATION.value]
        else:
            types = [PetitionType.COMPLAINT.value, PetitionType.REC_FEEDBACK.value]
        kind: Any = self.fields["type"]
        kind.choices = [(t, label) for t, label in PetitionType.choices if t in types]
        subject: Any = self.fields["subject_field"]
        subject.choices = subject_field_choices(types, on=petition.received_on)
        around = [petition.unit] + ([suggestion] if suggestion else [])
        if petition.respondent_unit is not None:
            around.append(petition.respondent_unit)
        units = OrgUnit.objects.filter(pk__in=[u.pk for u in unit_choices(user, around=around)]).order_by("path")
        competent: Any = self.fields["competent_unit"]
        competent.queryset = units
        respondent: Any = self.fields["respondent_unit"]
        respondent.queryset = units
        self._style()

    def clean_subject_field(self) -> SubjectField | None:
        return _subject_field(self.cleaned_data.get("subject_field") or "")

    def flag_names(self) -> list[str]:
        return [f"flag_{name}" for name in services.FLAG_FIELDS]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "type": data["type"],
            "subject_field": data["subject_field"],
            "failed_conditions": data["failed_conditions"],
            "within_competence": data["within_competence"],
            "competent_unit": data.get("competent_unit"),
            "competent_body_name": data.get("competent_body_name") or "",
            "resolution_status": data["resolution_status"],
            "respondent_unit": data.get("respondent_unit"),
            "flags": {name: bool(data.get(f"flag_{name}")) for name in services.FLAG_FIELDS},
        }


class SplitForm(VersionedForm):
    PARTS = 3

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index in range(1, self.PARTS + 1):
            self.fields[f"type_{index}"] = forms.ChoiceField(
                label=_("Loại nội dung %(n)s") % {"n": index},
                required=False,
                choices=[("", _("— Không dùng —")), *PetitionType.choices],
            )
            self.fields[f"summary_{index}"] = forms.CharField(
                label=_("Tóm tắt phần %(n)s") % {"n": index}, required=False, max_length=2000
            )
        self._style()

    def rows(self) -> list[tuple[Any, Any]]:
        return [(self[f"type_{i}"], self[f"summary_{i}"]) for i in range(1, self.PARTS + 1)]

    def parts(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        parts = []
        for index in range(1, self.PARTS + 1):
            kind, summary = data.get(f"type_{index}") or "", data.get(f"summary_{index}") or ""
            if kind or summary.strip():
                if not kind:
                    raise DomainError(str(_("Phần %(n)s: hãy chọn loại nội dung.") % {"n": index}), field="parts")
                parts.append((kind, summary))
        return parts


class AssignForm(VersionedForm):
    assignee = UserChoiceField(label=_("Giao cho"), queryset=User.objects.none(), empty_label=_("— Chọn người —"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        petition = self.petition
        users = handler_choices(petition.unit)
        field: Any = self.fields["assignee"]
        field.queryset = User.objects.filter(pk__in=[u.pk for u in users]).order_by("full_name", "username")
        if petition.assignee_id:
            self.initial.setdefault("assignee", petition.assignee_id)
        self._style()


class DuplicateDecisionForm(VersionedForm):
    decision = forms.ChoiceField(choices=[("new", "new"), ("linked", "linked"), ("duplicate", "duplicate")])
    other = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def other_petition(self, user: User) -> Petition | None:
        other_id = self.cleaned_data.get("other")
        if not other_id:
            return None
        return selectors.visible_petitions(user).filter(pk=other_id).first()


class RevealForm(BootstrapMixin, forms.Form):
    purpose = forms.CharField(
        label=_("Mục đích xem danh tính"),
        max_length=300,
        error_messages={"required": _("Hãy ghi mục đích xem danh tính (mỗi lần xem đều được ghi nhật ký).")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


# --- Outcomes -----------------------------------------------------------------------------------------


class OutcomeForm(VersionedForm):
    """Common to every outcome: the day it is decided (today by default)."""

    signed = True
    on = VNDateField(label=_("Ngày xử lý"), required=False)
    aliases = {"signer": "signer_name"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on", today())
        if self.signed:
            signer = services.default_signer(self.petition.unit)
            self.fields["signer_title"] = forms.CharField(label=_("Chức vụ người ký"), max_length=100)
            self.fields["signer_name"] = forms.CharField(label=_("Họ tên người ký"), max_length=200)
            self.initial.setdefault("signer_title", signer.title)
            self.initial.setdefault("signer_name", signer.name)
        self._style()

    def common_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs: dict[str, Any] = {"on": data.get("on")}
        if self.signed:
            kwargs["signer"] = services.Signer(data["signer_title"].strip(), data["signer_name"].strip())
        return kwargs

    def service_kwargs(self) -> dict[str, Any]:
        raise NotImplementedError


class ProposeAcceptanceForm(OutcomeForm):
    proposal = forms.CharField(
        label=_("Nội dung đề xuất thụ lý"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial=_("Đề nghị thụ lý giải quyết theo quy định."),
    )
    recipient = forms.CharField(
        label=_("Kính gửi"),
        required=False,
        max_length=300,
        help_text=_("Để trống: gửi thủ trưởng đơn vị nhận đơn."),
    )
    field_order = ["proposal", "recipient", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "proposal": data["proposal"], "recipient": data.get("recipient") or ""}


class RejectAcceptanceForm(OutcomeForm):
    ground = forms.ChoiceField(
        label=_("Căn cứ không thụ lý (Điều 11 Luật Khiếu nại)"),
        choices=[("", _("— Chọn căn cứ —"))]
        + [(g.code, f"{g.source}: {g.text}") for g in rules.COMPLAINT_REJECTION_GROUNDS.values()],
    )
    note = forms.CharField(label=_("Ghi chú thêm"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["ground", "note", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "ground": data["ground"], "note": data.get("note") or ""}


def _competent_text(petition: Petition) -> str:
    if petition.competent_body_name:
        return petition.competent_body_name
    return petition.competent_unit.name if petition.competent_unit else ""


class GuideForm(OutcomeForm):
    competent_body = forms.CharField(label=_("Cơ quan có thẩm quyền công dân cần gửi đơn"), max_length=300)
    reason = forms.CharField(label=_("Lý do đơn không thuộc thẩm quyền"), widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["competent_body", "reason", "on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("competent_body", _competent_text(kwargs["petition"]))
        super().__init__(*args, **kwargs)

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "competent_body": data["competent_body"], "reason": data["reason"]}


class TransferForm(OutcomeForm):
    to_body = forms.CharField(label=_("Cơ quan nhận đơn chuyển"), max_length=300)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    include_identity = forms.BooleanField(
        label=_("Ghi danh tính người tố cáo trong phiếu chuyển (phiếu được đánh dấu mật)"),
        required=False,
        initial=True,
    )
    field_order = ["to_body", "note", "include_identity", "on"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("to_body", _competent_text(kwargs["petition"]))
        super().__init__(*args, **kwargs)
        if self.petition.type != PetitionType.DENUNCIATION:
            del self.fields["include_identity"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        kwargs = {**self.common_kwargs(), "to_body": data["to_body"], "note": data.get("note") or ""}
        if "include_identity" in self.fields:
            kwargs["include_identity"] = bool(data.get("include_identity"))
        return kwargs


class UrgeForm(OutcomeForm):
    subordinate_body = forms.CharField(label=_("Cơ quan cấp dưới được đôn đốc"), max_length=300)
    earlier_document = forms.CharField(
        label=_("Văn bản đã chuyển, giao trước đây"), max_length=300, help_text=_("Số, ngày văn bản.")
    )
    report_by = VNDateField(label=_("Thời hạn báo cáo kết quả"))
    request = forms.CharField(
        label=_("Yêu cầu"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Để trống: giải quyết dứt điểm và báo cáo kết quả."),
    )  # fmt: skip
    field_order = ["subordinate_body", "earlier_document", "report_by", "request", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "subordinate_body": data["subordinate_body"],
            "earlier_document": data["earlier_document"],
            "report_by": data["report_by"],
            "request": data.get("request") or "",
        }


class TransferPartyForm(OutcomeForm):
    party_body = forms.CharField(
        label=_("Tổ chức Đảng nhận đơn"), max_length=300, help_text=_("Ví dụ: Ủy ban Kiểm tra Đảng ủy phường.")
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["party_body", "note", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "party_body": data["party_body"], "note": data.get("note") or ""}


class ArchiveForm(OutcomeForm):
    signed = False
    reason = forms.ChoiceField(label=_("Lý do lưu đơn"), choices=[("", _("— Chọn lý do —")), *ArchiveReason.choices])
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bắt buộc khi chọn “Lý do khác”."),
    )  # fmt: skip
    field_order = ["reason", "note", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {**self.common_kwargs(), "reason": data["reason"], "note": data.get("note") or ""}


class ReturnOriginalsForm(OutcomeForm):
    documents = forms.CharField(
        label=_("Đơn, giấy tờ, tài liệu gốc trả lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Mỗi dòng một giấy tờ."),
    )
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))
    field_order = ["documents", "reason", "on"]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.common_kwargs(),
            "documents": [line for line in data["documents"].splitlines() if line.strip()],
            "reason": data["reason"],
        }


OUTCOME_FORMS: dict[str, type[OutcomeForm]] = {
    "propose_acceptance": ProposeAcceptanceForm,
    "reject_acceptance": RejectAcceptanceForm,
    "guide": GuideForm,
    "transfer": TransferForm,
    "urge": UrgeForm,
    "transfer_party": TransferPartyForm,
    "archive": ArchiveForm,
}
