"""Helpers to register petitions in tests through the real service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, SubjectField
from tiepdan.petitions.services import PetitionerInput

RECEIVED = dt.date(2026, 3, 2)  # a Monday


def register(world: Any, *, actor: Any = None, unit: Any = None, **overrides: Any) -> Petition:
    kwargs: dict[str, Any] = {
        "channel": "post",
        "type": "complaint",
        "received_on": RECEIVED,
        "letter_date": RECEIVED - dt.timedelta(days=3),
        "summary": "Khiếu nại quyết định thu hồi đất của UBND phường An Bình",
        "content": "Tôi là Nguyễn Văn An, khiếu nại việc thu hồi 120 m² đất ở tổ dân phố 5.",
        "petitioners": [PetitionerInput(full_name="Nguyễn Văn An", id_number="001085012345", address="Tổ 5")],
        "respondent_name": "Chủ tịch UBND phường An Bình",
    }
    kwargs.update(overrides)
    result = services.register_petition(actor=actor or world.handler, unit=unit or world.unit_a, **kwargs)
    return result.petition


def leaf(code: str, applies_to: str) -> SubjectField:
    return SubjectField.objects.get(code=code, applies_to=applies_to)


@pytest.fixture
def register_petition():
    return register
