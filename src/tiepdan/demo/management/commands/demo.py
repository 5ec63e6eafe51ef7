from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tiepdan.core.errors import DomainError
from tiepdan.demo.accounts import accounts_table, load_accounts
from tiepdan.demo.cases_data import load_cases
from tiepdan.demo.orgs_data import load_orgs
from tiepdan.demo.people_data import load_people
from tiepdan.demo.petitions_data import load_petitions
from tiepdan.demo.reception_data import load_reception
from tiepdan.demo.reports_data import load_report_due_rules


def _positive_int(raw: str) -> int:
    try:
        return int(raw.replace(".", "").replace("_", ""))
    except ValueError:
        raise CommandError(f"“{raw}” không phải là một số nguyên.") from None


class Command(BaseCommand):
    help = (
        "Dữ liệu mẫu: `demo load` nạp đơn vị, tài khoản và hồ sơ mẫu (chạy lại không thay đổi gì); "
        "`demo accounts` in tài khoản mẫu; `demo generate --petitions N` sinh N đơn mẫu."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Nạp dữ liệu mẫu (idempotent).")
        sub.add_parser("accounts", help="In danh sách tài khoản mẫu.")
        gen = sub.add_parser(
            "generate",
            help="Sinh đơn mẫu (khiếu nại, tố cáo, kiến nghị, phản ánh) ở các đơn vị mẫu; chạy lại thì thêm N đơn.",
        )
        gen.add_argument("--petitions", required=True, type=_positive_int, help="Số đơn cần sinh (tối đa 2.000.000).")
        gen.add_argument("--unit", default="", help="Chỉ sinh cho đơn vị có mã này (và đơn vị cấp dưới, tiền thân).")
        gen.add_argument("--seed", type=int, default=None, help="Hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu).")
        gen.add_argument("--batch-size", type=int, default=5000, help="Số đơn ghi trong một giao dịch.")
        gen.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Số tiến trình ghi song song (PostgreSQL; mặc định 2 khi sinh nhiều).",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "load":
            self._load()
        elif action == "accounts":
            self.stdout.write(accounts_table())
        elif action == "generate":
            self._generate(options)

    def _load(self, *, petitions_too: bool = True) -> None:
        orgs = load_orgs()
        users = load_accounts()
        load_report_due_rules()  # configuration: the submissions page shows due dates
        people = load_people()
        # The eight hand-written demo petitions are for `make run`; generation makes its own.
        petitions = load_petitions() if petitions_too else 0
        # After the petitions: accepted visits register petitions of their own at unit A.
        visits = load_reception() if petitions_too else 0
        # Cases taken through their steps (the case list, the dashboard and the reports have work to show).
        cases = load_cases() if petitions_too else 0
        self.stdout.write(
            f"Dữ liệu mẫu: thêm {orgs.created} đơn vị, {users} tài khoản, {people} công dân, {petitions} đơn, "
            f"{visits} lượt tiếp công dân, {cases} vụ việc đang giải quyết hoặc đã giải quyết."
        )

    def _generate(self, options: dict[str, Any]) -> None:
        from tiepdan.demo.generate import generate

        self._load(petitions_too=False)  # generation needs the demo units and accounts; loading is idempotent
        try:
            result = generate(
                petitions=options["petitions"],
                unit_code=options["unit"].strip(),
                seed=options["seed"],
                batch_size=options["batch_size"],
                workers=options["workers"],
                progress=lambda message: self.stderr.write(message),
            )
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(
            "Thời gian theo bước (giây): "
            + ", ".join(f"{name} {seconds:.1f}" for name, seconds in sorted(result.timings.items()))
        )
        self.stdout.write(
            f"Đã sinh {result.petitions} đơn ({result.repeats} đơn gửi lại cùng nội dung), {result.cases} vụ việc "
            f"({result.decisions} quyết định, kết luận), "
            f"{result.people} công dân, {result.identities} danh tính người tố cáo trong kho bảo mật, "
            f"{result.deadlines} thời hạn đang theo dõi, {result.events} sự kiện trong {result.seconds:.1f} giây "
            f"({result.workers} tiến trình, seed {result.seed})."
        )
