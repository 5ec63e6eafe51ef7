"""The petitions HTTP API: registration from every channel, the queue, the detail and every action, with the
personas (out of scope answers 404) and the denouncer's identity kept out of every answer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

from tiepdan.core.models import AuditEvent, User
from tiepdan.core.text import fold
from tiepdan.documents.models import GeneratedDocument
from tiepdan.orgs.selectors import today
from tiepdan.people.models import Person, ProtectedIdentity
from tiepdan.people.rules import REDACTED_NAME
from tiepdan.petitions import services
from tiepdan.petitions.models import Petition, PetitionEvent, PetitionStatus
from tiepdan.petitions.services import PetitionerInput

from ..conftest import login_api
from .conftest import RECEIVED, leaf, register

pytestmark = pytest.mark.django_db

URL = "/api/v1/petitions/"
SIGNER = {"title": "CHỦ TỊCH", "name": "Phạm Văn Chủ"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "received_on": RECEIVED.isoformat(),
        "channel": "post",
        "unit": "A",
        "type": "complaint",
        "summary": "Khiếu nại quyết định thu hồi đất của UBND phường An Bình",
        "content": "Tôi là Nguyễn Văn An, khiếu nại việc thu hồi 120 m² đất ở tổ dân phố 5.",
        "letter_date": (RECEIVED - dt.timedelta(days=3)).isoformat(),
        "respondent_name": "Chủ tịch UBND phường An Bình",
        "petitioners": [{"full_name": "Nguyễn Văn An", "id_number": "001085012345", "address": "Tổ 5"}],
    }
    data.update(overrides)
    return data


def post(client: Any, user: Any, url: str, data: dict[str, Any], **headers: str) -> Any:
    login_api(client, user)
    return client.post(url, data, format="json", headers=headers or None)


def get(client: Any, user: Any, url: str, params: dict[str, Any] | None = None) -> Any:
    login_api(client, user)
    return client.get(url, params or {})


def codes(response: Any) -> set[str]:
    assert response.status_code == 200, response.json()
    return {row["code"] for row in response.json()["results"]}


def classify(world: Any, petition: Petition, *, within: bool = True, field: str = "KN.HC.DD.TH", **kw: Any) -> Petition:
    return services.classify_petition(
        actor=world.handler, petition=petition, subject_field=leaf(field, petition.type), within_competence=within,
        **kw,
    )  # fmt: skip


# --- Registration ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["in_person", "post", "transferred", "reception", "online"])
def test_register_from_every_channel(world, api_client, channel):
    extra: dict[str, Any] = {}
    if channel == "transferred":
        extra = {
            "referring_body": "Ban Nội chính Tỉnh ủy",
            "referring_doc_number": "125-CV/BNCTU",
            "referring_doc_date": (RECEIVED - dt.timedelta(days=1)).isoformat(),
        }
    response = post(api_client, world.reception, URL, payload(channel=channel, subject_field="KN.HC.DD.TH", **extra))
    assert response.status_code == 201, response.json()
    body = response.json()
    petition = Petition.objects.get()
    assert body["id"] == petition.pk and body["code"] == petition.code == f"A-{RECEIVED.year}-000001"
    # petition.process: 10 working days from Monday 02/03/2026.
    assert body["due_on"] == "2026-03-16" and body["due_rule"] == "petition.process"
    assert body["duplicate_candidates"] == []
    assert body["channel"] == channel == petition.channel
    assert body["unit"] == "A" and body["status"] == "registered" and body["subject_field"] == "KN.HC.DD.TH"
    assert body["petitioners"][0]["display_name"] == "Nguyễn Văn An"
    assert body["petitioners"][0]["id_number"] == "001085012345"
    assert body["content"].startswith("Tôi là Nguyễn Văn An") and body["content_protected"] is False
    assert [e["kind"] for e in body["timeline"]] == ["register"]
    assert body["version"] == petition.version
    if channel == "transferred":
        assert body["referring_body"] == "Ban Nội chính Tỉnh ủy"
        assert body["referring_doc_number"] == "125-CV/BNCTU"
        assert body["referring_doc_date"] == extra["referring_doc_date"]
        assert petition.referring_doc_number == "125-CV/BNCTU"
    else:
        assert body["referring_doc_date"] is None


def test_second_letter_of_the_same_person_has_duplicate_candidates(world, api_client):
    first = post(api_client, world.handler, URL, payload()).json()
    second = post(api_client, world.handler, URL, payload(summary="Khiếu nại lần 2 về thu hồi đất")).json()
    candidates = second["duplicate_candidates"]
    assert [c["id"] for c in candidates] == [first["id"]]
    assert candidates[0]["code"] == first["code"]
    assert candidates[0]["score"] == 1.0 and 0 <= candidates[0]["score"] <= 1
    assert "Cùng số giấy tờ" in candidates[0]["reason"]
    again = get(api_client, world.handler, f"{URL}{second['id']}/duplicates/").json()
    assert [c["id"] for c in again] == [first["id"]]


def test_double_submit_with_idempotency_key(world, api_client):
    first = post(api_client, world.handler, URL, payload(), **{"Idempotency-Key": "don-2026-0001"})
    again = post(api_client, world.handler, URL, payload(), **{"Idempotency-Key": "don-2026-0001"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json()["id"] == first.json()["id"] and again.json()["code"] == first.json()["code"]
    assert Petition.objects.count() == 1 and Person.objects.count() == 1
    assert AuditEvent.objects.filter(action="petitions.register").count() == 1
    # The same key for a different letter is refused, and writes nothing.
    other = post(
        api_client, world.handler, URL, payload(summary="Một đơn khác"), **{"Idempotency-Key": "don-2026-0001"}
    )
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["detail"]
    assert Petition.objects.count() == 1
    # Keys are per user: another official's key never returns this petition.
    mine = post(api_client, world.reception, URL, payload(), **{"Idempotency-Key": "don-2026-0001"})
    assert mine.status_code == 201 and mine.json()["id"] != first.json()["id"]
    # Without a key every submit is a new letter.
    assert post(api_client, world.handler, URL, payload()).status_code == 201
    assert Petition.objects.count() == 3


@pytest.mark.parametrize(
    ("persona", "overrides", "status", "field", "text"),
    [
        ("handler", {"petitioners": [{"full_name": "Lê Văn C", "id_number": "999085012345"}]}, 400,
         "petitioners", "Số căn cước công dân không hợp lệ"),
        ("handler", {"received_on": "2099-01-01", "letter_date": None}, 400, "received_on", "sau ngày hôm nay"),
        ("handler", {"letter_date": (RECEIVED + dt.timedelta(days=1)).isoformat()}, 400, "letter_date",
         "sau ngày nhận đơn"),
        ("handler", {"unit": "KHONG-CO"}, 400, "unit", "KHONG-CO"),
        ("handler", {"subject_field": "KN.KHONG.CO"}, 400, "subject_field", "KN.KHONG.CO"),
        ("handler", {"subject_field": "KN.HC"}, 400, "subject_field", "chi tiết nhất"),
        ("handler", {"respondent_unit": "ZZZ"}, 400, "respondent_unit", "ZZZ"),
        ("handler", {"assignee": "khong_ai"}, 400, "assignee", "khong_ai"),
        ("handler", {"assignee": "verifier"}, 400, "assignee", "chuyên viên xử lý"),
        ("handler", {"channel": "transferred"}, 400, "referring_body", "cơ quan chuyển đơn"),
        ("handler", {"petitioners": []}, 400, "petitioners", "ít nhất một người gửi"),
        ("verifier", {}, 400, None, "không có vai trò"),
        ("handler", {"unit": "C"}, 404, None, "Không tìm thấy"),
        ("handler_b", {}, 404, None, "Không tìm thấy"),
        ("outsider", {}, 404, None, "Không tìm thấy"),
    ],
)  # fmt: skip
def test_bad_registration_is_refused_in_vietnamese_and_writes_nothing(
    world, api_client, persona, overrides, status, field, text
):
    response = post(api_client, getattr(world, persona), URL, payload(**overrides), **{"Idempotency-Key": "k-1"})
    assert response.status_code == status, response.json()
    body = response.json()
    assert text in body["detail"]
    assert body.get("field") == field
    assert not Petition.objects.exists()
    assert not Person.objects.exists() and not ProtectedIdentity.objects.exists()
    assert not PetitionEvent.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="petitions.").exists()


def test_malformed_fields_answer_vietnamese_field_errors(world, api_client):
    response = post(api_client, world.handler, URL, payload(channel="fax", received_on="02/03/2026"))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Dữ liệu không hợp lệ, xem lỗi của từng trường."
    assert set(body["errors"]) == {"channel", "received_on"}
    assert not Petition.objects.exists()
    api_client.force_authenticate(user=None)
    anonymous = api_client.get(URL)
    assert anonymous.status_code in (401, 403) and "đăng nhập" in anonymous.json()["detail"]


# --- Queue ----------------------------------------------------------------------------------------------


@pytest.fixture
def queue(world):
    """p1 complaint (overdue, classified, assigned), p2 recommendation (today, unassigned), p3 denunciation
    (archived), p4 complaint of the sibling unit B."""
    p1 = classify(world, register(world))
    p2 = register(
        world, actor=world.reception, type="rec_feedback", channel="in_person", received_on=today(), letter_date=None,
        summary="Phản ánh đèn đường hỏng ở tổ 7", content="",
        petitioners=[PetitionerInput(full_name="Trần Thị Bình")], respondent_name="",
    )  # fmt: skip
    p3 = register(
        world, type="denunciation", channel="online", summary="Tố cáo cán bộ thu tiền", content="",
        petitioners=[PetitionerInput(full_name="Đỗ Văn Dũng")],
    )  # fmt: skip
    services.archive(actor=world.handler, petition=p3, reason="anonymous")
    p4 = register(
        world, actor=world.handler_b, unit=world.unit_b, summary="Khiếu nại việc cấp giấy phép xây dựng",
        content="", petitioners=[PetitionerInput(full_name="Lý Thị Én")],
    )  # fmt: skip
    return {p.code: name for p, name in [(p1, "p1"), (p2, "p2"), (p3, "p3"), (p4, "p4")]}


def test_queue_filters(world, api_client, queue):
    by_name = {name: code for code, name in queue.items()}

    def names(user: Any, **params: Any) -> set[str]:
        return {queue[c] for c in codes(get(api_client, user, URL, params))}

    boss = world.statistician_p
    assert names(boss) == {"p1", "p2", "p3", "p4"}
    assert names(boss, status="open") == {"p1", "p2", "p4"}
    assert names(boss, status="processed") == {"p3"}
    assert names(boss, status="classified") == {"p1"}
    assert names(boss, type="complaint") == {"p1", "p4"}
    assert names(boss, field="KN.HC") == {"p1"}
    assert names(boss, field="KN.HC.DD.TH") == {"p1"}
    assert names(boss, field="KN.TP") == set()
    assert names(boss, unit="B") == {"p4"}
    assert names(boss, assignee="handler") == {"p1", "p3"}
    assert names(boss, assignee="none") == {"p2"}
    assert names(world.handler, assignee="me") == {"p1", "p3"}
    assert names(boss, due_before="2026-03-31") == {"p1", "p4"}
    assert names(boss, overdue="true") == {"p1", "p4"}
    assert names(boss, overdue="false") == {"p2", "p3"}
    assert names(boss, channel="in_person") == {"p2"}
    assert names(boss, q="nguyen van an") == {"p1"}
    assert names(boss, q="NGUYỄN VĂN AN") == {"p1"}
    assert names(boss, q="001085012345") == {"p1"}
    assert names(boss, q="den duong") == {"p2"}
    assert names(boss, status="open", type="complaint", unit="A") == {"p1"}
    # Scope: the sibling unit's handler sees only its own; another province sees nothing.
    assert names(world.handler_b) == {"p4"}
    assert names(world.outsider) == set()
    # Rows carry what the queue shows.
    rows = {r["code"]: r for r in get(api_client, boss, URL).json()["results"]}
    p1 = rows[by_name["p1"]]
    assert p1["unit"] == "A" and p1["type"] == "complaint" and p1["channel"] == "post"
    assert p1["status"] == "classified" and p1["due_on"] == "2026-03-16" and p1["due_state"] == "overdue"
    assert p1["petitioner"] == "Nguyễn Văn An" and p1["assignee"] == "handler"
    assert p1["subject_field"] == "KN.HC.DD.TH" and p1["case"] is None and p1["outcome"] == ""
    p2 = rows[by_name["p2"]]
    assert p2["due_state"] in ("on_time", "due_soon") and p2["assignee"] is None and p2["subject_field"] is None
    p3 = rows[by_name["p3"]]
    assert p3["petitioner"] == REDACTED_NAME and p3["due_state"] is None and p3["outcome"] == "archive"
    assert p3["case"] is not None and p3["case"].startswith("VV-A-")
    # Most urgent first: open petitions by due date, p2 (received today) last.
    ordered = [r["code"] for r in get(api_client, boss, URL, {"status": "open"}).json()["results"]]
    assert set(ordered[:2]) == {by_name["p1"], by_name["p4"]} and ordered[2] == by_name["p2"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"status": "lost"}, "status"), ({"type": "x"}, "type"), ({"channel": "fax"}, "channel"),
     ({"overdue": "maybe"}, "overdue"), ({"due_before": "31/03/2026"}, "due_before")],
)  # fmt: skip
def test_bad_queue_parameters(world, api_client, params, field):
    response = get(api_client, world.handler, URL, params)
    assert response.status_code == 400
    assert response.json()["field"] == field and field in response.json()["detail"]


def test_queue_costs_the_same_queries_for_any_page_size(world, api_client, django_assert_max_num_queries):
    def make(count: int) -> None:
        for i in range(count):
            kind = ["complaint", "denunciation", "rec_feedback"][i % 3]
            petition = register(
                world, type=kind, summary=f"Đơn số {i} về việc {kind}", content="",
                petitioners=[PetitionerInput(full_name=f"Người Gửi {i}"), PetitionerInput(full_name=f"Người Kèm {i}")],
            )  # fmt: skip
            if i % 2:
                services.resolve_duplicate(actor=world.handler, petition=petition, decision="new")
            if kind == "complaint":
                classify(world, Petition.objects.get(pk=petition.pk))

    counts = []
    for size in (5, 30):
        make(size - Petition.objects.count())
        # A fresh user object, as each real request loads one (the scope is cached on it).
        login_api(api_client, User.objects.get(pk=world.statistician_p.pk))
        with django_assert_max_num_queries(7) as captured:
            response = api_client.get(URL, {"limit": 100})
        assert response.json()["count"] == size
        counts.append(len(captured))
    assert counts[0] == counts[1]


# --- Detail and workflows -------------------------------------------------------------------------------


def test_walk_registration_classification_and_proposal_to_accept(world, api_client):
    created = post(api_client, world.reception, URL, payload()).json()
    url = f"{URL}{created['id']}/"
    assert created["assignee"] is None and created["can_handle"] is False and created["allowed_outcomes"] == []
    assigned = post(api_client, world.head, f"{url}assign/", {"assignee": "handler", "version": created["version"]})
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["assignee"] == "handler" and assigned.json()["assignee_name"] == world.handler.full_name
    # A stale version (the form was open before the assignment) is refused and changes nothing.
    stale = post(api_client, world.handler, f"{url}classify/", {"subject_field": "KN.HC.DD.TH",
                 "within_competence": True, "version": created["version"]})  # fmt: skip
    assert stale.status_code == 400 and "người khác cập nhật" in stale.json()["detail"]
    classified = post(api_client, world.handler, f"{url}classify/", {
        "subject_field": "KN.HC.DD.TH", "within_competence": True, "resolution_status": "unresolved",
        "respondent_unit": "A", "flags": {"originals_attached": True}, "version": assigned.json()["version"],
    })  # fmt: skip
    assert classified.status_code == 200, classified.json()
    body = classified.json()
    assert body["status"] == "classified" and body["eligible"] is True and body["eligibility_failures"] == []
    assert body["within_competence"] is True and body["competent_unit"] == "A"
    assert body["subject_field"] == "KN.HC.DD.TH" and body["subject_field_name"]
    assert body["flags"]["originals_attached"] is True and body["respondent_unit"] == "A"
    assert body["can_handle"] is True
    assert {"propose_acceptance", "reject_acceptance", "archive"} <= set(body["allowed_outcomes"])
    assert "guide" not in body["allowed_outcomes"]
    proposed = post(api_client, world.handler, f"{url}propose-acceptance/", {
        "proposal": "Đề nghị thụ lý giải quyết khiếu nại lần đầu", "on": RECEIVED.isoformat(), "signer": SIGNER,
    })  # fmt: skip
    assert proposed.status_code == 200, proposed.json()
    body = proposed.json()
    assert body["status"] == "processed" and body["outcome"] == "propose_acceptance"
    assert body["outcome_on"] == RECEIVED.isoformat() and body["case"].startswith("VV-A-")
    assert body["follow_up_rule"] == "complaint.accept" and body["due_state"] is None
    [document] = body["documents"]
    assert document["id"] == body["outcome_document"] and document["number_string"].startswith("1/PĐX-")
    assert document["docx_url"].endswith(f"/van-ban/{document['id']}/docx")
    assert document["url"].endswith(f"/api/v1/documents/{document['id']}/")
    assert [e["kind"] for e in body["timeline"]] == ["register", "assign", "classify", "outcome.propose_acceptance"]
    assert body["timeline"][-1]["document"] == document["id"] and body["timeline"][-1]["actor"] == "handler"
    assert body["allowed_outcomes"] == []
    # A second outcome on a processed petition is refused and writes nothing.
    for endpoint, data in [("archive/", {"reason": "duplicate"}), ("reject-acceptance/", {"ground": "art11.5"})]:
        again = post(api_client, world.handler, url + endpoint, data)
        assert again.status_code == 400 and "đã được xử lý" in again.json()["detail"]
    petition = Petition.objects.get(pk=created["id"])
    assert petition.outcome == "propose_acceptance" and GeneratedDocument.objects.count() == 1
    # The statistician of the province sees it, cannot act on it; the sibling unit answers 404.
    seen = get(api_client, world.statistician_p, url).json()
    assert seen["code"] == created["code"] and seen["can_handle"] is False
    assert get(api_client, world.handler_b, url).status_code == 404
    assert post(api_client, world.handler_b, f"{url}archive/", {"reason": "duplicate"}).status_code == 404


def test_classify_with_failed_conditions_and_bad_codes(world, api_client):
    petition = register(world)
    url = f"{URL}{petition.pk}/classify/"
    bad_field = post(api_client, world.handler, url, {"subject_field": "XX", "within_competence": True})
    assert bad_field.status_code == 400 and bad_field.json()["field"] == "subject_field"
    other_type = post(api_client, world.handler, url, {"subject_field": "TC.TN", "within_competence": True})
    assert other_type.status_code == 400 and "không thuộc danh mục" in other_type.json()["detail"]
    bad_unit = post(api_client, world.handler, url, {"subject_field": "KN.TP", "within_competence": False,
                                                     "competent_unit": "NOPE"})  # fmt: skip
    assert bad_unit.status_code == 400 and bad_unit.json()["field"] == "competent_unit"
    no_target = post(api_client, world.handler, url, {"subject_field": "KN.TP", "within_competence": False})
    assert no_target.status_code == 400 and no_target.json()["field"] == "competent_unit"
    verifier = post(api_client, world.verifier, url, {"subject_field": "KN.TP", "within_competence": True})
    assert verifier.status_code == 400 and "Chỉ chuyên viên" in verifier.json()["detail"]
    assert (
        post(api_client, world.outsider, url, {"subject_field": "KN.TP", "within_competence": True}).status_code == 404
    )
    assert Petition.objects.get(pk=petition.pk).status == PetitionStatus.REGISTERED
    ok = post(api_client, world.handler, url, {"subject_field": "KN.TP", "within_competence": False,
              "competent_unit": "B", "failed_conditions": ["signed", "dated"]})  # fmt: skip
    assert ok.status_code == 200, ok.json()
    body = ok.json()
    assert body["eligible"] is False and body["competent_unit"] == "B" and body["competent_unit_name"]
    assert body["eligibility_failures"] == [
        {"code": "dated", "text": "Đơn ghi rõ ngày, tháng, năm viết đơn"},
        {"code": "signed", "text": "Đơn có chữ ký hoặc điểm chỉ của người viết đơn"},
    ]
    assert "propose_acceptance" not in body["allowed_outcomes"] and "guide" in body["allowed_outcomes"]


def test_walk_denunciation_to_transfer(world, api_client):
    created = post(api_client, world.handler, URL, payload(
        type="denunciation", summary="Tố cáo cán bộ địa chính nhận tiền", content="Tôi là Trần Văn Khuê, tố cáo.",
        petitioners=[{"full_name": "Trần Văn Khuê", "id_number": "001085099999"}], respondent_name="Ông X",
        respondent_unit="A",
    ))  # fmt: skip
    assert created.status_code == 201, created.json()
    body = created.json()
    url = f"{URL}{body['id']}/"
    assert body["due_rule"] == "denunciation.process" and body["due_on"] == "2026-03-11"
    assert body["content"] == "" and body["content_protected"] is True
    assert body["petitioners"][0]["display_name"] == REDACTED_NAME and body["petitioners"][0]["redacted"] is True
    assert body["petitioners"][0]["identity_id"] is not None
    suggestion = get(api_client, world.handler, f"{url}suggest-competence/").json()
    assert suggestion["unit"] == "A" and "Phường An Bình" in suggestion["explanation"]
    classified = post(api_client, world.handler, f"{url}classify/", {
        "subject_field": "TC.TN", "within_competence": False, "competent_body_name": "Thanh tra tỉnh",
    })  # fmt: skip
    assert classified.status_code == 200 and "transfer" in classified.json()["allowed_outcomes"]
    transferred = post(api_client, world.handler, f"{url}transfer/", {"to_body": "", "include_identity": True,
                                                                      "signer": SIGNER})  # fmt: skip
    assert transferred.status_code == 200, transferred.json()
    body = transferred.json()
    assert body["outcome"] == "transfer" and body["outcome_target"] == "Thanh tra tỉnh"
    [document] = body["documents"]
    assert document["template_code"] == "tt05.mau03" and document["contains_denouncer_identity"] is True
    assert "Khuê" not in json.dumps(body, ensure_ascii=False)
    # The slip names the denouncer: the head of the unit may open it, a verifier gets no link.
    assert get(api_client, world.head, url).json()["documents"][0]["docx_url"]
    assert get(api_client, world.verifier, url).json()["documents"][0]["docx_url"] is None


NAME = "Lã Thị Kín Đáo"
ID_NUMBER = "001185054321"


def test_denouncer_identity_is_never_shown_nor_searchable(world, api_client):
    created = post(api_client, world.handler, URL, payload(
        type="denunciation", channel="in_person", summary="Tố cáo cán bộ thu tiền trái phép khi cấp phép",
        content=f"Tôi là {NAME}, số CCCD {ID_NUMBER}, tố cáo ông Y.",
        petitioners=[{"full_name": NAME, "id_number": ID_NUMBER, "address": "Ngõ 9", "phone": "0912345678"}],
        respondent_name="Ông Y, cán bộ địa chính",
    ))  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    secrets = [NAME, ID_NUMBER, fold(NAME), "Ngõ 9", "0912345678"]

    def assert_clean(response: Any) -> None:
        text = json.dumps(response.json(), ensure_ascii=False)
        assert not any(s.lower() in text.lower() for s in secrets), text
        assert not any(s in fold(text) for s in [fold(NAME), ID_NUMBER])

    assert_clean(created)
    for persona in ["handler", "head", "verifier", "handler_b", "statistician_p", "outsider", "vault"]:
        user = getattr(world, persona)
        listed = get(api_client, user, URL)
        assert_clean(listed)
        detail = get(api_client, user, f"{URL}{pk}/")
        assert_clean(detail)
        if persona in ("handler_b", "outsider"):
            assert detail.status_code == 404 and listed.json()["count"] == 0
        else:
            assert detail.status_code == 200 and listed.json()["count"] == 1
            assert detail.json()["petitioners"][0]["display_name"] == REDACTED_NAME
            assert listed.json()["results"][0]["petitioner"] == REDACTED_NAME
            assert_clean(get(api_client, user, f"{URL}{pk}/duplicates/"))
        for q in [NAME, fold(NAME), ID_NUMBER, "Kín Đáo", "0912345678"]:
            found = get(api_client, user, URL, {"q": q})
            assert found.status_code == 200 and found.json()["count"] == 0, (persona, q)
    # Searching by what is not secret still finds it for those in scope.
    assert get(api_client, world.head, URL, {"q": "thu tien trai phep"}).json()["count"] == 1
    for event in AuditEvent.objects.all():
        assert NAME not in str(event.changes) and ID_NUMBER not in str(event.changes)


def test_split_assign_and_duplicate_decision(world, api_client):
    mixed = register(world, summary="Vừa khiếu nại vừa tố cáo")
    url = f"{URL}{mixed.pk}/"
    too_few = post(api_client, world.handler, f"{url}split/", {"parts": [{"type": "complaint", "summary": "x"}]})
    assert too_few.status_code == 400 and too_few.json()["field"] == "parts"
    split = post(api_client, world.handler, f"{url}split/", {"parts": [
        {"type": "complaint", "summary": "Khiếu nại quyết định thu hồi đất"},
        {"type": "denunciation", "summary": "Tố cáo cán bộ nhận tiền"},
    ]})  # fmt: skip
    assert split.status_code == 200, split.json()
    body = split.json()
    assert body["status"] == "split" and [p["type"] for p in body["parts"]] == ["complaint", "denunciation"]
    denunciation = get(api_client, world.head, f"{URL}{body['parts'][1]['id']}/").json()
    assert denunciation["split_from"]["id"] == mixed.pk
    assert denunciation["petitioners"][0]["display_name"] == REDACTED_NAME
    # Assignment: only a handler of the unit; unknown usernames are bad input.
    part = f"{URL}{body['parts'][0]['id']}/"
    unknown = post(api_client, world.head, f"{part}assign/", {"assignee": "ai_do"})
    assert unknown.status_code == 400 and unknown.json()["field"] == "assignee"
    wrong = post(api_client, world.head, f"{part}assign/", {"assignee": "handler_b"})
    assert wrong.status_code == 400 and "chuyên viên xử lý" in wrong.json()["detail"]
    assert post(api_client, world.head, f"{part}assign/", {"assignee": "handler"}).json()["assignee"] == "handler"
    # Duplicate decision: the second letter of the same person is a duplicate of the first.
    first = register(world)
    second = register(world, summary="Khiếu nại lần hai về thu hồi đất")
    decided = post(api_client, world.handler, f"{URL}{second.pk}/duplicate/", {"decision": "duplicate",
                                                                              "other": first.pk})  # fmt: skip
    assert decided.status_code == 200, decided.json()
    assert decided.json()["duplicate_status"] == "duplicate" and decided.json()["duplicate_of"]["id"] == first.pk
    assert decided.json()["case"] == Petition.objects.get(pk=first.pk).case.code
    elsewhere = register(world, actor=world.handler_b, unit=world.unit_b)
    hidden = post(api_client, world.handler, f"{URL}{first.pk}/duplicate/", {"decision": "linked",
                                                                            "other": elsewhere.pk})  # fmt: skip
    assert hidden.status_code == 404
    new = post(api_client, world.handler, f"{URL}{first.pk}/duplicate/", {"decision": "new"})
    assert new.status_code == 200 and new.json()["duplicate_status"] == "new"


def _classified(world: Any, kind: str, *, within: bool, field: str, **kw: Any) -> Petition:
    petition = register(world, type=kind, summary=f"Đơn {kind}", content="",
                        petitioners=[PetitionerInput(full_name="Nguyễn Thị Hoa")])  # fmt: skip
    return classify(world, petition, within=within, field=field, **kw)


def test_each_outcome_endpoint(world, api_client):
    report_by = today() + dt.timedelta(days=30)
    cases: list[tuple[str, Petition, dict[str, Any], str]] = [
        ("reject-acceptance", _classified(world, "complaint", within=True, field="KN.HC.K"),
         {"ground": "art11.5", "note": "Đơn không có chữ ký", "signer": SIGNER}, "reject_acceptance"),
        ("guide", _classified(world, "complaint", within=False, field="KN.TP",
                              competent_body_name="Tòa án nhân dân khu vực 1"),
         {"competent_body": "", "reason": "Thuộc thẩm quyền của Tòa án"}, "guide"),
        ("transfer", _classified(world, "rec_feedback", within=False, field="KNPA.MT", competent_unit=world.unit_b),
         {"to_body": "UBND phường Bình Minh", "note": "Chuyển theo thẩm quyền"}, "transfer"),
        ("urge", _classified(world, "rec_feedback", within=False, field="KNPA.DD", competent_unit=world.unit_b),
         {"subordinate_body": "UBND phường Bình Minh", "earlier_document": "Công văn số 12/UBND ngày 01/02/2026",
          "report_by": report_by.isoformat(), "signer": SIGNER}, "urge"),
        ("transfer-party", _classified(world, "rec_feedback", within=False, field="KNPA.K",
                                       competent_body_name="Ủy ban Kiểm tra Đảng ủy"),
         {"party_body": "Ủy ban Kiểm tra Đảng ủy phường", "note": ""}, "transfer_party"),
        ("archive", register(world), {"reason": "no_new_facts", "signer": SIGNER}, "archive"),
    ]  # fmt: skip
    for endpoint, petition, data, outcome in cases:
        response = post(api_client, world.handler, f"{URL}{petition.pk}/{endpoint}/", data)
        assert response.status_code == 200, (endpoint, response.json())
        body = response.json()
        assert body["outcome"] == outcome and body["status"] == "processed", endpoint
        assert body["timeline"][-1]["kind"] == f"outcome.{outcome}"
        assert len(body["documents"]) == (0 if outcome == "archive" else 1), endpoint
    rejected = Petition.objects.get(outcome="reject_acceptance")
    assert "khoản 5 Điều 11" in get(api_client, world.handler, f"{URL}{rejected.pk}/").json()["outcome_ground_text"]
    urged = Petition.objects.get(outcome="urge")
    assert urged.follow_up_due_on == report_by
    archived = get(api_client, world.handler, f"{URL}{Petition.objects.get(outcome='archive').pk}/").json()
    assert archived["outcome_ground"] == "no_new_facts" and archived["outcome_ground_text"] == "Không có tình tiết mới"


def test_outcome_input_errors_change_nothing(world, api_client):
    complaint = _classified(world, "complaint", within=False, field="KN.TP", competent_body_name="Tòa án")
    url = f"{URL}{complaint.pk}/"
    transfer = post(api_client, world.handler, f"{url}transfer/", {"to_body": "Tòa án"})
    assert transfer.status_code == 400 and transfer.json()["field"] == "outcome"
    tomorrow = (today() + dt.timedelta(days=2)).isoformat()
    future = post(
        api_client, world.handler, f"{url}guide/", {"competent_body": "Tòa án", "reason": "x", "on": tomorrow}
    )
    assert future.status_code == 400 and future.json()["field"] == "on"
    other = post(api_client, world.handler, f"{url}archive/", {"reason": "other"})
    assert other.status_code == 400 and other.json()["field"] == "note"
    ground = post(api_client, world.handler, f"{url}reject-acceptance/", {"ground": "art12.1"})
    assert ground.status_code == 400 and "ground" in ground.json()["errors"]
    past = post(api_client, world.handler, f"{url}urge/", {"subordinate_body": "UBND", "earlier_document": "CV 1",
                                                            "report_by": RECEIVED.isoformat()})  # fmt: skip
    assert past.status_code == 400 and past.json()["field"] == "report_by"
    complaint.refresh_from_db()
    assert complaint.status == PetitionStatus.CLASSIFIED and not GeneratedDocument.objects.exists()


def test_return_originals(world, api_client):
    petition = register(world, originals_attached=True)
    url = f"{URL}{petition.pk}/return-originals/"
    empty = post(api_client, world.handler, url, {"documents": [], "reason": "Không thuộc thẩm quyền"})
    assert empty.status_code == 400 and empty.json()["field"] == "documents"
    response = post(api_client, world.handler, url, {
        "documents": ["Bản gốc Quyết định số 5/QĐ-UBND"], "reason": "Không thuộc thẩm quyền", "signer": SIGNER,
    })  # fmt: skip
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["originals_returned_on"] == today().isoformat() and body["status"] == "registered"
    assert body["documents"][0]["template_code"] == "tt05.tra_lai_don"
    assert post(api_client, world.handler, url, {"documents": ["x"], "reason": "y"}).status_code == 400


# --- Code lists and the schema --------------------------------------------------------------------------


def test_code_lists(world, api_client):
    fields = get(api_client, world.handler, "/api/v1/subject-fields/", {"type": "complaint"}).json()
    by_code = {f["code"]: f for f in fields}
    assert all(code.startswith("KN.") for code in by_code)
    assert by_code["KN.HC"] | {"name": ""} == {"code": "KN.HC", "name": "", "parent": None, "applies_to": "complaint",
                                               "leaf": False, "list_version": "TT06/2025",
                                               "legal_source": by_code["KN.HC"]["legal_source"]}  # fmt: skip
    assert by_code["KN.HC.DD.TH"]["parent"] == "KN.HC.DD" and by_code["KN.HC.DD.TH"]["leaf"] is True
    assert by_code["KN.HC.DD"]["leaf"] is False and by_code["KN.TP"]["leaf"] is True
    every = get(api_client, world.handler, "/api/v1/subject-fields/").json()
    assert {f["applies_to"] for f in every} == {"complaint", "denunciation", "rec_feedback"}
    bad = get(api_client, world.handler, "/api/v1/subject-fields/", {"type": "x"})
    assert bad.status_code == 400 and bad.json()["field"] == "type"
    grounds = get(api_client, world.handler, f"{URL}rejection-grounds/").json()
    assert [g["code"] for g in grounds] == [f"art11.{i}" for i in range(1, 10)]
    assert grounds[4]["text"].startswith("Đơn khiếu nại không có chữ ký") and "khoản 5 Điều 11" in grounds[4]["source"]
    conditions = get(api_client, world.handler, f"{URL}eligibility-conditions/").json()
    assert {c["code"] for c in conditions} == {"vietnamese", "dated", "named", "signed", "clear", "not_processed"}


def test_openapi_schema_describes_the_petitions_api(world, api_client):
    response = get(api_client, world.admin, "/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate(schema)
    paths = schema["paths"]
    for action in ["classify", "assign", "split", "duplicate", "propose-acceptance", "reject-acceptance", "guide",
                   "transfer", "urge", "transfer-party", "archive", "return-originals"]:  # fmt: skip
        assert "post" in paths[f"/api/v1/petitions/{{id}}/{action}/"], action
    create = paths["/api/v1/petitions/"]["post"]
    assert [p["name"] for p in create["parameters"]] == ["Idempotency-Key"]
    assert {"201", "200"} <= set(create["responses"])
    assert {"status", "q", "overdue", "field"} <= {p["name"] for p in paths["/api/v1/petitions/"]["get"]["parameters"]}
