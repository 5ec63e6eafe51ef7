"""Official administrative units, read from maintained libraries instead of typed by hand.

- The 2025 reform (old ward → new ward, with the kind of change) comes from underthesea's address
  conversion data (`underthesea/address/data/mapping.json`, itself built from vietnamadminunits).
- Official codes of the units in force since 1 Jul 2025 come from the `vietnam-provinces` package.
Units abolished on 1 Jul 2025 have no code in these sources; they get a stable code "H<province>.<key>".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from tiepdan.core.text import fold

REFORM_EFFECTIVE = "2025-07-01"


@lru_cache(maxsize=1)
def reform_mapping() -> dict[str, Any]:
    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Thiếu thư viện underthesea (dữ liệu chuyển đổi đơn vị hành chính).")
    path = Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class WardChange:
    old_district: str
    old_district_key: str
    old_ward: str
    old_ward_key: str
    new_ward: str
    mapping_type: str  # unchanged, renamed, merged, divided


def ward_changes(province_code: str, district_names: list[str]) -> list[WardChange]:
    """The reform's rows for the named (old) districts of one province."""
    wanted = {fold(n) for n in district_names}
    data = reform_mapping()
    code_by_key = {key: info["code"] for key, info in data["old_province_names"].items()}
    rows = []
    for row in data["ward_mapping"]:
        if code_by_key.get(row["old_province_key"]) != province_code:
            continue
        if fold(row["old_district"]) not in wanted:
            continue
        rows.append(
            WardChange(
                old_district=row["old_district"],
                old_district_key=row["old_district_key"],
                old_ward=row["old_ward"],
                old_ward_key=row["old_ward_key"],
                new_ward=row["new_ward"],
                mapping_type=row["mapping_type"],
            )
        )
    return rows


@dataclass(frozen=True)
class CurrentUnit:
    name: str
    code: str
    kind: str  # ward, commune, special_zone


def current_province_name(province_code: str) -> str:
    from vietnam_provinces import Province

    for province in Province.iter_all():
        if int(province.code) == int(province_code):
            return str(province.name)
    raise KeyError(province_code)


def current_wards(province_code: str) -> list[CurrentUnit]:
    """Communes, wards and special zones in force since 1 Jul 2025, with official codes."""
    from vietnam_provinces import Ward

    out = []
    for ward in Ward.iter_all():
        if int(ward.province_code) != int(province_code):
            continue
        division = str(ward.division_type.value)
        kind = {"phường": "ward", "xã": "commune", "đặc khu": "special_zone"}.get(division, "commune")
        out.append(CurrentUnit(name=str(ward.name), code=f"{int(ward.code):05d}", kind=kind))
    return sorted(out, key=lambda u: fold(u.name))
