"""`tiepdan deadline RULE START [--flag FLAG]... [--extensions N]` and `tiepdan deadline --batch FILE|-`.

A contract (CONTRACTS.md): one JSON object per computation; bad input → Vietnamese message, exit status 2.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.lawcal import rules, workcal


class VietnameseParser(CommandParser):
    def error(self, message: str) -> NoReturn:
        text = (
            f"Tham số dòng lệnh không hợp lệ ({message}). Cú pháp: tiepdan deadline RULE START "
            "[--flag FLAG]... [--extensions N] hoặc tiepdan deadline --batch FILE"
        )
        if getattr(self, "called_from_command_line", False):
            sys.stderr.write(text + "\n")
            sys.exit(2)
        raise CommandError(text, returncode=2)


def parse_start(raw: Any) -> dt.date:
    try:
        if not isinstance(raw, str) or len(raw) != 10:
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise rules.RuleError(f"Ngày bắt đầu “{raw}” không hợp lệ; dùng dạng YYYY-MM-DD.") from None


class Engine:
    """Rules and calendar loaded once; the per-line cost is a dict lookup and a few bisects."""

    def __init__(self) -> None:
        self.cal = workcal.get_calendar()
        self.by_code: dict[str, list[rules.Rule]] = {}
        for rule in workcal.get_rules():
            self.by_code.setdefault(rule.code, []).append(rule)

    def compute(self, code: Any, start: Any, flags: Any, extensions: Any) -> dict[str, object]:
        if not isinstance(code, str) or not code:
            raise rules.RuleError("Thiếu mã quy tắc (rule).")
        day = parse_start(start)
        if flags is None:
            flags = []
        if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
            raise rules.RuleError("Tình tiết (flags) phải là danh sách chuỗi.")
        if extensions is None:
            extensions = 0
        if isinstance(extensions, bool) or not isinstance(extensions, int):
            raise rules.RuleError("Số lần gia hạn (extensions) phải là số nguyên.")
        rule = rules.pick_rule(self.by_code.get(code, []) or [], code, day)
        return rules.compute_deadline(self.cal, rule, day, flags=flags, extensions=extensions).as_dict()


class Command(BaseCommand):
    help = "Tính hạn cuối của một thời hạn luật định (DOMAIN §8)."

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # Django 5.2 has no hook for the parser class; swap it so argparse errors are Vietnamese, exit 2.
        parser.__class__ = VietnameseParser
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", nargs="?", help="mã quy tắc, ví dụ complaint.accept")
        parser.add_argument("start", nargs="?", help="ngày bắt đầu tính, YYYY-MM-DD")
        parser.add_argument("--flag", action="append", default=[], help="tình tiết (lặp lại được)")
        parser.add_argument("--extensions", type=int, default=0, help="số lần gia hạn")
        parser.add_argument("--batch", help="tệp JSON lines, hoặc - để đọc stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        engine = Engine()
        if options["batch"]:
            if options["rule"] or options["start"]:
                raise CommandError("Không dùng RULE/START cùng với --batch.", returncode=2)
            self._batch(engine, options["batch"])
            return
        if not options["rule"] or not options["start"]:
            raise CommandError("Thiếu RULE hoặc START. Cú pháp: tiepdan deadline RULE START", returncode=2)
        try:
            result = engine.compute(options["rule"], options["start"], options["flag"], options["extensions"])
        except rules.RuleError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _batch(self, engine: Engine, path: str) -> None:
        try:
            stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
        except OSError:
            raise CommandError(f"Không đọc được tệp “{path}”.", returncode=2) from None
        out = self.stdout
        dumps = json.dumps
        buf: list[str] = []
        # Same input, same answer: identical (rule, start, flags, extensions) lines reuse the JSON text.
        memo: dict[tuple[Any, ...] | None, str] = {}
        loads = json.loads
        try:
            for line in stream:
                key = None
                try:
                    item = loads(line)
                    if not isinstance(item, dict):
                        raise rules.RuleError("Mỗi dòng phải là một đối tượng JSON.")
                    flags = item.get("flags")
                    key = (
                        item.get("rule"),
                        item.get("start"),
                        tuple(flags) if isinstance(flags, list) else flags,
                        item.get("extensions"),
                    )
                    try:
                        text = memo.get(key)
                    except TypeError:  # an unhashable value in the line: computed (and refused) below
                        key, text = None, None
                    if text is None:
                        text = dumps(
                            engine.compute(item.get("rule"), item.get("start"), flags, item.get("extensions")),
                            ensure_ascii=False,
                        )
                        if key is not None and len(memo) < 200_000:
                            memo[key] = text
                except json.JSONDecodeError:
                    text = dumps({"error": "Dòng không phải JSON hợp lệ."}, ensure_ascii=False)
                except rules.RuleError as exc:
                    text = dumps({"error": str(exc)}, ensure_ascii=False)
                    if key is not None and len(memo) < 200_000:
                        memo[key] = text
                buf.append(text)
                if len(buf) >= 2000:
                    out.write("\n".join(buf))
                    buf.clear()
            if buf:
                out.write("\n".join(buf))
        finally:
            if stream is not sys.stdin:
                stream.close()
