"""Finding tickets on the server through the app's backend (registry, cache, deferred start),
against both local servers: by number, title, customer and (SuperOffice) message text, page by
page, nothing found, and titles holding quotes, % and _ and HTML's special characters. What a
system cannot search is one line naming what it can, never an empty result."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import pytest
from starlette.middleware import Middleware
from starlette.responses import JSONResponse

from tests.conftest import SMALL_QUEUE, backend_factory_for
from tests.keliweb_fixtures import fresh_kw_server, kw_client, kw_factory, kw_server
from tests.servers.conftest import client as so_http
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.ticket_search import (
    SearchError,
    SearchResults,
    parse_search,
    search_all,
    searcher,
)
from tickettui.systems.keliweb.server import LocalKeliweb
from tickettui.systems.superoffice.server import LocalSuperOffice

__all__ = ["fresh_kw_server", "kw_server"]  # fixtures, imported for pytest

ODD_TITLE = '50% off_plan for O\'Brien & <Co> "VIP"'


@pytest.fixture()
async def opened() -> AsyncIterator[Callable[[Callable[[], Any]], Any]]:
    """Builds backends from factories and closes them after the test."""
    built: list[Any] = []

    def open_one(factory: Callable[[], Any]) -> Any:
        backend = factory()
        built.append(backend)
        return backend

    yield open_one
    for backend in built:
        await backend.aclose()


async def find(backend: Any, text: str, limit: int | None = 200) -> SearchResults:
    found = searcher(backend, backend.capabilities)
    return await search_all(found, parse_search(text), DEFAULT_COLUMNS, limit)


def newest_first(results: SearchResults) -> bool:
    stamps = [t.last_changed for t in results.tickets if t.last_changed is not None]
    return stamps == sorted(stamps, reverse=True)


# --- SuperOffice ------------------------------------------------------------------------------


async def test_superoffice_by_number_title_and_customer(so_server: Any, opened: Any) -> None:
    backend = opened(backend_factory_for(so_server))
    assert [t.id for t in (await find(backend, "#5")).tickets] == [5]
    titles = await find(backend, "title:PRINTER")
    assert titles.tickets and all("printer" in t.title.lower() for t in titles.tickets)
    assert newest_first(titles)
    someone = titles.tickets[0].customer.split()[0]
    theirs = await find(backend, f"cust:{someone.lower()}")
    assert titles.tickets[0].id in {t.id for t in theirs.tickets}
    assert all(someone.lower() in t.customer.lower() for t in theirs.tickets)


async def test_superoffice_a_number_in_plain_words_comes_first(so_server: Any, opened: Any) -> None:
    results = await find(opened(backend_factory_for(so_server)), "5")
    assert results.tickets[0].id == 5
    assert len(results.tickets) > 1  # titles and customers holding a 5 follow


async def test_superoffice_finds_words_in_the_messages(so_server: Any, opened: Any) -> None:
    backend = opened(backend_factory_for(so_server))
    results = await find(backend, "text:PASSWORD", limit=3)
    assert results.tickets
    for ticket in results.tickets:
        thread = await backend.messages(ticket.id)
        assert any("password" in message.body.lower() for message in thread)


class NoContentColumn:
    """ASGI middleware: the Ticket archive refuses the `content` column (400), as a tenant
    without it would; what was asked is kept."""

    def __init__(self, app: Any, asked: list[str]) -> None:
        self.app = app
        self.asked = asked

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        query = (
            unquote_plus(scope.get("query_string", b"").decode()) if scope["type"] == "http" else ""
        )
        if scope["type"] == "http":
            self.asked.append(f"{scope['path']}?{query}")
        if "content contains" in query:
            answer = JSONResponse({"Error": True, "ErrorMessage": "Unknown column 'content'"}, 400)
            await answer(scope, receive, send)
            return
        await self.app(scope, receive, send)


async def test_superoffice_without_the_content_column_reads_the_messages(
    tmp_path: Path, so_server: Any, opened: Any
) -> None:
    asked: list[str] = []
    plain = await find(opened(backend_factory_for(so_server)), "text:password title:e", None)
    with LocalSuperOffice.start(
        tickets=SMALL_QUEUE,  # the shared server's data: the same seed
        seed=7,
        db_path=tmp_path / "so.sqlite",
        middleware=[Middleware(NoContentColumn, asked=asked)],
    ) as server:
        backend = opened(backend_factory_for(server))
        found = await find(backend, "text:password title:e", None)
        assert {t.id for t in found.tickets} == {t.id for t in plain.tickets}
        assert found.tickets and not found.more
        asked.clear()
        await find(backend, "text:password", 5)
    # The content column is asked once per backend, then the messages directly.
    assert not any("content contains" in url for url in asked)
    assert any("/TicketMessage?" in url and "body contains 'password'" in url for url in asked)


async def test_superoffice_pages_with_skip_and_says_more_without_a_total(
    so_server: Any, opened: Any
) -> None:
    backend = opened(backend_factory_for(so_server))
    search = searcher(backend, backend.capabilities)
    query = parse_search("e")
    first = await search.search(query, DEFAULT_COLUMNS, 0, 5)
    assert len(first.tickets) == 5 and first.next_start == 5 and first.total is None
    second = await search.search(query, DEFAULT_COLUMNS, first.next_start, 5)
    assert not {t.id for t in first.tickets} & {t.id for t in second.tickets}
    results = await find(backend, "e", limit=5)
    assert results.count_text() == "5+"


async def test_superoffice_nothing_found_and_what_it_cannot_search(
    so_server: Any, opened: Any
) -> None:
    backend = opened(backend_factory_for(so_server))
    nothing = await find(backend, "title:zzqqxx-nothing")
    assert nothing.tickets == [] and not nothing.more and nothing.count_text() == "0"
    with pytest.raises(SearchError, match="SuperOffice finds customers by name"):
        await find(backend, "cust:ann@example.com")


async def test_superoffice_a_title_with_quotes_percent_and_markup(
    fresh_so_server: Any, opened: Any
) -> None:
    with so_http(fresh_so_server) as http:
        entity = http.post("/v1/Agents/Ticket/CreateDefaultTicketEntity").json()
        entity["Title"] = ODD_TITLE
        ticket_id = http.post("/v1/Ticket", json=entity).json()["TicketId"]
    backend = opened(backend_factory_for(fresh_so_server))
    for text in ("title:50%", "title:off_plan", "O'Brien", 'title:"<Co> \\"VIP\\""', "&"):
        results = await find(backend, text)
        assert [t.id for t in results.tickets if t.title == ODD_TITLE] == [ticket_id], text
    assert [t.id for t in (await find(backend, "title:50%")).tickets] == [ticket_id]


# --- Keliweb ----------------------------------------------------------------------------------


async def test_keliweb_by_number_title_and_customer_email(
    kw_server: LocalKeliweb, opened: Any
) -> None:
    backend = opened(kw_factory(kw_server))
    titles = await find(backend, "title:BACKUP")
    assert titles.tickets and all("backup" in t.title.lower() for t in titles.tickets)
    assert newest_first(titles)
    one = titles.tickets[-1]
    assert [t.id for t in (await find(backend, f"#{one.number}")).tickets] == [one.id]
    plain = await find(backend, f"{one.number} restore")
    assert plain.tickets[0].id == one.id  # the number first, then the titles
    detail = await backend.ticket(one.id)
    theirs = await find(backend, f"cust:{detail.email.upper()}")
    assert one.id in {t.id for t in theirs.tickets}


async def test_keliweb_says_it_cannot_search_message_text_or_names(
    kw_server: LocalKeliweb, opened: Any
) -> None:
    backend = opened(kw_factory(kw_server))
    with pytest.raises(SearchError) as text:
        await find(backend, "text:timeout")
    assert str(text.value) == (
        "Keliweb cannot search message text: it searches ticket numbers, titles and "
        "customers by e-mail address"
    )
    with pytest.raises(SearchError, match="whole e-mail address only"):
        await find(backend, "cust:federica")


async def test_keliweb_pages_with_the_servers_total(kw_server: LocalKeliweb, opened: Any) -> None:
    backend = opened(kw_factory(kw_server))
    every = await find(backend, "backup")
    assert len(every.tickets) > 4
    two = await find(backend, "backup", limit=2)
    assert two.count_text() == f"2 of {len(every.tickets)}"
    search = searcher(backend, backend.capabilities)
    second = await search.search(parse_search("backup"), DEFAULT_COLUMNS, 2, 2)
    assert [t.id for t in second.tickets] == [t.id for t in every.tickets[2:4]]
    nothing = await find(backend, "zzqqxx-nothing")
    assert nothing.tickets == [] and nothing.count_text() == "0"


async def test_keliweb_a_subject_with_quotes_percent_and_markup(
    fresh_kw_server: LocalKeliweb, opened: Any
) -> None:
    backend = opened(kw_factory(fresh_kw_server))
    target = (await find(backend, "backup")).tickets[0]
    async with kw_client(fresh_kw_server) as client:
        await client.update_ticket(target.id, subject=ODD_TITLE)
    for text in ("title:50%", "title:off_plan", "O'Brien", 'title:"<Co> \\"VIP\\""', "& 50%"):
        results = await find(backend, text)
        assert [t.id for t in results.tickets] == [target.id], text
    assert (await find(backend, "title:50%")).tickets[0].title == ODD_TITLE


async def test_keliweb_words_match_without_case_or_accents_as_whmcs_does(
    fresh_kw_server: LocalKeliweb, opened: Any
) -> None:
    backend = opened(kw_factory(fresh_kw_server))
    target = (await find(backend, "backup")).tickets[0]
    async with kw_client(fresh_kw_server) as client:
        await client.update_ticket(target.id, subject="Perché il sito è lento?")
    for text in ("perche sito", "SITO È perché", 'title:"il sito e lento"'):
        assert [t.id for t in (await find(backend, text)).tickets] == [target.id], text
