"""Factories and the standard personas used across the suite."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from factory.django import DjangoModelFactory

from tiepdan.core.models import User
from tiepdan.orgs import services as org_services
from tiepdan.orgs.models import Membership, OrgUnit, Role, UnitKind

PASSWORD = "mat-khau-kiem-thu-123"
_codes = itertools.count(1)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Faker("name", locale="vi_VN")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_unit(
    name: str,
    *,
    kind: str = UnitKind.WARD,
    parent: OrgUnit | None = None,
    code: str | None = None,
    valid_from: dt.date = dt.date(2025, 7, 1),
    valid_to: dt.date | None = None,
) -> OrgUnit:
    return org_services.create_unit(
        actor=None,
        code=code or f"T{next(_codes):05d}",
        name=name,
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )


def give_role(user: User, unit: OrgUnit, role: str, *, valid_from: dt.date | None = None) -> Membership:
    return org_services.add_membership(
        actor=None, user=user, unit=unit, role=role, valid_from=valid_from or unit.valid_from
    )


ROLE_PERSONAS = {
    "reception": Role.RECEPTION_OFFICER,
    "handler": Role.PETITION_HANDLER,
    "verifier": Role.VERIFIER,
    "head": Role.UNIT_HEAD,
    "inspector": Role.INSPECTOR,
    "statistician": Role.STATISTICIAN,
    "leader": Role.LEADER,
    "vault": Role.VAULT_OFFICER,
}
