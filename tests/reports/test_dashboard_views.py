"""The dashboard pages for each persona: leader and statistician see their subtree, others 403/404."""

from __future__ import annotations

import pytest

from tiepdan.petitions.services import PetitionerInput

from ..petitions.conftest import register
from .test_dashboard import fixture  # noqa: F401  (the hand-counted fixture)

pytestmark = pytest.mark.django_db


def test_statistician_sees_the_province_with_both_units_and_links(world, fixture, client):  # noqa: F811
    client.force_login(world.statistician_p)
    response = client.get("/tong-quan/?year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bảng điều hành — Tỉnh Kiểm Thử" in page and "15/12/2025 – 14/12/2026" in page
    assert "Phường An Bình" in page and "Phường Bình Minh" in page and "Xã Cẩm Thạch" not in page
    assert "/tong-quan/so-lieu/p_received/?unit=A&amp;year=2026" in page  # the row's number links to its list
    assert "/tong-quan/?unit=A&amp;year=2026" in page  # the row's unit opens its own dashboard
    assert "chart.umd.min.js" in page and 'id="du-lieu-xu-huong"' in page
    assert "Trách nhiệm người đứng đầu" in page and "Giải quyết vụ việc đúng hạn" in page


def test_leader_sees_own_unit_and_gets_404_outside(world, fixture, client):  # noqa: F811
    client.force_login(world.leader)
    page = client.get("/tong-quan/?year=2026").content.decode()
    assert "Bảng điều hành — Phường An Bình" in page and "Phường Bình Minh" not in page
    assert client.get("/tong-quan/?unit=B").status_code == 404
    assert client.get("/tong-quan/?unit=P").status_code == 404
    assert client.get("/tong-quan/so-lieu/p_received/?unit=B&year=2026").status_code == 404


def test_other_roles_are_refused(world, client):
    for persona in ("handler", "reception", "handler_b", "outsider", "vault"):
        client.force_login(getattr(world, persona))
        assert client.get("/tong-quan/").status_code == 403, persona
        assert client.get("/tong-quan/so-lieu/p_received/").status_code == 403, persona
    client.logout()
    assert client.get("/tong-quan/").status_code == 302  # to the login page


def test_a_bad_period_says_why_and_shows_the_current_quarter(world, client):
    client.force_login(world.leader)
    page = client.get("/tong-quan/?from=31/02/2026&to=01/03/2026").content.decode()
    assert "dd/mm/yyyy" in page and "Đang hiển thị quý hiện tại" in page
    page = client.get("/tong-quan/?from=01/03/2026&to=01/02/2026").content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở đi" in page


def test_drill_down_page_lists_the_records_without_identities(world, fixture, client):  # noqa: F811
    register(world, type="denunciation", summary="Tố cáo ông Lê Văn Bí mật nhận hối lộ",
             petitioners=[PetitionerInput(full_name="Người Tố Cáo Thật", id_number="001085099999")])  # fmt: skip
    client.force_login(world.statistician_p)
    page = client.get("/tong-quan/so-lieu/p_received/?unit=P&year=2026").content.decode()
    assert "<strong>7</strong> bản ghi" in page
    assert "Người Tố Cáo Thật" not in page and "Bí mật" not in page and "001085099999" not in page
    assert "C-2026" not in page
    page = client.get("/tong-quan/so-lieu/c_resolved/?unit=P&year=2026").content.decode()
    assert "<strong>2</strong> bản ghi" in page and "đúng hạn" in page and "quá hạn" in page
    page = client.get("/tong-quan/so-lieu/k_open/?unit=A&year=2026").content.decode()
    assert "<strong>4</strong> bản ghi" in page
    # Not "đang giải quyết": the case list's review keeps that name for cases not yet decided or concluded.
    assert "Vụ việc chưa kết thúc" in page
    page = client.get("/tong-quan/so-lieu/k_open/?unit=A&year=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Cases not yet closed" in page  # the drill-down's title is translated too
    page = client.get("/tong-quan/?unit=P&year=2026", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '"axis": "Petitions, cases"' in page and '"label": "3/2026"' in page  # the chart's words and months
    assert ">Complaint<" in page and ">Khiếu nại<" not in page
    assert client.get("/tong-quan/so-lieu/khong-co/?unit=P").status_code == 404


def test_dashboard_never_shows_a_denouncer(world, fixture, client):  # noqa: F811
    register(world, type="denunciation", summary="Tố cáo ông Lê Văn Bí mật nhận hối lộ",
             petitioners=[PetitionerInput(full_name="Người Tố Cáo Thật", id_number="001085099999")])  # fmt: skip
    for persona in ("statistician_p", "leader", "head"):
        client.force_login(getattr(world, persona))
        page = client.get("/tong-quan/?year=2026").content.decode()
        assert "Người Tố Cáo Thật" not in page and "001085099999" not in page and "Bí mật" not in page


def test_menu_entry_is_shown_to_overseers_only(world, client):
    from tiepdan.core import navigation
    from tiepdan.reports import dashboard

    dashboard.register()
    client.force_login(world.leader)
    assert 'href="/tong-quan/"' in client.get("/").content.decode()
    client.force_login(world.handler)
    assert 'href="/tong-quan/"' not in client.get("/").content.decode()
    assert "dashboard" in {i.key for i in navigation.items_for(world.leader)}
