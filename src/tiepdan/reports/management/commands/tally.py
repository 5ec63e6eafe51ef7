from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.reports import tally


class Command(BaseCommand):
    help = (
        "Bảng đếm đơn của bảng điều hành (reports.tally): `tally --check` so với các đơn trong cơ sở dữ liệu, "
        "`tally --rebuild` đếm lại từ đầu (sau khi khôi phục dữ liệu bỏ qua trigger); cùng với lĩnh vực chép trên "
        "các thời hạn giải quyết."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true", help="Kiểm tra bảng đếm có khớp với các đơn không.")
        group.add_argument("--rebuild", action="store_true", help="Đếm lại toàn bộ bảng đếm từ các đơn.")

    def handle(self, *args: Any, check: bool, rebuild: bool, **options: Any) -> None:
        if rebuild:
            rows = tally.rebuild()
            limits = tally.refill_matter_fields()
            message = f"Đã đếm lại bảng đếm đơn: {rows:,} dòng; chép lại lĩnh vực cho {limits:,} thời hạn giải quyết."
            self.stdout.write(message.replace(",", "."))
            return
        wrong_fields = tally.matter_field_drift()
        if wrong_fields:
            raise CommandError(
                f"{wrong_fields} thời hạn giải quyết mang lĩnh vực khác với vụ việc, đơn của nó. "
                "Chạy `tiepdan tally --rebuild` để chép lại."
            )
        problems = tally.drift()
        if problems:
            for p in problems[:20]:
                self.stdout.write(f"  đơn vị {p.key[0]}, tháng {p.key[1]}, {p.key[2]}, lĩnh vực {p.key[3]}: "
                                  f"bảng đếm {p.tally}, thực tế {p.petitions}")  # fmt: skip
            raise CommandError(
                f"Bảng đếm đơn lệch với dữ liệu ở {len(problems)} nhóm. Chạy `tiepdan tally --rebuild` để đếm lại."
            )
        self.stdout.write("Bảng đếm đơn và lĩnh vực của các thời hạn giải quyết khớp với dữ liệu.")
