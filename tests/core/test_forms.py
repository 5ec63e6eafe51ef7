"""Common form helpers (`core.forms`): the filter description written on every list export."""

from __future__ import annotations

import datetime as dt

from django import forms

from tiepdan.core.forms import describe_filters


class ListFilters(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    field = forms.ChoiceField(
        label="Lĩnh vực",
        required=False,
        choices=[("", "Tất cả"), ("Khiếu nại", [("KN.DD", "Đất đai"), ("KN.NO", "Nhà ở")])],
    )
    overdue = forms.ChoiceField(label="Quá hạn", required=False, choices=[("", "Tất cả"), ("0", "Không quá hạn")])
    due_before = forms.DateField(label="Hạn đến ngày", required=False, input_formats=["%d/%m/%Y"])
    review = forms.CharField(required=False, widget=forms.HiddenInput)


def test_filters_are_described_with_their_labels_in_field_order():
    form = ListFilters({"q": "Bãi Sậy", "field": "KN.DD", "overdue": "0", "due_before": "31/12/2026", "review": "x"})
    assert form.is_valid(), form.errors
    assert describe_filters(form) == (
        "Điều kiện lọc: Tìm kiếm: Bãi Sậy; Lĩnh vực: Đất đai; Quá hạn: Không quá hạn; Hạn đến ngày: 31/12/2026; "
        "review: x."
    )
    assert form.cleaned_data["due_before"] == dt.date(2026, 12, 31)


def test_no_filter_and_an_unvalidated_form_say_so():
    form = ListFilters({"q": "", "field": ""})
    assert form.is_valid()
    assert describe_filters(form) == "Không lọc."
    assert describe_filters(ListFilters({"q": "x"})) == "Không lọc."  # not validated: nothing is trusted
