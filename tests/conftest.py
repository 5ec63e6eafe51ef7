"""Shared fixtures: a small org tree and one persona per role (NetBox/Healthchecks style).

province "P" (Tỉnh Kiểm Thử)
├── unit A (Phường An Bình)   ← reception, handler, verifier, head, inspector, leader, vault personas
│   (no children)
├── unit B (Phường Bình Minh) ← handler_b (sibling of A)
└── statistician at P (sees A and B)
other province "Q" with unit C    ← outsider works there
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from tiepdan.core.models import User
from tiepdan.orgs.models import OrgUnit, Role, UnitKind

from .factories import PASSWORD, ROLE_PERSONAS, UserFactory, give_role, make_unit


@pytest.fixture(autouse=True)
def vietnamese():
    """Each test starts in Vietnamese, the default language: a page requested in English by an earlier test
    leaves English active in the thread (LocaleMiddleware does not switch back)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@dataclass
class World:
    province: OrgUnit
    unit_a: OrgUnit
    unit_b: OrgUnit
    other_province: OrgUnit
    unit_c: OrgUnit
    users: dict[str, User] = field(default_factory=dict)

    def __getattr__(self, name: str) -> User:
        try:
            return self.__dict__["users"][name]
        except KeyError:
            raise AttributeError(name) from None


@pytest.fixture
def world(db) -> World:
    since = dt.date(2025, 7, 1)
    province = make_unit("Tỉnh Kiểm Thử", kind=UnitKind.PROVINCE, code="P", valid_from=dt.date(2008, 8, 1))
    unit_a = make_unit("Phường An Bình", parent=province, code="A", valid_from=since)
    unit_b = make_unit("Phường Bình Minh", parent=province, code="B", valid_from=since)
    other = make_unit("Tỉnh Khác", kind=UnitKind.PROVINCE, code="Q", valid_from=dt.date(2008, 8, 1))
    unit_c = make_unit("Xã Cẩm Thạch", kind=UnitKind.COMMUNE, parent=other, code="C", valid_from=since)
    w = World(province=province, unit_a=unit_a, unit_b=unit_b, other_province=other, unit_c=unit_c)
    for persona, role in ROLE_PERSONAS.items():
        user = UserFactory(username=persona)
        give_role(user, unit_a, role)
        w.users[persona] = user
    w.users["handler_b"] = UserFactory(username="handler_b")
    give_role(w.users["handler_b"], unit_b, Role.PETITION_HANDLER)
    w.users["statistician_p"] = UserFactory(username="statistician_p")
    give_role(w.users["statistician_p"], province, Role.STATISTICIAN)
    w.users["outsider"] = UserFactory(username="outsider")
    give_role(w.users["outsider"], unit_c, Role.PETITION_HANDLER)
    w.users["admin"] = UserFactory(username="sysadmin", is_superuser=True, is_staff=True)
    return w


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()


def login_api(client, user: User) -> None:
    client.force_authenticate(user=user)
