"""Answers and transport failures both systems map the same way, as one-line typed errors.

Nothing here looks at request headers or bodies, so no credential can end up in a message.
"""

from __future__ import annotations

import html
import re
import socket
import ssl
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from tickettui.core.errors import (
    AnswerTimedOut,
    ConnectionFailed,
    OutcomeUnknown,
    RequestTimedOut,
    TransportError,
    UnexpectedResponse,
)
from tickettui.core.safe_text import inert_line

__all__ = [
    "TruncatedJson",
    "connect_reason",
    "error_for_transport",
    "is_html",
    "page_title",
    "redirect_target",
    "retry_after",
    "short",
]


class TruncatedJson(UnexpectedResponse):
    """A 2xx whose JSON body breaks off or is malformed: a read may be tried again."""


def short(text: str, limit: int = 200) -> str:
    """One inert line of at most ``limit`` characters (server text is quoted in messages)."""
    text = inert_line(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def redirect_target(location: str) -> str:
    """Where a redirect points, for a message: no query, fragment or user info (a login page's
    query can carry a token or a session id), inert, and short."""
    parts = urlsplit(location.strip())
    host = parts.netloc.rpartition("@")[2]  # user:password@ never shown
    shown = f"{parts.scheme}://{host}{parts.path}" if parts.scheme else parts.path
    return short(shown, 120)


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def page_title(response: httpx.Response) -> str | None:
    """The ``<title>`` of an HTML error page (IIS's "Runtime Error", nginx's "502 Bad
    Gateway"), inert and short, to say what the server said; None when there is none."""
    if not is_html(response):
        return None
    found = _TITLE.search(response.content[:4096])
    if found is None:
        return None
    text = html.unescape(found.group(1).decode("utf-8", "replace"))
    return short(text, 120) or None


def is_html(response: httpx.Response) -> bool:
    """An HTML page (a login page, a proxy's or gateway's error page), not the API's JSON."""
    if "html" in response.headers.get("content-type", "").lower():
        return True
    head = response.content[:200].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (a number or an HTTP date); None when absent or unreadable."""
    value = response.headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def connect_reason(exc: BaseException) -> str:
    """Why a connection failed, from the chained OS error: refused, unknown host, TLS."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        err = stack.pop()
        if err is None or id(err) in seen:
            continue
        seen.add(id(err))
        if isinstance(err, ConnectionRefusedError):
            return "connection refused"
        if isinstance(err, socket.gaierror):
            return "unknown host name"
        if isinstance(err, ssl.SSLCertVerificationError):
            return "its TLS certificate is not trusted (set verify_tls to a CA bundle?)"
        if isinstance(err, ssl.SSLError):
            return "the TLS handshake failed"
        if isinstance(err, ConnectionResetError):
            return "connection reset"
        stack.extend([err.__cause__, err.__context__])
        stack.extend(getattr(err, "exceptions", ()))
    text = " ".join(str(exc).split())
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "unknown host name"
    return text.lower().rstrip(".") if text else "connection failed"


def error_for_transport(
    exc: httpx.TransportError, *, host: str, timeout: float, outcome_matters: bool
) -> TransportError:
    """The exception for a request that got no HTTP answer.

    ``outcome_matters`` is true for saves: if the request went out before the connection
    dropped or timed out, the server may have applied it, so we say so (OutcomeUnknown).
    """
    limit = f"{timeout:g} s"
    if isinstance(exc, httpx.ConnectTimeout):
        return ConnectionFailed(f"Cannot connect to {host}: no answer within {limit}")
    if isinstance(exc, httpx.ConnectError):
        return ConnectionFailed(f"Cannot connect to {host}: {connect_reason(exc)}")
    if isinstance(exc, httpx.PoolTimeout):
        return RequestTimedOut(f"No free connection to {host} within {limit} (too many requests)")
    if isinstance(exc, httpx.WriteTimeout | httpx.WriteError):
        # The body did not get through, so the server cannot have acted on it.
        return ConnectionFailed(f"The connection to {host} failed while sending the request")
    if isinstance(exc, httpx.TimeoutException):
        if outcome_matters:
            return AnswerTimedOut(
                f"The server at {host} did not answer within {limit} after the change was sent: "
                "it may or may not have been saved; reload to check"
            )
        return RequestTimedOut(f"The server at {host} did not answer within {limit}")
    if isinstance(exc, httpx.RemoteProtocolError | httpx.ReadError):
        if outcome_matters:
            return OutcomeUnknown(
                f"The connection to {host} dropped after the change was sent: "
                "it may or may not have been saved; reload to check"
            )
        return ConnectionFailed(f"The server at {host} closed the connection before answering")
    if isinstance(exc, httpx.UnsupportedProtocol):
        return ConnectionFailed(f"Cannot connect to {host}: unsupported URL scheme")
    if isinstance(exc, httpx.ProxyError):
        return ConnectionFailed(f"Cannot connect to {host} through the proxy")
    return ConnectionFailed(f"Cannot talk to {host}: {type(exc).__name__}")
