"""The search query language (core.ticket_search): what the agent types becomes terms, a kind a
system cannot search is one line naming what it can, and pages put together come out each
ticket once, number matches first, then the most recently changed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from tickettui.core.domain import Capabilities, CustomerBy, SearchKind, TicketSummary
from tickettui.core.ticket_search import (
    SearchError,
    SearchPage,
    SearchQuery,
    SearchResults,
    SearchTerm,
    ordered,
    parse_search,
    search_all,
    search_problem,
    searcher,
)

KELIWEB_LIKE = Capabilities(
    system_name="Keliweb",
    search=frozenset({SearchKind.NUMBER, SearchKind.TITLE, SearchKind.CUSTOMER}),
    search_customer_by=frozenset({CustomerBy.EMAIL}),
)
SUPEROFFICE_LIKE = Capabilities(
    system_name="SuperOffice",
    search=frozenset(SearchKind),
    search_customer_by=frozenset({CustomerBy.NAME}),
)


def terms(text: str) -> list[tuple[SearchKind, str]]:
    return [(t.kind, t.value) for t in parse_search(text).terms]


def test_the_queue_filters_prefixes_and_text_for_message_text() -> None:
    assert terms("#123 id:7 title:vpn cust:acme customer:ann text:timeout invoice") == [
        (SearchKind.NUMBER, "123"),
        (SearchKind.NUMBER, "7"),
        (SearchKind.TITLE, "vpn"),
        (SearchKind.CUSTOMER, "acme"),
        (SearchKind.CUSTOMER, "ann"),
        (SearchKind.TEXT, "timeout"),
        (SearchKind.WORDS, "invoice"),
    ]
    assert terms("body:a msg:b Title:C") == [
        (SearchKind.TEXT, "a"),
        (SearchKind.TEXT, "b"),
        (SearchKind.TITLE, "C"),
    ]


def test_quotes_keep_a_phrase_and_an_apostrophe_is_a_letter() -> None:
    assert terms('title:"late invoice" "two words" O\'Brien') == [
        (SearchKind.TITLE, "late invoice"),
        (SearchKind.WORDS, "two words"),
        (SearchKind.WORDS, "O'Brien"),
    ]
    assert terms(r"title:\"Aurora\"") == [(SearchKind.TITLE, '"Aurora"')]


def test_an_unknown_prefix_is_part_of_the_word_and_case_is_kept() -> None:
    assert terms("http://x.example 50%_off") == [
        (SearchKind.WORDS, "http://x.example"),
        (SearchKind.WORDS, "50%_off"),
    ]


@pytest.mark.parametrize("text", ["", "   ", '""'])
def test_nothing_to_search_is_one_line(text: str) -> None:
    with pytest.raises(SearchError, match="Nothing to search for"):
        parse_search(text)


def test_a_prefix_without_a_value_says_so() -> None:
    with pytest.raises(SearchError, match=r"title: needs something after the colon"):
        parse_search("invoice title:")


def test_keliweb_cannot_search_message_text_and_names_what_it_can() -> None:
    problem = search_problem(parse_search("text:timeout"), KELIWEB_LIKE)
    assert problem == (
        "Keliweb cannot search message text: it searches ticket numbers, titles and "
        "customers by e-mail address"
    )


def test_a_customer_is_searched_the_way_the_system_can() -> None:
    by_name = search_problem(parse_search("cust:ann"), KELIWEB_LIKE)
    assert by_name is not None and "whole e-mail address only" in by_name
    assert search_problem(parse_search("cust:ann@example.com"), KELIWEB_LIKE) is None
    by_email = search_problem(parse_search("cust:ann@example.com"), SUPEROFFICE_LIKE)
    assert by_email == (
        "SuperOffice finds customers by name, not by e-mail address: cust:ann@example.com"
    )
    assert search_problem(parse_search("#1 title:a cust:b text:c d"), SUPEROFFICE_LIKE) is None


def test_a_system_without_search_says_so() -> None:
    plain = Capabilities(system_name="Fakedesk")
    assert search_problem(parse_search("x"), plain) == "Fakedesk offers no search on the server"
    with pytest.raises(SearchError, match="Fakedesk offers no search"):
        searcher(object(), plain)


def ticket(ticket_id: int, day: int, number: str = "") -> TicketSummary:
    return TicketSummary(
        id=ticket_id,
        title=f"T{ticket_id}",
        number=number,
        last_changed=datetime(2026, 11, day, tzinfo=UTC),
    )


def test_number_matches_first_then_the_most_recently_changed_each_once() -> None:
    query = parse_search("12 printer")
    tickets = [ticket(1, 3), ticket(12, 1), ticket(5, 9), ticket(1, 3), ticket(7, 5)]
    assert [t.id for t in ordered(tickets, query)] == [12, 5, 7, 1]


class Pages:
    """A server of ``count`` matches answering pages, with or without a total."""

    def __init__(self, count: int, *, total: bool) -> None:
        self.count = count
        self.total = total
        self.asked: list[tuple[int, int]] = []

    async def search(
        self, query: SearchQuery, columns: Sequence[str], start: int, limit: int
    ) -> SearchPage:
        self.asked.append((start, limit))
        ids = range(start, min(self.count, start + limit))
        end = start + len(ids)
        more = end < self.count
        return SearchPage(
            [ticket(i + 1, 1 + i % 28) for i in ids],
            next_start=end if more else None,
            total=self.count if self.total else None,
        )


QUERY = SearchQuery("x", (SearchTerm(SearchKind.WORDS, "x"),))


async def test_pages_until_the_limit_and_the_count_says_of_how_many() -> None:
    server = Pages(212, total=True)
    results = await search_all(server, QUERY, (), 60, page_size=50)
    assert server.asked == [(0, 50), (50, 10)]
    assert len(results.tickets) == 60
    assert results.count_text() == "60 of 212"


async def test_without_a_total_the_count_says_more() -> None:
    results = await search_all(Pages(212, total=False), QUERY, (), 50)
    assert results.count_text() == "50+"
    every = await search_all(Pages(212, total=False), QUERY, (), None)
    assert len(every.tickets) == 212
    assert not every.more
    assert every.count_text() == "212"


def test_results_put_together_drop_a_ticket_seen_on_an_earlier_page() -> None:
    results = SearchResults(QUERY)
    results.add(SearchPage([ticket(1, 5), ticket(2, 4)], next_start=2))
    results.add(SearchPage([ticket(2, 4), ticket(3, 3)], next_start=None))
    assert [t.id for t in results.tickets] == [1, 2, 3]
    assert not results.more
