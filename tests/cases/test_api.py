from __future__ import annotations

import pytest

from tiepdan.cases.models import Case

from .test_services import proposed_case

pytestmark = pytest.mark.django_db


def test_walk_a_complaint_through_the_api(world, api_client):
    case = proposed_case(world)
    api_client.force_authenticate(world.head)
    detail = api_client.get(f"/api/v1/cases/{case.pk}/").json()
    assert detail["state"] == "pending_acceptance"
    assert [s["action"] for s in detail["next_steps"]] == ["accept", "refuse", "withdraw"]
    steps = [("accept", "2026-03-09"), ("start-verification", "2026-03-10"), ("hold-dialogue", "2026-03-20")]
    for action, on in steps:
        response = api_client.post(f"/api/v1/cases/{case.pk}/{action}/", {"on": on}, format="json")
        assert response.status_code == 200, response.json()
    decided = api_client.post(
        f"/api/v1/cases/{case.pk}/decision/",
        {"number": "7/QĐ-UBND", "issued_on": "2026-03-30", "result": "right", "summary": "Khiếu nại đúng.",
         "figures": {"money_to_citizens": "5000000"}},
        format="json",
    ).json()  # fmt: skip
    assert decided["state"] == "decided" and decided["decision"]["money_to_citizens"] == "5000000"
    assert {d["rule"] for d in decided["deadlines"] if d["closed_on"] is None} == {"complaint.first.send"}
    listed = api_client.get("/api/v1/cases/?state=decided").json()
    assert [c["code"] for c in listed["results"]] == [case.code]


def test_illegal_step_is_400_in_vietnamese_and_out_of_scope_is_404(world, api_client):
    case = proposed_case(world)
    api_client.force_authenticate(world.head)
    bad = api_client.post(f"/api/v1/cases/{case.pk}/publish/", {}, format="json")
    assert bad.status_code == 400 and "không hợp lệ" in bad.json()["detail"]
    wrong = api_client.post(f"/api/v1/cases/{case.pk}/close/", {}, format="json")
    assert wrong.status_code == 400 and "Các bước hợp lệ" in wrong.json()["detail"]
    api_client.force_authenticate(world.handler_b)
    assert api_client.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert api_client.post(f"/api/v1/cases/{case.pk}/accept/", {}, format="json").status_code == 404
    assert Case.objects.get(pk=case.pk).state == "pending_acceptance"


def test_verification_dialogue_and_publication_through_the_api(world, api_client):
    case = proposed_case(world)
    api_client.force_authenticate(world.head)
    assert api_client.post(f"/api/v1/cases/{case.pk}/accept/", {"on": "2026-03-09"}, format="json").status_code == 200
    bad = api_client.post(f"/api/v1/cases/{case.pk}/verification/", {"leader": "khong-co", "plan": "x"}, format="json")
    assert bad.status_code == 400
    ok = api_client.post(f"/api/v1/cases/{case.pk}/verification/",
                         {"leader": world.verifier.username, "plan": "Thu thập hồ sơ", "on": "2026-03-10"},
                         format="json")  # fmt: skip
    assert ok.status_code == 200 and ok.json()["state"] == "verification"
    late = api_client.post(f"/api/v1/cases/{case.pk}/dialogue/",
                           {"scheduled_on": "2026-07-10", "notice_sent_on": "2026-07-08", "venue": "Trụ sở",
                            "participants": ["A"]}, format="json")  # fmt: skip
    assert late.status_code == 400 and "5 ngày" in late.json()["detail"]
    assert api_client.post(f"/api/v1/cases/{case.pk}/dialogue/",
                           {"scheduled_on": "2026-03-20", "notice_sent_on": "2026-03-12", "venue": "Trụ sở",
                            "participants": ["A", "B"]}, format="json").status_code == 200  # fmt: skip
    held = api_client.put(f"/api/v1/cases/{case.pk}/dialogue/",
                          {"held_on": "2026-03-20", "minutes": "Đã đối thoại", "signed_by": ["A"],
                           "refused_to_sign": ["B: không đồng ý"]}, format="json")  # fmt: skip
    assert held.status_code == 200 and held.json()["state"] == "dialogue"
    # First-round decisions are not published (only second-round ones).
    body = {"method": "posting", "published_on": "2026-03-21", "public_text": "x"}
    refused = api_client.post(f"/api/v1/cases/{case.pk}/publication/", body, format="json")
    assert refused.status_code == 400
