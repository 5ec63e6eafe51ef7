"""Demo configuration of report due dates (`reports.ReportDueRule`). TT 06/2025/TT-TTCP leaves due dates to each
authority; these example values follow the usual practice of communes reporting first so that the city can roll
their figures up: communes and wards 2 days after the data cut-off (the 16th), other bodies 5 days (the 19th).
Marked as demo data in their source; idempotent."""

from __future__ import annotations

import datetime as dt

from tiepdan.orgs.models import UnitKind
from tiepdan.reports.models import ReportDueRule

SOURCE = "Dữ liệu mẫu: quy chế báo cáo định kỳ của UBND thành phố (cấu hình, không phải quy định của Thông tư)"
RULES = [(UnitKind.WARD, 2), (UnitKind.COMMUNE, 2), ("", 5)]


def load_report_due_rules() -> int:
    created = 0
    for unit_kind, days in RULES:
        _rule, made = ReportDueRule.objects.get_or_create(
            unit_kind=unit_kind, period_kind="", valid_from=dt.date(2025, 7, 1),
            defaults={"days_after_cutoff": days, "legal_source": SOURCE},
        )  # fmt: skip
        created += made
    return created
