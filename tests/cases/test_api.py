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


# --- Every case type walked end to end through the API, with its documents --------------------------------

import datetime as dt  # noqa: E402

from tiepdan.cases import documents as case_documents  # noqa: E402
from tiepdan.lawcal.models import TrackedDeadline  # noqa: E402

from .test_documents import proposed_denunciation  # noqa: E402


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(client, case_pk, path, body, status=200):
    response = client.post(f"/api/v1/cases/{case_pk}/{path}/", body, format="json")
    assert response.status_code == status, response.json()
    return response.json()


def _templates(case_pk):
    found = case_documents.documents_for_case(Case.objects.get(pk=case_pk)).order_by("pk")
    return [d.template_code for d in found if d.content_type.model == "case"]


def _head_of_province(world):
    from tests.factories import UserFactory, give_role

    head = UserFactory(username="ct_tinh")
    give_role(head, world.province, "unit_head")
    return head


def test_complaint_first_round_then_second_round_to_closure_through_the_api(world, api_client):
    case = proposed_case(world)
    api_client.force_authenticate(world.head)
    detail = api_client.get(f"/api/v1/cases/{case.pk}/").json()
    accept = next(s for s in detail["next_steps"] if s["action"] == "accept")
    assert [d["template"] for d in accept["documents"]] == ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly"]
    body = _post(
        api_client,
        case.pk,
        "accept",
        {
            "on": "2026-03-09",
            "version": detail["version"],
            "documents": ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly"],
        },
    )
    assert body["due_on"] == "2026-04-08"
    _post(api_client, case.pk, "verification", {"leader": world.verifier.username, "plan": "Thu thập hồ sơ",
                                                "on": "2026-03-10"})  # fmt: skip
    # Request and verification do not differ: no dialogue needed in round 1.
    decided = _post(api_client, case.pk, "decision", {
        "number": "5/QĐ-UBND", "issued_on": "2026-03-30", "result": "wrong", "summary": "Khiếu nại sai.",
        "documents": ["case.quyet_dinh_giai_quyet_lan_dau"],
        "document_values": {"ket_qua_xac_minh": "Thu hồi đúng diện tích", "can_cu_phap_luat": "Luật Đất đai 2024",
                            "xu_ly": "Giữ nguyên quyết định thu hồi đất", "boi_thuong": "Không"},
    })  # fmt: skip
    assert decided["state"] == "decided"
    sent = _post(api_client, case.pk, "send-decision", {"on": "2026-03-31"})
    assert {d["rule"] for d in sent["deadlines"] if d["closed_on"] is None} == {"complaint.effective"}
    # The complainant complains again to the province.
    head_p = _head_of_province(world)
    api_client.force_authenticate(head_p)
    second = _post(api_client, case.pk, "second-round", {"unit": "P", "received_on": "2026-04-20"}, status=201)
    assert second["round"] == 2 and second["state"] == "pending_acceptance"
    assert api_client.get(f"/api/v1/cases/{case.pk}/").json()["state"] == "appealed"
    sid = second["id"]
    accepted = _post(api_client, sid, "accept", {"on": "2026-04-21"})
    # complaint.second.resolve: 45 days from 21/04/2026 → 05/06/2026.
    assert accepted["due_on"] == "2026-06-05"
    _post(api_client, sid, "verification", {"leader": head_p.username, "plan": "Xác minh lại", "on": "2026-04-22"})
    refused = api_client.post(f"/api/v1/cases/{sid}/decision/", {
        "number": "9/QĐ-UBND", "issued_on": "2026-05-20", "result": "wrong", "summary": "Giữ nguyên",
        "first_round_outcome": "upheld"}, format="json")  # fmt: skip
    assert refused.status_code == 400 and "đối thoại" in refused.json()["detail"]
    _post(api_client, sid, "dialogue", {"scheduled_on": "2026-05-10", "notice_sent_on": "2026-05-04",
                                        "venue": "Trụ sở UBND tỉnh", "participants": ["Nguyễn Văn An"]})  # fmt: skip
    held = api_client.put(
        f"/api/v1/cases/{sid}/dialogue/",
        {"held_on": "2026-05-10", "minutes": "Đã đối thoại", "signed_by": ["Nguyễn Văn An"]},
        format="json",
    )
    assert held.json()["state"] == "dialogue"
    _post(
        api_client,
        sid,
        "decision",
        {
            "number": "9/QĐ-UBND",
            "issued_on": "2026-05-20",
            "result": "wrong",
            "summary": "Công nhận quyết định lần đầu",
            "first_round_outcome": "upheld",
        },
    )
    for action, on in (("send-decision", "2026-05-21"),):
        _post(api_client, sid, action, {"on": on})
    _post(
        api_client,
        sid,
        "publication",
        {
            "method": "posting",
            "published_on": "2026-05-25",
            "public_text": "Quyết định 9/QĐ-UBND công nhận quyết định lần đầu.",
        },
    )
    for action, on in (
        ("become-effective", "2026-06-01"),
        ("start-enforcement", "2026-06-02"),
        ("close", "2026-06-30"),
    ):
        body = _post(api_client, sid, action, {"on": on})
    assert body["state"] == "closed" and body["next_steps"] == []
    assert not TrackedDeadline.objects.filter(object_id=str(sid), content_type__model="case",
                                              closed_on__isnull=True).exists()  # fmt: skip
    api_client.force_authenticate(world.head)
    assert _post(api_client, case.pk, "close", {"on": "2026-06-30"})["state"] == "closed"
    assert _templates(case.pk) == ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly",
                                   "case.quyet_dinh_giai_quyet_lan_dau"]  # fmt: skip


def test_complaint_withdrawn_is_terminated_with_its_decision(world, api_client):
    case = proposed_case(world)
    api_client.force_authenticate(world.head)
    _post(api_client, case.pk, "accept", {"on": "2026-03-09"})
    _post(api_client, case.pk, "start-verification", {"on": "2026-03-10"})
    no_reason = api_client.post(f"/api/v1/cases/{case.pk}/withdraw/", {"on": "2026-03-12"}, format="json")
    assert no_reason.status_code == 400 and Case.objects.get(pk=case.pk).state == "verification"
    body = _post(api_client, case.pk, "withdraw", {
        "on": "2026-03-12", "note": "Người khiếu nại rút toàn bộ khiếu nại (đơn ngày 12/03/2026)",
        "documents": ["case.quyet_dinh_dinh_chi"], "document_values": {"trach_nhiem": "Trả lại hồ sơ"}})  # fmt: skip
    assert body["state"] == "terminated" and body["next_steps"] == []
    assert {d["rule"] for d in body["deadlines"] if d["closed_on"] is None} == set()
    assert _templates(case.pk) == ["case.quyet_dinh_dinh_chi"]


def test_denunciation_suspended_across_tet_extended_concluded_published_and_denounced_further(world, api_client):
    case = proposed_denunciation(world, received_on=dt.date(2026, 1, 2))
    api_client.force_authenticate(world.head)
    body = _post(api_client, case.pk, "accept", {"on": "2026-01-05",
                                                  "documents": ["case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly",
                                                                "case.thong_bao_nguoi_bi_to_cao"]})  # fmt: skip
    assert body["due_on"] == "2026-02-04"
    _post(
        api_client,
        case.pk,
        "suspend",
        {
            "on": "2026-01-15",
            "note": "Chờ kết quả giám định",
            "documents": ["case.quyet_dinh_tam_dinh_chi"],
            "document_values": {"trach_nhiem": "Cơ quan giám định trả lời"},
        },
    )
    # Resumed after Tết: the remaining time runs from 23/02/2026 → 16/03/2026.
    body = _post(api_client, case.pk, "resume", {"on": "2026-02-23", "note": "Đã có kết quả giám định",
                                                  "documents": ["case.quyet_dinh_tiep_tuc"]})  # fmt: skip
    assert body["state"] == "accepted" and body["due_on"] == "2026-03-16"
    no_criteria = api_client.post(f"/api/v1/cases/{case.pk}/extend/", {"note": "QĐ 3"}, format="json")
    assert no_criteria.status_code == 400
    body = _post(api_client, case.pk, "extend", {"complexity_criteria": ["foreign"],
                                                  "documents": ["case.quyet_dinh_gia_han"]})  # fmt: skip
    assert body["due_on"] == "2026-04-14" and "Quyết định số" in body["events"][-1]["note"]
    again = api_client.post(f"/api/v1/cases/{case.pk}/extend/", {"note": "QĐ 9", "complexity_criteria": ["foreign"]},
                            format="json")  # fmt: skip
    assert again.status_code == 400  # complex: one extension only
    _post(api_client, case.pk, "verification", {"leader": world.verifier.username, "plan": "Xác minh",
                                                "on": "2026-03-02"})  # fmt: skip
    _post(api_client, case.pk, "decision", {
        "number": "3/KL-UBND", "issued_on": "2026-04-10", "result": "partly_right",
        "summary": "Tố cáo đúng một phần", "figures": {"money_to_state": "5.000.000", "people_recommended_sanction": 1},
        "documents": ["case.ket_luan_to_cao"],
        "document_values": {"ket_qua_xac_minh": "Đã nhận 5.000.000 đồng", "can_cu_phap_luat": "Luật Cán bộ, công chức",
                            "trach_nhiem": "Cá nhân ông Lê Văn Bị", "bien_phap_xu_ly": "Kỷ luật khiển trách"},
    })  # fmt: skip
    _post(api_client, case.pk, "send-conclusion", {"on": "2026-04-13", "documents": ["case.thong_bao_ket_qua_to_cao"]})
    _post(api_client, case.pk, "handle-conclusion", {"on": "2026-04-20"})
    _post(api_client, case.pk, "publication", {"method": "portal", "published_on": "2026-04-21",
                                               "public_text": "Kết luận 3/KL-UBND: tố cáo đúng một phần."})  # fmt: skip
    body = _post(api_client, case.pk, "close", {"on": "2026-05-04"})
    assert body["state"] == "closed"
    assert _templates(case.pk) == [
        "case.quyet_dinh_thu_ly", "case.thong_bao_thu_ly", "case.thong_bao_nguoi_bi_to_cao",
        "case.quyet_dinh_tam_dinh_chi", "case.quyet_dinh_tiep_tuc", "case.quyet_dinh_gia_han",
        "case.ket_luan_to_cao", "case.thong_bao_ket_qua_to_cao",
    ]  # fmt: skip
    # Further denunciation to the province, reviewed then resolved again.
    head_p = _head_of_province(world)
    api_client.force_authenticate(head_p)
    further = _post(api_client, case.pk, "further-denunciation",
                    {"unit": "P", "received_on": "2026-06-02", "note": "Chưa khách quan"}, status=201)  # fmt: skip
    assert further["state"] == "further_review" and further["due_on"] == "2026-06-22"
    assert [s["action"] for s in further["next_steps"]] == ["accept_further", "reject_further"]
    body = _post(api_client, further["id"], "accept-further", {"on": "2026-06-10"})
    assert body["state"] == "accepted" and body["round"] == 2


def test_denunciation_withdrawn_with_a_ground_to_continue_is_not_terminated(world, api_client):
    case = proposed_denunciation(world)
    api_client.force_authenticate(world.head)
    _post(api_client, case.pk, "accept", {"on": "2026-03-09"})
    kept = api_client.post(
        f"/api/v1/cases/{case.pk}/terminate/",
        {"on": "2026-03-12", "note": "Người tố cáo rút tố cáo", "continue_ground": "signs_of_violation"},
        format="json",
    )
    assert kept.status_code == 400 and "Điều 33" in kept.json()["detail"]
    assert Case.objects.get(pk=case.pk).state == "accepted"
    body = _post(api_client, case.pk, "terminate", {"on": "2026-03-12", "note": "Người tố cáo rút tố cáo",
                                                     "documents": ["case.quyet_dinh_dinh_chi"],
                                                     "document_values": {"trach_nhiem": "Không"}})  # fmt: skip
    assert body["state"] == "terminated"


def test_recommendation_from_acceptance_to_closure_through_the_api(world, api_client):
    from tiepdan.cases import services as case_services

    case = Case.objects.create(code="A-KN-1", unit=world.unit_a, type="rec_feedback", title="Kiến nghị sửa đường",
                               title_folded="kien nghi sua duong", opened_on=dt.date(2026, 3, 2))  # fmt: skip
    case_services.open_for_resolution(actor=world.head, case=case, on=dt.date(2026, 3, 2))
    api_client.force_authenticate(world.head)
    for action in ("accept", "consider", "answer", "close"):
        body = _post(api_client, case.pk, action, {"on": "2026-03-10"})
    assert body["state"] == "closed"
    assert [e["action"] for e in body["events"]] == ["propose", "accept", "consider", "answer", "close"]
