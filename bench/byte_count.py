"""An httpx transport that counts what the server sends back, for the benchmarks' byte figures."""

from __future__ import annotations

import httpx

__all__ = ["CountingTransport"]


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts responses and their bytes: the body (its Content-Length, or the body read when a
    response has none) and, with ``head=True``, the status line and the headers too."""

    def __init__(self, *, head: bool = False) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._head = head
        self.bytes = 0
        self.requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        length = response.headers.get("content-length")
        if length is None:
            await response.aread()
            self.bytes += len(response.content)
        else:
            self.bytes += int(length)
        if self._head:
            self.bytes += len(f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n")
            self.bytes += sum(len(k) + len(v) + 4 for k, v in response.headers.raw) + 2
        self.requests += 1
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()
