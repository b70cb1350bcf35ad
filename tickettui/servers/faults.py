"""Fault injection for the local servers: a flaky VPN, a throttling proxy, a failing backend.

``FaultInjection`` is a pure ASGI wrapper: it either passes a request through untouched, or
replaces the answer with a fault drawn from a seeded ``FaultPlan``. A fault strikes either
BEFORE the request reaches the app (nothing was applied) or AFTER the app applied it but before
the answer left (the "the save landed but the answer was lost" case that clients must handle
without repeating the save). A "slow" request is applied late, after the client's timeout: the
busy server that must not get the same reply twice. ``plan.counts`` says how many of each
kind were injected.

Enable it with ``tickettui server --faults 0.2[:kinds]``, ``TICKETTUI_FAULTS=0.2:500,429,reset``
or ``LocalSuperOffice.start(..., faults=FaultPlan(rate=0.2, seed=1))``. A ``FaultStyle`` makes
the injected errors look like one system's own (SuperOffice's JSON error object by default;
``tickettui.systems.keliweb.server.faults`` has Laravel's and nginx's).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import random
import re
import threading
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from tickettui.servers.fault_kinds import ALL_KINDS, ENV_VAR

__all__ = [
    "ALL_KINDS",
    "ENV_VAR",
    "REASONS",
    "SUPEROFFICE_STYLE",
    "FaultInjection",
    "FaultPlan",
    "FaultStyle",
    "nginx_page",
    "with_faults",
]


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Kinds that can also strike after the request was applied (a proxy or the network losing the
# answer). 401/421/429 are refusals: a server only sends them instead of doing the work.
_AFTER_KINDS = frozenset(
    {"latency", "500", "502", "503", "500html", "502html", "503html", "reset", "timeout"}
)
# A truncated body needs the real answer, so it always comes after the app ran.
_ONLY_AFTER = frozenset({"truncated"})

_HTML = (
    "<!DOCTYPE html><html><head><title>{status} {reason}</title></head>"
    "<body><h1>{status} {reason}</h1><p>nginx</p></body></html>"
)
REASONS = {
    401: "Unauthorized",
    421: "Misdirected Request",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    after: bool  # strike after the app applied the request


@dataclass
class FaultPlan:
    """Which requests fail and how. ``rate`` is the share of requests that get a fault.

    ``hold_seconds`` bounds the "timeout" fault: the answer is held that long, then the
    connection is dropped (set it above the client's timeout). A "slow" request waits that long
    before the app sees it, then is applied as usual. ``after_share`` is the share of
    faults that strike after the request was applied, where the kind allows it.
    """

    rate: float = 0.0
    kinds: tuple[str, ...] = ALL_KINDS
    seed: int | None = None
    latency: tuple[float, float] = (0.05, 0.4)
    hold_seconds: float = 3.0
    retry_after: int = 1
    after_share: float = 0.5
    # Only requests whose "METHOD /path" matches this regex can fail (None: every request).
    match: str | None = None
    counts: Counter[str] = field(default_factory=Counter, init=False)
    requests: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"fault rate must be between 0 and 1, not {self.rate}")
        unknown = [k for k in self.kinds if k not in ALL_KINDS]
        if unknown or not self.kinds:
            raise ValueError(
                f"unknown fault kind {', '.join(unknown) or '(none)'}; "
                f"known: {', '.join(ALL_KINDS)}"
            )
        self._rng = random.Random(self.seed)  # seeded: a soak can be replayed
        self._lock = threading.Lock()  # the server thread draws, tests read the counts

    @classmethod
    def parse(cls, spec: str, *, seed: int | None = None) -> FaultPlan:
        """``"0.2"`` (every kind) or ``"0.2:500,503,429,reset"``."""
        rate_text, _, kinds_text = spec.strip().partition(":")
        try:
            rate = float(rate_text)
        except ValueError:
            raise ValueError(f"fault rate {rate_text!r} is not a number (e.g. 0.2)") from None
        kinds = tuple(k.strip().lower() for k in kinds_text.split(",") if k.strip())
        return cls(rate=rate, kinds=kinds or ALL_KINDS, seed=seed)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> FaultPlan | None:
        spec = env.get(ENV_VAR, "").strip()
        return cls.parse(spec) if spec else None

    def draw(
        self, method: str = "GET", path: str = "/", allow: Callable[[str], bool] | None = None
    ) -> Fault | None:
        """The fault for the next request, or None to let it through. ``allow(kind)`` narrows
        the kinds this request can get (a system that never sends some kind on some path)."""
        with self._lock:
            self.requests += 1
            if self.match is not None and not re.search(self.match, f"{method} {path}"):
                return None
            if self.rate <= 0 or self._rng.random() >= self.rate:
                return None
            kinds = self.kinds if allow is None else [k for k in self.kinds if allow(k)]
            if not kinds:
                return None
            kind = self._rng.choice(kinds)
            if kind in _ONLY_AFTER:
                after = True
            else:
                after = kind in _AFTER_KINDS and self._rng.random() < self.after_share
            self.counts[kind] += 1
            self.counts[f"{kind}:{'after' if after else 'before'}"] += 1
            return Fault(kind, after)

    def pause(self) -> float:
        with self._lock:
            return self._rng.uniform(*self.latency)

    def injected(self) -> dict[str, int]:
        """Faults injected so far, by kind (without the before/after split)."""
        with self._lock:
            return {k: v for k, v in sorted(self.counts.items()) if ":" not in k}

    def total(self) -> int:
        return sum(self.injected().values())

    def describe(self) -> str:
        return f"{self.rate:g} of requests: {', '.join(self.kinds)}"


def _superoffice_error(status: int) -> Any:
    return {
        "Error": True,
        "ErrorType": "InjectedFault",
        "ErrorMessage": f"Injected fault: {REASONS[status]}",
        "ErrorSource": "tickettui.servers.faults",
    }


def nginx_page(status: int) -> str:
    return _HTML.format(status=status, reason=REASONS[status])


def retry_after_header(status: int, seconds: int) -> dict[str, str]:
    return {"retry-after": str(seconds)} if status == 429 else {}


def _anywhere(kind: str, method: str, path: str) -> bool:
    return True


@dataclass(frozen=True, slots=True)
class FaultStyle:
    """What one system's injected errors look like.

    ``json_body(status)``: the JSON error body of a 4xx/5xx; ``html_page(status)``: the HTML
    error page (the "500html" kinds); ``headers(status, retry_after)``: extra headers (429's
    Retry-After); ``allows(kind, method, path)``: whether that kind can strike there at all.
    """

    json_body: Callable[[int], Any] = _superoffice_error
    html_page: Callable[[int], str] = nginx_page
    headers: Callable[[int, int], Mapping[str, str]] = retry_after_header
    allows: Callable[[str, str, str], bool] = _anywhere


SUPEROFFICE_STYLE = FaultStyle()


class FaultInjection:
    """ASGI middleware: ``FaultInjection(app, plan)`` or ``Middleware(FaultInjection, plan=p)``.

    Outermost (wrapping the Starlette app, as ``LocalSuperOffice.start`` does) a "reset" closes
    the socket without any answer; deeper inside a stack it sends the headers, then drops.
    """

    def __init__(
        self, app: ASGIApp, plan: FaultPlan, style: FaultStyle = SUPEROFFICE_STYLE
    ) -> None:
        self.app = app
        self.plan = plan
        self.style = style

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = str(scope.get("method", "GET")), str(scope.get("path", "/"))
        allows = self.style.allows
        only = None if allows is _anywhere else (lambda kind: allows(kind, method, path))
        fault = self.plan.draw(method, path, only)
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.kind == "latency":
            await asyncio.sleep(self.plan.pause())
            await self.app(scope, receive, send)
            return
        if fault.kind == "slow":
            await _late(self.app, scope, receive, send, self.plan.hold_seconds)
            return
        if not fault.after:
            await self._strike(fault.kind, send, None)
            return
        answer = _Captured()
        await self.app(scope, receive, answer.send)
        await self._strike(fault.kind, send, answer)

    async def _strike(self, kind: str, send: Send, answer: _Captured | None) -> None:
        if kind == "reset":
            await _drop(send)
        elif kind == "timeout":
            # Bounded: hold past the client's timeout, then drop (never hang a test run).
            await asyncio.sleep(self.plan.hold_seconds)
            await _drop(send)
        elif kind == "truncated":
            body = answer.body if answer is not None and answer.body else b'{"TicketId": 1}'
            status = answer.status if answer is not None else 200
            half = body[: max(1, len(body) // 2)]
            await _respond(send, status, half, "application/json; charset=utf-8")
        elif kind.endswith("html"):
            status = int(kind.removesuffix("html"))
            page = self.style.html_page(status).encode()
            await _respond(send, status, page, "text/html; charset=utf-8")
        else:
            status = int(kind)
            body = json.dumps(self.style.json_body(status)).encode()
            extra = self.style.headers(status, self.plan.retry_after)
            await _respond(send, status, body, "application/json; charset=utf-8", extra)


def with_faults(
    app: ASGIApp, plan: FaultPlan | None, style: FaultStyle = SUPEROFFICE_STYLE
) -> ASGIApp:
    """``app`` wrapped outermost (so a "reset" can close the socket itself); as is without a
    plan. A plan at rate 0 stays in place: tests raise it mid-run."""
    if plan is None:
        return app
    quiet_server_log()
    return FaultInjection(app, plan, style)


class _Captured:
    """The app's answer, held back (the AFTER case: the work is done, the answer may be lost)."""

    def __init__(self) -> None:
        self.status = 200
        self.body = b""

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        elif message["type"] == "http.response.body":
            self.body += bytes(message.get("body", b""))


async def _respond(
    send: Send,
    status: int,
    body: bytes,
    content_type: str,
    extra: Mapping[str, str] | None = None,
) -> None:
    headers = [
        (b"content-type", content_type.encode()),
        (b"content-length", str(len(body)).encode()),
        *((k.encode(), v.encode()) for k, v in (extra or {}).items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


async def _late(app: ASGIApp, scope: Scope, receive: Receive, send: Send, wait: float) -> None:
    """Apply the request after ``wait`` seconds, as a busy server would.

    The body is read first: the server has the whole request even if the client has given up
    by the time it gets to it (uvicorn answers a disconnected client's receive() with
    "http.disconnect", which would lose the request instead of applying it late).
    """
    received: list[Message] = []
    while True:
        message = await receive()
        received.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    await asyncio.sleep(wait)
    replay = iter(received)

    async def replayed() -> Message:
        return next(replay, {"type": "http.disconnect"})

    # The client may be gone: the work is done, the answer has nowhere to go.
    with contextlib.suppress(OSError):
        await app(scope, replayed, send)


async def _drop(send: Send) -> None:
    """Close the connection without an answer."""
    transport = getattr(getattr(send, "__self__", None), "transport", None)
    if isinstance(transport, asyncio.Transport):  # uvicorn's own send: close the socket now
        transport.abort()
        for _ in range(3):  # let connection_lost run, so uvicorn adds no 500 of its own
            await asyncio.sleep(0)
        return
    # Inside a middleware stack the socket is out of reach: promise a body, then break off.
    headers = [(b"content-type", b"application/json"), (b"content-length", b"1000")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    raise _Dropped


class _Dropped(Exception):
    """Makes the server close a connection whose answer has started."""


class _QuietDrops(logging.Filter):
    """The server logs an error for every connection a fault breaks off on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if record.exc_info and isinstance(record.exc_info[1], _Dropped):
            return False
        return "without completing response" not in text


def quiet_server_log(names: Iterable[str] = ("uvicorn.error",)) -> None:
    """Silence the server's error lines about connections dropped by a fault (idempotent)."""
    for name in names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _QuietDrops) for f in logger.filters):
            logger.addFilter(_QuietDrops())
