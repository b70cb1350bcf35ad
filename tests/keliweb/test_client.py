"""The Keliweb client's wire manners, token handling and error mapping, with a faked server.

These fake answers with ``httpx.MockTransport``; the same stories run end to end against the
local Keliweb server in ``test_contract_local_server.py``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tests.keliweb.fake_keliweb import (
    CLIENT_ID,
    CLIENT_SECRET,
    PASSWORD,
    TICKET,
    URL,
    FakeKeliweb,
    form_of,
    settings,
)
from tickettui.core.errors import (
    ApiError,
    AuthenticationFailed,
    ConfigurationError,
    ConnectionFailed,
    NotFound,
    OutcomeUnknown,
    RateLimited,
    ServerError,
    TicketTuiError,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.core.http.retry import NO_RETRIES
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.tokens import MemoryTokenStore, TokenSet

SECRETS = (CLIENT_SECRET, PASSWORD, "access-", "refresh-")

Handler = Callable[[httpx.Request], httpx.Response]


def ok(body: dict[str, Any]) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: httpx.Response(200, json=body)


def client_for(fake: Handler, **kw: Any) -> KeliwebClient:
    """No read retries unless asked for: an error test sees the first answer's error."""
    kw.setdefault("retry", NO_RETRIES)
    return KeliwebClient(settings(), transport=httpx.MockTransport(fake), **kw)


def assert_clean(error: BaseException) -> None:
    text = str(error)
    assert "\n" not in text
    for secret in SECRETS:
        assert secret not in text
    assert "Bearer" not in text


# --- how requests look -------------------------------------------------------------------------


async def test_login_and_call_send_forms_with_the_json_headers() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = ok(TICKET)
    async with client_for(fake) as client:
        ticket = await client.get_ticket(7, replies_sort="desc")
    assert ticket.tid == "516757"
    login, call = fake.requests
    assert login.url == URL + "/oauth/token"
    assert login.headers["content-type"] == "application/x-www-form-urlencoded"
    assert login.headers["x-requested-with"] == "XMLHttpRequest"
    assert login.headers["accept"] == "application/json"
    assert form_of(login) == {
        "grant_type": "password",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "username": "agent@reseller.example",
        "password": PASSWORD,
        "scope": "",
    }
    assert call.method == "POST" and call.url == URL + "/api/v2/keliweb/get-ticket"
    assert call.headers["authorization"] == "Bearer access-1"
    assert call.headers["content-type"] == "application/x-www-form-urlencoded"  # not multipart
    assert call.headers["accept"] == "application/json"
    assert call.headers["x-requested-with"] == "XMLHttpRequest"
    assert form_of(call) == {"repliessort": "DESC", "ticketid": "7"}


async def test_booleans_go_as_1_and_0_and_none_is_left_out() -> None:
    fake = FakeKeliweb()
    fake.answers["update-ticket"] = ok({"result": "success", "ticketid": "7"})
    fake.answers["add-ticket-note"] = ok({"result": "success"})
    async with client_for(fake) as client:
        await client.update_ticket(7, removeFlag=True, status="Closed", subject=None)
        await client.add_ticket_note(7, "internal", markdown=False)
    assert form_of(fake.requests[1]) == {"ticketid": "7", "removeFlag": "1", "status": "Closed"}
    assert form_of(fake.requests[2]) == {"ticketid": "7", "message": "internal", "markdown": "0"}


async def test_update_ticket_refuses_fields_it_does_not_know() -> None:
    async with client_for(FakeKeliweb()) as client:
        with pytest.raises(ValueError, match="userid"):
            await client.update_ticket(7, userid=3)


# --- tokens --------------------------------------------------------------------------------------


async def test_refreshes_ahead_of_expiry_and_keeps_the_newest_refresh_token() -> None:
    fake = FakeKeliweb(expires_in=1)  # refreshed 0.1 s ahead: a tenth of its life
    fake.answers["get-ticket"] = ok(TICKET)
    store = MemoryTokenStore()
    async with client_for(fake, token_store=store) as client:
        await client.get_ticket(7)
        first = store.tokens
        await asyncio.sleep(0.95)
        await client.get_ticket(7)
    assert fake.grants == ["password", "refresh_token"]
    assert first is not None and store.tokens is not None
    assert first.refresh_token is not None and store.tokens.refresh_token is not None
    assert store.tokens.refresh_token.get_secret_value() == "refresh-2"
    assert first.refresh_token.get_secret_value() not in fake.valid_refresh  # revoked
    assert store.saves == 2
    # No call went out with a token the server had not issued last.
    assert [r.headers.get("authorization") for r in fake.requests if "api" in r.url.path] == [
        "Bearer access-1",
        "Bearer access-2",
    ]


async def test_a_401_refreshes_once_and_resends() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = ok(TICKET)
    async with client_for(fake) as client:
        await client.get_ticket(7)
        fake.expire_access_tokens()  # revoked server-side before its time
        await client.get_ticket(7)
    assert fake.grants == ["password", "refresh_token"]


async def test_a_second_401_is_a_one_line_login_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return FakeKeliweb().token(request)
        return httpx.Response(401, json={"message": "Unauthenticated."})

    async with client_for(handler) as client:
        with pytest.raises(AuthenticationFailed) as info:
            await client.get_ticket(7)
    assert str(info.value) == (
        "Keliweb rejected the access token (401: Unauthenticated.); sign in again"
    )
    assert_clean(info.value)


async def test_a_rejected_refresh_token_falls_back_to_the_password() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = ok(TICKET)
    stale = TokenSet(SecretStr("access-old"), SecretStr("refresh-old"), time.time() - 10, 0.0)
    async with client_for(fake, token_store=MemoryTokenStore(stale)) as client:
        await client.get_ticket(7)
    assert fake.grants == ["refresh_token", "password"]


async def test_fresh_stored_tokens_save_a_login() -> None:
    fake = FakeKeliweb()
    fake.valid_access.add("access-stored")
    fake.answers["get-ticket"] = ok(TICKET)
    now = time.time()
    stored = TokenSet(SecretStr("access-stored"), SecretStr("refresh-x"), now + 3600, now)
    async with client_for(fake, token_store=MemoryTokenStore(stored)) as client:
        await client.get_ticket(7)
    assert fake.grants == []


async def test_concurrent_calls_log_in_and_refresh_once() -> None:
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = ok(TICKET)
    async with client_for(fake) as client:
        await asyncio.gather(*(client.get_ticket(7) for _ in range(10)))
        fake.expire_access_tokens()
        await asyncio.gather(*(client.get_ticket(7) for _ in range(10)))
    assert fake.grants == ["password", "refresh_token"]


def test_token_set_round_trips_through_json_and_hides_secrets() -> None:
    tokens = TokenSet(SecretStr("access-9"), SecretStr("refresh-9"), 2000.0, 1000.0)
    assert TokenSet.from_json(tokens.to_json()) == tokens
    assert TokenSet.from_json("not json") is None
    assert TokenSet.from_json('{"access_token": 3}') is None
    assert "access-9" not in repr(tokens) and "refresh-9" not in repr(tokens)
    assert tokens.refresh_at == 2000.0 - 60.0  # a minute ahead of an hour-long token


# --- login errors --------------------------------------------------------------------------------


async def test_wrong_password_is_a_generic_one_line_login_error() -> None:
    fake = FakeKeliweb()
    fake.password = "something else"
    async with client_for(fake) as client:
        with pytest.raises(AuthenticationFailed) as info:
            await client.get_ticket(7)
    assert str(info.value) == (
        "Login failed: Keliweb rejected the user name, password or API key (invalid_grant)"
    )
    assert info.value.status == 400 and info.value.error_type == "invalid_grant"
    assert_clean(info.value)


async def test_wrong_client_secret_names_the_api_client() -> None:
    fake = FakeKeliweb()
    client = KeliwebClient(
        settings(client_secret=SecretStr("nope")), transport=httpx.MockTransport(fake)
    )
    async with client:
        with pytest.raises(
            AuthenticationFailed, match=r"API client id or secret \(invalid_client\)"
        ):
            await client.login()


# --- API errors ----------------------------------------------------------------------------------


def answering(status: int, **kw: Any) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return FakeKeliweb().token(request)
        return httpx.Response(status, **kw)

    return handler


@pytest.mark.parametrize(
    ("handler", "kind", "message"),
    [
        (
            answering(200, json={"result": "error", "message": "Ticket ID Not Found"}),
            NotFound,
            "Keliweb: Ticket ID Not Found",
        ),
        (
            answering(
                422,
                json={
                    "message": "The given data was invalid.",
                    "errors": {"ticketid": ["The ticketid must be an integer.", "x"]},
                },
            ),
            ValidationFailed,
            "Keliweb rejected get-ticket: The given data was invalid. "
            "(The ticketid must be an integer.)",
        ),
        (
            answering(302, headers={"Location": URL + "/login"}),
            UnexpectedResponse,
            "Keliweb: expected JSON but got a redirect to a login page (302) — "
            "is Accept: application/json being dropped by a proxy?",
        ),
        (
            answering(200, html="<!DOCTYPE html><html><body>Login</body></html>"),
            UnexpectedResponse,
            "Keliweb: expected JSON from get-ticket but got an HTML page (a login page?) — "
            "is Accept: application/json being dropped by a proxy?",
        ),
        (
            answering(200, text='{"result": "success", "ticketid": '),
            UnexpectedResponse,
            "Keliweb: invalid JSON from get-ticket (truncated or malformed at character 34)",
        ),
        (
            answering(200, text=""),
            UnexpectedResponse,
            "Keliweb: get-ticket answered with an empty body",
        ),
        (
            answering(404, json={"message": "Not Found"}),
            NotFound,
            "Keliweb has no action 'get-ticket' (404): check the API URL",
        ),
        (
            answering(429, headers={"Retry-After": "30"}, json={"message": "Too Many Attempts."}),
            RateLimited,
            "Keliweb is limiting requests (429): retry in 30 s",
        ),
        (
            answering(500, json={"message": "Server Error"}),
            ServerError,
            "Keliweb failed (500) on get-ticket: Server Error",
        ),
        (
            answering(403, json={"message": "This action is unauthorized."}),
            ApiError,
            "Keliweb: permission denied for get-ticket (403): This action is unauthorized.",
        ),
    ],
)
async def test_errors_are_typed_and_one_line(
    handler: Handler, kind: type[TicketTuiError], message: str
) -> None:
    async with client_for(handler) as client:
        with pytest.raises(kind) as info:
            await client.get_ticket(7)
    assert str(info.value) == message
    assert_clean(info.value)


HOSTILE_MESSAGE = (
    "Oops \x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;PWNED\x07\x1b[2J [link=https://e.x]x[/link]"
)


@pytest.mark.parametrize(
    "handler",
    [
        answering(200, json={"result": "error", "message": HOSTILE_MESSAGE}),
        answering(422, json={"message": HOSTILE_MESSAGE, "errors": {"x": [HOSTILE_MESSAGE]}}),
        answering(500, json={"message": HOSTILE_MESSAGE}),
        answering(403, json={"message": HOSTILE_MESSAGE}),
        answering(401, json={"message": HOSTILE_MESSAGE}),
        answering(400, json={"result": "error", "message": HOSTILE_MESSAGE}),
    ],
)
async def test_a_hostile_error_message_is_shown_inert(handler: Handler) -> None:
    # WHMCS's result message and Laravel's message are server text: shown, never acted on.
    async with client_for(handler) as client:
        with pytest.raises(TicketTuiError) as info:
            await client.get_ticket(7)
    message = str(info.value)
    assert "\x1b" not in message and "\x07" not in message, message


async def test_a_dropped_connection_after_a_write_is_outcome_unknown() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return FakeKeliweb().token(request)
        raise httpx.ReadTimeout("timed out", request=request)

    async with client_for(handler) as client:
        with pytest.raises(OutcomeUnknown, match="may or may not have been saved"):
            await client.add_ticket_reply(7, "hello")


async def test_a_refused_connection_says_so() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    async with client_for(handler) as client:
        with pytest.raises(ConnectionFailed, match=r"^Cannot connect to apiv2.keliweb.example"):
            await client.get_ticket(7)


# --- paging ---------------------------------------------------------------------------------------


async def test_all_pages_after_the_first_come_a_few_at_a_time_each_ticket_once() -> None:
    total = 23
    in_flight = 0
    most = 0

    async def page(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, most
        if request.url.path == "/oauth/token":
            return FakeKeliweb().token(request)
        form = form_of(request)
        start, size = int(form["limitstart"]), int(form["limitnum"])
        in_flight += 1
        most = max(most, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        # Ticket 5 shows up on two pages (a reply reordered the list while we read).
        ids = [*range(start + 1, min(start + size, total) + 1), *([5] if start else [])]
        tickets = [{"id": str(i), "tid": f"T{i}"} for i in ids]
        body = {"result": "success", "totalresults": str(total), "numreturned": len(tickets)}
        if tickets:
            body["tickets"] = {"ticket": tickets}
        return httpx.Response(200, json=body)

    client = KeliwebClient(settings(), transport=httpx.MockTransport(page))
    async with client:
        tickets = await client.get_all_tickets(status="Open", page_size=5, concurrency=2)
    assert [t.id for t in tickets] == list(range(1, total + 1))
    assert most == 2


# --- secrets ---------------------------------------------------------------------------------


async def test_no_secret_in_reprs_or_debug_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    fake = FakeKeliweb()
    fake.answers["get-ticket"] = ok(TICKET)
    store = MemoryTokenStore()
    client = client_for(fake, token_store=store)
    async with client:
        await client.get_ticket(7)
        reprs = [
            repr(client),
            repr(client.oauth),
            repr(store),
            repr(store.tokens),
            repr(settings()),
        ]
        reprs.append(str(settings()))
    text = "\n".join([*reprs, caplog.text, json.dumps([r.getMessage() for r in caplog.records])])
    for secret in (CLIENT_SECRET, PASSWORD, "access-1", "refresh-1"):
        assert secret not in text
    assert "get-ticket" in caplog.text  # the log is there, just without secrets


async def test_a_server_that_caps_limitnum_is_still_read_to_the_end() -> None:
    total, cap = 12, 5

    def page(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/oauth/token":
            return FakeKeliweb().token(request)
        form = form_of(request)
        start, size = int(form["limitstart"]), min(int(form["limitnum"]), cap)
        ids = range(start + 1, min(start + size, total) + 1)
        tickets = {"ticket": [{"id": i} for i in ids]}
        return httpx.Response(200, json={"totalresults": total, "tickets": tickets})

    async with KeliwebClient(settings(), transport=httpx.MockTransport(page)) as client:
        tickets = await client.get_all_tickets(page_size=100)
    assert [t.id for t in tickets] == list(range(1, total + 1))


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://apiv2.keliweb.example", False),
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://127.8.9.10:8000", True),
        # Any name may resolve anywhere: only the literal name localhost counts as loopback.
        ("http://evil.localhost:8000", False),
        ("http://localhost.evil.example:8000", False),
        ("http://127.0.0.1.nip.io:8000", False),
        ("https://apiv2.keliweb.example", True),
    ],
)
async def test_plain_http_off_this_machine_is_refused(url: str, allowed: bool) -> None:
    if not allowed:
        with pytest.raises(ConfigurationError, match=r"^Refusing plain http:// to ") as info:
            KeliwebClient(settings(url=url))
        assert_clean(info.value)
    await KeliwebClient(settings(url=url, allow_insecure_http=not allowed)).aclose()


async def test_a_url_that_is_not_http_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="must look like https://"):
        KeliwebClient(settings(url="ftp://apiv2.keliweb.example"))
