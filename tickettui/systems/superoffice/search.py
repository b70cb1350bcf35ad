"""Server-side search on SuperOffice Service: the query (``core.ticket_search``) as one archive
``$filter`` on the Ticket provider (NOTES §1a, TRIAGE-CALLS §5), paged with ``$top``/``$skip``
like the sections, the most recently changed first.

- ``#123``: ``ticketId eq 123`` (a SuperOffice ticket's number is its id);
- ``title:``: ``title contains '...'``, each word;
- ``cust:``: the person's full name or the company's name ``contains``;
- ``text:``: the ``content`` column, the provider's full-text search in the messages; where the
  server refuses it (400: a tenant without the full-text index, an older server), the
  TicketMessage archive's ``body contains`` instead (TRIAGE-CALLS §5): a page of matching
  messages, then their tickets, paged by message;
- plain words: each in the title, the person's or the company's name, or (digits) the number.

String restrictions are SQL ``LIKE`` on the server: case-insensitive, with ``%`` and ``_``
matched as themselves (the server escapes them); a ``'`` in a literal is written ``\\'`` and a
backslash ``\\\\``, as the docs say. The archive gives no total: a full page means "more".
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import tzinfo
from typing import Any

from tickettui.core.domain import SearchKind, TicketSummary
from tickettui.core.errors import ValidationFailed
from tickettui.core.ticket_search import SearchError, SearchPage, SearchQuery, search_problem
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.descriptor import CAPABILITIES
from tickettui.systems.superoffice.mapping import SummaryMapper
from tickettui.systems.superoffice.sections import DEFAULT_ORDER, archive_select

__all__ = ["SuperOfficeSearch", "odata_string", "search_filter"]

CUSTOMER_COLUMNS = ("person/fullName", "contact/name")
log = logging.getLogger("tickettui.systems.superoffice")


def odata_string(text: str) -> str:
    """``text`` as a quoted archive literal: ``\\`` and ``'`` escaped with a backslash."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _number(value: str) -> int:
    digits = value.strip()
    if not digits.isdigit():
        raise SearchError(f"No ticket #{value}: SuperOffice tickets are numbered 1, 2, 3…")
    return int(digits)


def message_filter(query: SearchQuery) -> str:
    """The TicketMessage archive's ``$filter`` for the message text: every word in one message."""
    return " and ".join(f"body contains {odata_string(v)}" for v in query.values(SearchKind.TEXT))


def _any_of(clauses: Sequence[str]) -> str:
    return clauses[0] if len(clauses) == 1 else "(" + " or ".join(clauses) + ")"


def search_filter(query: SearchQuery, *, content: bool = True) -> str:
    """The archive ``$filter`` that finds what ``query`` asks for (every term must match;
    several numbers are alternatives); ``content=False`` leaves the message text out."""
    clauses: list[str] = []
    numbers = query.values(SearchKind.NUMBER)
    if numbers:
        clauses.append(_any_of([f"ticketId eq {_number(n)}" for n in numbers]))
    for value in query.values(SearchKind.TITLE):
        clauses.append(f"title contains {odata_string(value)}")
    for value in query.values(SearchKind.CUSTOMER):
        literal = odata_string(value)
        clauses.append(_any_of([f"{column} contains {literal}" for column in CUSTOMER_COLUMNS]))
    for value in query.values(SearchKind.TEXT) if content else ():
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
        # Whether the server takes the `content` column (None: not asked yet).
        self._content: bool | None = None

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        problem = search_problem(query, CAPABILITIES)
        if problem is not None:
            raise SearchError(problem)
        size, start = max(1, limit), max(0, start)
        if not query.values(SearchKind.TEXT):
            return await self._tickets(search_filter(query), columns, start, size)
        if self._content is not False:
            try:
                found = await self._tickets(search_filter(query), columns, start, size)
            except ValidationFailed as error:
                if self._content:
                    raise  # the column worked before: this is something else
                log.info("no `content` column (%s): message text from TicketMessage", error)
                self._content = False
            else:
                self._content = True
                return found
        return await self._by_messages(query, columns, start, size)

    async def _tickets(
        self, filter: str, columns: Sequence[str], start: int, size: int
    ) -> SearchPage:
        rows = await self._rows(filter, columns, start, size)
        full = len(rows) >= size
        return SearchPage(rows, next_start=start + len(rows) if full else None)

    async def _rows(
        self, filter: str, columns: Sequence[str], skip: int, top: int
    ) -> list[TicketSummary]:
        page = await self._client.archive_page(
            "Ticket",
            archive_select(columns),
            filter=filter,
            order_by=DEFAULT_ORDER,
            top=top,
            skip=skip,
        )
        mapper, ranks = SummaryMapper(self._zone), await self._ranks()
        tickets = [mapper(row.primary_key, row.columns) for row in page.value if row.primary_key]
        for ticket in tickets:
            ticket.priority_rank = ranks.get(ticket.priority)
        return tickets

    async def _by_messages(
        self, query: SearchQuery, columns: Sequence[str], start: int, size: int
    ) -> SearchPage:
        """A page of messages holding the text (newest first), then their tickets that match
        the rest of the query; the next page starts after those messages."""
        messages = await self._client.archive_page(
            "TicketMessage",
            ["ticketId"],
            filter=message_filter(query),
            order_by="createdAt desc",
            top=size,
            skip=start,
        )
        ids = list(dict.fromkeys(i for row in messages.value if (i := _ticket_id(row.columns))))
        more = start + len(messages.value) if len(messages.value) >= size else None
        if not ids:
            return SearchPage([], next_start=more)
        these = _any_of([f"ticketId eq {i}" for i in ids])
        rest = search_filter(query, content=False)
        tickets = await self._rows(f"{these} and {rest}" if rest else these, columns, 0, len(ids))
        return SearchPage(tickets, next_start=more)


def _ticket_id(columns: Mapping[str, Any]) -> int:
    """A message row's ticket id (an int, or the number as a string in some modes); 0: none."""
    value = columns.get("ticketId")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value or "").strip().removeprefix("[I:").removesuffix("]")
    return int(text) if text.isdigit() else 0
