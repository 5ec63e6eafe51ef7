"""The demo world, drawn from the seeds: Hà Nội (the former Hai Bà Trưng and Bắc Từ Liêm districts and
the wards that replaced them on 1 Jul 2025, the city inspectorate and citizen-reception board) and Lào Cai.

Unit names and the old→new correspondence come from the libraries in `tiepdan.orgs.admin_units`.
Loading is idempotent: what exists already is left as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from tiepdan.core.text import fold
from tiepdan.orgs import services
from tiepdan.orgs.admin_units import current_province_name, current_wards, ward_changes
from tiepdan.orgs.models import OrgUnit, SuccessionKind, UnitKind

REFORM_DAY = dt.date(2025, 7, 1)
HANOI_SINCE = dt.date(2008, 8, 1)
REFORM_BASIS_HN = "Nghị quyết 1656/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp các ĐVHC cấp xã của thành phố Hà Nội"
REFORM_BASIS_DISTRICT = (
    "Luật Tổ chức chính quyền địa phương 72/2025/QH15 (kết thúc hoạt động của cấp huyện từ 01/7/2025)"
)
HISTORICAL_DISTRICTS = ["Quận Hai Bà Trưng", "Quận Bắc Từ Liêm"]

# The demo accounts' units (CONTRACTS.md): A and B are sibling wards, their parent the city.
UNIT_A = "00256"  # Phường Hai Bà Trưng
UNIT_B = "00277"  # Phường Bạch Mai
PARENT_AB = "01"  # Thành phố Hà Nội

_KIND_OF_CHANGE = {
    "merged": SuccessionKind.MERGE,
    "divided": SuccessionKind.SPLIT,
    "renamed": SuccessionKind.RENAME,
    "unchanged": SuccessionKind.RENAME,
}


@dataclass
class LoadResult:
    created: int = 0


def _ensure(result: LoadResult, *, code: str, **fields: object) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    result.created += 1
    return services.create_unit(actor=None, code=code, reason="Dữ liệu mẫu", **fields)  # type: ignore[arg-type]


def _district_code(key: str) -> str:
    return f"H01.{key}"


@transaction.atomic
def load_orgs() -> LoadResult:
    result = LoadResult()
    hanoi = _ensure(
        result,
        code="01",
        name="Thành phố Hà Nội",
        kind=UnitKind.PROVINCE,
        parent=None,
        valid_from=HANOI_SINCE,
        official_code="01",
        legal_basis="Nghị quyết 15/2008/QH12 về điều chỉnh địa giới hành chính thành phố Hà Nội",
    )
    _ensure(
        result,
        code="01.TT",
        name="Thanh tra thành phố Hà Nội",
        kind=UnitKind.INSPECTORATE,
        parent=hanoi,
        valid_from=HANOI_SINCE,
    )
    _ensure(
        result,
        code="01.BTCD",
        name="Ban Tiếp công dân thành phố Hà Nội",
        kind=UnitKind.RECEPTION_BOARD,
        parent=hanoi,
        valid_from=HANOI_SINCE,
    )

    changes = ward_changes("01", HISTORICAL_DISTRICTS)
    # Before the reform: the districts, their inspectorates and wards (historical units).
    reform_done = OrgUnit.objects.filter(code=UNIT_A).exists()
    districts: dict[str, OrgUnit] = {}
    old_wards: dict[tuple[str, str], OrgUnit] = {}
    for change in changes:
        if change.old_district_key not in districts:
            district = _ensure(
                result,
                code=_district_code(change.old_district_key),
                name=change.old_district,
                kind=UnitKind.DISTRICT,
                parent=hanoi,
                valid_from=HANOI_SINCE,
            )
            districts[change.old_district_key] = district
            _ensure(
                result,
                code=f"{district.code}.TT",
                name=f"Thanh tra {change.old_district[0].lower()}{change.old_district[1:]}",
                kind=UnitKind.INSPECTORATE,
                parent=district,
                valid_from=HANOI_SINCE,
            )
        key = (change.old_district_key, change.old_ward_key)
        if key not in old_wards:
            old_wards[key] = _ensure(
                result,
                code=f"{_district_code(change.old_district_key)}.{change.old_ward_key}",
                name=change.old_ward,
                kind=UnitKind.WARD,
                parent=districts[change.old_district_key],
                valid_from=HANOI_SINCE,
            )

    # From 1 Jul 2025: the wards that replaced them, with official codes.
    official = {fold(u.name): u for u in current_wards("01")}
    new_units: dict[str, OrgUnit] = {}
    for change in changes:
        if change.new_ward in new_units:
            continue
        info = official.get(fold(change.new_ward))
        code = info.code if info else f"01.{fold(change.new_ward).replace(' ', '')}"
        kind = info.kind if info else (UnitKind.COMMUNE if change.new_ward.startswith("Xã") else UnitKind.WARD)
        new_units[change.new_ward] = _ensure(
            result,
            code=code,
            name=change.new_ward,
            kind=kind,
            parent=hanoi,
            valid_from=REFORM_DAY,
            official_code=info.code if info else "",
            legal_basis=REFORM_BASIS_HN,
        )

    if not reform_done:
        # Old wards → new wards, in the library's order (the first successor of an old ward is primary).
        links = [
            (
                old_wards[(c.old_district_key, c.old_ward_key)],
                new_units[c.new_ward],
                _KIND_OF_CHANGE[c.mapping_type],
            )
            for c in changes
        ]
        services.reorganize_many(
            actor=None,
            links=links,
            effective_on=REFORM_DAY,
            legal_basis=REFORM_BASIS_HN,
            reason="Sắp xếp đơn vị hành chính cấp xã năm 2025 (dữ liệu mẫu)",
        )
        # The districts' inspectorates end with the districts (Law 84/2025/QH15: no district inspectorates);
        # their remaining work passes to the city inspectorate.
        city_inspectorate = OrgUnit.objects.get(code="01.TT")
        district_links = []
        for district in districts.values():
            inspectorate = OrgUnit.objects.get(code=f"{district.code}.TT")
            district_links.append((inspectorate, city_inspectorate, SuccessionKind.TRANSFER))
            district_links.append((district, hanoi, SuccessionKind.TRANSFER))
        services.reorganize_many(
            actor=None,
            links=district_links,
            effective_on=REFORM_DAY,
            legal_basis=REFORM_BASIS_DISTRICT,
            reason="Kết thúc hoạt động của cấp huyện (dữ liệu mẫu)",
        )

    # Lào Cai province as it is since 1 Jul 2025, with its communes and wards.
    laocai = _ensure(
        result,
        code="15",
        name=f"Tỉnh {current_province_name('15')}",
        kind=UnitKind.PROVINCE,
        parent=None,
        valid_from=REFORM_DAY,
        official_code="15",
        legal_basis="Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh",
    )
    _ensure(
        result,
        code="15.TT",
        name="Thanh tra tỉnh Lào Cai",
        kind=UnitKind.INSPECTORATE,
        parent=laocai,
        valid_from=REFORM_DAY,
    )
    _ensure(
        result,
        code="15.BTCD",
        name="Ban Tiếp công dân tỉnh Lào Cai",
        kind=UnitKind.RECEPTION_BOARD,
        parent=laocai,
        valid_from=REFORM_DAY,
    )
    for ward in current_wards("15"):
        _ensure(
            result,
            code=ward.code,
            name=ward.name,
            kind=ward.kind,
            parent=laocai,
            valid_from=REFORM_DAY,
            official_code=ward.code,
        )
    return result
