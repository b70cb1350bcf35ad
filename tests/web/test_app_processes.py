"""Each browser tab has an app process of its own, and none outlives the server: one that
ignores both the quit request and SIGTERM is killed when the server stops."""

from __future__ import annotations

import signal
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.waiting import eventually
from tickettui.web.server import WebApp
from tickettui.web.sessions import Sessions

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


# An "app" that ends as soon as the server sends it anything (the quit request, here).
POLITE_APP = [
    sys.executable,
    "-c",
    "import sys\n"
    "sys.stdout.write('__GANGLION__\\n'); sys.stdout.flush()\n"
    "sys.stdin.buffer.read(1)\n",
]


async def test_tabs_past_the_limit_are_refused_and_a_closed_tab_frees_its_place() -> None:
    web_app = WebApp(POLITE_APP, sessions=Sessions(limit=1))
    client = TestClient(TestServer(web_app.application(), host="127.0.0.1"))
    await client.start_server()
    try:
        first = await client.ws_connect(f"/{web_app.token}/ws")
        await eventually(lambda: len(web_app.sessions.processes()) == 1, "the first tab's app")
        process = web_app.sessions.processes()[0]
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(f"/{web_app.token}/ws")
        assert refused.value.status == 503
        await first.close()  # closing the tab ends its app...
        await eventually(lambda: process.returncode is not None, "the first tab's app to end")
        assert process.returncode == 0  # ...by asking it to quit
        await eventually(lambda: len(web_app.sessions) == 0, "the tab's place to be free")
        second = await client.ws_connect(f"/{web_app.token}/ws")
        await second.close()
    finally:
        await client.close()
