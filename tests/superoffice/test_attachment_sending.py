"""A reply with files on SuperOffice is sent once and never half-silently: the files go up
first (a refused upload sends nothing), then the message, then the link; a link that fails
after the message went out is reported as such, with the files named, and nothing is resent."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import demo_settings
from tickettui.core.attachments import outgoing_file
from tickettui.core.errors import TicketTuiError
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient

TICKET = 7


class Failing(httpx.AsyncBaseTransport):
    """The network as it is, except that the POSTs ``fails`` picks answer 500; every request
    is counted."""

    def __init__(self, fails: Callable[[str], bool]) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.fails = fails
        self.sent: list[tuple[str, str]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.sent.append((request.method, request.url.path))
        if request.method == "POST" and self.fails(request.url.path):
            await request.aread()
            error = {"Error": True, "ErrorType": "Exception", "ErrorMessage": "Disk full"}
            return httpx.Response(500, json=error)
        response = await self._inner.handle_async_request(request)
        content = await response.aread()
        return httpx.Response(response.status_code, headers=response.headers, content=content)

    async def aclose(self) -> None:
        await self._inner.aclose()

    def posts(self, ending: str) -> int:
        return sum(1 for m, p in self.sent if m == "POST" and p.endswith(ending))


@pytest.fixture()
def a_file(tmp_path: Path) -> Any:
    path = tmp_path / "trace.log"
    path.write_bytes(b"trace")
    return outgoing_file(str(path))


async def backend_with(
    server: Any, fails: Callable[[str], bool]
) -> AsyncIterator[tuple[SuperOfficeBackend, Failing]]:
    transport = Failing(fails)
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(server), transport=transport))
    try:
        yield backend, transport
    finally:
        await backend.aclose()


async def messages_with(backend: SuperOfficeBackend, text: str) -> int:
    return sum(1 for m in await backend.messages(TICKET) if m.body.strip() == text)


async def test_a_link_lost_after_sending_is_reported_and_not_resent(
    fresh_so_server: Any, a_file: Any
) -> None:
    def the_link(path: str) -> bool:  # POST TicketMessage/{id}/Attachment
        return "/TicketMessage/" in path and path.endswith("/Attachment")

    async for backend, transport in backend_with(fresh_so_server, the_link):
        report = await backend.add_message_with_files(
            TICKET, "Files for you", [a_file], internal=False
        )
        assert report.missing == ("trace.log",)
        assert report.note.startswith("The message was sent, but its files were not attached")
        assert "do not send this one again" in report.note
        assert transport.posts("/v1/TicketMessage") == 1
        assert await messages_with(backend, "Files for you") == 1


async def test_a_refused_upload_sends_nothing(fresh_so_server: Any, a_file: Any) -> None:
    async for backend, transport in backend_with(fresh_so_server, lambda p: p.endswith("/Content")):
        with pytest.raises(TicketTuiError):
            await backend.add_message_with_files(TICKET, "Never sent", [a_file], internal=True)
        assert transport.posts("/v1/TicketMessage") == 0
        assert await messages_with(backend, "Never sent") == 0


async def test_a_tenant_without_the_message_call_still_shows_the_thread(
    so_server: Any,
) -> None:
    """An older server without ``TicketMessage/{id}/Attachment``: the thread reads, without
    files; the list of attachments says why in one line."""

    class Missing(Failing):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            if "/TicketMessage/" in request.url.path and request.url.path.endswith("/Attachment"):
                error = {"Error": True, "ErrorType": "SoNotFoundException", "ErrorMessage": "No"}
                return httpx.Response(404, json=error)
            return await super().handle_async_request(request)

    from tests.ui.attachments_helpers import PICTURES_TICKET

    backend = SuperOfficeBackend(
        SuperOfficeClient(demo_settings(so_server), transport=Missing(lambda p: False))
    )
    try:
        thread = await backend.messages(PICTURES_TICKET)
        assert thread and all(m.attachments == () for m in thread)
        with pytest.raises(TicketTuiError):
            await backend.attachments(PICTURES_TICKET)
    finally:
        await backend.aclose()
