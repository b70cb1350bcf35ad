"""Server-side search on SuperOffice Service: the query (``core.ticket_search``) as one archive
``$filter`` on the Ticket provider (NOTES §1a, TRIAGE-CALLS §5), paged with ``$top``/``$skip``
like the sections, the most recently changed first.

- ``#123``: ``ticketId eq 123`` (a SuperOffice ticket's number is its id);
- ``title:``: ``title contains '...'``, each word;
- ``cust:``: the person's full name or the company's name ``contains``;
- ``text:``: the ``content`` column, the provider's full-text search in the messages;
- plain words: each in the title, the person's or the company's name, or (digits) the number.

String restrictions are SQL ``LIKE`` on the server: case-insensitive, with ``%`` and ``_``
matched as themselves (the server escapes them); a ``'`` in a literal is written ``\\'`` and a
backslash ``\\\\``, as the docs say. The archive gives no total: a full page means "more".
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import tzinfo

from tickettui.core.domain import SearchKind
from tickettui.core.ticket_search import SearchError, SearchPage, SearchQuery, search_problem
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.descriptor import CAPABILITIES
from tickettui.systems.superoffice.mapping import SummaryMapper
from tickettui.systems.superoffice.sections import DEFAULT_ORDER, archive_select

__all__ = ["SuperOfficeSearch", "odata_string", "search_filter"]

CUSTOMER_COLUMNS = ("person/fullName", "contact/name")


def odata_string(text: str) -> str:
    """``text`` as a quoted archive literal: ``\\`` and ``'`` escaped with a backslash."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _number(value: str) -> int:
    digits = value.strip()
    if not digits.isdigit():
        raise SearchError(f"No ticket #{value}: SuperOffice tickets are numbered 1, 2, 3…")
    return int(digits)


def _any_of(clauses: Sequence[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " or ".join(clauses) + ")"


def search_filter(query: SearchQuery) -> str:
    """The archive ``$filter`` that finds what ``query`` asks for (every term must match;
    several numbers are alternatives)."""
    clauses: list[str] = []
    numbers = query.values(SearchKind.NUMBER)
    if numbers:
        clauses.append(_any_of([f"ticketId eq {_number(n)}" for n in numbers]))
    for value in query.values(SearchKind.TITLE):
        clauses.append(f"title contains {odata_string(value)}")
    for value in query.values(SearchKind.CUSTOMER):
        literal = odata_string(value)
        clauses.append(_any_of([f"{column} contains {literal}" for column in CUSTOMER_COLUMNS]))
    for value in query.values(SearchKind.TEXT):
        clauses.append(f"content contains {odata_string(value)}")
    for value in query.values(SearchKind.WORDS):
        literal = odata_string(value)
        either = [f"{column} contains {literal}" for column in ("title", *CUSTOMER_COLUMNS)]
        if value.removeprefix("#").isdigit():
            either.insert(0, f"ticketId eq {int(value.removeprefix('#'))}")
        clauses.append(_any_of(either))
    return " and ".join(clauses)


class SuperOfficeSearch:
    """``core.ticket_search.SearchesTickets`` over the Ticket archive."""

    def __init__(
        self,
        client: SuperOfficeClient,
        zone: tzinfo,
        ranks: Callable[[], Awaitable[Mapping[str, int]]],
    ) -> None:
        self._client = client
        self._zone = zone
        self._ranks = ranks

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        problem = search_problem(query, CAPABILITIES)
        if problem is not None:
            raise SearchError(problem)
        size = max(1, limit)
        page = await self._client.archive_page(
            "Ticket",
            archive_select(columns),
            filter=search_filter(query),
            order_by=DEFAULT_ORDER,
            top=size,
            skip=max(0, start),
        )
        mapper, ranks = SummaryMapper(self._zone), await self._ranks()
        tickets = [mapper(row.primary_key, row.columns) for row in page.value if row.primary_key]
        for ticket in tickets:
            ticket.priority_rank = ranks.get(ticket.priority)
        full = len(page.value) >= size
        return SearchPage(tickets, next_start=start + len(page.value) if full else None)
