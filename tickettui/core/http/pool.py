"""The one ``httpx.AsyncClient`` a client holds: bounded in every phase, TLS always verified."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import TypeVar

import httpx

from tickettui.core.errors import ConfigurationError

__all__ = ["CONNECT_TIMEOUT", "bounded", "http_pool", "tls_verification"]

T = TypeVar("T")

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


async def bounded(factories: Sequence[Callable[[], Awaitable[T]]], limit: int) -> list[T]:
    """Run the calls at most ``limit`` at a time; results in call order; first error wins."""
    if limit <= 1 or len(factories) <= 1:
        return [await make() for make in factories]
    gate = asyncio.Semaphore(limit)

    async def run(make: Callable[[], Awaitable[T]]) -> T:
        async with gate:
            return await make()

    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(run(make)) for make in factories]
    except ExceptionGroup as group_error:
        first: BaseException = group_error
        while isinstance(first, BaseExceptionGroup):
            first = first.exceptions[0]
        raise first from None
    return [task.result() for task in tasks]
