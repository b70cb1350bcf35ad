"""Big lists skip the pydantic row model: each page is mapped to summaries as it lands.

The fast path must give exactly what the typed path gives, and refuse what the model refuses.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from pydantic import SecretStr

from tickettui.core.errors import UnexpectedResponse
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.mapping import (
    DATES_TRIAL,
    SummaryMapper,
    summary_from_columns,
    summary_from_row,
)
from tickettui.systems.superoffice.retry import NO_RETRIES
from tickettui.systems.superoffice.sections import archive_select
from tickettui.systems.superoffice.settings import SuperOfficeSettings

URL = "https://so.example.com/SuperOffice/api"
COLUMNS = ("read", "id", "title", "status", "priority", "category", "owner", "customer")


def _row(key: Any, n: int) -> dict[str, Any]:
    return {
        "PrimaryKey": key,
        "EntityName": "ticket",
        "title": f"Printer {n} jams",
        "ticketStatusName": "Open",
        "status": "1",
        "priorityName": ["High", "Low"][n % 2],
        "categoryFullName": "Hardware",
        "ownedBy/fullName": "Ann Agent",
        "person/fullName": "Bob",
        "contact/name": "Acme",
        "readStatus": "red",
        "lastChanged": "2026-11-20T09:00:00+01:00",
        "deadline": "0001-01-01T00:00:00",
    }


def _client(pages: list[list[dict[str, Any]]]) -> SuperOfficeClient:
    def handler(request: httpx.Request) -> httpx.Response:
        skip = int(request.url.params["$skip"]) // int(request.url.params["$top"])
        return httpx.Response(200, json={"value": pages[skip] if skip < len(pages) else []})

    settings = SuperOfficeSettings(url=URL, user="agent", password=SecretStr("x"))
    return SuperOfficeClient(settings, transport=httpx.MockTransport(handler), retry=NO_RETRIES)


async def test_mapped_pages_give_what_the_typed_rows_give() -> None:
    pages = [[_row(str(p * 3 + i + 1), p * 3 + i) for i in range(3)] for p in range(3)]
    pages[2] = pages[2][:1]  # a short last page ends the paging
    select = archive_select(COLUMNS)
    async with _client(pages) as client:
        typed = [
            summary_from_row(r) for r in await client.archive_all("Ticket", select, None, None, 3)
        ]
        mapped = await client.archive_mapped("Ticket", select, SummaryMapper(), page_size=3)
        plain = await client.archive_mapped("Ticket", select, summary_from_columns, page_size=3)
    assert [t.id for t in mapped] == [1, 2, 3, 4, 5, 6, 7]
    assert mapped == typed == plain
    # Repeated values are stored once across rows.
    assert mapped[0].owner is mapped[5].owner and mapped[0].priority is mapped[2].priority
    assert mapped[0].last_changed is mapped[6].last_changed


@pytest.mark.parametrize(
    ("page", "complaint"),
    [
        ({"value": [{"PrimaryKey": "seven"}]}, "value.0.PrimaryKey"),
        ({"value": ["not a row"]}, "value.0"),
        ({"value": {"PrimaryKey": 1}}, "value"),
    ],
)
async def test_rows_the_model_would_refuse_are_refused(page: Any, complaint: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=page)

    settings = SuperOfficeSettings(url=URL, user="agent", password=SecretStr("x"))
    client = SuperOfficeClient(settings, transport=httpx.MockTransport(handler), retry=NO_RETRIES)
    async with client:
        with pytest.raises(UnexpectedResponse, match=complaint):
            await client.archive_mapped("Ticket", ["title"], summary_from_columns)


def _dated_row(created: str, changed: str) -> dict[str, Any]:
    # A new string each time, as the JSON decoder makes one per value.
    title = "".join(["Password ", "reset"])
    return {"title": title, "status": "1", "createdAt": created, "lastChanged": changed}


def test_a_big_load_shares_repeated_dates_and_forgets_dates_that_never_repeat() -> None:
    """Titles and deadlines at midnight repeat on thousands of rows: one object for all of
    them. Times to the second rarely do: after a trial the mapper stops keeping a table of
    them (it only held the load's memory)."""
    midnight = "2026-11-20T00:00:00Z"
    repeating = SummaryMapper()
    rows = [repeating(n, _dated_row(midnight, midnight)) for n in range(DATES_TRIAL)]
    assert len({id(t.created) for t in rows}) == 1
    assert len({id(t.title) for t in rows}) == 1  # a title repeated by the thousand, kept once
    assert rows[0].created == datetime(2026, 11, 20, tzinfo=UTC)

    unique = SummaryMapper()
    start = datetime(2026, 1, 1, tzinfo=UTC)

    def at(second: int) -> str:
        return (start + timedelta(seconds=second)).strftime("%Y-%m-%dT%H:%M:%SZ")

    mapped = [unique(n, _dated_row(at(n), at(n + 10**6))) for n in range(DATES_TRIAL)]
    assert mapped[-1].created == start + timedelta(seconds=DATES_TRIAL - 1)
    late = unique(DATES_TRIAL, _dated_row(midnight, midnight))  # shared no more, still right
    assert late.created == late.last_changed == datetime(2026, 11, 20, tzinfo=UTC)
    assert late.created is not late.last_changed
