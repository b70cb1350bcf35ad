"""A local server that keeps requests waiting until the test lets them go: for tests of what
the agent sees while a request is under way (a spinner, a stop key), however fast or slow the
machine. Give ``HoldingServer`` as ASGI middleware to either local server's ``start``."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from typing import Any

__all__ = ["HeldRequests", "HoldingServer"]


class HeldRequests:
    """Requests a server keeps waiting, from ``hold()`` until ``release()``: what was asked
    while held, by path (the server answers in a thread of its own)."""

    def __init__(self) -> None:
        self.holding = False
        self.released = threading.Event()
        self.paths: list[str] = []

    def hold(self) -> None:
        self.holding = True

    def release(self) -> None:
        self.released.set()

    def asked_about(self, ticket_ids: Iterable[int]) -> bool:
        """Whether a held request is about one of these tickets."""
        wanted = {str(i) for i in ticket_ids}
        return any(wanted & set(path.split("/")) for path in list(self.paths))


class HoldingServer:
    """ASGI middleware: while ``held`` holds, each request waits for its release."""

    def __init__(self, app: Any, held: HeldRequests) -> None:
        self.app = app
        self.held = held

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.held.holding:
            self.held.paths.append(str(scope.get("path", "")))
            await asyncio.to_thread(self.held.released.wait)
        await self.app(scope, receive, send)
