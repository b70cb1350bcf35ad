"""The queue table: an agent scrolls, sorts and filters a huge queue with the keyboard."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

import pytest
from rich.style import Style
from textual.app import App, ComposeResult

from tests.pilot import screen_text, until
from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary
from tickettui.ui.widgets.ticket_list import TicketList, fit_cell

NOW = datetime(2025, 11, 23, 15, 30)
SIZE = (80, 24)
PAGE = SIZE[1] - 1  # rows under the header


def clock() -> datetime:
    return NOW


def make_tickets(count: int) -> list[TicketSummary]:
    owners = ("Anna", "Bo", "Cleo")
    return [
        TicketSummary(
            id=i,
            title=f"Ticket {i} {'printer' if i % 3 == 0 else 'login'}",
            status="Open",
            owner=owners[i % 3],
            last_changed=NOW - timedelta(minutes=i),
        )
        for i in range(1, count + 1)
    ]


class ListApp(App[None]):
    def __init__(self, tickets: list[TicketSummary]) -> None:
        super().__init__()
        self.tickets = tickets
        self.selected: list[TicketSummary] = []
        self.highlighted: list[TicketSummary | None] = []  # where the cursor rested
        self.passing: list[TicketSummary | None] = []  # where it came, moving (told at once)

    def compose(self) -> ComposeResult:
        yield TicketList(self.tickets, now=clock)

    def on_ticket_list_selected(self, message: TicketList.Selected) -> None:
        self.selected.append(message.ticket)

    def on_ticket_list_highlighted(self, message: TicketList.Highlighted) -> None:
        (self.passing if message.moving else self.highlighted).append(message.ticket)


def lines(widget: TicketList, count: int = SIZE[1]) -> list[str]:
    return [widget.render_line(y).text for y in range(count)]


def row_text(widget: TicketList, row: int) -> str:
    """The rendered text of visible row ``row`` (which must be on screen)."""
    return widget.render_line(row - round(widget.scroll_offset.y) + 1).text


@pytest.fixture(scope="module")
def big_queue() -> list[TicketSummary]:
    return make_tickets(100_000)


async def test_a_hundred_thousand_tickets_mount_and_show_the_first_rows(
    big_queue: list[TicketSummary],
) -> None:
    started = time.process_time()  # CPU seconds: the work, however busy the machine is
    app = ListApp(big_queue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        elapsed = time.process_time() - started
        table = app.query_one(TicketList)
        shown = lines(table)
        assert "Title" in shown[0] and "Owner" in shown[0]
        assert shown[1].split()[:3] == ["1", "Ticket", "1"]
        assert shown[2].split()[:3] == ["2", "Ticket", "2"]
        assert all(len(line) == 79 for line in shown)  # the 80th cell is the scrollbar
        assert table.total_count == table.visible_count == 100_000
        assert "Ticket 1 login" in screen_text(app)
        assert elapsed < 5  # generous for slow CI; the probe measures it properly


async def test_j_k_g_and_shift_g_move_the_cursor(big_queue: list[TicketSummary]) -> None:
    app = ListApp(big_queue)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.focus()
        await pilot.press("j", "j", "j", "k")
        assert table.cursor_ticket is not None and table.cursor_ticket.id == 3
        await pilot.press("G")
        assert table.cursor_row == 99_999
        assert table.scroll_offset.y == 100_000 - PAGE
        assert row_text(table, 99_999).split()[0] == "100000"
        await pilot.press("g")
        assert table.cursor_row == 0 and table.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert table.cursor_row == PAGE and table.scroll_offset.y == PAGE
        await pilot.press("ctrl+u")
        assert table.cursor_row == PAGE - PAGE // 2


async def test_enter_posts_selected_and_resting_posts_highlighted() -> None:
    app = ListApp(make_tickets(50))
    async with app.run_test(size=SIZE) as pilot:
        app.query_one(TicketList).focus()
        await pilot.press("j", "j", "enter")
        assert [t.id for t in app.selected] == [3]
        # The preview hears about the ticket the cursor rests on.
        await until(pilot, lambda: app.highlighted and app.highlighted[-1].id == 3, "ticket 3")


async def at_rest(pilot: Any, app: ListApp) -> tuple[TicketList, int, int]:
    """The list focused, its cursor at rest; how many rests and passes were told so far."""
    table = app.query_one(TicketList)
    table.focus()
    await pilot.pause()
    await pilot.pause(TicketList.HIGHLIGHT_DELAY * 2)
    return table, len(app.highlighted), len(app.passing)


async def test_key_repeat_is_debounced_so_the_preview_hears_only_where_the_cursor_rests() -> None:
    app = ListApp(make_tickets(50))
    async with app.run_test(size=SIZE) as pilot:
        table, rested, passed = await at_rest(pilot, app)
        # Key repeat, as fast as it comes: nothing else runs between the moves (pilot.press
        # lets the event loop run between keys, and a busy machine can let the delay pass).
        for _ in range(5):
            table.action_cursor_down()
        await until(pilot, lambda: app.highlighted and app.highlighted[-1].id == 6, "ticket 6")
        await pilot.pause(TicketList.HIGHLIGHT_DELAY * 2)  # a second post would come by now
        assert [t.id for t in app.highlighted[rested:]] == [6]
        # The first move from rest was told at once, as moving (its preview is painted with
        # the cursor; nothing is asked of the server); the rows passed over, never.
        assert [t.id for t in app.passing[passed:]] == [2]


async def test_a_single_move_from_rest_is_told_at_once_then_again_when_it_rests() -> None:
    app = ListApp(make_tickets(50))
    async with app.run_test(size=SIZE) as pilot:
        table, rested, passed = await at_rest(pilot, app)
        table.action_cursor_down()
        # Posted by the move itself, before any timer could run: the cursor is moving.
        await pilot.pause()
        assert [t.id for t in app.passing[passed:]] == [2]
        await until(pilot, lambda: len(app.highlighted) > rested, "the rest")
        assert [t.id for t in app.highlighted[rested:]] == [2]


async def test_bindings_can_be_remapped_by_id() -> None:
    app = ListApp(make_tickets(50))
    async with app.run_test(size=SIZE) as pilot:
        app.set_keymap({"list.down": "n"})
        table = app.query_one(TicketList)
        table.focus()
        await pilot.press("n", "n")
        assert table.cursor_row == 2


async def test_clicking_a_row_moves_the_cursor_and_double_click_opens_it() -> None:
    app = ListApp(make_tickets(50))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        await pilot.click(TicketList, offset=(10, 5))
        assert table.cursor_row == 4
        await pilot.double_click(TicketList, offset=(10, 5))
        assert [t.id for t in app.selected] == [5]


async def test_sorting_by_a_column_and_toggling_direction(big_queue: list[TicketSummary]) -> None:
    app = ListApp(big_queue[:1000])
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.sort_by("last_changed")  # oldest first
        await pilot.pause()
        assert table.ticket_at(0).id == 1000
        assert "Changed▲" in lines(table, 1)[0]
        assert table.cursor_ticket is not None and table.cursor_ticket.id == 1  # cursor kept
        table.sort_by("last_changed")
        await pilot.pause()
        assert table.sort_reverse and table.ticket_at(0).id == 1
        assert "Changed▼" in lines(table, 1)[0]
        table.sort_by("id", reverse=True)
        assert table.ticket_at(0).id == 1000
        table.sort_by(None)
        assert table.ticket_at(0).id == 1


async def test_clicking_a_header_sorts_by_that_column() -> None:
    app = ListApp(make_tickets(30))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        await pilot.click(TicketList, offset=(4, 0))  # the "#" column
        assert table.sort_key == "id" and not table.sort_reverse
        await pilot.click(TicketList, offset=(4, 0))
        assert table.sort_reverse and table.ticket_at(0).id == 30


async def test_filter_narrows_and_clearing_restores(big_queue: list[TicketSummary]) -> None:
    app = ListApp(big_queue)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.move_cursor_to_id(9)
        for typed in ("p", "pr", "printer"):
            started = time.process_time()
            table.set_filter(typed)
            assert time.process_time() - started < 0.5
        await pilot.pause()
        assert table.visible_count == 33_333
        assert table.cursor_ticket is not None and table.cursor_ticket.id == 9
        table.set_filter("printer bo")  # every printer ticket is Anna's
        assert table.visible_count == 0 and table.cursor_ticket is None
        assert lines(table, 2)[1].strip() == ""
        table.set_filter("login cleo")
        assert table.visible_count == 33_333
        assert all(table.ticket_at(r).owner == "Cleo" for r in range(0, 33_333, 1000))
        table.set_filter("")
        await pilot.pause()
        assert table.visible_count == 100_000


async def test_set_tickets_keeps_the_cursor_on_the_same_ticket() -> None:
    tickets = make_tickets(40)
    app = ListApp(tickets)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        assert table.move_cursor_to_id(30)
        table.set_tickets(list(reversed(tickets)))
        await pilot.pause()
        assert table.cursor_ticket is not None and table.cursor_ticket.id == 30
        assert table.cursor_row == 10
        table.set_tickets([t for t in tickets if t.id != 30])  # gone: same row, clamped
        assert table.cursor_row == 10
        table.set_tickets(tickets[:3])
        assert table.cursor_row == 2
        assert not table.move_cursor_to_id(999)


async def test_patch_changes_a_row_in_place_without_moving_cursor_or_scroll() -> None:
    tickets = make_tickets(200)
    app = ListApp(tickets)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.focus()
        await pilot.press("pagedown", "pagedown", "j")
        cursor, scroll = table.cursor_row, table.scroll_offset.y
        row = cursor + 2
        table.patch([replace(tickets[row], title="Renamed by a colleague")])
        await pilot.pause()
        assert (table.cursor_row, table.scroll_offset.y) == (cursor, scroll)
        assert "Renamed by a colle" in row_text(table, row)
        assert table.total_count == 200

        table.patch([TicketSummary(id=5000, title="Brand new")])
        assert table.total_count == table.visible_count == 201
        assert (table.cursor_row, table.scroll_offset.y) == (cursor, scroll)
        assert table.ticket_at(200).id == 5000


async def test_patch_inserts_new_tickets_in_sort_order_keeping_the_view_still() -> None:
    tickets = make_tickets(200)
    app = ListApp(tickets)
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.sort_by("last_changed", reverse=True)  # newest first: ids 1, 2, 3...
        table.focus()
        await pilot.press("pagedown", "j")
        cursor_id = table.cursor_ticket.id if table.cursor_ticket else None
        top = table.ticket_at(table.scroll_offset.y).id
        table.patch([TicketSummary(id=9999, title="Just in", last_changed=NOW)])
        await pilot.pause()
        assert table.ticket_at(0).id == 9999
        assert table.cursor_ticket is not None and table.cursor_ticket.id == cursor_id
        assert table.ticket_at(table.scroll_offset.y).id == top  # the screen didn't jump


async def test_markup_and_escape_sequences_in_titles_show_literally() -> None:
    hostile = [
        TicketSummary(id=1, title="[bold red]x[/] [link=https://evil]y[/link]"),
        TicketSummary(id=2, title="\x1b[31mred\x1b[0m\x1b]52;c;c2VjcmV0\x07"),
        TicketSummary(id=3, title="a\u202eb", owner="[i]o[/i]"),
    ]
    app = ListApp(hostile)
    async with app.run_test(size=(200, 10)) as pilot:
        await pilot.pause()
        shown = lines(app.query_one(TicketList), 4)
        assert "[bold red]x[/] [link=https://evil]y[/link]" in shown[1]
        assert "␛[31mred␛[0m␛]52;c;c2VjcmV0␇" in shown[2]
        assert "\x1b" not in "".join(shown) and "\u202e" not in shown[3]
        assert "<U+202E>" in shown[3] and "[i]o[/i]" in shown[3]
        assert "[bold red]x[/]" in screen_text(app)


async def test_read_state_shows_as_a_glyph_and_rows_are_styled_by_state() -> None:
    tickets = [
        TicketSummary(id=1, title="unread", read_status=ReadStatus.UNREAD),
        TicketSummary(id=2, title="new info", read_status=ReadStatus.NEW_INFO),
        TicketSummary(id=3, title="read", read_status=ReadStatus.READ),
        TicketSummary(id=4, title="unknown"),
        TicketSummary(id=5, title="late", deadline=NOW - timedelta(days=1)),
        TicketSummary(id=6, title="done", status="Closed", status_kind=StatusKind.CLOSED),
        TicketSummary(id=7, title="coloured", status="Hot", status_colour="#ff0000"),
    ]
    app = ListApp(tickets)
    async with app.run_test(size=(120, 24)) as pilot:  # wide enough for the deadline column
        await pilot.pause()
        table = app.query_one(TicketList)
        shown = lines(table, 8)
        assert [line[0] for line in shown[1:5]] == ["●", "◐", "○", " "]

        def style_of(y: int, text: str) -> Style:
            style = next(s.style for s in table.render_line(y) if text in s.text)
            assert style is not None
            return style

        assert style_of(1, "●") != style_of(3, "○")
        assert style_of(1, "unread").bold  # unread rows stand out without colour
        assert style_of(5, "Nov 22").bold  # overdue deadline
        assert style_of(6, "done").color != style_of(4, "unknown").color  # closed: muted
        colour = style_of(7, "Hot").color  # the server's status colour, on that cell only
        assert colour is not None and colour.triplet is not None
        assert colour.triplet.hex == "#ff0000"
        assert style_of(7, "coloured").color != colour


async def test_theme_change_repaints_with_new_colours() -> None:
    app = ListApp(make_tickets(5))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        before = table.render_line(2)
        app.theme = "textual-light"
        await pilot.pause()
        assert table.render_line(2) != before


def test_cells_are_cut_with_an_ellipsis_by_terminal_width() -> None:
    assert fit_cell("abcdef", 4) == "abc…"
    assert fit_cell("ab", 4, "right") == "  ab"
    assert fit_cell("日本語", 4) == "日 …"  # wide characters count two cells
    assert fit_cell("x", 1, "center") == "x"


async def test_the_cursor_is_brighter_when_the_list_has_focus() -> None:
    app = ListApp(make_tickets(5))
    async with app.run_test(size=SIZE) as pilot:
        table = app.query_one(TicketList)
        table.blur()
        await pilot.pause()
        blurred = table.render_line(1)
        table.focus()
        await pilot.pause()
        assert table.render_line(1) != blurred


async def test_backspace_shows_the_remembered_view_until_rows_or_order_change() -> None:
    tickets = make_tickets(30)
    app = ListApp(tickets)
    async with app.run_test(size=SIZE):
        table = app.query_one(TicketList)
        table.set_filter("printer")
        printers = [table.ticket_at(r).id for r in range(table.visible_count)]
        table.set_filter("printer 1")
        table.set_filter("printer")  # backspace twice: the same rows, no new search
        assert [table.ticket_at(r).id for r in range(table.visible_count)] == printers
        new = replace(tickets[0], id=999, number="999", title="Printer on fire")
        table.patch([new])  # rows changed: what was remembered is forgotten
        table.set_filter("printer 1")
        table.set_filter("printer")
        assert 999 in [table.ticket_at(r).id for r in range(table.visible_count)]
        table.sort_by("id", reverse=True)
        table.set_filter("printer 1")
        table.set_filter("printer")
        ids = [table.ticket_at(r).id for r in range(table.visible_count)]
        assert ids == sorted(ids, reverse=True)
