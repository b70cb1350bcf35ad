"""The web app served on a loopback port for one test, closed after it: every tab closed and
every app it started ended, as when the agent stops `tickettui web`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestClient, TestServer

from tickettui.web.server import WebApp


@asynccontextmanager
async def serving(web_app: WebApp) -> AsyncIterator[TestClient]:
    client = TestClient(TestServer(web_app.application(), host="127.0.0.1"))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
