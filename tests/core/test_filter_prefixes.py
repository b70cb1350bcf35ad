"""The queue filter's field prefixes (status: prio: owner:me cust: cat: title: # id:), how they
narrow as the agent types, and where a ticket matched (for the row's marks and the hint)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tickettui.core.domain import TicketSummary
from tickettui.core.ticket_filter import (
    FilterIndex,
    Term,
    column_words,
    matched_elsewhere,
    matched_fields,
    narrows,
    parse_filter,
)
from tickettui.core.ticket_rows import TicketRows

ME = "Hannah Berg"
QUEUE = [
    TicketSummary(
        1,
        "Open the invoice portal",
        status="Closed",
        priority="Low",
        category="Support",
        owner="Bo Ek",
        customer="Initech",
    ),
    TicketSummary(
        2,
        "Need help configuring calendar sync",
        status="Open",
        priority="High",
        category="Billing/Invoices",
        owner=ME,
        customer="Acme Corp",
    ),
    TicketSummary(
        12,
        "Printer #123 jams",
        status="Open",
        priority="Medium",
        category="Hardware",
        owner="Hannah Bergström",
        customer="Acme Ltd",
    ),
    TicketSummary(
        41227,
        "VPN drops",
        status="Awaiting Reply",
        priority="High",
        category="Domini & DNS",
        owner="",
        customer="Globex",
        number="616611",
    ),
    TicketSummary(123, "Mail bounces", status="Open", priority="Critical", owner="Bo Ek"),
]


def ids(text: str, me: str = ME) -> list[int]:
    index = FilterIndex(QUEUE)
    return [QUEUE[i].id for i in index.search(parse_filter(text, me))]


# --- reading what was typed ---------------------------------------------------------------


def test_the_prefixes_are_read_as_fields_and_the_rest_as_words() -> None:
    assert parse_filter("status:open prio:HIGH owner:me cust:acme printer", ME) == (
        Term("open", "status"),
        Term("high", "priority"),
        Term("hannah berg", "owner", exact=True),
        Term("acme", "customer"),
        Term("printer"),
    )


@pytest.mark.parametrize(
    ("typed", "term"),
    [
        ("priority:low", Term("low", "priority")),
        ("customer:acme", Term("acme", "customer")),
        ("cat:bill", Term("bill", "category")),
        ("category:bill", Term("bill", "category")),
        ("dept:dns", Term("dns", "category")),  # Keliweb's name for the category column
        ("department:dns", Term("dns", "category")),
        ("title:vpn", Term("vpn", "title")),
        ("#616", Term("616", "number")),
        ("id:412", Term("412", "id")),
        ("owner:bo", Term("bo", "owner")),
        ("Status:Open", Term("open", "status")),
    ],
)
def test_every_prefix_and_its_aliases(typed: str, term: Term) -> None:
    assert parse_filter(typed) == (term,)


def test_a_prefix_not_finished_yet_narrows_nothing_and_an_unknown_one_is_a_word() -> None:
    assert parse_filter("status:") == ()
    assert parse_filter("#") == ()
    assert parse_filter("http://x.example") == (Term("http://x.example"),)
    assert parse_filter("re: invoice") == (Term("re:"), Term("invoice"))


def test_owner_me_is_the_signed_in_agent_and_nobody_before_the_name_is_known() -> None:
    assert ids("owner:me") == [2]  # not "Hannah Bergström": the agent's own name, exactly
    assert ids("owner:me", me="") == []
    assert ids("owner:hannah") == [2, 12]


# --- matching -----------------------------------------------------------------------------


def test_a_prefix_matches_only_its_field() -> None:
    assert ids("open") == [1, 2, 12, 123]  # a word: any field (1's title says "Open")
    assert ids("status:open") == [2, 12, 123]
    assert ids("status:open prio:high") == [2]
    assert ids("prio:high") == [2, 41227]
    assert ids("cust:acme") == [2, 12]
    assert ids("cat:invoice") == [2]
    assert ids("title:invoice") == [1]
    assert ids("dept:dns") == [41227]
    assert ids("status:open cust:acme printer") == [12]


def test_hash_is_the_number_from_its_start_not_a_number_in_a_title() -> None:
    assert ids("#12") == [12, 123]  # not 1 ("Printer #123" is a title)
    assert ids("#123") == [123]
    assert ids("#616611") == [41227]  # the number users quote, on Keliweb
    assert ids("#41227") == []
    assert ids("id:41227") == [41227]  # id: takes the internal id too
    assert ids("id:616") == [41227]


def test_field_values_follow_patched_tickets() -> None:
    rows = TicketRows(QUEUE)
    rows.set_filter("status:open")
    assert [rows.ticket_at(r).id for r in range(len(rows.view))] == [2, 12, 123]
    rows.patch([replace(QUEUE[0], status="Open")])
    rows.set_filter("")
    rows.set_filter("status:open")
    assert [rows.ticket_at(r).id for r in range(len(rows.view))] == [1, 2, 12, 123]
    rows.patch([TicketSummary(7, "New one", status="Open")])  # added under the filter
    assert [rows.ticket_at(r).id for r in range(len(rows.view))] == [1, 2, 12, 123, 7]


def test_typing_a_filter_key_by_key_shows_what_a_fresh_search_would() -> None:
    typed = "status:open prio:high owner:me cust:acme #2"
    rows = TicketRows(QUEUE)
    rows.set_me(ME)
    for end in range(1, len(typed) + 1):
        rows.set_filter(typed[:end])
        fresh = FilterIndex(QUEUE).search(parse_filter(typed[:end], ME))
        assert list(rows.view) == fresh, typed[:end]
    for end in range(len(typed), -1, -1):  # and backspace all the way
        rows.set_filter(typed[:end])
        fresh = FilterIndex(QUEUE).search(parse_filter(typed[:end], ME))
        assert list(rows.view) == fresh, typed[:end]


def test_owner_me_applies_once_the_name_is_known() -> None:
    rows = TicketRows(QUEUE)
    rows.set_filter("owner:me")
    assert list(rows.view) == []
    assert rows.set_me(ME)  # the filter uses it: set it again
    rows.set_filter(rows.filter_text)
    assert [rows.ticket_at(r).id for r in range(len(rows.view))] == [2]
    assert not rows.set_me(ME)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("status:o", "status:op", True),
        ("op", "status:open", True),  # an open status holds the word "op"
        ("status:open", "open", False),
        ("#1", "#12", True),
        ("#2", "#12", False),  # numbers from their start: 12 does not start with 2
        ("owner:han", "owner:me", True),
        ("owner:me", "owner:han", False),
        ("cust:acme", "cust:acme status:open", True),
        ("", "status:open", False),
        ("status", "status:", False),
    ],
)
def test_what_typing_on_narrows(old: str, new: str, expected: bool) -> None:
    assert narrows(parse_filter(old, ME), parse_filter(new, ME)) is expected


# --- where a ticket matched ---------------------------------------------------------------


def test_where_a_word_matched_and_what_no_column_on_show_has() -> None:
    calendar = QUEUE[1]
    (term,) = parse_filter("invoice")
    assert matched_fields(calendar, term) == ["category"]
    # The "invoice" that matched "Need help configuring calendar sync": its category.
    shown = {"read", "id", "title", "status", "priority", "owner"}
    assert matched_elsewhere(calendar, parse_filter("invoice"), shown) == [
        ("category", "Billing/Invoices")
    ]
    assert matched_elsewhere(calendar, parse_filter("invoice"), {*shown, "category"}) == []
    assert matched_elsewhere(calendar, parse_filter("cust:acme sync"), shown) == [
        ("customer", "Acme Corp")
    ]
    keliweb = QUEUE[3]
    assert matched_elsewhere(keliweb, parse_filter("id:4122"), shown) == [("id", "41227")]
    assert matched_elsewhere(keliweb, parse_filter("#6166"), shown) == []


def test_the_words_to_mark_in_each_column() -> None:
    words = column_words(parse_filter("status:open in #12 owner:me", ME))
    assert words["status"] == ("open", "in")
    assert words["id"] == ("12", "in")
    assert words["owner"] == ("hannah berg", "in")
    assert words["title"] == ("in",)
    assert "read" not in words and "last_changed" not in words  # never searched
