from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    """Django's login form with our own Vietnamese messages (Django's Vietnamese catalogue lacks them)."""

    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã ngừng hoạt động."),
    }


def describe_filters(form: forms.Form) -> str:
    """The filters a list's (validated) form holds, in words, for an export's description line:
    "Điều kiện lọc: Loại vụ việc: Tố cáo; Theo dõi: Phức tạp." or "Không lọc."."""
    data = getattr(form, "cleaned_data", {})
    parts = []
    for name, field in form.fields.items():
        value = data.get(name)
        if value in (None, ""):
            continue
        labels: dict[Any, Any] = {}
        for key, label in getattr(field, "choices", None) or []:
            if isinstance(label, list | tuple):  # an optgroup: (group label, [(key, label), ...])
                labels.update(dict(label))
            else:
                labels[key] = label
        shown = value.strftime("%d/%m/%Y") if hasattr(value, "strftime") else labels.get(value, value)
        parts.append(f"{field.label or name}: {shown}")
    return (gettext("Điều kiện lọc: ") + "; ".join(parts) + ".") if parts else gettext("Không lọc.")
