"""Demo citizens of the wards of units A and B (invented people; real units from the org tree)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit
from tiepdan.people import services
from tiepdan.people.models import Person

from .orgs_data import UNIT_A, UNIT_B

# (unit, full name, CCCD, date of birth, address in the ward, phone)
DEMO_PEOPLE = [
    (UNIT_A, "Nguyễn Văn An", "001080012345", dt.date(1980, 3, 12), "12 phố Lò Đúc", "0912345678"),
    (UNIT_A, "Trần Thị Bích Hòa", "001185023456", dt.date(1985, 7, 2), "45 phố Huế", "0987654321"),
    (UNIT_A, "Lê Văn Dũng", "001062034567", dt.date(1962, 11, 20), "8 ngõ Quỳnh, phố Bạch Mai", "0904111222"),
    (UNIT_A, "Phạm Thị Thu", "001190045678", dt.date(1990, 1, 5), "22 phố Hàn Thuyên", "0913222333"),
    (UNIT_B, "Hoàng Minh Đức", "001075056789", dt.date(1975, 9, 9), "30 phố Trương Định", "0968111444"),
    (UNIT_B, "Đỗ Thị Ngọc Ánh", "001193067890", dt.date(1993, 4, 18), "5 ngõ 102 phố Trường Chinh", "0977555666"),
]


@transaction.atomic
def load_people() -> int:
    """Create the demo people that are missing (matched by ID number). Returns how many were created."""
    admin = User.objects.get(username="admin")
    created = 0
    hanoi = OrgUnit.objects.get(code="01")
    for unit_code, name, id_number, born, street, phone in DEMO_PEOPLE:
        if Person.objects.filter(id_number=id_number).exists():
            continue
        unit = OrgUnit.objects.get(code=unit_code)
        services.create_person(
            actor=admin,
            owner_unit=unit,
            full_name=name,
            id_type="cccd",
            id_number=id_number,
            date_of_birth=born,
            address=f"{street}, {unit.name}, Thành phố Hà Nội",
            address_recorded_on=dt.date(2026, 1, 15),
            province=hanoi,
            commune=unit,
            phone=phone,
        )
        created += 1
    return created
