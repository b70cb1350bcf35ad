"""What reached a local server: requests by method and path, how many at once, and an added
delay per request (a far-away server); optionally calls it does not have (an older server
answering 404). For tests and benchmarks that count at the server.

``Middleware(RequestLogging, log=RequestLog(delay=0.05))`` in a local server's ``middleware``
(inside the fault injection, so a request a fault stopped before the app is not counted).
"""

from __future__ import annotations

import asyncio
import json
import re
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["WRITE_METHODS", "RequestLog", "RequestLogging"]

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class RequestLog:
    """Counts, thread-safe (the server runs in its own thread). ``delay``: seconds added
    before each request is handled (concurrent requests wait side by side). ``missing``:
    regexes of "METHOD /path" answered 404 as SuperOffice answers a route it lacks (counted,
    not handled)."""

    delay: float = 0.0
    missing: tuple[str, ...] = ()
    counts: Counter[str] = field(default_factory=Counter, init=False)
    in_flight: int = field(default=0, init=False)
    most_in_flight: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()

    def enter(self, method: str, path: str) -> None:
        with self._lock:
            self.counts[f"{method} {path}"] += 1
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def reset(self) -> None:
        with self._lock:
            self.counts.clear()
            self.most_in_flight = self.in_flight

    def total(self, pattern: str = "") -> int:
        """Requests whose "METHOD /path" matches the regex ``pattern`` (all by default)."""
        with self._lock:
            return sum(n for key, n in self.counts.items() if re.search(pattern, key))

    def writes(self, pattern: str = "") -> int:
        """Requests that may change data (POST, PUT, PATCH, DELETE) matching ``pattern``.
        (SuperOffice reads some agent calls with POST: narrow with ``pattern``.)"""
        with self._lock:
            return sum(
                n
                for key, n in self.counts.items()
                if key.split(" ", 1)[0] in WRITE_METHODS and re.search(pattern, key)
            )


class RequestLogging:
    """ASGI middleware that keeps a RequestLog."""

    def __init__(self, app: ASGIApp, log: RequestLog) -> None:
        self.app = app
        self.log = log

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = str(scope.get("method", "GET")), str(scope.get("path", "/"))
        self.log.enter(method, path)
        try:
            if self.log.delay > 0:
                await asyncio.sleep(self.log.delay)
            if any(re.search(m, f"{method} {path}") for m in self.log.missing):
                await _not_found(send)
            else:
                await self.app(scope, receive, send)
        finally:
            self.log.leave()


async def _not_found(send: Any) -> None:
    body = json.dumps(
        {"Error": True, "ErrorType": "SoNotFoundException", "ErrorMessage": "No such route"}
    ).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 404, "headers": headers})
    await send({"type": "http.response.body", "body": body})
