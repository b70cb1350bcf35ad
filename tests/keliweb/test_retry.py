"""Keliweb reads are retried with backoff and jitter (honouring Retry-After); writes never are.

A failed token refresh on the network is tried again; a refused one (``invalid_grant``) is not,
and the password grant takes over.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tests.keliweb.fake_keliweb import TICKET, FakeKeliweb, settings
from tickettui.core.errors import (
    ConfigurationError,
    OutcomeUnknown,
    RateLimited,
    ServerError,
)
from tickettui.core.http.retry import RetryPolicy
from tickettui.systems.keliweb.client import READS, KeliwebClient
from tickettui.systems.keliweb.tokens import MemoryTokenStore, TokenSet

FAST = RetryPolicy(base_delay=0.001, max_delay=0.005)
STATUSES = {"result": "success", "totalresults": 0, "statuses": {"status": []}}


def client_for(fake: Any, **kw: Any) -> KeliwebClient:
    kw.setdefault("retry", FAST)
    return KeliwebClient(settings(), transport=httpx.MockTransport(fake), **kw)


def flaky(failures: list[Callable[[httpx.Request], httpx.Response]], body: dict[str, Any]) -> Any:
    """Answers with each of ``failures`` in turn, then with ``body``."""
    pending = list(failures)

    def answer(request: httpx.Request) -> httpx.Response:
        if pending:
            return pending.pop(0)(request)
        return httpx.Response(200, json=body)

    return answer


def status(code: int, **kw: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(code, **kw)


def dropped(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadError("connection reset", request=request)


def cut_off(request: httpx.Request) -> httpx.Response:
    return httpx.Response(
        200, text='{"result":"success","ticketid":', headers={"content-type": "application/json"}
    )


async def test_a_transient_500_json_or_html_is_tried_again_and_its_words_kept() -> None:
    # WHMCS behind a load balancer: a database timeout is a 500, gone a moment later.
    fake = FakeKeliweb()
    laravel = {"message": "SQLSTATE[HY000]: General error: 2006 MySQL server has gone away"}
    page = "<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>"
    fake.answers["get-ticket"] = flaky(
        [status(500, json=laravel), status(500, html=page, headers={"Retry-After": "0"})],
        TICKET,
    )
    async with client_for(fake) as client:
        assert (await client.get_ticket(7)).subject == "Hi"
        assert client.retry_stats.by_reason == {"ServerError": 2}
    fake.answers["get-ticket"] = status(500, json=laravel)
    async with client_for(fake) as client:
        with pytest.raises(ServerError, match="MySQL server has gone away"):
            await client.get_ticket(7)
    fake.answers["get-ticket"] = status(500, html=page)
    async with client_for(fake) as client:
        with pytest.raises(ServerError, match=r"\(500\) on get-ticket: 500 Internal Server Error"):
            await client.get_ticket(7)


async def test_a_read_is_retried_through_gateway_errors_drops_and_cut_off_json() -> None:
    fake = FakeKeliweb()
    nginx = "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"
    fake.answers["get-ticket"] = flaky(
        [status(502, html=nginx), dropped, cut_off],
        TICKET,
    )
    async with client_for(fake) as client:
        ticket = await client.get_ticket(7)
        assert ticket.subject == "Hi"
        assert client.retry_stats.total == 3
        assert set(client.retry_stats.by_reason) == {
            "ServerError",
            "ConnectionFailed",
            "TruncatedJson",
        }


async def test_retry_after_is_honoured() -> None:
    fake = FakeKeliweb()
    fake.answers["get-support-statuses"] = flaky(
        [status(429, headers={"Retry-After": "1"}, json={"message": "Too Many Attempts."})],
        STATUSES,
    )
    async with client_for(fake) as client:
        started = time.monotonic()
        await client.get_support_statuses()
        assert time.monotonic() - started >= 0.95
        assert client.retry_stats.by_reason == {"RateLimited": 1}


async def test_a_long_retry_after_is_reported_not_waited_for() -> None:
    fake = FakeKeliweb()
    fake.answers["get-tickets"] = status(429, headers={"Retry-After": "600"}, json={})
    async with client_for(fake) as client:
        with pytest.raises(RateLimited, match="retry in 600 s"):
            await client.get_tickets()
        assert client.retry_stats.total == 0


async def test_a_read_gives_up_after_its_attempts() -> None:
    fake = FakeKeliweb()
    fake.answers["get-support-departments"] = status(503, json={"message": "Service Unavailable"})
    async with client_for(fake) as client:
        with pytest.raises(ServerError, match="503"):
            await client.get_support_departments()
        assert client.retry_stats.total == FAST.attempts - 1
    calls = [r for r in fake.requests if r.url.path.endswith("get-support-departments")]
    assert len(calls) == FAST.attempts


WRITES: list[tuple[str, Callable[[KeliwebClient], Any]]] = [
    ("add-ticket-reply", lambda c: c.add_ticket_reply(7, "hello")),
    ("add-ticket-note", lambda c: c.add_ticket_note(7, "psst")),
    ("update-ticket", lambda c: c.update_ticket(7, status="Answered")),
    ("open-ticket", lambda c: c.open_ticket(1, "Subject", "Body")),
]


@pytest.mark.parametrize(("action", "write"), WRITES, ids=[a for a, _ in WRITES])
async def test_writes_are_sent_once_whatever_goes_wrong(
    action: str, write: Callable[[KeliwebClient], Any]
) -> None:
    assert action not in READS
    for failure, error in (
        (status(503, json={"message": "Service Unavailable"}), ServerError),
        (dropped, OutcomeUnknown),
        (cut_off, OutcomeUnknown),
    ):
        fake = FakeKeliweb()
        fake.answers[action] = failure
        async with client_for(fake) as client:
            with pytest.raises(error):
                await write(client)
            assert client.retry_stats.total == 0
        assert len([r for r in fake.requests if r.url.path.endswith(action)]) == 1


async def test_a_refresh_lost_on_the_network_is_tried_again() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = lambda r: httpx.Response(200, json=TICKET)
    drops = [True]  # the first refresh is refused on the network, once

    def handler(request: httpx.Request) -> httpx.Response:
        refresh = request.url.path == "/oauth/token" and b"refresh_token" in request.content
        if refresh and drops:
            drops.pop()
            raise httpx.ConnectError("refused", request=request)
        return fake(request)

    now = time.time()
    fake.valid_refresh.add("refresh-0")
    stale = TokenSet(SecretStr("access-old"), SecretStr("refresh-0"), now - 10, now - 3600)
    async with client_for(handler, token_store=MemoryTokenStore(stale)) as client:
        await client.get_ticket(7)
        assert client.retry_stats.by_reason == {"ConnectionFailed": 1}
    assert fake.grants == ["refresh_token"]  # the retry got through: no password needed


async def test_a_refused_refresh_is_not_retried_the_password_takes_over() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = lambda r: httpx.Response(200, json=TICKET)
    now = time.time()
    stale = TokenSet(SecretStr("access-old"), SecretStr("refresh-gone"), now - 10, now - 3600)
    async with client_for(fake, token_store=MemoryTokenStore(stale)) as client:
        await client.get_ticket(7)
        assert client.retry_stats.total == 0
    assert fake.grants == ["refresh_token", "password"]


async def test_every_call_has_a_timeout_and_tls_cannot_be_turned_off() -> None:
    async with KeliwebClient(settings(timeout=7.0)) as client:
        timeout = client._http.timeout
        assert (timeout.read, timeout.write, timeout.pool) == (7.0, 7.0, 7.0)
        assert timeout.connect == 7.0
    with pytest.raises(ConfigurationError, match="cannot be turned off"):
        KeliwebClient(settings(verify_tls=False))
