"""Each browser tab has an app process of its own, and none outlives the server: one that
ignores both the quit request and SIGTERM is killed when the server stops."""

from __future__ import annotations

import signal
import sys

from aiohttp.test_utils import TestClient, TestServer

from tests.waiting import eventually
from tickettui.web.server import WebApp

# An "app" that says it is ready as Textual's web driver does, then ignores quit and SIGTERM.
STUBBORN_APP = [
    sys.executable,
    "-c",
    "import signal, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "time.sleep(600)\n",
]


async def test_a_stubborn_app_is_killed_when_the_server_stops() -> None:
    web_app = WebApp(STUBBORN_APP)
    client = TestClient(TestServer(web_app.application(), host="127.0.0.1"))
    await client.start_server()
    tabs = [await client.ws_connect(f"/{web_app.token}/ws") for _ in range(2)]
    await eventually(
        lambda: len(web_app.sessions.processes()) == 2, "two app processes, one per tab"
    )
    processes = web_app.sessions.processes()
    assert processes[0].pid != processes[1].pid
    await client.close()  # the server stops: every tab closed, every app ended
    assert all(tab.closed for tab in tabs)
    assert [process.returncode for process in processes] == [-signal.SIGKILL] * 2
