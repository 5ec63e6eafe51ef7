from __future__ import annotations

import calendar as pycal
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from . import rules, workcal
from .models import DeadlineRule


class DeadlineForm(forms.Form):
    rule = forms.ChoiceField(label=_("Quy tắc thời hạn"), widget=forms.Select(attrs={"class": "form-select"}))
    start = forms.DateField(label=_("Ngày bắt đầu tính"), input_formats=["%d/%m/%Y"], help_text=_("dd/mm/yyyy"))
    flags = forms.MultipleChoiceField(
        label=_("Tình tiết"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input me-1"}),
        choices=[(k, v) for k, v in rules.FLAG_LABELS.items()],
    )
    extensions = forms.IntegerField(
        label=_("Số lần gia hạn"),
        min_value=0,
        initial=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = DeadlineRule.objects.order_by("code").values_list("code", "title").distinct()
        seen: dict[str, str] = {}
        for code, title in codes:
            seen.setdefault(code, title)
        rule_field: Any = self.fields["rule"]
        # Officials look rules up by what they govern; the code stays visible for the CLI and the API.
        rule_field.choices = sorted(((c, f"{t} ({c})") for c, t in seen.items()), key=lambda ch: ch[1])


def _months(result: rules.Deadline, cal: rules.WorkCalendar) -> list[dict[str, Any]]:
    """Month grids from the trigger to the due date, each day marked trigger / skipped / due / off."""
    skipped = {d for d, _ in result.skipped}
    end = result.due or result.start
    months: list[dict[str, Any]] = []
    y, m = result.start.year, result.start.month
    while (y, m) <= (end.year, end.month) and len(months) < 6:
        weeks = []
        for week in pycal.Calendar(firstweekday=0).monthdatescalendar(y, m):
            row = []
            for day in week:
                marks = []
                if day.month != m:
                    marks.append("other")
                if day == result.start:
                    marks.append("trigger")
                if day == result.due:
                    marks.append("due")
                if day in skipped:
                    marks.append("skipped")
                elif not cal.is_working(day):
                    marks.append("off")
                row.append({"day": day, "marks": " ".join(marks)})
            weeks.append(row)
        months.append({"label": f"Tháng {m}/{y}", "weeks": weeks})
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


@login_required
def calculator(request: HttpRequest) -> HttpResponse:
    form = DeadlineForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = workcal.calculate(
                data["rule"], data["start"], flags=data["flags"], extensions=data["extensions"] or 0
            )
        except rules.RuleError as exc:
            form.add_error(None, str(exc))
        else:
            cal = workcal.get_calendar()
            context.update(result=result, months=_months(result, cal))
    return render(request, "lawcal/calculator.html", context)


def reminders_panel(request: HttpRequest) -> dict[str, Any] | None:
    from .selectors import open_reminders

    if not request.user.is_authenticated:
        return None
    return {"reminders": list(open_reminders(request.user)[:20])}
