"""A search on SuperOffice is one archive $filter (NOTES §1a): each kind of term as the column
and operator the Ticket provider documents, string literals quoted as the docs say (a quote
inside escaped with a backslash)."""

from __future__ import annotations

import pytest

from tickettui.core.ticket_search import SearchError, parse_search
from tickettui.systems.superoffice.search import message_filter, odata_string, search_filter


def test_each_kind_of_term_and_all_must_match() -> None:
    assert search_filter(parse_search("#12 title:vpn cust:acme text:timeout")) == (
        "ticketId eq 12 and title contains 'vpn' and "
        "(person/fullName contains 'acme' or contact/name contains 'acme') and "
        "content contains 'timeout'"
    )


def test_several_numbers_are_alternatives() -> None:
    assert search_filter(parse_search("#12 #13")) == "(ticketId eq 12 or ticketId eq 13)"


def test_a_plain_word_is_the_title_or_the_customer_and_digits_the_number_too() -> None:
    assert search_filter(parse_search("printer 7")) == (
        "(title contains 'printer' or person/fullName contains 'printer' or "
        "contact/name contains 'printer') and "
        "(ticketId eq 7 or title contains '7' or person/fullName contains '7' or "
        "contact/name contains '7')"
    )


def test_quotes_and_backslashes_are_escaped_and_like_wildcards_left_to_the_server() -> None:
    assert odata_string("O'Brien") == r"'O\'Brien'"
    assert odata_string("C:\\temp") == r"'C:\\temp'"
    assert search_filter(parse_search('title:"50% off_now"')) == "title contains '50% off_now'"


def test_a_number_that_is_not_digits_is_one_line() -> None:
    with pytest.raises(SearchError, match="SuperOffice tickets are numbered"):
        search_filter(parse_search("#ABC-12"))


def test_message_text_without_the_content_column_is_one_message_holding_every_word() -> None:
    query = parse_search("text:vpn text:O'Neil title:x")
    assert message_filter(query) == r"body contains 'vpn' and body contains 'O\'Neil'"
    assert search_filter(query, content=False) == "title contains 'x'"
