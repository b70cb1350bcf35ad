"""`tickettui web` as the agent starts it (a real process on the local SuperOffice server, tabs
as websockets, no browser): whatever stops it (ctrl+c, SIGTERM from a service manager, the
terminal or SSH session that runs it going away) ends every app it started; and served on
loopback it answers only to this machine's names unless --public says a proxy is in front."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest

from tests.browser.web_process import WebProcess, alive, private_env, web_process
from tests.cli.helpers import demo_env
from tests.waiting import PATIENCE, eventually


def web_env(so_server: Any, home: Path) -> dict[str, str]:
    return private_env(home, demo_env(so_server))


@pytest.mark.parametrize(
    "stop", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=["ctrl+c", "SIGTERM", "hang-up"]
)
async def test_whatever_stops_the_server_ends_every_app(
    so_server: Any, tmp_path: Path, stop: signal.Signals
) -> None:
    with web_process("web", "--port", "0", env=web_env(so_server, tmp_path)) as web:
        async with aiohttp.ClientSession() as session:
            tabs = [await session.ws_connect(f"{web.url}ws") for _ in range(2)]
            await eventually(lambda: len(web.app_pids()) == 2, "one app per tab")
            apps = web.app_pids()
            web.process.send_signal(stop)
            status = await asyncio.to_thread(web.process.wait, PATIENCE)
            assert status == 0, "".join(web.stderr)  # a hang-up killed it on the spot before
            for tab in tabs:
                await tab.receive(timeout=PATIENCE)  # the server's close
                assert tab.closed
        for pid in apps:
            await eventually(lambda pid=pid: not alive(pid), f"app {pid} to end")
    assert "Traceback" not in "".join(web.stderr)


def get(web: WebProcess, host: str) -> int:
    return httpx.get(web.url, headers={"Host": host}).status_code


def test_on_loopback_only_this_machines_names_are_served(so_server: Any, tmp_path: Path) -> None:
    with web_process("web", "--port", "0", env=web_env(so_server, tmp_path)) as web:
        port = web.origin.rsplit(":", 1)[1]
        assert get(web, f"127.0.0.1:{port}") == 200
        assert get(web, f"localhost:{port}") == 200
        assert get(web, f"evil.example:{port}") == 403  # DNS rebinding


def test_public_on_loopback_serves_the_name_a_proxy_passes_on(
    so_server: Any, tmp_path: Path
) -> None:
    env = web_env(so_server, tmp_path)
    with web_process("web", "--port", "0", "--public", env=env) as web:
        assert get(web, "tickets.example") == 200
