"""The registry of statutory report forms (TT 06/2025/TT-TTCP). Each form is one module exposing `FORM`, an
object with the `base.ReportForm` interface; `register()` adds it. 01/TCD is one of them, counted from the
reception register (see docs/reports.md, "Thêm một biểu").
"""

from __future__ import annotations

from .base import Column, MeasuredForm, ReportForm, Result, ResultRow

# Every form the law defines (so an unknown code and a not-yet-available one get different messages).
KNOWN_FORMS = {
    "01/TCD": "Tổng hợp kết quả tiếp công dân",
    "02/XLD": "Tổng hợp kết quả tiếp nhận, xử lý đơn",
    "03/GQKN": "Tổng hợp kết quả giải quyết khiếu nại",
    "04/GQTC": "Tổng hợp kết quả giải quyết tố cáo",
    "05/KQTH": "Tổng hợp kết quả thực hiện kết luận, quyết định",
    "06/QLKNTC": "Tổng hợp kết quả quản lý nhà nước về khiếu nại, tố cáo",
}

_REGISTRY: dict[str, ReportForm] = {}


class FormError(LookupError):
    """Unknown or unavailable form; the message is Vietnamese."""


def register(form: ReportForm) -> None:
    _REGISTRY[form.code] = form


def available() -> list[ReportForm]:
    order = list(KNOWN_FORMS)
    return sorted(_REGISTRY.values(), key=lambda f: order.index(f.code) if f.code in order else len(order))


def get_form(code: str) -> ReportForm:
    key = (code or "").strip().upper()
    if key in _REGISTRY:
        return _REGISTRY[key]
    names = ", ".join(f.code for f in available())
    if key in KNOWN_FORMS:
        raise FormError(f"Biểu {key} ({KNOWN_FORMS[key]}) chưa có trong hệ thống này. Các biểu hiện có: {names}.")
    raise FormError(f"Không có biểu báo cáo “{code}”. Các biểu hiện có: {names}.")


def _register_builtin() -> None:
    from . import gqkn03, gqtc04, tcd01, xld02

    for module in (tcd01, xld02, gqkn03, gqtc04):
        register(module.FORM)


_register_builtin()

__all__ = ["Column", "FormError", "MeasuredForm", "ReportForm", "Result", "ResultRow", "available", "get_form",
           "register"]  # fmt: skip
