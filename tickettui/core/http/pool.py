"""The one ``httpx.AsyncClient`` a client holds: bounded in every phase, TLS always verified."""

from __future__ import annotations

import ssl
from collections.abc import Mapping

import httpx

from tickettui.core.errors import ConfigurationError

__all__ = ["CONNECT_TIMEOUT", "http_pool", "tls_verification"]

CONNECT_TIMEOUT = 10.0  # at most: a dead VPN should fail fast, a slow answer may take longer


def tls_verification(setting: bool | str) -> ssl.SSLContext | bool:
    """``verify_tls``: True, or the path of a CA bundle for an onsite install. Never off."""
    if setting is False:
        raise ConfigurationError(
            "TLS verification cannot be turned off: set ca_bundle to the CA file of your server"
        )
    if not isinstance(setting, str):
        return setting
    try:
        return ssl.create_default_context(cafile=setting)
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "unreadable"
        raise ConfigurationError(
            f"verify_tls: cannot load the CA bundle {setting!r} ({reason})"
        ) from None


def http_pool(
    base_url: str,
    *,
    headers: Mapping[str, str],
    timeout: float,
    verify_tls: bool | str,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """Every phase bounded (connect, each read, write, waiting for the pool); sized for a few
    concurrent pages (~8 in flight) plus slack; redirects not followed (a redirect means a
    wrong URL or a login page: the caller says so)."""
    return httpx.AsyncClient(
        base_url=base_url,
        headers=dict(headers),
        timeout=httpx.Timeout(timeout, connect=min(timeout, CONNECT_TIMEOUT)),
        limits=httpx.Limits(max_connections=10, max_keepalive_connections=8),
        verify=tls_verification(verify_tls),
        follow_redirects=False,
        transport=transport,
    )
