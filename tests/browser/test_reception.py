"""A reception officer records two visits with the keyboard (Ctrl+Enter saves and opens the next), then the
register shows them and the public schedule opens without login. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tiepdan.demo.accounts import load_accounts
from tiepdan.demo.orgs_data import load_orgs

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db, settings, tmp_path):
    from tiepdan.lawcal.models import DeadlineRule
    from tiepdan.lawcal.seed import seed

    seed(DeadlineRule)
    settings.MEDIA_ROOT = tmp_path / "media"
    load_orgs()
    load_accounts()


def test_officer_records_visits_from_the_keyboard(demo_world, live_server, page, screenshot):
    from tiepdan.reception.models import Visit

    log_in(page, live_server.url, "tiepdan1")
    page.get_by_role("link", name="Tiếp công dân").first.click()
    page.get_by_role("link", name="Tiếp công dân").nth(1).click()
    # The summary has the focus: type, Tab to the people, Ctrl+Enter to save and go on. (Chromium gives the
    # autofocus at its next rendering, after "load": wait for it, or the first keys are lost.)
    summary = page.locator("[name=summary]")
    expect(summary).to_be_focused()
    page.keyboard.type("Phản ánh tiếng ồn quán karaoke ngõ 12")
    page.get_by_label("Kiến nghị, phản ánh").check()
    page.get_by_placeholder("Họ và tên").first.fill("Hoàng Thị Nga")
    page.get_by_label("Kết quả tiếp").select_option("forward_rec")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Đã ghi vào sổ tiếp công dân, số 1.")).to_be_visible()
    expect(summary).to_be_focused()
    page.keyboard.type("Khiếu nại thu hồi đất tổ 5")
    page.get_by_placeholder("Họ và tên").first.fill("Nguyễn Văn Bình")
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Đã ghi vào sổ tiếp công dân, số 2.")).to_be_visible()
    assert Visit.objects.count() == 2 and Visit.objects.filter(petition__isnull=False).count() == 1
    page.goto(f"{live_server.url}/tiep-cong-dan/")
    expect(page.get_by_text("Hoàng Thị Nga")).to_be_visible()
    screenshot("reception-register")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/lich-tiep-cong-dan/")
    expect(page.get_by_role("heading", name="Lịch tiếp công dân")).to_be_visible()
