"""Forms of the reception pages. They only parse and check shapes; the rules are in `services.py`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import today, visible_units
from tiepdan.petitions.forms import BootstrapMixin, VNDateField
from tiepdan.petitions.models import PetitionType
from tiepdan.petitions.services import PetitionerInput

from . import rules, services
from .models import SessionKind, VisitOutcome

PERSON_ROWS = 5
WEEKDAYS = [(0, _("Thứ Hai")), (1, _("Thứ Ba")), (2, _("Thứ Tư")), (3, _("Thứ Năm")), (4, _("Thứ Sáu")),
            (5, _("Thứ Bảy")), (6, _("Chủ nhật"))]  # fmt: skip


def units_for(user: User, *, schedule: bool = False) -> list[OrgUnit]:
    """The units where the user keeps the register (or the schedule), valid today."""
    check = services.may_schedule if schedule else services.may_receive
    return [u for u in visible_units(user, on=today()) if check(user, u)]


def _time_field(label: Any) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        input_formats=["%H:%M", "%Hh%M", "%H"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "inputmode": "numeric"}),
        error_messages={"invalid": _("Giờ không hợp lệ: hãy nhập theo dạng hh:mm, ví dụ 07:30.")},
    )


class UnitChoiceMixin:
    fields: dict[str, forms.Field]

    def _units(self, units: list[OrgUnit]) -> None:
        field = self.fields["unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = OrgUnit.objects.filter(pk__in=[u.pk for u in units]).order_by("path")
        if len(units) == 1:
            field.initial = units[0].pk


class RegisterFilterForm(BootstrapMixin, forms.Form):
    date_from = VNDateField(label=_("Từ ngày"), required=False)
    date_to = VNDateField(label=_("Đến ngày"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none(), required=False,
                                  empty_label=_("Mọi đơn vị trong phạm vi"))  # fmt: skip

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = visible_units(user)
        self._style()

    def range(self) -> tuple[dt.date, dt.date]:
        on = today()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start = data.get("date_from") or on.replace(day=1)
        end = data.get("date_to") or on
        return start, end

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("“Đến ngày” phải sau “Từ ngày”."))
        return data


class VisitForm(UnitChoiceMixin, BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp"), queryset=OrgUnit.objects.none())
    received_on = VNDateField(label=_("Ngày tiếp"))
    session = forms.IntegerField(label=_("Buổi tiếp của thủ trưởng (nếu có)"), required=False,
                                 widget=forms.Select(choices=[]))  # fmt: skip
    type = forms.ChoiceField(label=_("Phân loại"), choices=PetitionType.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Nội dung vụ việc"), widget=forms.Textarea(attrs={"rows": 3}))
    content = forms.CharField(label=_("Nội dung trình bày chi tiết (ghi vào đơn khi tiếp nhận)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    persons_count = forms.IntegerField(
        label=_("Số người cùng nội dung"), min_value=1, required=False,
        help_text=_("Để trống: bằng số người đã ghi tên. Từ 5 người trở lên là đoàn đông người."),
    )  # fmt: skip
    already_resolved_by = forms.CharField(label=_("Cơ quan đã giải quyết"), required=False, max_length=500)
    within_competence = forms.BooleanField(label=_("Thuộc thẩm quyền"), required=False, initial=True)
    outcome = forms.ChoiceField(label=_("Kết quả tiếp"), choices=VisitOutcome.choices)
    guided_to = forms.CharField(label=_("Hướng dẫn đến cơ quan"), required=False, max_length=300)
    target_unit = forms.ModelChoiceField(label=_("Cơ quan cấp dưới được yêu cầu"), queryset=OrgUnit.objects.none(),
                                         required=False)  # fmt: skip
    case_code = forms.CharField(label=_("Mã vụ việc đã có (tiếp nhiều lần)"), required=False, max_length=100)
    follow_up = forms.CharField(label=_("Theo dõi kết quả giải quyết"), required=False, max_length=500)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: User, sessions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for(user)
        self._units(units)
        target = self.fields["target_unit"]
        assert isinstance(target, forms.ModelChoiceField)
        target.queryset = visible_units(user, on=today()).exclude(pk__in=[u.pk for u in units])
        session_field = self.fields["session"]
        session_field.widget.choices = [("", _("— Tiếp thường xuyên (không thuộc buổi tiếp của thủ trưởng) —"))] + [
            (s.pk, f"{s.on:%d/%m/%Y} {s.start_time:%H:%M} — {s.get_kind_display()} — {s.host_name} ({s.unit.name})")
            for s in sessions
        ]
        for i in range(PERSON_ROWS):
            self.fields[f"p{i}_name"] = forms.CharField(
                label=_("Họ và tên"), required=i == 0, max_length=200,
                widget=forms.TextInput(attrs={"placeholder": _("Họ và tên"), "aria-label": _("Họ và tên")}),
            )  # fmt: skip
            self.fields[f"p{i}_id"] = forms.CharField(
                label=_("Số CCCD/CMND"), required=False, max_length=20,
                widget=forms.TextInput(attrs={
                    "hx-get": reverse("reception:case_candidates"), "hx-trigger": "change",
                    "hx-target": "#vu-viec-da-co", "hx-include": "#visit-form [name$='_id']", "inputmode": "numeric",
                    "placeholder": _("Số CCCD/CMND"), "aria-label": _("Số CCCD/CMND"),
                }),
            )  # fmt: skip
            self.fields[f"p{i}_address"] = forms.CharField(
                label=_("Địa chỉ"), required=False, max_length=300,
                widget=forms.TextInput(attrs={"placeholder": _("Địa chỉ"), "aria-label": _("Địa chỉ")}),
            )  # fmt: skip
            self.fields[f"p{i}_rep"] = forms.BooleanField(label=_("Đại diện"), required=False)
        self.fields["received_on"].initial = today()
        todays = [s.pk for s in sessions if s.on == today()]
        if todays:
            session_field.initial = todays[0]
        self.fields["type"].initial = PetitionType.COMPLAINT
        self.fields["summary"].widget.attrs["autofocus"] = True
        self._style()

    def person_rows(self) -> list[dict[str, Any]]:
        return [
            {"name": self[f"p{i}_name"], "id": self[f"p{i}_id"], "address": self[f"p{i}_address"],
             "rep": self[f"p{i}_rep"], "index": i + 1}
            for i in range(PERSON_ROWS)
        ]  # fmt: skip

    def people(self) -> list[PetitionerInput]:
        data = self.cleaned_data
        found = []
        for i in range(PERSON_ROWS):
            name = (data.get(f"p{i}_name") or "").strip()
            if name:
                found.append(
                    PetitionerInput(
                        full_name=name, id_number=(data.get(f"p{i}_id") or "").strip(),
                        address=(data.get(f"p{i}_address") or "").strip(),
                        is_representative=bool(data.get(f"p{i}_rep")),
                    )
                )  # fmt: skip
        return found


class RefusalForm(UnitChoiceMixin, BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    refused_on = VNDateField(label=_("Ngày từ chối"))
    full_name = forms.CharField(label=_("Họ và tên công dân"), max_length=200)
    id_number = forms.CharField(label=_("Số CCCD/CMND"), required=False, max_length=20)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=300)
    ground = forms.ChoiceField(label=_("Căn cứ từ chối"), choices=[])
    detail = forms.CharField(label=_("Diễn biến, lý do cụ thể"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units(units_for(user))
        self.fields["refused_on"].initial = today()
        seen: dict[str, str] = {}
        for ground in rules.REFUSAL_GROUNDS:  # every code; the service checks the list of the day
            seen.setdefault(ground.code, ground.label)
        for ground in rules.refusal_grounds_on(today()):
            seen[ground.code] = ground.label
        field = self.fields["ground"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "—"), *seen.items()]
        self._style()


class RegularScheduleForm(UnitChoiceMixin, BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    weekdays = forms.TypedMultipleChoiceField(label=_("Các ngày trong tuần"), choices=WEEKDAYS, coerce=int,
                                              widget=forms.CheckboxSelectMultiple)  # fmt: skip
    start_time = _time_field(_("Từ giờ"))
    end_time = _time_field(_("Đến giờ"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=300)
    officers = forms.CharField(label=_("Cán bộ tiếp"), required=False, max_length=500)
    valid_from = VNDateField(label=_("Áp dụng từ ngày"))
    valid_to = VNDateField(label=_("Áp dụng đến hết ngày"), required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units(units_for(user, schedule=True))
        self._style()


class SessionForm(UnitChoiceMixin, BootstrapMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=OrgUnit.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=SessionKind.choices)
    on = VNDateField(label=_("Ngày tiếp"))
    start_time = _time_field(_("Từ giờ"))
    end_time = _time_field(_("Đến giờ"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=300)
    host_name = forms.CharField(label=_("Họ tên người chủ trì"), max_length=200)
    host_title = forms.CharField(label=_("Chức vụ"), max_length=200)
    officers = forms.CharField(label=_("Cán bộ cùng tiếp"), required=False, max_length=500)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._units(units_for(user, schedule=True))
        self._style()


class CloseSessionForm(BootstrapMixin, forms.Form):
    conclusions = forms.CharField(label=_("Kết luận của người chủ trì (mỗi dòng một ý)"),
                                  widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()
