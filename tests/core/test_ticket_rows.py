"""The list's rows without a terminal: what is on show, sorted and filtered, and patched by id."""

from __future__ import annotations

from dataclasses import replace

from tickettui.core.columns import COLUMNS
from tickettui.core.domain import TicketSummary
from tickettui.core.ticket_rows import FILTER_VIEWS, TicketRows


def tickets() -> list[TicketSummary]:
    return [
        TicketSummary(1, "Printer jams", priority="High", owner="Ann"),
        TicketSummary(2, "VPN drops", priority="Low", owner="Bo"),
        TicketSummary(3, "Printer out of toner", priority="", owner="Ann"),
        TicketSummary(4, "Invoice wrong", priority="Medium", owner="Cleo"),
    ]


def shown(rows: TicketRows) -> list[int]:
    return [rows.ticket_at(r).id for r in range(len(rows.view))]


def test_rows_show_as_given_until_sorted_and_the_same_column_again_reverses() -> None:
    rows = TicketRows(tickets())
    assert shown(rows) == [1, 2, 3, 4]
    assert rows.sort_key is None
    rows.sort_by(COLUMNS["title"])
    assert shown(rows) == [4, 1, 3, 2]
    assert (rows.sort_key, rows.sort_reverse) == ("title", False)
    rows.sort_by(COLUMNS["title"])
    assert shown(rows) == [2, 3, 1, 4]
    assert rows.sort_reverse
    rows.sort_by(COLUMNS["priority"], reverse=False)  # empty values last either way
    assert shown(rows)[-1] == 3
    rows.sort_by(None)
    assert shown(rows) == [1, 2, 3, 4]


def test_a_filter_narrows_within_the_sort_and_typing_on_searches_only_the_rows_shown() -> None:
    rows = TicketRows(tickets())
    rows.sort_by(COLUMNS["title"], reverse=True)
    rows.set_filter("print")
    assert shown(rows) == [3, 1]
    rows.set_filter("printer ton")
    assert shown(rows) == [3]
    rows.set_filter("printer")  # backspace: the view this filter gave before
    assert shown(rows) == [3, 1]
    rows.set_filter("")
    assert shown(rows) == [2, 3, 1, 4]
    assert rows.filter_text == ""


def test_remembered_filter_views_are_bounded() -> None:
    rows = TicketRows(tickets())
    for n in range(FILTER_VIEWS + 5):
        rows.set_filter(f"word{n}")
    assert len(rows._filter_views) == FILTER_VIEWS


def test_patch_updates_rows_in_place_and_reports_only_added_ones() -> None:
    rows = TicketRows(tickets())
    rows.sort_by(COLUMNS["title"])
    before = list(rows.view)
    changed = replace(rows.tickets[1], title="Aaa first by title now")
    assert rows.patch([changed]) is False
    assert list(rows.view) == before  # updated rows keep their place
    assert rows.ticket_at(before.index(1)).title == "Aaa first by title now"

    assert rows.patch([TicketSummary(5, "Keyboard missing")]) is True
    assert shown(rows) == [4, 5, 1, 3, 2]  # the new one in its sorted place


def test_patch_under_a_filter_adds_only_matching_rows() -> None:
    rows = TicketRows(tickets())
    rows.set_filter("printer")
    assert rows.patch([TicketSummary(5, "Printer on fire"), TicketSummary(6, "Mouse")])
    assert shown(rows) == [1, 3, 5]
    # An updated row keeps its place in the view, matching or not, until the filter changes.
    assert rows.patch([replace(rows.tickets[1], title="Printer as well")]) is False
    assert shown(rows) == [1, 3, 5]
    rows.set_filter("")
    rows.set_filter("printer as")  # the search index saw the change
    assert shown(rows) == [2]


def test_rows_are_found_by_ticket_id_first_where_they_were() -> None:
    rows = TicketRows(tickets())
    rows.sort_by(COLUMNS["title"])
    assert rows.row_of_id(3) == 2
    assert rows.row_of_id(3, near=2) == 2
    assert rows.row_of_id(3, near=0) == 2
    assert rows.row_of_id(99) is None
    rows.set_filter("vpn")
    assert rows.row_of_id(1) is None  # filtered out
    assert rows.position(1) == 0  # ticket index 1 is #2, the one row on show


def test_replace_keeps_sort_and_filter_for_the_new_rows() -> None:
    rows = TicketRows(tickets())
    rows.sort_by(COLUMNS["owner"])
    rows.set_filter("ann")
    rows.replace([TicketSummary(7, "Z", owner="Ann"), TicketSummary(8, "Y", owner="Anna")])
    assert shown(rows) == [7, 8]
    assert (rows.sort_key, rows.filter_text) == ("owner", "ann")
