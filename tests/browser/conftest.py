"""The browser tests' fixtures: one headless Chromium per run, and `tickettui web` on the
local SuperOffice server, signed in with an access token from the environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import chromium
from tests.browser.web_process import WebProcess, private_env, web_process
from tickettui.systems.superoffice.server import accounts

# The secret of the test: distinctive, so finding it anywhere would be no coincidence.
SECRET = accounts.DEMO_BEARER


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with chromium() as running:
        yield running


@pytest.fixture()
def web(so_server: Any, tmp_path: Path) -> Iterator[WebProcess]:
    env = private_env(
        tmp_path / "home",
        {
            "TICKETTUI_URL": so_server.base_url,
            "TICKETTUI_AUTH": "bearer",
            "TICKETTUI_TOKEN": SECRET,
        },
    )
    with web_process("web", "--port", "0", env=env) as running:
        yield running
