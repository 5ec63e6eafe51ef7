"""`tiepdan import petitions FILE --unit CODE [--dry-run] [--actor USERNAME]` and `tiepdan import template`.

A contract (CONTRACTS.md). The file (.xlsx or UTF-8 .csv, columns in docs/import.md) is imported all or
nothing. Exit status: 0 imported (or dry run valid), 1 some rows are wrong (each reported on stderr with its
row, column and reason; nothing written), 2 the command cannot run (unknown unit, actor, unreadable file,
missing columns, bad arguments).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.core.errors import DomainError
from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.orgs.selectors import get_visible_unit
from tiepdan.petitions import duplicates, imports

USAGE = (
    "tiepdan import petitions TỆP --unit MÃ_ĐƠN_VỊ [--dry-run] [--actor TÊN_ĐĂNG_NHẬP] hoặc "
    "tiepdan import template [-o TỆP]"
)


class ImportParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        text = f"Tham số dòng lệnh không hợp lệ ({message}). Cú pháp: {USAGE}"
        if getattr(self, "called_from_command_line", False):
            sys.stderr.write(text + "\n")
            sys.exit(2)
        raise CommandError(text, returncode=2)


def vn_number(value: float, decimals: int = 0) -> str:
    """1234567.8 → "1.234.568" (Vietnamese separators)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


class ProgressBar:
    """A one-line bar on stderr, redrawn every 1% of the rows or every 500 rows (whichever comes first).

    When stderr is not a terminal (logs, CI), a plain line every 10% instead.
    """

    WIDTH = 30

    def __init__(self, write: Callable[[str], Any], *, tty: bool, enabled: bool) -> None:
        self.write = write
        self.enabled = enabled
        self.tty = tty
        self.last_shown = -1

    def __call__(self, done: int, total: int, elapsed: float) -> None:
        if not self.enabled or total == 0:
            return
        step = max(1, min(500, total // 100)) if self.tty else max(1, total // 10)
        if done != total and (done == 0 or done % step):
            return
        if done == self.last_shown:
            return
        self.last_shown = done
        share = done / total
        filled = int(share * self.WIDTH)
        rate = done / elapsed if elapsed > 0 else 0.0
        line = (
            f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {share:4.0%} {vn_number(done)}/{vn_number(total)} dòng"
            f" — {vn_number(rate)} dòng/giây"
        )
        if self.tty:
            self.write("\r" + line + ("\n" if done == total else ""))
        else:
            self.write(line + "\n")


class Command(BaseCommand):
    help = "Nhập sổ theo dõi đơn có sẵn (.xlsx, .csv) vào một đơn vị; tải tệp mẫu. Xem docs/import.md."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.__class__ = ImportParser  # Vietnamese argument errors, exit 2 (as `tiepdan deadline`)
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="what", required=True, parser_class=ImportParser)
        petitions = sub.add_parser("petitions", help="Nhập đơn từ tệp .xlsx hoặc .csv (UTF-8).")
        petitions.add_argument("file", help="tệp .xlsx hoặc .csv")
        petitions.add_argument("--unit", required=True, help="mã đơn vị nhận đơn, ví dụ HN-HBT")
        petitions.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
        petitions.add_argument(
            "--actor", help="tên đăng nhập của người thực hiện (mặc định: tài khoản quản trị tạo đầu tiên)"
        )
        template = sub.add_parser("template", help="Ghi tệp mẫu .xlsx để điền.")
        template.add_argument("-o", "--output", default="mau-nhap-don.xlsx", help="tệp ghi ra")

    def handle(self, *args: Any, what: str, **options: Any) -> None:
        if what == "template":
            output = Path(options["output"])
            try:
                output.write_bytes(imports.template_bytes())
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp “{output}”: {exc.strerror}.", returncode=2) from None
            self.stdout.write(f"Đã ghi tệp mẫu {output}.")
            return
        self._import(options)

    def _actor(self, username: str | None) -> User:
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"Không có tài khoản đang hoạt động tên “{username}”.", returncode=2)
            return actor
        actor = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if actor is None:
            raise CommandError(
                "Chưa có tài khoản quản trị (superuser) nào: hãy tạo bằng `tiepdan createsuperuser` hoặc chỉ rõ "
                "người thực hiện bằng --actor TÊN_ĐĂNG_NHẬP.",
                returncode=2,
            )
        return actor

    def _import(self, options: dict[str, Any]) -> None:
        actor = self._actor(options["actor"])
        try:
            unit: OrgUnit = get_visible_unit(actor, code=options["unit"])
        except DomainError:
            raise CommandError(
                f"Không tìm thấy đơn vị có mã “{options['unit']}” (hoặc đơn vị nằm ngoài phạm vi của tài khoản "
                f"“{actor.get_username()}”). Xem danh sách đơn vị ở trang Tổ chức.",
                returncode=2,
            ) from None
        verbosity = int(options.get("verbosity", 1))
        bar = ProgressBar(
            lambda text: self.stderr.write(text, ending=""), tty=self.stderr.isatty(), enabled=verbosity >= 1
        )
        # One "petition registered" log line per row would bury the progress bar; -v 2 keeps them.
        service_log = logging.getLogger("tiepdan.petitions.services")
        level = service_log.level
        if verbosity < 2:
            service_log.setLevel(logging.WARNING)
        # The duplicate index's MinHash library loads on first use (~0.85 s with scipy): load it with the
        # command, before the import's clock starts, as it was when every process loaded it at start-up.
        duplicates.new_sketch()
        try:
            result = imports.import_petitions(
                actor=actor, unit=unit, path=Path(options["file"]), dry_run=options["dry_run"], progress=bar
            )
        except DomainError as exc:  # the file itself (format, columns) or the actor's rights
            raise CommandError(exc.message, returncode=2) from None
        finally:
            service_log.setLevel(level)
        for header in result.ignored_columns:
            self.stderr.write(f"Lưu ý: bỏ qua cột không dùng “{header}”.")
        for note in result.notes:
            self.stderr.write(f"Lưu ý: {note}")
        for error in result.errors:
            self.stderr.write(str(error))
        if not result.ok:
            created = f"hợp lệ {vn_number(result.created)}"
        elif result.dry_run:
            created = f"sẽ thêm mới {vn_number(result.created)}"
        else:
            created = f"thêm mới {vn_number(result.created)}"
        summary = (
            f"Đọc {vn_number(result.rows)} dòng: {created}; đã có, bỏ qua {vn_number(result.skipped)}; "
            f"lỗi {vn_number(len(result.errors))}; {vn_number(result.rows_per_second)} dòng/giây "
            f"({vn_number(result.seconds, 1)} giây)."
        )
        self.stdout.write(summary)
        if not result.ok:
            rows = len({e.row for e in result.errors})
            raise CommandError(
                f"Có {vn_number(rows)} dòng lỗi (xem danh sách ở trên): KHÔNG dòng nào được ghi. "
                "Hãy sửa tệp rồi chạy lại.",
                returncode=1,
            )
        if result.dry_run:
            self.stdout.write("Chạy thử (--dry-run): tệp hợp lệ, không ghi gì vào cơ sở dữ liệu.")
        else:
            self.stdout.write(f"Đã nhập xong vào đơn vị {unit.code} — {unit.name}.")
