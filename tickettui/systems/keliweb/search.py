"""Server-side search on Keliweb (WHMCS): get-tickets' filters, paged with ``limitstart`` and
``limitnum``, and get-ticket's ``ticketnum`` for a number (TRIAGE-CALLS §5).

- ``#616611``: ``get-ticket ticketnum=616611`` (the public number; one ticket or none);
- ``title:`` and plain words: ``subject``, which WHMCS matches as ``LIKE '%word%'``: the longest
  word goes to the server, the others are checked here (the total is then unknown);
- ``cust:ann@example.com`` (or a plain e-mail address): ``email``, the whole address, the
  ticket's own or its client's;
- a plain word that looks like a ticket number is also looked up as one.

Not searchable through this API, said in one line before anything is sent: message text (no
body search), a customer by name (no name filter), dates. Tickets come newest reply first,
across every status (no ``status`` sent); ``totalresults`` gives "50 of 212". The text is sent
as typed: WHMCS escapes its input itself (htmlspecialchars) before matching it against what it
stored escaped, so ``&`` or ``"`` in a subject find it; ``%`` and ``_`` are LIKE wildcards
there, so a word holding them is checked again here (as MySQL compares: without case or
accents, "perche" finds "Perché").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable, Sequence

from tickettui.core.domain import SearchKind, TicketSummary
from tickettui.core.errors import NotFound
from tickettui.core.ticket_search import (
    SearchError,
    SearchPage,
    SearchQuery,
    looks_like_email,
    search_problem,
)
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.descriptor import CAPABILITIES
from tickettui.systems.keliweb.mapping import detail_from_ticket, summary_from_listed
from tickettui.systems.keliweb.pick_lists import PickLists

__all__ = ["KeliwebSearch", "looks_like_number"]

# A public ticket number: digits ("616611") or WHMCS's custom masks ("ABC-123456").
_NUMBER = re.compile(r"#?(?:[A-Za-z]{1,8}-?)?\d{3,}")


def looks_like_number(word: str) -> bool:
    return _NUMBER.fullmatch(word) is not None


class KeliwebSearch:
    """``core.ticket_search.SearchesTickets`` over get-tickets and get-ticket."""

    def __init__(self, client: KeliwebClient, lists: Callable[[], Awaitable[PickLists]]) -> None:
        self._client = client
        self._lists = lists

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        problem = search_problem(query, CAPABILITIES)
        if problem is not None:
            raise SearchError(problem)
        numbers = query.values(SearchKind.NUMBER)
        if numbers:
            if query.kinds != {SearchKind.NUMBER}:
                raise SearchError(
                    "Keliweb looks a ticket number up alone: search #number by itself"
                )
            found = await self._by_numbers(numbers) if start == 0 else []
            return SearchPage(found, next_start=None, total=len(found))
        words = query.values(SearchKind.WORDS)
        emails = {v.lower() for v in query.values(SearchKind.CUSTOMER)}
        emails |= {w.lower() for w in words if looks_like_email(w)}
        if len(emails) > 1:
            raise SearchError("Keliweb finds one customer's tickets at a time: one e-mail address")
        subject_words = query.values(SearchKind.TITLE)
        subject_words += [w for w in words if not looks_like_email(w)]
        return await self._page(subject_words, min(emails, default=None), words, start, limit)

    async def _page(
        self,
        subject_words: list[str],
        email: str | None,
        words: list[str],
        start: int,
        limit: int,
    ) -> SearchPage:
        asked = max(0, start)
        sent = max(subject_words, key=len, default=None)
        page = await self._client.get_tickets(
            subject=sent, email=email, limitstart=asked, limitnum=max(1, limit)
        )
        lists = await self._lists()
        tickets = [summary_from_listed(row, lists) for row in page.tickets]
        # WHMCS matched one word, with % and _ as wildcards: the rest is checked here.
        checked = len(subject_words) > 1 or (sent is not None and ("%" in sent or "_" in sent))
        if checked:
            tickets = [t for t in tickets if _has_words(t, subject_words)]
        if asked == 0:
            tickets = await self._by_numbers([w for w in words if looks_like_number(w)]) + tickets
        end = asked + len(page.tickets)
        if page.totalresults:
            more = end < page.totalresults and bool(page.tickets)
        else:  # no total (an odd server): a full page may have more behind it
            more = len(page.tickets) >= limit
        total = None if checked else page.totalresults or None
        return SearchPage(tickets, next_start=end if more else None, total=total)

    async def _by_numbers(self, numbers: list[str]) -> list[TicketSummary]:
        lists = None
        found: list[TicketSummary] = []
        for number in dict.fromkeys(n.removeprefix("#").strip() for n in numbers):
            try:
                ticket = await self._client.get_ticket(ticketnum=number)
            except NotFound:
                continue
            lists = lists or await self._lists()
            found.append(detail_from_ticket(ticket, lists).summary)
        return found


def _folded(text: str) -> str:
    """As WHMCS's MySQL compares (unicode_ci): without case or accents."""
    bare = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in bare if not unicodedata.combining(ch)).casefold()


def _has_words(ticket: TicketSummary, words: list[str]) -> bool:
    title = _folded(ticket.title)
    return all(_folded(word) in title for word in words)
