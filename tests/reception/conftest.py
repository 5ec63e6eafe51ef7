"""Helpers to record visits in tests through the real service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tiepdan.petitions.services import PetitionerInput
from tiepdan.reception import services
from tiepdan.reception.models import Visit

DAY = dt.date(2026, 9, 7)  # a Monday, after the 2026 reform
OLD_DAY = dt.date(2026, 3, 2)  # a Monday, before it


def citizen(name: str = "Nguyễn Văn An", id_number: str = "001085012345", **kw: Any) -> PetitionerInput:
    return PetitionerInput(full_name=name, id_number=id_number, address=kw.pop("address", "Tổ 5"), **kw)


def record(world: Any, *, actor: Any = None, unit: Any = None, **overrides: Any) -> Visit:
    kwargs: dict[str, Any] = {
        "received_on": DAY,
        "type": "complaint",
        "summary": "Khiếu nại quyết định thu hồi đất của UBND phường An Bình",
        "people": [citizen()],
        "outcome": "accept",
        "within_competence": True,
    }
    kwargs.update(overrides)
    return services.record_visit(actor=actor or world.reception, unit=unit or world.unit_a, **kwargs)


@pytest.fixture
def record_visit():
    return record
