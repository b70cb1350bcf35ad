"""Who may use the web mode: whoever holds the token in the printed URL.

The token is the first component of every path (``/<token>/``, ``/<token>/ws``,
``/<token>/static/...``), not a query parameter or a cookie:
- textual.js builds the websocket address by appending ``?width=...`` to the one it is given,
  so a token in a query string would not survive on the websocket; in the path it does, and
  the page's relative static links carry it too;
- a cookie is not kept apart by port: one set by 127.0.0.1:8000 is sent to every server on
  127.0.0.1 the browser visits (another local user's among them), and it would ride along on
  requests other pages make. A path token goes only where the page itself sends it.
Every answer also tells the browser to send no Referer, cache nothing and allow no framing, so
the address does not leak through the page.

Served on loopback, a request must also name a loopback host (the Host header): a page on
evil.example whose name is made to resolve to 127.0.0.1 (DNS rebinding) talks to this server as
evil.example, same-origin for the browser, and would need only the token; now it gets 403 too.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
import socket

from aiohttp import hdrs, web
from aiohttp.typedefs import Handler, Middleware
from yarl import URL

__all__ = [
    "FORBIDDEN",
    "add_safety_headers",
    "address",
    "forbidden",
    "is_loopback",
    "new_token",
    "token_guard",
    "token_of",
]

TOKEN_BYTES = 32  # 256 bits: guessing is out of the question, so no rate limit is needed
FORBIDDEN = "403: Forbidden"


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_of(path: str) -> str:
    """The first component of a request's path: where the token must be."""
    parts = path.split("/", 2)
    return parts[1] if len(parts) > 1 else ""


def token_matches(candidate: str, token: str) -> bool:
    # Constant time: how long a wrong token takes to refuse says nothing of the right one.
    return hmac.compare_digest(candidate.encode("utf-8", "replace"), token.encode())


def forbidden() -> web.Response:
    return web.Response(status=403, text=FORBIDDEN)


def names_loopback(host_header: str | None) -> bool:
    """Whether a request's Host header names this machine's loopback (any port: an SSH tunnel
    forwards another one). No header at all: not a browser, which always sends one."""
    if host_header is None:
        return True
    try:
        host = URL.build(scheme="http", authority=host_header).host
    except (ValueError, TypeError):
        return False
    return host is not None and is_loopback(host)


def token_guard(token: str, *, loopback_only: bool = True) -> Middleware:
    """Middleware: a request without the token gets 403 and nothing else, whatever its path
    (a page, a static file, the websocket, a path that does not exist); so does one naming
    another host than loopback when ``loopback_only`` (the server listens on loopback)."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not token_matches(token_of(request.path), token):
            return forbidden()
        if loopback_only and not names_loopback(request.headers.get(hdrs.HOST)):
            return forbidden()
        return await handler(request)

    return guard


# The page's own scripts only (textual.js, and the one inline script with this response's
# nonce); xterm.js sets inline styles. 'self' covers the websocket back to this server.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
NONCE_KEY = web.RequestKey("tickettui_csp_nonce", str)  # left on the request by the page


async def add_safety_headers(request: web.Request, response: web.StreamResponse) -> None:
    """on_response_prepare: every answer, 403s included."""
    headers = response.headers
    headers["Server"] = "tickettui"  # not which Python and aiohttp, to whoever asks
    headers["Referrer-Policy"] = "no-referrer"  # the token is in the address
    headers["Cache-Control"] = "no-store"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.format(
        nonce=request.get(NONCE_KEY, "none")
    )


def is_loopback(host: str) -> bool:
    """Only this machine can reach ``host``: ``localhost`` or a loopback address. Any other
    name could resolve to an outside address, and 0.0.0.0 / :: are every interface."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int, token: str) -> str:
    """The URL to print. Every interface (0.0.0.0, ::) is printed as this machine's name."""
    shown = host.strip("[]")
    try:
        if ipaddress.ip_address(shown).is_unspecified:
            shown = socket.gethostname()
    except ValueError:
        pass
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/{token}/"
