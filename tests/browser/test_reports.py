"""A statistician makes a statutory report in the browser: picks the form, the unit and a period by its name,
then by two dates; the table appears with its drill-down links. Screenshots go to var/screenshots/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tiepdan.demo.accounts import load_accounts
from tiepdan.demo.orgs_data import load_orgs

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_world(transactional_db):
    load_orgs()
    load_accounts()


def test_statistician_picks_a_period_by_name_then_by_dates(demo_world, live_server, page, screenshot):
    from tiepdan.orgs.selectors import today
    from tiepdan.reports.periods import report_year

    year = report_year(today())
    log_in(page, live_server.url, "thongke")
    page.get_by_role("link", name="Báo cáo").first.click()
    page.get_by_label("Biểu báo cáo").select_option("02/XLD")
    page.get_by_label("Kỳ báo cáo").select_option(f"{year}-H1")
    page.get_by_role("button", name="Lập báo cáo").click()
    expect(page.locator("table")).to_be_visible()
    expect(page.locator(".fst-italic", has_text="Kỳ báo cáo")).to_contain_text(f"6 tháng đầu năm {year}")
    screenshot("report-by-period-name")
    page.get_by_label("hoặc từ ngày").fill(f"01/01/{year}")
    page.get_by_label("đến ngày").fill(f"31/03/{year}")
    page.get_by_role("button", name="Lập báo cáo").click()
    page.wait_for_url(f"**period={year}-01-01%3A{year}-03-31**")
    expect(page.locator("table")).to_be_visible()
    expect(page.get_by_label("Kỳ báo cáo")).to_have_value(f"{year}-01-01:{year}-03-31")
    expect(page.locator(".fst-italic", has_text="Kỳ báo cáo")).to_contain_text(f"Từ ngày 01/01/{year} đến ngày 31/03")
    screenshot("report-by-dates")
