import pytest

from tests.conftest import login_api


def test_deadline_api(world, api_client):
    login_api(api_client, world.handler)
    r = api_client.get(
        "/api/v1/deadlines/",
        {"rule": "complaint.first.resolve", "start": "2025-10-06", "flag": ["complex", "remote"]},
    )
    assert r.status_code == 200
    # Mon 06/10/2025 + 60 = Fri 05/12/2025.
    assert r.json()["due"] == "2025-12-05" and r.json()["unit"] == "calendar"
    bad = api_client.get("/api/v1/deadlines/", {"rule": "complaint.file", "start": "2025-10-06", "extensions": "2"})
    assert bad.status_code == 400 and "gia hạn" in bad.json()["detail"]
    assert api_client.get("/api/v1/deadlines/", {"rule": "x", "start": "hôm qua"}).status_code == 400


def test_calendar_api(world, api_client):
    login_api(api_client, world.handler)
    r = api_client.get("/api/v1/calendar/", {"year": 2026})
    days = {d["date"]: d["name"] for d in r.json()["non_working_days"]}
    assert days["2026-02-17"] == "Tết Nguyên Đán" and days["2026-09-02"] == "Quốc khánh"
    assert {"date": "2026-08-22"} in r.json()["makeup_working_days"]
    assert api_client.get("/api/v1/calendar/", {"year": "abc"}).status_code == 400


def test_api_needs_login(api_client, db):
    assert api_client.get("/api/v1/calendar/", {"year": 2026}).status_code in (401, 403)


@pytest.mark.django_db
def test_calculator_page(world, client):
    client.force_login(world.handler)
    r = client.get("/thoi-han/", {"rule": "complaint.accept", "start": "13/02/2026", "extensions": "0"})
    body = r.content.decode()
    assert r.status_code == 200 and "Tính thời hạn" in body and "06/03/2026" in body
    assert "Tết Nguyên Đán" in body and "table-warning" in body
    bad = client.get("/thoi-han/", {"rule": "complaint.file", "start": "01/01/2026", "flags": "complex"})
    assert "không áp dụng tình tiết" in bad.content.decode()
    client.logout()
    assert client.get("/thoi-han/").status_code == 302


def test_admin_pages_in_vietnamese(world, client):
    client.force_login(world.admin)
    body = client.get("/quan-tri/lawcal/deadlinerule/").content.decode()
    assert "quy tắc thời hạn" in body.lower() and "complaint.accept" in body
    body = client.get("/quan-tri/lawcal/calendaroverride/add/").content.decode()
    assert "Ngày làm việc bù" in body
