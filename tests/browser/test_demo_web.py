"""A new user's first try: `tickettui demo --web` starts the demo server and the web mode
together and prints an address that opens the demo queue in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import open_page, wait_for_screen
from tests.browser.web_process import private_env, web_process

pytestmark = pytest.mark.browser


def test_demo_web_opens_the_demo_in_a_browser(browser: Browser, tmp_path: Path) -> None:
    env = private_env(tmp_path / "home", {})
    with web_process("demo", "--web", "--tickets", "80", env=env) as demo:
        printed = "".join(demo.stdout)
        assert "SuperOffice demo server: http://127.0.0.1:" in printed
        assert demo.url.startswith("http://127.0.0.1:")
        page = open_page(browser)
        page.goto(demo.url)
        shown = wait_for_screen(page, "Hannah Berg", "My open", "# Title")
        assert "Unassigned" in shown
        page.close()
        assert demo.interrupt() == 0
    assert "Traceback" not in "".join(demo.stderr)
