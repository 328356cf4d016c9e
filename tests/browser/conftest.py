"""Browser tests: Playwright drives Debian's Chromium against the app served by a real server thread on a free
port, on the test database. Screenshots go to test-output/ (gitignored) to be looked at as pictures."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"
VIEWPORT = {"width": 1366, "height": 768}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each test's outcome on its item, so the page fixture can take a screenshot of a failure."""
    outcome = yield
    if call.when == "call":
        item.rep_call = outcome.get_result()


@pytest.fixture(scope="session")
def live_server(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium and fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server, world, request):
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", base_url=live_server)
    context.set_default_timeout(15_000)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.js_errors = errors
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot(pg, f"FAILED-{request.node.name}")  # what the page showed when the test failed
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def shot(page, name: str) -> Path:
    """Save a full-window screenshot at 1366×768 under test-output/."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def sign_in(page, username: str) -> None:
    page.goto("/login")
    page.fill("#i-username", username)
    page.fill("#i-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
