"""Demo accounts (CONTRACTS.md): one per role, in units A and B (sibling wards) and their parent."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from tiepdan.core.models import User
from tiepdan.orgs import services
from tiepdan.orgs.models import Membership, OrgUnit, Role

from .orgs_data import PARENT_AB, REFORM_DAY, UNIT_A, UNIT_B


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str | None
    unit_code: str | None
    note: str


DEMO_ACCOUNTS = [
    DemoAccount("admin", "Quản trị hệ thống", None, None, "quản trị hệ thống (toàn quyền)"),
    DemoAccount("tiepdan1", "Nguyễn Thị Lan", Role.RECEPTION_OFFICER, UNIT_A, "cán bộ tiếp công dân, đơn vị A"),
    DemoAccount("xuly1", "Trần Văn Hùng", Role.PETITION_HANDLER, UNIT_A, "chuyên viên xử lý đơn, đơn vị A"),
    DemoAccount("lanhdao1", "Lê Minh Đức", Role.UNIT_HEAD, UNIT_A, "thủ trưởng đơn vị A"),
    DemoAccount("baomat", "Phạm Thu Hà", Role.VAULT_OFFICER, UNIT_A, "cán bộ bảo mật người tố cáo, đơn vị A"),
    DemoAccount("xuly2", "Hoàng Văn Nam", Role.PETITION_HANDLER, UNIT_B, "chuyên viên xử lý đơn, đơn vị B"),
    DemoAccount("thongke", "Vũ Thị Mai", Role.STATISTICIAN, PARENT_AB, "thống kê, báo cáo, đơn vị cấp trên của A và B"),
]


@transaction.atomic
def load_accounts() -> int:
    """Create the demo accounts that are missing; existing ones are left untouched. Returns how many."""
    created = 0
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            user = User(username=account.username, full_name=account.full_name)
            user.set_password(settings.DEMO_PASSWORD)
            if account.username == "admin":
                user.is_staff = True
                user.is_superuser = True
            user.save()
            created += 1
        if account.role and account.unit_code:
            unit = OrgUnit.objects.get(code=account.unit_code)
            if not Membership.objects.filter(user=user, unit=unit, role=account.role).exists():
                services.add_membership(
                    actor=None,
                    user=user,
                    unit=unit,
                    role=account.role,
                    valid_from=max(unit.valid_from, REFORM_DAY),
                    reason="Tài khoản mẫu",
                )
    return created


def accounts_table() -> str:
    lines = ["Tài khoản mẫu (mật khẩu: giá trị TIEPDAN_DEMO_PASSWORD, mặc định demo12345):"]
    for a in DEMO_ACCOUNTS:
        unit = OrgUnit.objects.filter(code=a.unit_code).values_list("name", flat=True).first() if a.unit_code else ""
        lines.append(f"  {a.username:<9} {a.note}" + (f" — {unit}" if unit else ""))
    return "\n".join(lines)
