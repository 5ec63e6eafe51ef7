from __future__ import annotations

import pytest

from tiepdan.core.models import AuditEvent
from tiepdan.people import services
from tiepdan.people.models import Person

from ..conftest import login_api

NAME = "Phạm Văn Tố"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def data(world, media):
    person = services.create_person(actor=world.reception, owner_unit=world.unit_a, full_name="Nguyễn Văn A",
                                    id_number="001090012345")  # fmt: skip
    identity = services.create_protected_identity(actor=world.reception, unit=world.unit_a, full_name=NAME,
                                                  id_number="001085000111", person=person)  # fmt: skip
    return person, identity


def test_list_and_search(world, data, api_client):
    login_api(api_client, world.handler)
    body = api_client.get("/api/v1/people/", {"q": "nguyen van a"}).json()
    assert body["count"] == 1 and body["results"][0]["full_name"] == "Nguyễn Văn A"
    assert api_client.get("/api/v1/people/", {"q": "001090012345"}).json()["count"] == 1
    assert api_client.get("/api/v1/people/", {"q": "tran"}).json()["count"] == 0


@pytest.mark.parametrize("persona", ["handler_b", "outsider"])
def test_out_of_scope(world, data, api_client, persona):
    person, _ = data
    login_api(api_client, getattr(world, persona))
    assert api_client.get("/api/v1/people/").json()["count"] == 0
    response = api_client.get(f"/api/v1/people/{person.pk}/")
    assert response.status_code == 404 and "detail" in response.json()


def test_create_validated_in_vietnamese(world, api_client):
    login_api(api_client, world.reception)
    bad = api_client.post("/api/v1/people/", {"owner_unit": "A", "full_name": "X", "id_type": "cccd",
                                               "id_number": "12345"}, format="json")  # fmt: skip
    assert bad.status_code == 400 and "12 chữ số" in bad.json()["detail"]
    phone = api_client.post("/api/v1/people/", {"owner_unit": "A", "full_name": "X", "phone": "123"}, format="json")
    assert phone.status_code == 400 and "Số điện thoại" in phone.json()["detail"]
    assert api_client.post("/api/v1/people/", {"owner_unit": "C", "full_name": "X"}, format="json").status_code == 404
    ok = api_client.post(
        "/api/v1/people/", {"owner_unit": "A", "full_name": "Trần  Thị B", "phone": "+84 912 345 678",
                            "province": "P", "commune": "A", "address": "Số 1"}, format="json",
    )  # fmt: skip
    assert ok.status_code == 201, ok.json()
    assert ok.json()["phone"] == "0912345678" and ok.json()["phone_international"] == "+84912345678"
    assert ok.json()["commune"] == "A"
    assert Person.objects.count() == 1


def test_merge_endpoint(world, data, api_client):
    keep, _ = data
    dup = services.create_person(actor=world.reception, owner_unit=world.unit_a, full_name="Nguyen Van A")
    login_api(api_client, world.handler)
    url = f"/api/v1/people/{keep.pk}/merge/"
    assert api_client.post(url, {"duplicate": dup.pk, "reason": "trùng"}, format="json").status_code == 400
    login_api(api_client, world.head)
    response = api_client.post(url, {"duplicate": dup.pk, "reason": "trùng"}, format="json")
    assert response.status_code == 200
    assert api_client.get(f"/api/v1/people/{dup.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["vault", "head"])
def test_identity_clear_for_allowed_and_audited(world, data, api_client, persona):
    _, identity = data
    login_api(api_client, getattr(world, persona))
    response = api_client.get(f"/api/v1/identities/{identity.pk}/", {"purpose": "xác minh"})
    assert response.status_code == 200 and response.json()["full_name"] == NAME
    assert AuditEvent.objects.filter(action="people.identity.view", object_id=str(identity.pk)).count() == 1


OTHERS = ["handler", "reception", "leader", "statistician_p", "handler_b", "outsider", "admin"]


@pytest.mark.parametrize("persona", OTHERS)
def test_identity_never_shown_to_others(world, data, api_client, persona):
    person, identity = data
    login_api(api_client, getattr(world, persona))
    responses = [
        api_client.get(f"/api/v1/identities/{identity.pk}/"),
        api_client.get("/api/v1/people/"),
        api_client.get("/api/v1/people/", {"q": "pham van to"}),
        api_client.get(f"/api/v1/people/{person.pk}/"),
    ]
    assert responses[0].status_code == 404
    for response in responses:
        text = response.content.decode()
        assert NAME not in text and "001085000111" not in text
    assert not AuditEvent.objects.filter(action="people.identity.view").exists()


def test_handler_sees_identity_once_granted(world, data, api_client):
    _, identity = data
    login_api(api_client, world.handler)
    assert api_client.get(f"/api/v1/identities/{identity.pk}/").status_code == 404
    services.grant_identity_access(actor=world.head, identity=identity, user=world.handler, reason="Phân công")
    assert api_client.get(f"/api/v1/identities/{identity.pk}/").json()["full_name"] == NAME
