from __future__ import annotations

import pytest

from tiepdan.demo.accounts import load_accounts
from tiepdan.demo.orgs_data import load_orgs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_accounts(transactional_db):
    load_orgs()
    load_accounts()


def test_handler_logs_in_sees_the_dashboard_and_computes_a_deadline(demo_accounts, live_server, page, screenshot):
    page.goto(f"{live_server.url}/")
    assert "/dang-nhap/" in page.url
    assert page.get_by_role("heading", name="Đăng nhập hệ thống Tiếp Dân").is_visible()
    page.get_by_label("Tên đăng nhập").fill("xuly1")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Xin chào, Trần Văn Hùng").is_visible()
    assert page.get_by_text("Phường Hai Bà Trưng").first.is_visible()
    assert page.get_by_text("Chuyên viên xử lý đơn").first.is_visible()
    screenshot("dashboard-xuly1")
    page.get_by_role("link", name="Tổ chức").click()
    assert page.get_by_role("heading", name="Cây tổ chức").is_visible()
    screenshot("org-tree-xuly1")

    # One browser session walks both pages: a transactional test's flush would drop the rules that the
    # lawcal data migration seeded, so the deadline calculator is checked in the same test.
    page.get_by_role("link", name="Tính thời hạn").click()
    page.wait_for_url("**/thoi-han/")
    page.get_by_label("Quy tắc thời hạn").select_option("denunciation.resolve")
    page.get_by_label("Ngày bắt đầu tính").fill("20/01/2026")
    page.get_by_label("phức tạp", exact=True).check()
    page.get_by_label("Số lần gia hạn").fill("1")
    page.get_by_role("button", name="Tính hạn").click()
    page.wait_for_load_state()
    # 20/01/2026 + 60 days = Saturday 21/03/2026 → next working day Monday 23/03 (Civil Code Art 148(5)).
    assert page.get_by_text("Hạn cuối: 23/03/2026").first.is_visible()
    screenshot("deadline-calculator")
