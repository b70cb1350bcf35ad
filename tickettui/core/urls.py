"""What of a server's URL may be shown: its host and port, never credentials or a query."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

__all__ = ["display_host", "netloc_host"]


def netloc_host(parts: SplitResult) -> str:
    """The host of split URL ``parts``, an IPv6 address in brackets."""
    host = parts.hostname or ""
    return f"[{host}]" if ":" in host else host


def display_host(url: str) -> str:
    """``host`` or ``host:port`` of a URL, for messages and reprs (never any credentials)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return "the server"
    host = netloc_host(parts) or "the server"
    return host if port is None else f"{host}:{port}"
