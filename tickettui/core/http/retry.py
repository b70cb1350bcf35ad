"""When to try a read again: exponential backoff with full jitter, honouring Retry-After.

Only reads are retried. Saves never are: a save whose answer was lost may have landed, and the
backend decides that by re-reading.
"""

from __future__ import annotations

import asyncio
import logging
import random
import socket
import ssl
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from tickettui.core.errors import (
    ApiError,
    ConnectionFailed,
    RateLimited,
    RequestTimedOut,
    ServerError,
    TicketTuiError,
)
from tickettui.core.http.errors import TruncatedJson

__all__ = ["NO_RETRIES", "RetryPolicy", "RetryStats", "is_transient", "with_retries"]

T = TypeVar("T")

# 500 too: NetServer and WHMCS behind a load balancer answer a database timeout, a deadlock
# victim or a recycled app pool with 500, and the same read a moment later succeeds.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``attempts`` counts the first try; ``total`` bounds the time spent waiting and trying."""

    attempts: int = 4
    base_delay: float = 0.25
    max_delay: float = 8.0
    max_retry_after: float = 30.0  # a longer Retry-After: give up and tell the user
    total: float = 60.0

    def delay(
        self, error: BaseException, attempt: int, elapsed: float, rng: random.Random
    ) -> float | None:
        """Seconds to wait before retry number ``attempt`` (1-based), or None to give up."""
        if attempt >= self.attempts or not is_transient(error):
            return None
        if isinstance(error, ApiError) and error.retry_after is not None:
            if error.retry_after > self.max_retry_after:
                return None
            wait = error.retry_after
        else:
            # Full jitter: many clients behind one VPN must not retry in lockstep.
            wait = rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))
        if elapsed + wait > self.total:
            return None
        return wait


NO_RETRIES = RetryPolicy(attempts=1)


@dataclass(slots=True)
class RetryStats:
    """Retries made, by the kind of error that caused them (for the README's figures)."""

    by_reason: Counter[str] = field(default_factory=Counter)

    def add(self, error: BaseException) -> None:
        self.by_reason[type(error).__name__] += 1

    @property
    def total(self) -> int:
        return sum(self.by_reason.values())


async def with_retries(
    attempt: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    stats: RetryStats,
    rng: random.Random,
    *,
    what: str,
    log: logging.Logger,
) -> T:
    """``attempt()`` until it succeeds or ``policy`` gives up (then its last error is raised).

    For reads only: the caller decides that a call may be sent twice.
    """
    started = time.monotonic()
    tries = 0
    while True:
        try:
            return await attempt()
        except TicketTuiError as error:
            tries += 1
            wait = policy.delay(error, tries, time.monotonic() - started, rng)
            if wait is None:
                raise
            stats.add(error)
            log.debug("%s: %s; retry %d in %.2f s", what, type(error).__name__, tries, wait)
            await asyncio.sleep(wait)


def is_transient(error: BaseException) -> bool:
    """Might the same read succeed in a moment? (Throttling, a gateway, a dropped link.)"""
    if isinstance(error, RateLimited):
        return True
    if isinstance(error, ServerError):
        return error.status in RETRY_STATUSES
    if isinstance(error, RequestTimedOut):
        return True
    if isinstance(error, TruncatedJson):
        return True
    if isinstance(error, ConnectionFailed):
        return _transient_transport(error.__cause__)
    return False


def _transient_transport(cause: BaseException | None) -> bool:
    """A dropped or refused connection is worth another try; a bad certificate or host is not."""
    if isinstance(cause, httpx.ConnectError):
        return not _chain_has(cause, (ssl.SSLError, socket.gaierror))
    return isinstance(
        cause,
        httpx.ConnectTimeout
        | httpx.ReadError
        | httpx.RemoteProtocolError
        | httpx.WriteError
        | httpx.WriteTimeout,
    )


def _chain_has(error: BaseException, kinds: tuple[type[BaseException], ...]) -> bool:
    seen: set[int] = set()
    stack: list[BaseException | None] = [error]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, kinds):
            return True
        stack.extend([item.__cause__, item.__context__])
    return False
