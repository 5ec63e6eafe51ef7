from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.petitions import duplicates


class Command(BaseCommand):
    help = "Lập lại chỉ mục tìm đơn trùng (các dải MinHash của tóm tắt nội dung) cho mọi đơn đã vào sổ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=1000, help="Số đơn mỗi lượt (mặc định 1000).")
        parser.add_argument(
            "--missing-only", action="store_true", help="Chỉ lập chỉ mục cho các đơn chưa có (sau khi nhập hàng loạt)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError("--batch-size phải là số nguyên dương.")
        count = duplicates.rebuild_index(batch_size=options["batch_size"], missing_only=options["missing_only"])
        self.stdout.write(f"Đã lập chỉ mục tìm đơn trùng cho {count} đơn.")
