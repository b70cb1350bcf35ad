"""What the user sees when the server says no, answers nonsense, or is not there at all.

These unit tests fake answers with ``httpx.MockTransport``; end-to-end behaviour is checked
against the local server in ``test_contract_local_server.py``.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable

import httpx
import pytest
from pydantic import SecretStr

from tickettui.core.errors import (
    ApiError,
    AuthenticationFailed,
    Conflict,
    ConnectionFailed,
    MisdirectedRequest,
    NotFound,
    OutcomeUnknown,
    PermissionDenied,
    RateLimited,
    RequestTimedOut,
    ServerError,
    TicketTuiError,
    UnexpectedResponse,
    ValidationFailed,
)
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.retry import NO_RETRIES
from tickettui.systems.superoffice.settings import AuthScheme, SuperOfficeSettings

PASSWORD = "correct-horse-battery"
URL = "https://so.example.com/SuperOffice/api"

Handler = Callable[[httpx.Request], httpx.Response]


def _settings(**values: object) -> SuperOfficeSettings:
    defaults = {"url": URL, "user": "agent", "password": SecretStr(PASSWORD), "timeout": 30.0}
    return SuperOfficeSettings.model_validate(defaults | values)


def _client(handler: Handler, **values: object) -> SuperOfficeClient:
    # One try each: these tests are about the error a user sees (test_retry.py: retries).
    return SuperOfficeClient(
        _settings(**values), transport=httpx.MockTransport(handler), retry=NO_RETRIES
    )


def _so_error(status: int, error_type: str, message: str) -> Handler:
    body = {"Error": True, "ErrorType": error_type, "ErrorMessage": message, "ErrorSource": "X"}
    return lambda request: httpx.Response(status, json=body)


def _assert_clean(error: TicketTuiError) -> None:
    text = str(error)
    assert "\n" not in text
    assert PASSWORD not in text
    assert "Authorization" not in text and "Basic " not in text


async def test_401_says_login_failed() -> None:
    async with _client(lambda r: httpx.Response(401, text="")) as client:
        with pytest.raises(AuthenticationFailed) as info:
            await client.get_ticket(7)
    assert str(info.value) == "Login failed: the server rejected the user name or password (401)"
    assert info.value.status == 401
    _assert_clean(info.value)


async def test_401_with_bearer_mentions_the_token() -> None:
    handler = _so_error(401, "SoAuthenticationException", "Token expired")
    async with _client(handler, auth=AuthScheme.BEARER, token=SecretStr("8A:x")) as client:
        with pytest.raises(AuthenticationFailed) as info:
            await client.get_ticket_entity(7)
    assert "access token" in str(info.value)
    assert info.value.error_type == "SoAuthenticationException"
    assert info.value.error_message == "Token expired"


async def test_404_names_the_ticket_and_keeps_the_server_fields() -> None:
    handler = _so_error(404, "SoNotFoundException", "Ticket id 99999 not found")
    async with _client(handler) as client:
        with pytest.raises(NotFound) as info:
            await client.get_ticket_entity(99999)
    assert str(info.value) == "Ticket 99999 not found"
    assert info.value.status == 404
    assert info.value.error_type == "SoNotFoundException"
    assert info.value.error_message == "Ticket id 99999 not found"


async def test_404_html_page_points_at_the_url() -> None:
    page = "<!DOCTYPE html><html><body>IIS 404</body></html>"
    handler: Handler = lambda r: httpx.Response(404, html=page)  # noqa: E731
    async with _client(handler) as client:
        with pytest.raises(NotFound) as info:
            await client.get_ticket_entity(5)
    assert "check the API URL" in str(info.value)
    assert "https://so.example.com/SuperOffice/api/v1/Ticket/5" in str(info.value)


async def test_agents_null_answer_is_not_found() -> None:
    async with _client(lambda r: httpx.Response(200, json=None)) as client:
        with pytest.raises(NotFound, match="Ticket 3 not found"):
            await client.get_ticket(3)


async def test_421_wrong_host() -> None:
    async with _client(lambda r: httpx.Response(421)) as client:
        with pytest.raises(MisdirectedRequest) as info:
            await client.list_tickets(["ticketId"])
    assert str(info.value) == (
        "Wrong host for this tenant (421 Misdirected Request): check the API URL"
    )


async def test_html_login_page_on_200() -> None:
    login = "<html><head><title>Sign in</title></head><body><form>...</form></body></html>"
    async with _client(lambda r: httpx.Response(200, html=login)) as client:
        with pytest.raises(UnexpectedResponse) as info:
            await client.get_ticket_entity(5)
    assert str(info.value) == (
        "Expected JSON from https://so.example.com/SuperOffice/api/v1/Ticket/5 "
        "but got an HTML page (a login page or proxy?)"
    )


async def test_truncated_json() -> None:
    body = b'{"TicketId": 5, "Title": "Print'
    headers = {"content-type": "application/json; charset=utf-8"}
    async with _client(lambda r: httpx.Response(200, content=body, headers=headers)) as client:
        with pytest.raises(UnexpectedResponse, match=r"Invalid JSON from .*truncated or malformed"):
            await client.get_ticket_entity(5)


async def test_plain_text_on_200() -> None:
    async with _client(lambda r: httpx.Response(200, text="OK")) as client:
        with pytest.raises(UnexpectedResponse, match="but got text/plain"):
            await client.get_ticket_entity(5)


async def test_wrong_shape_is_unexpected_response_with_a_summary() -> None:
    handler: Handler = lambda r: httpx.Response(200, json={"TicketId": "abc"})  # noqa: E731
    async with _client(handler) as client:
        with pytest.raises(UnexpectedResponse) as info:
            await client.get_ticket_entity(5)
    assert str(info.value).startswith(
        "Unexpected data from GET https://so.example.com/SuperOffice/api/v1/Ticket/5: TicketId:"
    )
    _assert_clean(info.value)


async def test_error_body_on_200_is_an_api_error() -> None:
    handler = _so_error(200, "SoException", "Something broke")
    async with _client(handler) as client:
        with pytest.raises(ApiError, match="Something broke") as info:
            await client.get_ticket_entity(5)
    assert info.value.error_type == "SoException"


@pytest.mark.parametrize(
    ("status", "error", "text"),
    [
        (400, ValidationFailed, "The server rejected the request (400): Bad title"),
        (403, PermissionDenied, "Permission denied (403): Bad title"),
        (409, Conflict, "changed on the server"),
        (412, Conflict, "(412)"),
        (500, ServerError, "The server failed (500) on POST"),
        (503, ServerError, "SoException: Bad title"),
        (418, ApiError, "The server answered 418"),
    ],
)
async def test_status_codes(status: int, error: type[ApiError], text: str) -> None:
    async with _client(_so_error(status, "SoException", "Bad title")) as client:
        with pytest.raises(error) as info:
            await client.save_ticket_entity(TicketEntity(TicketId=5, Title="x"), notify=False)
    assert text in str(info.value)
    assert info.value.status == status
    _assert_clean(info.value)


async def test_429_parses_retry_after() -> None:
    handler: Handler = lambda r: httpx.Response(429, headers={"Retry-After": "12"})  # noqa: E731
    async with _client(handler) as client:
        with pytest.raises(RateLimited) as info:
            await client.mdo_list("ticketpriority")
    assert info.value.retry_after == 12.0
    assert str(info.value) == "The server is limiting requests (429): retry in 12 s"


async def test_429_with_an_http_date_and_without() -> None:
    date = "Wed, 21 Oct 2015 07:28:00 GMT"  # in the past: retry now
    handler: Handler = lambda r: httpx.Response(429, headers={"Retry-After": date})  # noqa: E731
    async with _client(handler) as client:
        with pytest.raises(RateLimited) as info:
            await client.ticket_status_items()
    assert info.value.retry_after == 0.0
    async with _client(lambda r: httpx.Response(429)) as client:
        with pytest.raises(RateLimited) as info:
            await client.ticket_status_items()
    assert info.value.retry_after is None


async def test_redirect_is_not_followed() -> None:
    headers = {"location": "https://so.example.com/login"}
    async with _client(lambda r: httpx.Response(302, headers=headers)) as client:
        with pytest.raises(
            UnexpectedResponse, match=r"redirected .* to https://so\.example\.com/login"
        ):
            await client.get_ticket_entity(5)


async def test_a_redirect_names_its_target_without_the_query() -> None:
    # A login page's query can carry a session id or a token. (httpx itself refuses a Location
    # with control characters: tests/core/test_safe_text.py checks those are made inert too.)
    location = "https://sso.example.com/login?session=abc123&token=t0k3n#frag"
    headers = {"location": location}
    async with _client(lambda r: httpx.Response(302, headers=headers)) as client:
        with pytest.raises(UnexpectedResponse) as info:
            await client.get_ticket_entity(5)
    message = str(info.value)
    assert "abc123" not in message and "t0k3n" not in message and "frag" not in message
    assert "sso.example.com/login" in message


HOSTILE_MESSAGE = "Deadlock \x1b]52;c;cm0gLXJmIH4=\x07 \x1b]0;PWNED\x07 \x1b[2J victim\u202e"


@pytest.mark.parametrize("status", [400, 403, 404, 409, 500, 503])
async def test_the_servers_error_message_is_shown_inert(status: int) -> None:
    async with _client(_so_error(status, "SoServerException", HOSTILE_MESSAGE)) as client:
        with pytest.raises(TicketTuiError) as info:
            await client.get_ticket_entity(5)
    message = str(info.value)
    assert all(raw not in message for raw in ("\x1b", "\x07", "\u202e")), message
    if status != 404:  # a 404 names the ticket instead
        assert "Deadlock \u241b]52;c;" in message  # visible stand-ins: the agent sees it odd


# -- transport failures ---------------------------------------------------------------------


def _raising(exc: type[httpx.TransportError], message: str = "boom") -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc(message, request=request)

    return handler


async def test_read_timeout_on_a_read() -> None:
    async with _client(_raising(httpx.ReadTimeout)) as client:
        with pytest.raises(RequestTimedOut) as info:
            await client.get_ticket_entity(5)
    assert str(info.value) == "The server at so.example.com did not answer within 30 s"


async def test_connect_timeout() -> None:
    async with _client(_raising(httpx.ConnectTimeout)) as client:
        with pytest.raises(ConnectionFailed, match=r"connect to so\.example\.com: no answer"):
            await client.get_ticket_entity(5)


@pytest.mark.parametrize("exc", [httpx.RemoteProtocolError, httpx.ReadError, httpx.ReadTimeout])
async def test_connection_lost_after_sending_a_save_is_outcome_unknown(
    exc: type[httpx.TransportError],
) -> None:
    async with _client(_raising(exc)) as client:
        with pytest.raises(OutcomeUnknown, match="may or may not have been saved") as info:
            await client.save_ticket_entity(TicketEntity(TicketId=5), notify=True)
    _assert_clean(info.value)


async def test_connection_lost_on_a_read_is_a_connection_failure() -> None:
    async with _client(_raising(httpx.RemoteProtocolError)) as client:
        with pytest.raises(ConnectionFailed, match="closed the connection"):
            await client.get_tickets([1, 2])


async def test_write_error_on_a_save_did_not_reach_the_server() -> None:
    async with _client(_raising(httpx.WriteError)) as client:
        with pytest.raises(ConnectionFailed):
            await client.save_ticket_entity(TicketEntity(TicketId=5), notify=True)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_refused_connection_for_real() -> None:
    port = _closed_port()
    settings = _settings(url=f"http://127.0.0.1:{port}/SuperOffice/api")
    async with SuperOfficeClient(settings) as client:
        with pytest.raises(ConnectionFailed) as info:
            await client.get_ticket(1)
    assert str(info.value) == f"Cannot connect to 127.0.0.1:{port}: connection refused"
    _assert_clean(info.value)


async def test_unknown_host_for_real() -> None:
    settings = _settings(url="https://no-such-host.invalid/SuperOffice/api", timeout=5.0)
    async with SuperOfficeClient(settings) as client:
        with pytest.raises(ConnectionFailed, match=r"no-such-host\.invalid"):
            await client.get_ticket(1)


# -- no secrets in logs ----------------------------------------------------------------------


async def test_debug_log_has_method_path_status_and_no_secrets(
    caplog: pytest.LogCaptureFixture,
) -> None:
    handler: Handler = lambda r: httpx.Response(200, json={"TicketId": 5})  # noqa: E731
    with caplog.at_level(logging.DEBUG, logger="tickettui.systems.superoffice"):
        async with _client(handler) as client:
            await client.get_ticket_entity(5)
    lines = [r.getMessage() for r in caplog.records if r.name == "tickettui.systems.superoffice"]
    assert any(line.startswith("GET Ticket/5 -> 200 in ") for line in lines)
    assert all(PASSWORD not in line and "Basic" not in line for line in lines)
