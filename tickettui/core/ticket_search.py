"""Server-side search: what the agent typed read as a query, what each system can search, one
page of results at a time, and the results put together (deduplicated, number matches first,
then the most recently changed).

The query language is the queue filter's (``core.ticket_filter``), so an agent who knows one
knows the other: ``#123`` or ``id:123`` a ticket number, ``title:`` words in the title,
``cust:`` (``customer:``) the customer, ``text:`` (``body:``, ``msg:``) words in the messages,
and plain words (the number, title or customer, as each system can). ``"two words"`` keeps a
phrase together (``title:"late invoice"``); ``\\"`` is a quote itself. A prefix nobody knows
(``http:``) is part of the word.

A system says what it can search (``Capabilities.search`` and ``search_customer_by``); a query
asking for more is refused before any request, with one line naming what it can search
(``search_problem``), never an empty result that looks like "nothing found".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol, runtime_checkable

from tickettui.core.domain import Capabilities, CustomerBy, SearchKind, TicketSummary
from tickettui.core.errors import TicketTuiError

__all__ = [
    "PAGE_SIZE",
    "SEARCH_SYNTAX",
    "CustomerBy",
    "SearchError",
    "SearchKind",
    "SearchPage",
    "SearchQuery",
    "SearchResults",
    "SearchTerm",
    "SearchesTickets",
    "looks_like_email",
    "ordered",
    "parse_search",
    "search_all",
    "search_problem",
    "searchable",
    "searcher",
]

PAGE_SIZE = 50  # results per page: the first one comes fast, more as the agent scrolls
SEARCH_SYNTAX = 'words, #123, title: cust: text: ("a phrase")'


# What the agent types before the colon -> the kind of search (the queue filter's prefixes,
# plus text: for message text).
PREFIXES: dict[str, SearchKind] = {
    "id": SearchKind.NUMBER,
    "title": SearchKind.TITLE,
    "cust": SearchKind.CUSTOMER,
    "customer": SearchKind.CUSTOMER,
    "text": SearchKind.TEXT,
    "body": SearchKind.TEXT,
    "msg": SearchKind.TEXT,
}

_KIND_WORDS = {
    SearchKind.NUMBER: "ticket numbers",
    SearchKind.TITLE: "titles",
    SearchKind.CUSTOMER: "customers",
    SearchKind.TEXT: "message text",
}


class SearchError(TicketTuiError):
    """The query cannot be searched as typed (empty, or a kind the system cannot search)."""


@dataclass(frozen=True, slots=True)
class SearchTerm:
    kind: SearchKind
    value: str  # as typed (case kept), quotes removed, never empty


@dataclass(frozen=True, slots=True)
class SearchQuery:
    text: str  # what the agent typed
    terms: tuple[SearchTerm, ...]

    def values(self, kind: SearchKind) -> list[str]:
        return [t.value for t in self.terms if t.kind is kind]

    @property
    def kinds(self) -> frozenset[SearchKind]:
        return frozenset(t.kind for t in self.terms)

    @property
    def label(self) -> str:
        """The query in one short line, for a tab's title."""
        text = " ".join(self.text.split())
        return text if len(text) <= 24 else text[:23] + "…"


def _tokens(text: str) -> list[str]:
    """Words split on white space; ``"..."`` keeps white space inside a word (the quotes go),
    ``\\"`` is a quote itself. An apostrophe is an ordinary character (O'Brien)."""
    tokens: list[str] = []
    current: list[str] = []
    quoted = False
    started = False
    chars = iter(text)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt == '"' else ch + nxt)
            started = True
        elif ch == '"':
            quoted = not quoted
            started = True
        elif ch.isspace() and not quoted:
            if started:
                tokens.append("".join(current))
            current, started = [], False
        else:
            current.append(ch)
            started = True
    if started:
        tokens.append("".join(current))
    return tokens


def parse_search(text: str) -> SearchQuery:
    """The terms of ``text``; SearchError for a query with nothing to search."""
    terms: list[SearchTerm] = []
    for token in _tokens(text):
        if token.startswith("#") and len(token) > 1:
            terms.append(SearchTerm(SearchKind.NUMBER, token[1:].strip()))
            continue
        name, colon, value = token.partition(":")
        kind = PREFIXES.get(name.lower()) if colon else None
        if kind is None:
            if token.strip():
                terms.append(SearchTerm(SearchKind.WORDS, token.strip()))
        elif value.strip():
            terms.append(SearchTerm(kind, value.strip().removeprefix("#")))
        else:
            raise SearchError(f"{name}: needs something after the colon (e.g. {name}:invoice)")
    if not terms:
        raise SearchError(f"Nothing to search for: type {SEARCH_SYNTAX}")
    return SearchQuery(text.strip(), tuple(dict.fromkeys(terms)))


def looks_like_email(value: str) -> bool:
    name, at, domain = value.partition("@")
    return bool(name and at and "." in domain and " " not in value)


def searchable(capabilities: Capabilities) -> str:
    """``ticket numbers, titles and customers by e-mail address``: what the system searches."""
    parts = []
    for kind in (SearchKind.NUMBER, SearchKind.TITLE, SearchKind.CUSTOMER, SearchKind.TEXT):
        if kind in capabilities.search:
            words = _KIND_WORDS[kind]
            if kind is SearchKind.CUSTOMER:
                ways = capabilities.search_customer_by
                if ways == frozenset({CustomerBy.EMAIL}):
                    words += " by e-mail address"
                elif ways == frozenset({CustomerBy.NAME}):
                    words += " by name"
            parts.append(words)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def search_problem(query: SearchQuery, capabilities: Capabilities) -> str | None:
    """One line when ``query`` asks the system for a kind of search it cannot do (naming what
    it can search); None when the system can search it all."""
    system = capabilities.system_name
    if not capabilities.search:
        return f"{system} offers no search on the server"
    for term in query.terms:
        kind = term.kind
        if kind is SearchKind.WORDS:
            continue
        if kind not in capabilities.search:
            can = searchable(capabilities)
            return f"{system} cannot search {_KIND_WORDS[kind]}: it searches {can}"
        if kind is SearchKind.CUSTOMER:
            ways = capabilities.search_customer_by
            if looks_like_email(term.value) and CustomerBy.EMAIL not in ways:
                return f"{system} finds customers by name, not by e-mail address: cust:{term.value}"
            if not looks_like_email(term.value) and CustomerBy.NAME not in ways:
                return (
                    f"{system} finds customers by their whole e-mail address only "
                    f"(cust:ann@example.com), not by name: cust:{term.value}"
                )
    return None


@dataclass(slots=True)
class SearchPage:
    """One page of results. ``next_start``: where the next page starts (what ``search`` takes
    as ``start``; None: this was the last); ``total``: every match, where the server says."""

    tickets: list[TicketSummary]
    next_start: int | None = None
    total: int | None = None


@runtime_checkable
class SearchesTickets(Protocol):
    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        """Up to ``limit`` matches from ``start`` (0, then the last page's ``next_start``),
        the most recently changed first where the server can order them; ``columns``: the
        visible ones (fetch only those). SearchError for what the system cannot search."""
        ...


def searcher(backend: object, capabilities: Capabilities) -> SearchesTickets:
    """``backend`` as a ``SearchesTickets``; one clear line where the system has no search."""
    if capabilities.search and isinstance(backend, SearchesTickets):
        return backend
    raise SearchError(f"{capabilities.system_name} offers no search on the server")


_OLDEST = datetime.min.replace(tzinfo=UTC)


def _numbers(query: SearchQuery) -> set[str]:
    wanted = query.values(SearchKind.NUMBER) + query.values(SearchKind.WORDS)
    return {v.lower() for v in wanted}


def ordered(tickets: Iterable[TicketSummary], query: SearchQuery) -> list[TicketSummary]:
    """Number matches first (``#123``, or a plain word that is a ticket's number), then the
    most recently changed; each ticket once (the first seen)."""
    numbers = _numbers(query)
    seen: dict[int, TicketSummary] = {}
    for ticket in tickets:
        seen.setdefault(ticket.id, ticket)

    def key(ticket: TicketSummary) -> tuple[bool, datetime]:
        changed = ticket.last_changed or ticket.created or _OLDEST
        return (ticket.display_number.lower() not in numbers, _negated(changed))

    return sorted(seen.values(), key=key)


def _negated(moment: datetime) -> datetime:
    """A key that sorts later moments first."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return datetime.max.replace(tzinfo=UTC) - (aware - _OLDEST)


@dataclass(slots=True)
class SearchResults:
    """The pages of one search so far, put together."""

    query: SearchQuery
    tickets: list[TicketSummary] = field(default_factory=list)
    next_start: int | None = 0  # where the next page starts; None: all are in
    total: int | None = None

    @property
    def more(self) -> bool:
        return self.next_start is not None

    def add(self, page: SearchPage) -> None:
        self.tickets = ordered([*self.tickets, *page.tickets], self.query)
        self.next_start = page.next_start
        if page.total is not None:
            self.total = page.total

    def count_text(self) -> str:
        """``50 of 212``, ``50+`` (more, the server gives no total) or ``7``."""
        count = len(self.tickets)
        if self.total is not None and self.total > count and self.more:
            return f"{count} of {self.total}"
        return f"{count}+" if self.more else str(count)


async def search_all(
    backend: SearchesTickets,
    query: SearchQuery,
    columns: Sequence[str],
    limit: int | None,
    page_size: int = PAGE_SIZE,
) -> SearchResults:
    """Pages until ``limit`` results (None: every one) or the last page."""
    results = SearchResults(query)
    while results.next_start is not None and (limit is None or len(results.tickets) < limit):
        size = page_size if limit is None else max(1, min(page_size, limit - len(results.tickets)))
        results.add(await backend.search(query, columns, results.next_start, size))
    if limit is not None and len(results.tickets) > limit:
        results.tickets = results.tickets[:limit]
    return results
