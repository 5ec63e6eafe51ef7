"""The report API: the CLI's JSON, scoped; errors with a Vietnamese `detail`."""

from __future__ import annotations

import pytest

from ..conftest import login_api
from .fixtures import build

pytestmark = pytest.mark.django_db
URL = "/api/v1/reports/"


def test_report_json_scoped(api_client, world):
    build(world)
    login_api(api_client, world.statistician_p)
    data = api_client.get(URL, {"form": "04/GQTC", "unit": "P", "period": "2026-Q2"}).json()
    assert data["form"] == "04/GQTC" and data["total"]["cases"] == 4
    assert [r["unit"] for r in data["rows"]] == ["P", "A", "B"]
    login_api(api_client, world.outsider)
    resp = api_client.get(URL, {"form": "04/GQTC", "unit": "P", "period": "2026-Q2"})
    assert resp.status_code == 404


def test_bad_period_and_form(api_client, world):
    login_api(api_client, world.statistician_p)
    resp = api_client.get(URL, {"form": "02/XLD", "unit": "P", "period": "2026-H3"})
    assert resp.status_code == 400 and "Kỳ báo cáo “2026-H3” không hợp lệ" in resp.json()["detail"]
    resp = api_client.get(URL, {"form": "05/KQTH", "unit": "P", "period": "2026"})
    assert resp.status_code == 400 and "chưa có" in resp.json()["detail"]
    forms = api_client.get("/api/v1/report-forms/").json()
    assert [f["code"] for f in forms] == ["01/TCD", "02/XLD", "03/GQKN", "04/GQTC"]


def test_anonymous_refused(api_client, world):
    assert api_client.get(URL, {"form": "02/XLD", "unit": "P", "period": "2026"}).status_code in (401, 403)
