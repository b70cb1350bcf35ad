"""Keliweb's get-ticket-attachment is a guessed slug (TRIAGE-CALLS §0): where Keliweb answers
it with 404, a download says in one line that Keliweb does not offer it, and nothing is saved."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.keliweb_fixtures import kw_server, kw_settings
from tests.ui.attachments_helpers import keliweb_demo_tickets
from tickettui.core.attachment_files import destination, save_chunks
from tickettui.core.errors import TicketTuiError
from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient

__all__ = ["kw_server"]  # fixture, imported for pytest


class WithoutDownloads(httpx.AsyncBaseTransport):
    """The local server, with get-ticket-attachment answered as Laravel answers a missing route."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/get-ticket-attachment"):
            await request.aread()
            message = f"The route {request.url.path.lstrip('/')} could not be found."
            return httpx.Response(404, json={"message": message})
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def test_a_404_on_the_slug_is_not_offered(kw_server: Any, tmp_path: Path) -> None:
    ticket = keliweb_demo_tickets(kw_server.db_path)["login-error.png"]

    async def run() -> str:
        client = KeliwebClient(kw_settings(kw_server), transport=WithoutDownloads())
        backend = KeliwebBackend(client)
        try:
            files = await backend.attachments(ticket)
            assert [f.name for f in files][:2] == ["screenshot.png", "login-error.png"]
            with pytest.raises(TicketTuiError) as raised:
                await save_chunks(
                    backend.attachment_chunks(files[1]), destination(tmp_path, files[1])
                )
            return str(raised.value)
        finally:
            await backend.aclose()

    message = asyncio.run(run())
    assert message.startswith("Keliweb does not offer attachment downloads")
    assert list(tmp_path.iterdir()) == []


class DropsOnce(WithoutDownloads):
    """The local server, except that the first download's connection is dropped before an
    answer, as a server closing an idle kept-alive connection does."""

    def __init__(self) -> None:
        super().__init__()
        self.dropped = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/get-ticket-attachment") and not self.dropped:
            self.dropped += 1
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        return await self._inner.handle_async_request(request)


def test_a_dropped_idle_connection_is_tried_again(kw_server: Any, tmp_path: Path) -> None:
    ticket = keliweb_demo_tickets(kw_server.db_path)["login-error.png"]
    transport = DropsOnce()

    async def run() -> int:
        backend = KeliwebBackend(KeliwebClient(kw_settings(kw_server), transport=transport))
        try:
            png = next(f for f in await backend.attachments(ticket) if f.name == "login-error.png")
            return await save_chunks(backend.attachment_chunks(png), destination(tmp_path, png))
        finally:
            await backend.aclose()

    assert asyncio.run(run()) > 0 and transport.dropped == 1
    assert (tmp_path / "login-error.png").read_bytes().startswith(b"\x89PNG")
