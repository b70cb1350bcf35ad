"""Property tests: whatever a server (or a proxy) sends, decoding gives a model or a clear error.

Real fixtures are mutated (keys dropped, types swapped, control characters and odd unicode put
in, huge numbers, wrong nesting) and also replaced by arbitrary JSON, then sent through the
client's real response path (``httpx.MockTransport``) and on through the backend's mapping to
domain objects. The only acceptable failure is a ``TicketTuiError`` with a one-line message.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import SecretStr

from tickettui.core.domain import Section
from tickettui.core.errors import TicketTuiError
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.dates import parse_so_datetime
from tickettui.systems.superoffice.retry import NO_RETRIES
from tickettui.systems.superoffice.settings import SuperOfficeSettings

FIXTURES = Path(__file__).parent / "fixtures"
DATE_LIKE = r"\d{1,5}-\d{1,3}-\d{1,3}T\d{1,3}:\d{1,3}:\d{1,3}(\.\d{0,9})?.{0,6}"
URL = "https://so.example.com/SuperOffice/api"
PROPERTY = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


ODD_TEXT = st.sampled_from(
    [
        "",
        "\x00",
        "\x1b[31mred\x1b[0m",
        "\x1b]52;c;aGk=\x07",
        "[bold red]markup[/]",
        "\u202eevil",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59.9999999+14:00",
        "not a date",
        "2026-02-30T25:61:61",
        "x" * 10_000,
        "😀" * 50,
    ]
) | st.text(max_size=40)

ODD_SCALAR = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    ODD_TEXT,
)

ANY_JSON = st.recursive(
    ODD_SCALAR,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:5]):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, original: Any) -> Any:
    """``original`` with a few places changed: dropped, retyped, renested or filled with junk."""
    value = json.loads(json.dumps(original))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(value)
        path = draw(st.sampled_from(paths))
        if not path:
            value = draw(st.sampled_from([ANY_JSON, st.just([value]), st.just({"value": value})]))
            if isinstance(value, st.SearchStrategy):
                value = draw(value)
            continue
        parent = value
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = draw(st.sampled_from(["drop", "scalar", "json", "nest", "list"]))
        if action == "drop" and isinstance(parent, dict):
            del parent[last]
        elif action == "nest":
            parent[last] = {"value": parent[last]}
        elif action == "list":
            parent[last] = [parent[last]]
        elif action == "json":
            parent[last] = draw(ANY_JSON)
        else:
            parent[last] = draw(ODD_SCALAR)
    return value


def _body(value: Any) -> bytes:
    # allow_nan: a broken server may send NaN/Infinity, which is not JSON at all.
    return json.dumps(value, allow_nan=True).encode()


def _run(body: bytes, call: Callable[[SuperOfficeBackend], Awaitable[Any]]) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    settings_ = SuperOfficeSettings(url=URL, user="agent", password=SecretStr("pw"))
    client = SuperOfficeClient(settings_, transport=httpx.MockTransport(handler), retry=NO_RETRIES)
    backend = SuperOfficeBackend(client)

    async def go() -> None:
        try:
            await call(backend)
        except TicketTuiError as error:
            text = str(error)
            assert text and "\n" not in text
        finally:
            await backend.aclose()

    asyncio.run(go())


async def _ticket_detail(backend: SuperOfficeBackend) -> None:
    await backend.ticket(7)


async def _ticket_carrier(backend: SuperOfficeBackend) -> None:
    await backend._client.get_ticket(7)


async def _ticket_list(backend: SuperOfficeBackend) -> None:
    await backend.list_tickets(Section("all", "All", ""), ["title", "status", "owner"])


async def _messages_page(backend: SuperOfficeBackend) -> None:
    await backend._client.get_ticket_messages(7)


async def _mdo(backend: SuperOfficeBackend) -> None:
    await backend._client.mdo_list("ejcategory")


async def _principal(backend: SuperOfficeBackend) -> None:
    await backend._client.current_principal()


async def _save_answer(backend: SuperOfficeBackend) -> None:
    from tickettui.systems.superoffice.models import TicketEntity

    await backend._client.save_ticket_entity(TicketEntity(TicketId=7), notify=False)


@PROPERTY
@given(mutated(_fixture("real_ticket_entity.json")))
def test_ticket_entity_to_detail(value: Any) -> None:
    _run(_body(value), _ticket_detail)


@PROPERTY
@given(mutated(_fixture("docs_post_ticket_response.json")))
def test_save_answer(value: Any) -> None:
    _run(_body(value), _save_answer)


@PROPERTY
@given(mutated(_fixture("docs_get_ticket.json")))
def test_ticket_carrier(value: Any) -> None:
    _run(_body(value), _ticket_carrier)


@PROPERTY
@given(mutated(_fixture("real_archive_page.json")))
def test_archive_page_to_summaries(value: Any) -> None:
    _run(_body(value), _ticket_list)


@PROPERTY
@given(mutated(_fixture("real_archive_page.json")))
def test_message_rows(value: Any) -> None:
    _run(_body(value), _messages_page)


@PROPERTY
@given(mutated(_fixture("real_mdo_ejcategory.json")))
def test_mdo_list(value: Any) -> None:
    _run(_body(value), _mdo)


@PROPERTY
@given(
    ANY_JSON,
    st.sampled_from(
        [_ticket_detail, _ticket_carrier, _ticket_list, _messages_page, _mdo, _principal]
    ),
)
def test_arbitrary_json_anywhere(value: Any, call: Any) -> None:
    _run(_body(value), call)


@PROPERTY
@given(st.binary(max_size=200), st.sampled_from([_ticket_detail, _ticket_list, _save_answer]))
def test_arbitrary_bytes(body: bytes, call: Any) -> None:
    _run(body, call)


@settings(max_examples=300, deadline=None)
@given(ODD_TEXT | st.from_regex(DATE_LIKE))
def test_dates_parse_or_say_why(text: str) -> None:
    with contextlib.suppress(ValueError):  # parse_so_datetime's documented "not a date"
        parse_so_datetime(text)
