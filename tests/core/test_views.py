from __future__ import annotations


def test_healthz_reports_the_database(db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"


def test_login_page_is_vietnamese(db, client):
    response = client.get("/dang-nhap/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đăng nhập hệ thống Tiếp Dân" in html
    assert 'lang="vi"' in html


def test_home_requires_login(db, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_wrong_login_shows_a_vietnamese_error(world, client):
    response = client.post("/dang-nhap/", {"username": "handler", "password": "sai"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_dashboard_shows_the_users_units(world, client, password):
    client.force_login(world.handler)
    html = client.get("/").content.decode()
    assert "Xin chào" in html
    assert "Phường An Bình" in html
    assert "Chuyên viên xử lý đơn" in html


def test_english_is_available(world, client, password):
    client.force_login(world.handler)
    client.post("/ngon-ngu/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Hello" in html
