"""The web server: the token gate, the page, the static files and a websocket per tab.

``WebApp`` is what ``tickettui web`` runs: ``bind`` first (so a port in use or a bad host is
one line before anything starts), then ``serve`` until ctrl+c, SIGTERM or a hang-up, which
closes every tab and ends every app process before returning.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import secrets
import signal
import socket
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import textual_serve
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.download_manager import DownloadManager
from yarl import URL

from tickettui.core.errors import ConfigurationError
from tickettui.web.access import (
    NONCE_KEY,
    add_safety_headers,
    address,
    forbidden,
    new_token,
    token_guard,
)
from tickettui.web.page import render_page
from tickettui.web.sessions import ENDED, AppProcess, Sessions

__all__ = ["WebApp", "bind"]

STATIC = Path(textual_serve.__file__).parent / "static"  # xterm.js, textual.js, the font
MAX_TABS = 16  # app processes at once: a page reloading in a loop must not fork without end
# A key press is a few bytes, but a paste arrives as one message: a pasted log must not end the
# tab (aiohttp closes a websocket on a larger message), so as much as aiohttp allows by default.
MAX_MESSAGE = 4 * 1024 * 1024
HEARTBEAT = 15.0  # seconds: a tab that vanished (laptop lid closed) is noticed and ended
CLOSE_WAIT = 2.0  # seconds a closing tab has to answer before it is dropped
# What stops the server, each as ctrl+c does (every tab closed, every app asked to quit). A
# hang-up too: closing the terminal or losing the SSH session that runs the server would
# otherwise kill it on the spot, leaving each app to notice its closed pipe on its own.
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM]
if sys.platform != "win32":
    STOP_SIGNALS.append(signal.SIGHUP)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or one line saying why not (port 0: any free port)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ConfigurationError(f"Cannot serve on {host!r}: {error}") from None
    family = infos[0][0]
    try:
        return socket.create_server((host.strip("[]"), port), family=family, backlog=128)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise ConfigurationError(
                f"Port {port} on {host} is in use: choose another with --port"
            ) from None
        if error.errno == errno.EACCES:
            raise ConfigurationError(
                f"Port {port} on {host} needs privileges: choose one above 1023 with --port"
            ) from None
        reason = error.strerror or str(error)
        raise ConfigurationError(f"Cannot serve on {host} port {port}: {reason}") from None


@dataclass
class WebApp:
    """Serves ``argv`` (the app's command line) to whoever has the token; each tab starts it
    afresh with ``env`` added to this process's environment. ``loopback_only``: requests must
    name a loopback host (False only for --public, where the proxy's name is not known)."""

    argv: Sequence[str]
    env: Mapping[str, str] = field(default_factory=dict)
    title: str = "tickettui"
    token: str = field(default_factory=new_token)
    sessions: Sessions = field(default_factory=lambda: Sessions(MAX_TABS))
    downloads: DownloadManager = field(default_factory=DownloadManager)
    loopback_only: bool = True

    @property
    def prefix(self) -> str:
        return f"/{self.token}"

    def application(self) -> web.Application:
        app = web.Application(
            middlewares=[token_guard(self.token, loopback_only=self.loopback_only)]
        )
        app.router.add_get(self.prefix, self._to_page)
        app.router.add_get(f"{self.prefix}/", self._page)
        app.router.add_get(f"{self.prefix}/ws", self._websocket)
        app.router.add_static(f"{self.prefix}/static", STATIC, show_index=False)
        app.on_response_prepare.append(add_safety_headers)
        app.on_shutdown.append(self.sessions.end_all)
        return app

    async def _to_page(self, request: web.Request) -> web.StreamResponse:
        raise web.HTTPFound(f"{self.prefix}/")

    async def _page(self, request: web.Request) -> web.StreamResponse:
        nonce = secrets.token_urlsafe(16)
        request[NONCE_KEY] = nonce
        html = render_page(
            title=self.title,
            static=f"{self.prefix}/static/",
            websocket_path=f"{self.prefix}/ws",
            font_size=_number(request.query.get("fontsize"), 16, 6, 64),
            nonce=nonce,
        )
        return web.Response(text=html, content_type="text/html")

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        if not _same_origin(request):
            return forbidden()
        if self.sessions.full():
            return await _refuse(
                request,
                f"tickettui: {self.sessions.limit} tabs are open on this server, the most it "
                "runs at once: close one, then start again",
            )
        websocket = web.WebSocketResponse(
            heartbeat=HEARTBEAT, max_msg_size=MAX_MESSAGE, timeout=CLOSE_WAIT
        )
        app = AppProcess(
            self.argv,
            self.env,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.downloads,
        )
        # The tab takes its place before the first await: tabs opened at the same moment
        # would otherwise all pass the limit while their handshakes are under way.
        self.sessions.add(app, websocket)
        try:
            await websocket.prepare(request)
            await app.start(
                _number(request.query.get("width"), 80, 10, 1000),
                _number(request.query.get("height"), 24, 5, 500),
            )
            await _relay(websocket, app)
        finally:
            await self.sessions.end(app)
            if websocket.prepared:  # not a websocket handshake at all: aiohttp's 400 stands
                await websocket.close()
        return websocket

    def serve(self, sock: socket.socket, announce: Callable[[str], None]) -> None:
        """Run until ctrl+c, SIGTERM or a hang-up; ``announce`` gets the URL once the server
        listens."""
        asyncio.run(self._serve(sock, announce))

    async def _serve(self, sock: socket.socket, announce: Callable[[str], None]) -> None:
        runner = web.AppRunner(self.application(), access_log=None, handle_signals=False)
        await runner.setup()
        # Tabs are closed by on_shutdown; nothing else is long-lived, so no long grace.
        site = web.SockSite(runner, sock, shutdown_timeout=5.0)
        await site.start()
        host, port = sock.getsockname()[:2]
        announce(address(host, port, self.token))
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        signals = []
        for signum in STOP_SIGNALS:
            try:
                loop.add_signal_handler(signum, stop.set)
                signals.append(signum)
            except NotImplementedError:  # Windows: ctrl+c cancels this task instead
                pass
        try:
            await stop.wait()
        finally:
            for signum in signals:
                loop.remove_signal_handler(signum)
            await runner.cleanup()  # every tab closed, every app ended


async def _relay(websocket: web.WebSocketResponse, app: AppProcess) -> None:
    """What the tab sends, to the app: keys, its size, focus, pings. Anything else (a message
    that is not the front end's) is dropped."""
    async for message in websocket:
        if message.type != WSMsgType.TEXT:
            continue
        try:
            envelope = json.loads(message.data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[..." nested past the stack
            continue
        if not isinstance(envelope, list) or not envelope:
            continue
        kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
        if kind == "stdin" and isinstance(data, str):
            # "replace": JSON can carry half a surrogate pair, which has no UTF-8.
            await app.send_bytes(data.encode("utf-8", "replace"))
        elif kind == "resize" and isinstance(data, dict):
            await app.set_terminal_size(
                _number(data.get("width"), 80, 10, 1000), _number(data.get("height"), 24, 5, 500)
            )
        elif kind == "ping" and isinstance(data, str):
            await websocket.send_json(["pong", data])
        elif kind == "blur":
            await app.blur()
        elif kind == "focus":
            await app.focus()


async def _refuse(request: web.Request, why: str) -> web.StreamResponse:
    """A tab that gets no app: its page says why (the handshake's own status would be out of
    the page's reach, and the page would only say "Session ended.")."""
    websocket = web.WebSocketResponse(timeout=CLOSE_WAIT)
    await websocket.prepare(request)
    with contextlib.suppress(ConnectionError, RuntimeError):
        await websocket.send_json([ENDED, why])
        await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER)
    return websocket


def _same_origin(request: web.Request) -> bool:
    """A browser names the page that opens a websocket in Origin; only our own page may (a
    proxy in front must pass the Host header on). No Origin: not a browser, the token
    suffices."""
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    try:
        return URL(origin).raw_authority.lower() == request.host.lower()
    except ValueError:
        return False


def _number(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return max(low, min(high, number))
