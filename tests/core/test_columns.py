"""The queue's columns: what agents see in each cell, how rows sort, what a filter finds."""

from datetime import UTC, datetime, timedelta

import pytest

from tickettui.core.columns import (
    COLUMNS,
    DEFAULT_COLUMNS,
    FilterIndex,
    build_registry,
    filter_tickets,
    format_when,
    insert_sorted,
    is_overdue,
    layout_widths,
    narrows,
    resolve_columns,
    sort_indices,
    sort_keys,
    sort_tickets,
)
from tickettui.core.domain import Capabilities, ReadStatus, StatusKind, TicketSummary

NOW = datetime(2025, 11, 23, 15, 30)


def ticket(id: int, title: str = "", **fields: object) -> TicketSummary:
    return TicketSummary(id=id, title=title or f"Ticket {id}", **fields)  # type: ignore[arg-type]


# --- cell text -------------------------------------------------------------------------------


def test_dates_are_compact_and_relative_to_now() -> None:
    assert format_when(datetime(2025, 11, 23, 14, 5), NOW) == "14:05"
    assert format_when(datetime(2025, 11, 20, 9, 0), NOW) == "Nov 20"
    assert format_when(datetime(2025, 3, 2, 9, 0), NOW) == "Mar  2"
    assert format_when(datetime(2024, 3, 2, 9, 0), NOW) == "2024-03-02"
    assert format_when(None, NOW) == ""


def test_aware_times_are_shown_in_local_time() -> None:
    moment = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    local = moment.astimezone()
    assert format_when(moment, local + timedelta(minutes=1)) == f"{local:%H:%M}"


def test_date_columns_use_the_injected_clock() -> None:
    registry = build_registry(now=lambda: NOW)
    changed = ticket(1, last_changed=datetime(2025, 11, 23, 8, 7))
    assert registry["last_changed"].text(changed) == "08:07"


def test_read_glyphs_differ_by_shape_not_only_colour() -> None:
    glyphs = {status: COLUMNS["read"].text(ticket(1, read_status=status)) for status in ReadStatus}
    assert glyphs[ReadStatus.UNREAD] == "●"
    assert glyphs[ReadStatus.NEW_INFO] == "◐"
    assert glyphs[ReadStatus.READ] == "○"
    assert glyphs[ReadStatus.UNKNOWN] == " "


def test_id_column_shows_the_number_users_quote() -> None:
    assert COLUMNS["id"].text(ticket(7, number="T-0007")) == "T-0007"
    assert COLUMNS["id"].text(ticket(7)) == "7"


def test_overdue_means_past_deadline_on_an_open_ticket() -> None:
    past = NOW - timedelta(hours=1)
    assert is_overdue(ticket(1, deadline=past), NOW)
    assert not is_overdue(ticket(1, deadline=past, status_kind=StatusKind.CLOSED), NOW)
    assert not is_overdue(ticket(1, deadline=NOW + timedelta(hours=1)), NOW)
    assert not is_overdue(ticket(1), NOW)


# --- resolving and laying out ----------------------------------------------------------------


def test_unknown_column_is_an_error_naming_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"'colour'.*valid columns: read, id, title"):
        resolve_columns(["title", "colour"])


def test_capabilities_hide_columns_and_rename_them() -> None:
    caps = Capabilities(
        system_name="Keliweb",
        column_titles={"category": "Department"},
        hidden_columns=frozenset({"read", "priority"}),
    )
    columns = resolve_columns(DEFAULT_COLUMNS, caps)
    keys = [c.key for c in columns]
    assert "read" not in keys and "priority" not in keys
    assert next(c for c in columns if c.key == "category").title == "Department"
    assert COLUMNS["category"].title == "Category"  # the registry itself is untouched


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_layout_fills_the_width_and_gives_the_title_the_rest(width: int) -> None:
    columns = resolve_columns(DEFAULT_COLUMNS)
    widths = layout_widths(columns, width)
    shown = [w for w in widths if w]
    assert sum(shown) + len(shown) - 1 == width
    title = widths[[c.key for c in columns].index("title")]
    assert title >= 20


def test_a_narrow_terminal_drops_low_value_columns_first() -> None:
    columns = resolve_columns(DEFAULT_COLUMNS)
    widths = dict(zip([c.key for c in columns], layout_widths(columns, 60), strict=True))
    assert widths["read"] and widths["id"] and widths["title"] and widths["status"]
    assert widths["deadline"] == 0 and widths["customer"] == 0


# --- sorting ---------------------------------------------------------------------------------


def test_missing_dates_sort_last_in_both_directions() -> None:
    tickets = [
        ticket(1, deadline=None),
        ticket(2, deadline=datetime(2025, 1, 2)),
        ticket(3, deadline=datetime(2025, 1, 1)),
        ticket(4, deadline=None),
    ]
    assert sort_tickets(tickets, COLUMNS["deadline"]) == [2, 1, 0, 3]
    assert sort_tickets(tickets, COLUMNS["deadline"], reverse=True) == [1, 2, 0, 3]


def test_mixed_naive_and_aware_dates_still_sort() -> None:
    tickets = [
        ticket(1, created=datetime(2025, 1, 2, tzinfo=UTC)),
        ticket(2, created=datetime(2024, 1, 1)),
    ]
    assert sort_tickets(tickets, COLUMNS["created"]) == [1, 0]


def test_strings_sort_case_insensitively_and_stably() -> None:
    tickets = [ticket(1, owner="bob"), ticket(2, owner="Alice"), ticket(3, owner="BOB")]
    assert sort_tickets(tickets, COLUMNS["owner"]) == [1, 0, 2]
    assert sort_tickets(tickets, COLUMNS["owner"], reverse=True) == [0, 2, 1]


def test_ids_sort_numerically() -> None:
    tickets = [ticket(10), ticket(9), ticket(100)]
    assert sort_tickets(tickets, COLUMNS["id"]) == [1, 0, 2]


def test_insert_keeps_the_order_and_puts_new_rows_after_their_equals() -> None:
    keys = [3, 1, None, 2, 2]
    order = sort_indices(keys[:4])
    assert order == [1, 3, 0, 2]
    assert insert_sorted(order, keys, 4, reverse=False) == 2
    assert order == [1, 3, 4, 0, 2]
    down = sort_indices(keys[:4], reverse=True)
    insert_sorted(down, keys, 4, reverse=True)
    assert down == [0, 3, 4, 1, 2]


def test_sort_keys_are_computed_once_per_ticket() -> None:
    tickets = [ticket(i) for i in range(3)]
    assert sort_keys(tickets, COLUMNS["id"]) == [0, 1, 2]


# --- filtering -------------------------------------------------------------------------------

QUEUE = [
    ticket(1, "Printer on fire", status="Open", owner="Anna", customer="Acme"),
    ticket(2, "VPN down", status="Closed", owner="Bo", customer="Acme"),
    ticket(3, "printer toner", status="Open", owner="Bo", category="Hardware"),
    ticket(42, "Invoice copy", number="T-42", priority="High", customer="Initech"),
]


def test_filter_is_a_case_insensitive_substring_search() -> None:
    assert filter_tickets(QUEUE, "PRINT") == [0, 2]
    assert filter_tickets(QUEUE, "acme") == [0, 1]
    assert filter_tickets(QUEUE, "hardware") == [2]
    assert filter_tickets(QUEUE, "high") == [3]


def test_several_words_must_all_match() -> None:
    assert filter_tickets(QUEUE, "printer bo") == [2]
    assert filter_tickets(QUEUE, "  open   anna ") == [0]
    assert filter_tickets(QUEUE, "printer initech") == []


def test_filter_finds_numbers_and_ids() -> None:
    assert filter_tickets(QUEUE, "t-42") == [3]
    assert filter_tickets(QUEUE, "#t-42") == [3]
    assert filter_tickets(QUEUE, "#3") == [2]


def test_empty_filter_shows_everything() -> None:
    assert filter_tickets(QUEUE, "   ") == [0, 1, 2, 3]


def test_words_cannot_match_across_two_fields() -> None:
    # "fire" ends the title and "open" starts the status: "fireopen" must not match.
    assert filter_tickets(QUEUE, "fireopen") == []


def test_changed_tickets_need_a_new_version_to_be_searched_afresh() -> None:
    queue = list(QUEUE)
    assert filter_tickets(queue, "toner") == [2]
    queue[0] = ticket(1, "toner low")
    assert filter_tickets(queue, "toner", version=1) == [0, 2]


def test_index_searches_within_a_given_order_and_updates_in_place() -> None:
    index = FilterIndex(QUEUE)
    assert index.search("acme", within=[1, 0]) == [1, 0]
    index.update(1, ticket(2, "Printer jam"))
    assert index.search("printer") == [0, 1, 2]
    index.update(4, ticket(5, "printer new"))
    assert index.search("printer") == [0, 1, 2, 4]


def test_typing_on_narrows_the_previous_result() -> None:
    assert narrows("pri", "prin")
    assert narrows("pri", "print bo")
    assert not narrows("print", "pri")
    assert not narrows("", "pri")
    assert not narrows("printer bo", "printer")


def test_a_search_orders_words_by_how_much_they_narrow_not_by_length() -> None:
    # "customer" is in every ticket, "12" in few: the result is the same either way round,
    # and words implied by a longer one ("print" in "printer") are not searched twice.
    tickets = [ticket(i, f"Printer {i}", customer=f"Customer {i}") for i in range(1, 200)]
    index = FilterIndex(tickets)
    expected = [i for i, t in enumerate(tickets) if "12" in f"#{t.id}\n{t.title}\n{t.customer}"]
    assert index.search("customer 12") == expected
    assert index.search("12 customer") == expected
    assert index._rarest_first(["customer", "12", "customer"]) == ["12", "customer"]
    assert index._rarest_first(["print", "printer"]) == ["printer"]
    assert index.search("print printer 7") == index.search("printer 7")
