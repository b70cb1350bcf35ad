"""Concurrent archive paging against the local server, which caps $top at 1000."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tickettui.systems.superoffice.client import SuperOfficeClient

TICKETS = 2_700  # three full pages of 1000 would be 3000: the last page is short


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from tickettui.systems.superoffice.server import LocalSuperOffice

    path = tmp_path_factory.mktemp("so-paging") / "so.sqlite"
    server = LocalSuperOffice.start(tickets=TICKETS, seed=11, db_path=path)
    yield server
    server.stop()


def client_for(server: Any) -> SuperOfficeClient:
    from tests.conftest import demo_settings

    return SuperOfficeClient(demo_settings(server))


@pytest.mark.parametrize(("page_size", "concurrency"), [(1000, 4), (1000, 2), (700, 3), (1000, 1)])
async def test_every_ticket_comes_once_in_the_servers_order(
    big_server: Any, page_size: int, concurrency: int
) -> None:
    async with client_for(big_server) as client:
        one_by_one = await client.list_tickets(
            ["ticketId", "title"], order_by="lastChanged desc", page_size=1000, concurrency=1
        )
        paged = await client.list_tickets(
            ["ticketId", "title"],
            order_by="lastChanged desc",
            page_size=page_size,
            concurrency=concurrency,
        )
    ids = [row.PrimaryKey for row in paged]
    assert len(ids) == len(set(ids)) == TICKETS
    assert ids == [row.PrimaryKey for row in one_by_one]


async def test_the_backend_loads_a_big_section_completely(big_server: Any) -> None:
    from tickettui.core.domain import Section
    from tickettui.systems.superoffice.backend import SuperOfficeBackend

    everything = Section("everything", "Everything", "")
    backend = SuperOfficeBackend(client_for(big_server))
    try:
        tickets = await backend.list_tickets(everything, ["id", "title"])
        async with client_for(big_server) as client:
            expected = await client.list_tickets(
                ["ticketId"], order_by="lastChanged desc", page_size=1000
            )
    finally:
        await backend.aclose()
    assert [t.id for t in tickets] == [row.PrimaryKey for row in expected]
    assert len({t.id for t in tickets}) == len(tickets) == TICKETS
