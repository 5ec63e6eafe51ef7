from __future__ import annotations

import pytest

from tiepdan.core.models import AuditEvent
from tiepdan.people import services

NAME = "Đỗ Thị Bảo Mật"


@pytest.fixture
def data(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    person = services.create_person(actor=world.reception, owner_unit=world.unit_a, full_name="Nguyễn Văn A")
    identity = services.create_protected_identity(
        actor=world.reception,
        unit=world.unit_a,
        full_name=NAME,
        files=[services.VaultUpload(name="scan.png", content=b"PNGDATA", content_type="image/png")],
    )
    return person, identity


def test_search_page_and_htmx_fragment(world, data, client):
    client.force_login(world.handler)
    page = client.get("/cong-dan/", {"q": "nguyen van a"})
    assert page.status_code == 200 and "Nguyễn Văn A" in page.content.decode() and "Công dân" in page.content.decode()
    fragment = client.get("/cong-dan/", {"q": "nguyen"}, HTTP_HX_REQUEST="true")
    assert "Nguyễn Văn A" in fragment.content.decode() and "<html" not in fragment.content.decode()


def test_detail_scoped(world, data, client):
    person, _ = data
    client.force_login(world.handler)
    assert client.get(f"/cong-dan/{person.pk}/").status_code == 200
    client.force_login(world.handler_b)
    assert client.get(f"/cong-dan/{person.pk}/").status_code == 404


def test_vault_page_for_vault_officer(world, data, client):
    _, identity = data
    client.force_login(world.vault)
    page = client.get("/cong-dan/kho-bao-mat/").content.decode()
    assert "Xem danh tính" in page and NAME not in page and "Kho bảo mật" in page
    revealed = client.post(f"/cong-dan/kho-bao-mat/{identity.pk}/", {"purpose": "Kiểm tra"})
    assert revealed.status_code == 200 and NAME in revealed.content.decode()
    assert AuditEvent.objects.filter(action="people.identity.view").count() == 1
    file_id = identity.files.get().pk
    download = client.get(f"/cong-dan/kho-bao-mat/tep/{file_id}/")
    assert download.status_code == 200 and download.content == b"PNGDATA"


@pytest.mark.parametrize("persona", ["handler", "head", "admin"])
def test_vault_page_hidden_from_others(world, data, client, persona):
    _, identity = data
    client.force_login(getattr(world, persona))
    home = client.get("/cong-dan/").content.decode()
    assert "/cong-dan/kho-bao-mat/" not in home
    assert client.get("/cong-dan/kho-bao-mat/").status_code == 404
    assert client.post(f"/cong-dan/kho-bao-mat/{identity.pk}/", {"purpose": "x"}).status_code == 404


def test_file_download_refused_without_access(world, data, client):
    _, identity = data
    client.force_login(world.handler)
    assert client.get(f"/cong-dan/kho-bao-mat/tep/{identity.files.get().pk}/").status_code == 404
