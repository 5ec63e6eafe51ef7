from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.reports import tally


class Command(BaseCommand):
    help = (
        "Bảng đếm đơn của bảng điều hành (reports.tally): `tally --check` so với các đơn trong cơ sở dữ liệu, "
        "`tally --rebuild` đếm lại từ đầu (sau khi khôi phục dữ liệu bỏ qua trigger)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true", help="Kiểm tra bảng đếm có khớp với các đơn không.")
        group.add_argument("--rebuild", action="store_true", help="Đếm lại toàn bộ bảng đếm từ các đơn.")

    def handle(self, *args: Any, check: bool, rebuild: bool, **options: Any) -> None:
        if rebuild:
            rows = tally.rebuild()
            self.stdout.write(f"Đã đếm lại bảng đếm đơn: {rows:,} dòng.".replace(",", "."))
            return
        problems = tally.drift()
        if problems:
            for p in problems[:20]:
                self.stdout.write(f"  đơn vị {p.key[0]}, tháng {p.key[1]}, {p.key[2]}, lĩnh vực {p.key[3]}: "
                                  f"bảng đếm {p.tally}, thực tế {p.petitions}")  # fmt: skip
            raise CommandError(
                f"Bảng đếm đơn lệch với dữ liệu ở {len(problems)} nhóm. Chạy `tiepdan tally --rebuild` để đếm lại."
            )
        self.stdout.write("Bảng đếm đơn khớp với dữ liệu.")
