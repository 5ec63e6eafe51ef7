from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tiepdan.demo.accounts import accounts_table, load_accounts
from tiepdan.demo.orgs_data import load_orgs
from tiepdan.demo.people_data import load_people
from tiepdan.demo.petitions_data import load_petitions


class Command(BaseCommand):
    help = (
        "Dữ liệu mẫu: `demo load` nạp đơn vị, tài khoản và hồ sơ mẫu (chạy lại không thay đổi gì); "
        "`demo accounts` in tài khoản mẫu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Nạp dữ liệu mẫu (idempotent).")
        sub.add_parser("accounts", help="In danh sách tài khoản mẫu.")

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "load":
            orgs = load_orgs()
            users = load_accounts()
            people = load_people()
            petitions = load_petitions()
            self.stdout.write(
                f"Dữ liệu mẫu: thêm {orgs.created} đơn vị, {users} tài khoản, {people} công dân, {petitions} đơn."
            )
        elif action == "accounts":
            self.stdout.write(accounts_table())
