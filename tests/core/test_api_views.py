from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.authtoken.models import Token

TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _clear_axes(db):
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
    cache.clear()


def test_token_then_me(world, api_client, password):
    response = api_client.post(TOKEN_URL, {"username": "handler", "password": password}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    me = api_client.get("/api/v1/me/").json()
    assert me["username"] == "handler"
    assert me["units"] == [
        {
            "code": "A",
            "name": "Phường An Bình",
            "role": "petition_handler",
            "role_display": "Chuyên viên xử lý đơn",
            "valid_from": "2025-07-01",
            "valid_to": None,
        }
    ]


def test_wrong_password_is_a_vietnamese_error(world, api_client):
    response = api_client.post(TOKEN_URL, {"username": "handler", "password": "sai"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert not Token.objects.exists()


def test_missing_fields_and_malformed_json(world, api_client):
    response = api_client.post(TOKEN_URL, {"username": "handler"}, format="json")
    assert response.status_code == 400 and "mật khẩu" in response.json()["detail"]
    response = api_client.post(TOKEN_URL, data='{"username": "handler",', content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Dữ liệu gửi lên không phải JSON hợp lệ."


def test_expired_token_is_refused(world, api_client, settings):
    token = Token.objects.create(user=world.handler)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(hours=settings.TOKEN_TTL_HOURS + 1))
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert "hết hạn" in response.json()["detail"]
    assert not Token.objects.filter(pk=token.pk).exists()


def test_no_credentials(world, api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Bạn chưa đăng nhập hoặc chưa gửi mã truy cập (token)."


def test_login_is_throttled_after_repeated_failures(world, api_client, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_client.post(TOKEN_URL, {"username": "handler", "password": "sai"}, format="json")
    response = api_client.post(TOKEN_URL, {"username": "handler", "password": password}, format="json")
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.json()["detail"]


def test_web_login_is_throttled_with_a_vietnamese_page(world, client, password, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/dang-nhap/", {"username": "handler", "password": "sai"})
    response = client.post("/dang-nhap/", {"username": "handler", "password": password})
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()


@pytest.mark.parametrize("persona", ["reception", "handler", "head", "vault", "handler_b", "statistician_p", "admin"])
def test_me_answers_for_every_persona(world, api_client, persona):
    api_client.force_authenticate(world.users[persona])
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == world.users[persona].username
