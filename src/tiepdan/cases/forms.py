"""Forms of the case pages that are real Django forms: the filters of the case list (the step forms on the case
page are read field by field in views._run, each checked by its service)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from tiepdan.core.models import User
from tiepdan.orgs.selectors import visible_units
from tiepdan.petitions.forms import BootstrapMixin, handlers_in_scope

from . import backlog, rules
from .backlog import DUE_LABELS, FLAG_LABELS
from .models import CaseType
from .selectors import CaseFilters


class CaseFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
    type = forms.ChoiceField(label=_("Loại vụ việc"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    flag = forms.ChoiceField(label=_("Theo dõi"), required=False)
    due = forms.ChoiceField(label=_("Hạn giải quyết"), required=False)
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    assignee = forms.ChoiceField(label=_("Người giải quyết"), required=False)
    review = forms.ChoiceField(label=_("Rà soát"), required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything: Any = _("Tất cả")
        choices: dict[str, list[tuple[str, Any]]] = {
            "type": [("", everything), *CaseType.choices],
            "state": [("", everything), *[(k, _(v)) for k, v in rules.STATE_LABELS.items()]],
            "flag": [("", everything), *FLAG_LABELS.items()],
            "due": [("", everything), *DUE_LABELS.items()],
            "unit": [("", everything), *[(u.code, u.name) for u in visible_units(user)]],
            "assignee": [
                ("", everything),
                ("me", _("Tôi")),
                ("none", _("Chưa phân công")),
                *[(u.username, u.get_full_name()) for u in handlers_in_scope(user)],
            ],
            "review": [("", ""), *backlog.REVIEW_LABELS.items()],
        }
        for name, options in choices.items():
            field: Any = self.fields[name]
            field.choices = options
        self._style()

    def to_filters(self) -> CaseFilters:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return CaseFilters(**{name: (data.get(name) or "").strip() for name in self.fields})
