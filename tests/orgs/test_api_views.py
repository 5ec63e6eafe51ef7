from __future__ import annotations

import datetime as dt

import yaml
from openapi_spec_validator import validate

from ..factories import make_unit


def codes(response) -> set[str]:
    return {u["code"] for u in response.json()["results"]}


def test_org_units_are_scoped(world, api_client):
    api_client.force_authenticate(world.handler_b)
    assert codes(api_client.get("/api/v1/org-units/")) == {"B"}
    api_client.force_authenticate(world.statistician_p)
    assert codes(api_client.get("/api/v1/org-units/")) == {"P", "A", "B"}


def test_sibling_unit_answers_404(world, api_client):
    api_client.force_authenticate(world.handler_b)
    response = api_client.get("/api/v1/org-units/A/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.json()["detail"]
    api_client.force_authenticate(world.handler)
    assert api_client.get("/api/v1/org-units/A/").json()["name"] == "Phường An Bình"


def test_tree_as_it_stood_and_filters(world, api_client):
    make_unit(
        "Quận Cũ",
        kind="district",
        parent=world.province,
        valid_from=dt.date(2010, 1, 1),
        valid_to=dt.date(2025, 6, 30),
        code="OLD",
    )
    api_client.force_authenticate(world.statistician_p)
    assert codes(api_client.get("/api/v1/org-units/?on=2024-05-01")) == {"P", "OLD"}
    assert codes(api_client.get("/api/v1/org-units/?on=2025-07-01")) == {"P", "A", "B"}
    assert codes(api_client.get("/api/v1/org-units/?q=an binh")) == {"A"}
    assert codes(api_client.get("/api/v1/org-units/?kind=province")) == {"P"}


def test_bad_parameters_are_vietnamese_errors(world, api_client):
    api_client.force_authenticate(world.statistician_p)
    response = api_client.get("/api/v1/org-units/?on=31/12/2024")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["detail"]
    response = api_client.get("/api/v1/org-units/?kind=galaxy")
    assert response.status_code == 400
    assert "không hợp lệ" in response.json()["detail"]


def test_openapi_schema_validates(world, api_client):
    api_client.force_authenticate(world.admin)
    response = api_client.get("/api/v1/schema/")
    assert response.status_code == 200
    validate(yaml.safe_load(response.content))
    assert api_client.get("/api/v1/docs/").status_code == 200
