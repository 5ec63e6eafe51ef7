from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tiepdan.documents import services
from tiepdan.orgs.models import Role

from ..factories import UserFactory, give_role
from .samples import sample


def make(world, code="tt05.mau01", **overrides):
    return services.generate_document(
        actor=world.handler,
        template_code=code,
        unit=world.unit_a,
        context={**sample(code), **overrides},
        related_object=None,
        symbol="PĐX-UBND",
        issued_on=dt.date(2026, 3, 5),
    )


def test_download_in_scope(client, world):
    document = make(world)
    client.force_login(world.handler)
    response = client.get(reverse("documents:docx", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"PK")


@pytest.mark.parametrize("persona", ["handler_b", "outsider"])
def test_download_out_of_scope_is_404(client, world, persona):
    document = make(world)
    client.force_login(getattr(world, persona))
    assert client.get(reverse("documents:docx", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:pdf", args=[document.pk])).status_code == 404
    assert client.get(reverse("api-document", args=[document.pk])).status_code == 404


def test_login_required(client, world):
    document = make(world)
    assert client.get(reverse("documents:docx", args=[document.pk])).status_code == 302


def test_identity_document_only_for_head_and_vault(client, world):
    document = make(world, "tt05.mau03", danh_tinh_nguoi_to_cao="Hoàng Văn Tố")
    url = reverse("documents:docx", args=[document.pk])
    client.force_login(world.handler)
    assert client.get(url).status_code == 404
    for persona in ("head", "vault"):
        client.force_login(getattr(world, persona))
        assert client.get(url).status_code == 200
    # A head of the parent unit is not among those who may see a denouncer's identity.
    province_head = UserFactory(username="truong_tinh")
    give_role(province_head, world.province, Role.UNIT_HEAD)
    client.force_login(province_head)
    assert client.get(url).status_code == 404


def test_pdf_without_libreoffice_answers_a_message(client, world, monkeypatch):
    document = make(world)
    monkeypatch.setattr(services, "soffice_binary", lambda: None)
    client.force_login(world.handler)
    response = client.get(reverse("documents:pdf", args=[document.pk]), follow=True)
    assert response.status_code == 200
    assert "LibreOffice" in response.content.decode()


def test_list_page_and_api_are_scoped(client, world):
    document = make(world)
    client.force_login(world.handler)
    page = client.get(reverse("documents:list"))
    assert page.status_code == 200 and document.number_string in page.content.decode()
    data = client.get(reverse("api-documents")).json()
    assert [d["number_string"] for d in data["results"]] == ["1/PĐX-UBND"]
    assert data["results"][0]["docx_url"].endswith(f"/van-ban/{document.pk}/docx")
    client.force_login(world.handler_b)
    assert document.number_string not in client.get(reverse("documents:list")).content.decode()
    assert client.get(reverse("api-documents")).json()["results"] == []
