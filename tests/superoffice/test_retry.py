"""Reads are retried with backoff and Retry-After; saves never are; plain http is refused.

Faked answers (``httpx.MockTransport``) keep these exact and fast; the soak and
``test_outcome_unknown.py`` do the same against the local server with injected faults.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from tickettui.core.errors import (
    ConfigurationError,
    ConnectionFailed,
    OutcomeUnknown,
    RateLimited,
    ServerError,
)
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.models import TicketEntity
from tickettui.systems.superoffice.retry import RetryPolicy, is_transient
from tickettui.systems.superoffice.settings import SuperOfficeSettings

URL = "https://so.example.com/SuperOffice/api"
FAST = RetryPolicy(attempts=4, base_delay=0.001, max_delay=0.01, max_retry_after=0.05)
TICKET = {"TicketId": 7, "Title": "Printer on fire"}


def _client(
    answers: Iterator[httpx.Response | Exception],
    seen: Counter[str],
    policy: RetryPolicy = FAST,
    **settings: object,
) -> SuperOfficeClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen[f"{request.method} {request.url.path.rsplit('/v1/', 1)[-1]}"] += 1
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    values = {"url": URL, "user": "agent", "password": SecretStr("pw"), **settings}
    return SuperOfficeClient(
        SuperOfficeSettings.model_validate(values),
        transport=httpx.MockTransport(handler),
        retry=policy,
    )


def _json(status: int, body: object = None, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=body if body is not None else TICKET, headers=headers)


def _truncated() -> httpx.Response:
    return httpx.Response(
        200, content=b'{"TicketId": 7, "Ti', headers={"content-type": "application/json"}
    )


async def test_a_read_survives_throttling_gateways_drops_and_truncation() -> None:
    seen: Counter[str] = Counter()
    answers = iter(
        [
            _json(429, {}, **{"Retry-After": "0"}),
            _json(503, {}),
            httpx.RemoteProtocolError("Server disconnected without sending a response."),
            _truncated(),
            httpx.ReadTimeout("slow"),
            _json(200),
        ]
    )
    policy = RetryPolicy(attempts=6, base_delay=0.001, max_delay=0.01)
    async with _client(answers, seen, policy) as client:
        entity = await client.get_ticket_entity(7)
        assert entity.TicketId == 7
        assert seen["GET Ticket/7"] == 6
        assert client.retry_stats.total == 5
        assert client.retry_stats.by_reason == Counter(
            {
                "RateLimited": 1,
                "ServerError": 1,
                "ConnectionFailed": 1,
                "TruncatedJson": 1,
                "RequestTimedOut": 1,
            }
        )


async def test_attempts_are_bounded() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_json(502, {})] * 10), seen) as client:
        with pytest.raises(ServerError):
            await client.get_ticket_entity(7)
    assert seen["GET Ticket/7"] == FAST.attempts


async def test_a_long_retry_after_is_not_waited_for() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_json(429, {}, **{"Retry-After": "120"})]), seen) as client:
        with pytest.raises(RateLimited, match="retry in 120 s"):
            await client.get_ticket_entity(7)
    assert seen["GET Ticket/7"] == 1


SO_500 = {
    "Error": True,
    "ErrorType": "SoServerException",
    "ErrorMessage": "Transaction (Process ID 61) was deadlocked on lock resources",
    "ErrorSource": "SoDataBase",
}
IIS_500 = (
    "<!DOCTYPE html><html><head><title>Runtime Error</title></head>"
    "<body><h1>Server Error in '/SuperOffice' Application.</h1></body></html>"
)


def _html(status: int, page: str, **headers: str) -> httpx.Response:
    return httpx.Response(status, html=page, headers=headers)


async def test_a_transient_500_on_a_read_is_tried_again_json_or_html() -> None:
    # A deadlock victim or a recycled app pool: the same read a moment later succeeds.
    seen: Counter[str] = Counter()
    answers = iter([_json(500, SO_500), _html(500, IIS_500, **{"Retry-After": "0"}), _json(200)])
    async with _client(answers, seen) as client:
        assert (await client.get_ticket_entity(7)).TicketId == 7
    assert seen["GET Ticket/7"] == 3


async def test_when_500s_go_on_the_servers_own_words_are_shown() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_json(500, SO_500)] * 10), seen) as client:
        with pytest.raises(ServerError, match=r"SoServerException: Transaction .* deadlocked"):
            await client.get_ticket_entity(7)
    assert seen["GET Ticket/7"] == FAST.attempts
    async with _client(iter([_html(500, IIS_500)] * 10), seen) as client:
        with pytest.raises(ServerError, match=r"\(500\) on GET .*: Runtime Error$"):
            await client.get_ticket_entity(7)


async def test_a_500_after_a_save_is_never_answered_by_sending_it_again() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_json(500, SO_500), _json(200)]), seen) as client:
        with pytest.raises(ServerError):
            await client.save_ticket_entity(TicketEntity.model_validate(TICKET), notify=False)
    assert seen["POST Ticket"] == 1


async def test_read_only_agent_posts_are_retried() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_json(503, {}), _json(200, [TICKET])]), seen) as client:
        assert [t.TicketId for t in await client.get_tickets([7])] == [7]
    assert seen["POST Agents/Ticket/GetTickets"] == 2


@pytest.mark.parametrize(
    "answer",
    [
        _json(503, {}),
        _json(429, {}, **{"Retry-After": "0"}),
        httpx.RemoteProtocolError("Server disconnected"),
        httpx.ReadTimeout("slow"),
    ],
    ids=["503", "429", "dropped", "timeout"],
)
async def test_a_save_is_sent_once_whatever_happens(answer: httpx.Response | Exception) -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([answer, _json(200)]), seen) as client:
        with pytest.raises((ServerError, RateLimited, OutcomeUnknown)):
            await client.save_ticket_entity(TicketEntity.model_validate(TICKET), notify=False)
    assert seen["POST Ticket"] == 1


async def test_an_unreadable_answer_to_a_save_is_outcome_unknown() -> None:
    seen: Counter[str] = Counter()
    async with _client(iter([_truncated()]), seen) as client:
        with pytest.raises(OutcomeUnknown, match="may or may not have been saved"):
            await client.save_ticket_entity(TicketEntity.model_validate(TICKET), notify=False)


def test_full_jitter_stays_under_the_exponential_cap() -> None:
    policy = RetryPolicy(base_delay=1.0, max_delay=5.0, attempts=10, total=1000)
    rng = random.Random(1)
    error = ServerError("x", status=503)
    for attempt in range(1, 8):
        waits = [policy.delay(error, attempt, 0.0, rng) for _ in range(50)]
        cap = min(5.0, 2 ** (attempt - 1))
        assert all(w is not None and 0 <= w <= cap for w in waits)
    assert policy.delay(error, 10, 0.0, rng) is None  # out of attempts
    assert policy.delay(error, 1, 999.9, rng) is None  # out of time
    assert policy.delay(ServerError("x", status=501), 1, 0.0, rng) is None  # not there: no
    assert policy.delay(ServerError("x", status=500, retry_after=2.5), 1, 0.0, rng) == 2.5


def test_bad_certificates_and_unknown_hosts_are_not_retried() -> None:
    import ssl

    def failed(cause: BaseException) -> ConnectionFailed:
        outer = httpx.ConnectError("failed")
        outer.__cause__ = cause
        error = ConnectionFailed("Cannot connect")
        error.__cause__ = outer
        return error

    assert not is_transient(failed(ssl.SSLCertVerificationError("bad cert")))
    assert is_transient(failed(ConnectionRefusedError()))


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("http://127.0.0.1:8080/SuperOffice/api", True),
        ("http://127.8.9.10/SuperOffice/api", True),
        ("http://localhost/SuperOffice/api", True),
        ("http://[::1]:81/SuperOffice/api", True),
        ("https://crm.example.com/SuperOffice/api", True),
        ("http://crm.example.com/SuperOffice/api", False),
        ("http://10.0.0.5/SuperOffice/api", False),
    ],
)
def test_plain_http_is_refused_off_this_machine(url: str, allowed: bool) -> None:
    settings = SuperOfficeSettings(url=url, user="agent", password=SecretStr("pw"))
    if allowed:
        SuperOfficeClient(settings)
        return
    with pytest.raises(ConfigurationError, match="Refusing plain http://") as caught:
        SuperOfficeClient(settings)
    assert "\n" not in str(caught.value)
    SuperOfficeClient(settings.model_copy(update={"allow_insecure_http": True}))


def test_allow_http_comes_from_the_profile_or_the_environment() -> None:
    from tickettui import systems
    from tickettui.config.model import Profile
    from tickettui.config.select import ActiveProfile

    settings_for = systems.system("superoffice").settings

    def active(**values: object) -> ActiveProfile:
        profile = Profile.model_validate({"url": "http://crm.lan/SuperOffice/api", **values})
        return ActiveProfile("onsite", profile, from_file=True, chosen_by="")

    with pytest.raises(ConfigurationError, match="Refusing plain http://"):
        settings_for(active(), {}, env={})  # before the app or `login` sends a password
    assert settings_for(active(), {}, env={"TICKETTUI_ALLOW_HTTP": "1"}).allow_insecure_http
    assert settings_for(active(allow_insecure_http=True), {}, env={}).allow_insecure_http
    onsite = {"url": "https://crm.lan/SuperOffice/api", "ca_bundle": "/etc/onsite-ca.pem"}
    bundle = settings_for(active(**onsite), {}, env={})
    assert bundle.verify_tls == "/etc/onsite-ca.pem"
