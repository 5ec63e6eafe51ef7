"""Shared permission suite: every persona against unit A, through the rules, the API and the pages."""

from __future__ import annotations

import pytest

SEES_A = [
    "reception",
    "handler",
    "verifier",
    "head",
    "inspector",
    "statistician",
    "leader",
    "vault",
    "statistician_p",
    "admin",
]
NOT_A = ["handler_b", "outsider"]


@pytest.mark.parametrize("persona", SEES_A + NOT_A)
def test_view_permission_follows_the_scope(world, persona):
    user = world.users[persona]
    assert user.has_perm("orgs.view_orgunit", world.unit_a) is (persona in SEES_A)


@pytest.mark.parametrize("persona", SEES_A + NOT_A)
def test_api_detail_of_unit_a(world, api_client, persona):
    api_client.force_authenticate(world.users[persona])
    response = api_client.get("/api/v1/org-units/A/")
    assert response.status_code == (200 if persona in SEES_A else 404)


@pytest.mark.parametrize("persona", SEES_A + NOT_A)
def test_page_of_unit_a(world, client, persona):
    client.force_login(world.users[persona])
    response = client.get("/to-chuc/don-vi/A/")
    assert response.status_code == (200 if persona in SEES_A else 404)


@pytest.mark.parametrize("persona", ["handler", "head", "statistician_p", "handler_b", "outsider"])
def test_only_system_admins_manage_units(world, persona):
    assert not world.users[persona].has_perm("orgs.manage_orgunit")
    assert world.admin.has_perm("orgs.manage_orgunit")


def test_anonymous_gets_nothing(db, client, api_client):
    assert api_client.get("/api/v1/org-units/").status_code == 401
    assert client.get("/to-chuc/").status_code == 302
