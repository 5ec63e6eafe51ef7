from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.core.audit import verify_chain


class Command(BaseCommand):
    help = "Nhật ký kiểm toán: `audit verify` kiểm tra chuỗi băm, báo sự kiện đầu tiên bị sửa hoặc xóa."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Kiểm tra toàn vẹn của nhật ký kiểm toán.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        checked, problem = verify_chain()
        if problem is not None:
            raise CommandError(
                f"Nhật ký kiểm toán KHÔNG toàn vẹn. {problem.message} (đã kiểm tra {checked} sự kiện hợp lệ trước đó)"
            )
        self.stdout.write(f"Nhật ký kiểm toán toàn vẹn: {checked} sự kiện.")
