from __future__ import annotations

import pytest

from tiepdan.reception.models import Visit

from ..conftest import login_api

pytestmark = pytest.mark.django_db
VISITS = "/api/v1/reception/visits/"


def _visit_body(world, **kw):
    body = {
        "unit": "A", "received_on": "2026-09-07", "type": "complaint", "summary": "Khiếu nại thu hồi đất",
        "people": [{"full_name": "Nguyễn Văn An", "id_number": "001085012345", "address": "Tổ 5"}],
        "outcome": "accept", "within_competence": True,
    }  # fmt: skip
    body.update(kw)
    return body


def test_record_and_list_visits(api_client, world):
    login_api(api_client, world.reception)
    response = api_client.post(VISITS, _visit_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["number"] == 1 and data["petition"]["code"].startswith("A-2026-")
    assert data["result_due_on"] == "2026-09-21" and data["people"][0]["name"] == "Nguyễn Văn An"
    again = api_client.post(VISITS, _visit_body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert again.json()["id"] == data["id"] and Visit.objects.count() == 1
    listed = api_client.get(VISITS, {"date_from": "2026-09-01", "date_to": "2026-09-30"}).json()
    assert [v["id"] for v in listed["results"]] == [data["id"]]
    assert api_client.get(VISITS, {"date_from": "2026-10-01"}).json()["results"] == []
    bad = api_client.get(VISITS, {"date_from": "07/09/2026"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["detail"]


def test_rules_answer_400_in_vietnamese(api_client, world):
    login_api(api_client, world.reception)
    people = [{"full_name": f"Người {i}", "is_representative": True} for i in range(3)]
    response = api_client.post(VISITS, _visit_body(world, people=people, persons_count=9), format="json")
    assert response.status_code == 400 and "tối đa 2" in response.json()["detail"]
    assert not Visit.objects.exists()


def test_scope_sibling_sees_nothing(api_client, world):
    login_api(api_client, world.reception)
    visit_id = api_client.post(VISITS, _visit_body(world), format="json").json()["id"]
    login_api(api_client, world.handler_b)
    assert api_client.get(f"{VISITS}{visit_id}/").status_code == 404
    assert api_client.get(VISITS).json()["results"] == []
    response = api_client.post(VISITS, _visit_body(world), format="json")
    assert response.status_code == 404


def test_sessions_and_conclusion_notice(api_client, world):
    login_api(api_client, world.head)
    response = api_client.post("/api/v1/reception/sessions/", {
        "unit": "A", "kind": "periodic", "on": "2026-09-10", "start_time": "08:00", "end_time": "11:00",
        "venue": "Trụ sở", "host": "head", "host_title": "Chủ tịch UBND phường",
    }, format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    session_id = response.json()["id"]
    assert response.json()["host_name"] == world.head.get_full_name()
    notice = api_client.post(f"/api/v1/reception/sessions/{session_id}/conclusion-notice/", {}, format="json")
    assert notice.status_code == 400
    closed = api_client.post(f"/api/v1/reception/sessions/{session_id}/close/", {"conclusions": "Giao kiểm tra"},
                             format="json")  # fmt: skip
    assert closed.json()["status"] == "held"
    notice = api_client.post(f"/api/v1/reception/sessions/{session_id}/conclusion-notice/", {}, format="json")
    assert notice.status_code == 201 and notice.json()["conclusion_document"]
    listed = api_client.get("/api/v1/reception/sessions/", {"date_from": "2026-09-01"}).json()
    assert [s["id"] for s in listed["results"]] == [session_id]
    login_api(api_client, world.handler_b)
    assert api_client.get(f"/api/v1/reception/sessions/{session_id}/").status_code == 404


def test_schedules_and_refusals(api_client, world):
    login_api(api_client, world.reception)
    response = api_client.post("/api/v1/reception/schedules/", {
        "unit": "A", "weekdays": [0, 3], "start_time": "07:30", "end_time": "11:30", "venue": "Phòng 1",
        "valid_from": "2026-01-01",
    }, format="json")  # fmt: skip
    assert response.status_code == 201 and response.json()["weekdays"] == [0, 3]
    grounds = api_client.get("/api/v1/reception/refusal-grounds/", {"on": "2026-03-02"}).json()
    assert "weapons" not in {g["code"] for g in grounds}
    grounds = api_client.get("/api/v1/reception/refusal-grounds/", {"on": "2026-09-07"}).json()
    assert "weapons" in {g["code"] for g in grounds}
    body = {"unit": "A", "refused_on": "2026-09-07", "person": {"full_name": "Phạm Văn Dân"}, "ground": "weapons",
            "detail": "Mang dao"}  # fmt: skip
    response = api_client.post("/api/v1/reception/refusals/", body, format="json")
    assert response.status_code == 201 and response.json()["notice_due_on"] == "2026-09-10"
    assert response.json()["ground_label"].startswith("Mang theo vũ khí")
    refusal_id = response.json()["id"]
    old = api_client.post("/api/v1/reception/refusals/", {**body, "refused_on": "2026-03-02"}, format="json")
    assert old.status_code == 400 and old.json()["field"] == "ground"
    notice = api_client.post(f"/api/v1/reception/refusals/{refusal_id}/notice/", format="json")
    assert notice.status_code == 201 and notice.json()["notice_document"]
