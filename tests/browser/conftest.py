"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium); never `playwright install`."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("TIEPDAN_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


class SerialWSGIServer(ThreadedWSGIServer):
    """The live server answers one request at a time.

    On SQLite the test database lives in memory and Django hands the test's own connection to every server
    thread. Two requests at once (the page's live duplicate check still running when the form is posted) then
    share one connection and its transaction state, and one of them fails now and then. Connections stay
    threaded (Chromium keeps several open); only the handling of each request is serialised.
    """

    def set_app(self, application):
        lock = threading.Lock()

        def serial(environ, start_response):
            with lock:
                return application(environ, start_response)

        super().set_app(serial)


LiveServerThread.server_class = SerialWSGIServer


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Thiếu Chromium (/usr/bin/chromium): cài gói Debian `chromium` (.ci/run tự cài).")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test are safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def log_in(page, url: str, username: str) -> None:
    """Sign in through the login page as a demo account (password `demo12345`) and land on the home page."""
    page.context.clear_cookies()
    page.goto(f"{url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("demo12345")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{url}/")


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def migration_seeds(transactional_db):
    """Browser tests are transactional: the flush after each one empties the tables the data migrations seeded
    (the lawcal rules, the subject-field list), whatever order the modules run in. Put them back first."""
    from tiepdan.lawcal.models import DeadlineRule
    from tiepdan.lawcal.seed import seed
    from tiepdan.petitions.models import SubjectField
    from tiepdan.petitions.seed import seed_subject_fields

    if not DeadlineRule.objects.exists():
        seed(DeadlineRule)
    if not SubjectField.objects.exists():
        seed_subject_fields(SubjectField)
