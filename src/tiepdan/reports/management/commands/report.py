"""`tiepdan report FORM --unit CODE --period PERIOD --format json|xlsx [-o FILE]` (CONTRACTS.md).

JSON: {"form", "unit", "period": {"from", "to"}, "columns": [{"key", "label"}], "rows": [{"unit", "values"}],
"total"} (plus names, labels, header groups and column numbers). Bad input → Vietnamese message on stderr, exit 2.
"""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.core.errors import DomainError

SYNTAX = "tiepdan report BIỂU --unit MÃ_ĐƠN_VỊ --period KỲ --format json|xlsx [-o TỆP]"


class VietnameseParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        text = f"Tham số dòng lệnh không hợp lệ ({message}). Cú pháp: {SYNTAX}"
        if getattr(self, "called_from_command_line", False):
            sys.stderr.write(text + "\n")
            sys.exit(2)
        raise CommandError(text, returncode=2)


class Command(BaseCommand):
    help = "Lập báo cáo định kỳ theo biểu của Thông tư 06/2025/TT-TTCP (02/XLD, 03/GQKN, 04/GQTC)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = VietnameseParser  # argparse errors in Vietnamese, exit 2
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("form", help="biểu báo cáo, ví dụ 02/XLD")
        parser.add_argument("--unit", required=True, help="mã đơn vị báo cáo")
        parser.add_argument("--period", required=True, help="kỳ: 2026-Q3, 2026-H1, 2026-9M, 2026 hoặc TỪ:ĐẾN")
        parser.add_argument("--format", default="json", help="json hoặc xlsx")
        parser.add_argument("-o", "--output", default="", help="tệp kết quả (mặc định: đầu ra chuẩn cho json)")

    def handle(self, *args: Any, **options: Any) -> None:
        from tiepdan.orgs.selectors import today
        from tiepdan.reports import exports, selectors

        fmt = (options["format"] or "").lower()
        if fmt not in ("json", "xlsx"):
            raise CommandError(f"Định dạng “{options['format']}” không hợp lệ; dùng json hoặc xlsx.", returncode=2)
        if fmt == "xlsx" and not options["output"]:
            raise CommandError("Định dạng xlsx cần tệp kết quả: thêm -o TỆP.xlsx", returncode=2)
        try:
            report = selectors.compute(user=None, form_code=options["form"], unit_code=options["unit"],
                                       period_text=options["period"])  # fmt: skip
        except DomainError as exc:
            raise CommandError(str(exc), returncode=2) from None
        data = report.as_dict()
        try:
            if fmt == "json":
                text = json.dumps(data, ensure_ascii=False, indent=None)
                if options["output"]:
                    with open(options["output"], "w", encoding="utf-8") as fh:
                        fh.write(text + "\n")
                else:
                    self.stdout.write(text)
            else:
                parent = report.unit.parent
                content = exports.to_xlsx_bytes(data, parent_name=parent.name if parent else "", on=today())
                with open(options["output"], "wb") as fh:
                    fh.write(content)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp “{options['output']}”: {exc.strerror}.", returncode=2) from None
