"""Fill empty msgstr entries of a .po catalogue from a JSON dictionary {msgid: translation}."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

_ENTRY = re.compile(r'(?P<head>(?:#.*\n)*)msgid (?P<id>(?:".*"\n)+)msgstr (?P<str>(?:".*"\n)+)')


def _unquote(block: str) -> str:
    return "".join(json.loads(line) for line in block.strip().splitlines())


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Điền bản dịch còn trống của tệp .po từ một từ điển JSON {msgid: bản dịch}."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("po_file")
        parser.add_argument("json_file")

    def handle(self, *args: Any, po_file: str, json_file: str, **options: Any) -> None:
        table: dict[str, str] = json.loads(Path(json_file).read_text(encoding="utf-8"))
        text = Path(po_file).read_text(encoding="utf-8")
        filled = missing = 0

        def repl(match: re.Match[str]) -> str:
            nonlocal filled, missing
            msgid = _unquote(match["id"])
            if msgid and not _unquote(match["str"]):
                if msgid in table:
                    filled += 1
                    head = match["head"].replace("#, fuzzy\n", "")
                    return f"{head}msgid {match['id']}msgstr {_quote(table[msgid])}"
                missing += 1
            return match.group(0)

        Path(po_file).write_text(_ENTRY.sub(repl, text), encoding="utf-8")
        self.stdout.write(f"Đã điền {filled} bản dịch; còn thiếu {missing}.")
