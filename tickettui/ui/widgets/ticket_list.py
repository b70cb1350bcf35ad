"""The queue table: a virtualised list that renders only the lines on screen.

Textual's DataTable builds per-row state for every row, which takes seconds for 100,000 tickets.
Here a row is just an index into the ticket list until it scrolls into view; ``render_line``
builds a ``Strip`` for it then, and caches it until the data, size or theme changes.

This module is the widget: keys, cursor, scrolling, clicks and the line cache. Which tickets are
on show in which order (rows, sort, filter) is ``core/ticket_rows.TicketRows``; how a line looks
is ``ticket_list_paint``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tickettui.core.columns import COLUMNS, DEFAULT_COLUMNS, Column, resolve_columns
from tickettui.core.domain import TicketSummary
from tickettui.core.ticket_rows import TicketRows
from tickettui.ui.widgets.ticket_list_marks import MARK_CLASS, MARK_CSS, MARK_GUTTER, with_gutter
from tickettui.ui.widgets.ticket_list_match import LIST_CLASSES, LIST_CSS, MATCH_CLASS, mark_matches
from tickettui.ui.widgets.ticket_list_paint import RowPainter, fit_cell

__all__ = ["HEADER_HEIGHT", "TicketList", "fit_cell"]

HEADER_HEIGHT = 1
IDS_AFTER_PAINT = 0.5  # seconds after the first rows: the search index's last, optional part


class TicketList(ScrollView, can_focus=True):
    """A keyboard-driven, virtualised table of tickets."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding(
            "pagedown,ctrl+f", "cursor_page_down", "Page down", show=False, id="list.page_down"
        ),
        Binding("pageup,ctrl+b", "cursor_page_up", "Page up", show=False, id="list.page_up"),
        Binding("ctrl+d", "cursor_half_down", "Half page down", show=False, id="list.half_down"),
        Binding("ctrl+u", "cursor_half_up", "Half page up", show=False, id="list.half_up"),
        Binding("home,g", "cursor_first", "First", show=False, id="list.first"),
        Binding("end,G", "cursor_last", "Last", show=False, id="list.last"),
        Binding("enter", "select_cursor", "Open", id="list.select"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = set(LIST_CLASSES) | {MARK_CLASS}
    DEFAULT_CSS = LIST_CSS + MARK_CSS

    HIGHLIGHT_DELAY: ClassVar[float] = 0.08
    """Moves closer together than this are a burst (key repeat). ``Highlighted`` is posted
    at the first move at once (``moving``), then where the cursor rests once it has rested this
    long; nothing for the rows passed over, so key repeat stays cheap."""

    class Highlighted(Message):
        """The cursor is on a ticket (None when the list is empty).

        ``moving``: it has just come here and may move on (key repeat): show what is at hand,
        in the same frame as the cursor, and ask the server nothing yet. A ``Highlighted`` that
        is not ``moving`` follows once the cursor has rested.
        """

        def __init__(
            self, ticket_list: TicketList, ticket: TicketSummary | None, *, moving: bool = False
        ) -> None:
            super().__init__()
            self.ticket_list = ticket_list
            self.ticket = ticket
            self.moving = moving

        @property
        def control(self) -> TicketList:
            return self.ticket_list

    class Selected(Message):
        """The agent chose a ticket (enter or double click)."""

        def __init__(self, ticket_list: TicketList, ticket: TicketSummary) -> None:
            super().__init__()
            self.ticket_list = ticket_list
            self.ticket = ticket

        @property
        def control(self) -> TicketList:
            return self.ticket_list

    def __init__(
        self,
        tickets: Sequence[TicketSummary] = (),
        *,
        columns: Sequence[Column] | None = None,
        now: Callable[[], datetime] = datetime.now,
        rows: TicketRows | None = None,
        on_move: Callable[[TicketSummary | None], None] | None = None,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        """``rows``: the rows to show (a model that reads them too); by default its own.

        ``on_move``: called at once, in the same call, where the cursor moves from rest (in
        place of a ``moving`` Highlighted), so what the owner shows for the ticket is painted
        in the same frame as the cursor: one frame per key, which matters over SSH.
        """
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._now = now
        self._on_move = on_move
        if columns is None:
            columns = resolve_columns(DEFAULT_COLUMNS, now=now)
        self._rows = rows if rows is not None else TicketRows()
        self._cursor = 0
        self._painter = RowPainter(self, columns, now)
        # A few screens of rendered rows; more would only be more for the GC to walk.
        self._line_cache: LRUCache[tuple[int, bool, bool, bool], Strip] = LRUCache(256)
        self._header_cache: Strip | None = None
        self._highlight_timer: Timer | None = None
        # What was posted last: (ticket id, moving); -1: nothing yet.
        self._highlighted: tuple[int | None, bool] = (-1, False)
        self._marked: frozenset[int] = frozenset()  # the screen's marks, by ticket id
        if tickets:
            self.set_tickets(list(tickets))

    # --- public API ----------------------------------------------------------------------

    @property
    def rows(self) -> TicketRows:
        """What is on show, in which order (read it; change it through this widget)."""
        return self._rows

    @property
    def cursor_ticket(self) -> TicketSummary | None:
        rows = self._rows
        if not rows.view:
            return None
        return rows.tickets[rows.view[self._cursor]]

    @property
    def cursor_row(self) -> int:
        """The cursor's position among the visible rows."""
        return self._cursor

    @property
    def visible_count(self) -> int:
        return len(self._rows.view)

    @property
    def total_count(self) -> int:
        return len(self._rows.tickets)

    @property
    def columns(self) -> list[Column]:
        return list(self._painter.columns)

    @property
    def column_widths(self) -> list[int]:
        """Cells per column as last laid out (0: dropped on a narrow terminal)."""
        painter = self._painter
        width = self.scrollable_content_region.width - self._gutter
        if width != painter.width:
            painter.relayout(width, self._rows.tickets)
            self._line_cache.clear()
            self._header_cache = None
        return list(painter.widths)

    @property
    def sort_key(self) -> str | None:
        return self._rows.sort_key

    @property
    def sort_reverse(self) -> bool:
        return self._rows.sort_reverse

    @property
    def filter_text(self) -> str:
        return self._rows.filter_text

    @property
    def marked(self) -> frozenset[int]:
        return self._marked

    def set_marked(self, ticket_ids: Iterable[int]) -> None:
        """Show these tickets marked (the marks' column appears with the first mark)."""
        marked = frozenset(ticket_ids)
        if marked == self._marked:
            return
        if bool(marked) != bool(self._marked):
            self._painter.width = -1  # the columns share one width more or less
        self._marked = marked
        self._invalidate(size=False)

    @property
    def _gutter(self) -> int:
        return MARK_GUTTER if self._marked else 0

    def ticket_at(self, row: int) -> TicketSummary:
        """The ticket shown at visible ``row``."""
        return self._rows.ticket_at(row)

    def set_tickets(self, tickets: list[TicketSummary]) -> None:
        """Replace every row; the cursor stays on its ticket if it is still there."""
        old_index = self._cursor
        old = self.cursor_ticket
        self._rows.replace(tickets)
        self._painter.remeasure()
        self._invalidate()
        row = self._rows.row_of_id(old.id, near=old_index) if old else None
        self._set_cursor(old_index if row is None else row)
        self._index_after_paint()

    def patch(self, tickets: Iterable[TicketSummary]) -> None:
        """Update rows in place and add new ones, by ticket id; cursor and scroll stay put.

        Updated rows keep their place even if their sort value changed: rows jumping under
        the agent's eyes is worse than a slightly stale order (sorting again fixes it).
        """
        rows = self._rows
        view = rows.view
        top = self._top_row()
        anchor = view[top] if top < len(view) else None
        cursor = view[self._cursor] if view else None
        tickets = list(tickets)
        self._painter.widen_for(tickets)  # a longer owner name widens its column
        if rows.patch(tickets):
            self._update_virtual_size()
            if anchor is not None:
                new_top = rows.position(anchor)
                if new_top is not None and new_top != top:
                    self.scroll_to(y=new_top, animate=False)
            if cursor is not None:
                self._cursor = rows.position(cursor) or 0
        self._invalidate(size=False)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._painter.set_columns(columns)
        self._invalidate(size=False)

    def sort_by(self, key: str | None, reverse: bool | None = None) -> None:
        """Sort by column ``key`` (the same key again flips direction); None: as given."""
        column: Column | None = None
        if key is not None:
            shown = self._painter.columns
            column = next((c for c in shown if c.key == key), None) or COLUMNS.get(key)
            if column is None:
                raise ValueError(f"Unknown column {key!r}")
        self._reshape(lambda: self._rows.sort_by(column, reverse))

    def set_filter(self, text: str) -> None:
        """Show only tickets matching every word; the cursor keeps its ticket if it's shown."""
        self._reshape(lambda: self._rows.set_filter(text), fallback=0)

    def move_cursor_to_id(self, ticket_id: int) -> bool:
        """Put the cursor on ``ticket_id`` if it is shown."""
        row = self._rows.row_of_id(ticket_id)
        if row is None:
            return False
        self._set_cursor(row)
        return True

    def move_cursor(self, row: int) -> None:
        self._set_cursor(row)

    # --- actions -------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._set_cursor(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._set_cursor(self._cursor - 1)

    def action_cursor_page_down(self) -> None:
        self._page(self._page_rows())

    def action_cursor_page_up(self) -> None:
        self._page(-self._page_rows())

    def action_cursor_half_down(self) -> None:
        self._page(max(1, self._page_rows() // 2))

    def action_cursor_half_up(self) -> None:
        self._page(-max(1, self._page_rows() // 2))

    def action_cursor_first(self) -> None:
        self._set_cursor(0)

    def action_cursor_last(self) -> None:
        self._set_cursor(len(self._rows.view) - 1)

    def action_select_cursor(self) -> None:
        ticket = self.cursor_ticket
        if ticket is not None:
            self.post_message(self.Selected(self, ticket))

    # --- events --------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._update_virtual_size()
        self._schedule_highlight()
        self._index_after_paint(mounting=True)

    def _index_after_paint(self, mounting: bool = False) -> None:
        # Build the search index once the rows are on screen, not on the first filter
        # keystroke (~0.1-0.3 s at 100k tickets): typing then only scans.
        if (mounting or self.is_mounted) and self._rows.tickets:
            self.call_after_refresh(self._rows.ensure_filter_index)
            # Its last part (the ids as text, ~8 ms at 100k) waits until the agent has the
            # rows and the start's other work is done; a digit typed before makes it then.
            self.set_timer(IDS_AFTER_PAINT, self._rows.prepare_filter_ids)

    def watch_loading(self, loading: bool) -> None:
        # Textual hides a loading widget's keys from the footer, but does not show them again
        # when it is done: a slow first load would leave "⏎ Open" missing.
        self.refresh_bindings()

    def on_resize(self, event: events.Resize) -> None:
        self._invalidate()
        self._scroll_cursor_into_view()

    def notify_style_update(self) -> None:
        # Theme or pseudo-class (focus) changes: cached strips hold old colours.
        super().notify_style_update()
        self._painter.forget_styles()
        self._line_cache.clear()
        self._header_cache = None
        self.refresh()

    def on_focus(self) -> None:
        self._refresh_row(self._cursor)

    def on_blur(self) -> None:
        self._refresh_row(self._cursor)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y < HEADER_HEIGHT:
            key = self._painter.column_at(offset.x - self._gutter)
            if key is not None:
                self.sort_by(key)
            return
        row = self._top_row() + offset.y - HEADER_HEIGHT
        if 0 <= row < len(self._rows.view):
            self._set_cursor(row)
            if event.chain >= 2:
                self.action_select_cursor()

    # --- rendering -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        painter = self._painter
        gutter = self._gutter
        if width - gutter != painter.width:
            painter.relayout(width - gutter, self._rows.tickets)
            self._line_cache.clear()
            self._header_cache = None
        if y < HEADER_HEIGHT:
            if self._header_cache is None:
                rows = self._rows
                header = painter.header(rows.sort_key, rows.sort_reverse)
                if gutter:
                    style = painter.base + self.get_component_rich_style("ticket-list--header")
                    header = with_gutter(header, False, style)
                self._header_cache = header
            return self._header_cache
        row = y - HEADER_HEIGHT + self._top_row()
        view = self._rows.view
        if row >= len(view):
            return Strip.blank(width, painter.base)
        index = view[row]
        ticket = self._rows.tickets[index]
        marked = ticket.id in self._marked
        key = (index, row == self._cursor, self.has_focus, marked)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = painter.row(ticket, row == self._cursor)
            if words := self._rows.highlights:  # what the filter matched, marked in the cells
                style = self.get_component_rich_style(MATCH_CLASS, partial=True)
                strip = mark_matches(strip, painter.columns, painter.widths, words, style)
            if gutter:
                style = painter.base + self.get_component_rich_style(MARK_CLASS)
                if row == self._cursor:
                    style += self.get_component_rich_style("ticket-list--cursor")
                strip = with_gutter(strip, marked, style)
            # Neighbouring cells of one style as one segment: each segment is written to the
            # terminal with its own escape sequences, which over SSH is most of a row's bytes.
            self._line_cache[key] = strip = strip.simplify()
        return strip

    def _cell_style(self, key: str, ticket: TicketSummary) -> Style | None:
        return self._painter.cell_style(key, ticket)

    # --- internals -----------------------------------------------------------------------

    def _invalidate(self, size: bool = True) -> None:
        self._line_cache.clear()
        self._header_cache = None
        if size:
            self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(0, len(self._rows.view) + HEADER_HEIGHT)

    def _top_row(self) -> int:
        return round(self.scroll_offset.y)

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _reshape(self, change: Callable[[], None], fallback: int | None = None) -> None:
        """Change what is on show; the cursor keeps its ticket, else goes to ``fallback``
        (or clamps)."""
        old_row = self._cursor
        view = self._rows.view
        old = view[old_row] if view else None
        change()
        row = self._rows.position(old) if old is not None else None
        self._invalidate()
        if row is None:
            row = old_row if fallback is None else fallback
        self._set_cursor(row, force=True)

    def _set_cursor(self, row: int, force: bool = False) -> None:
        row = max(0, min(row, len(self._rows.view) - 1))
        old = self._cursor
        self._cursor = row
        if row != old or force:
            self._refresh_row(old)
            self._refresh_row(row)
            self._scroll_cursor_into_view()
        self._schedule_highlight()

    def _page(self, delta: int) -> None:
        rows = len(self._rows.view)
        if not rows:
            return
        top, old = self._top_row(), self._cursor
        self._cursor = max(0, min(old + delta, rows - 1))
        # Scroll by as much as the cursor moved, so it keeps its place on screen, like a pager.
        self.scroll_to(y=top + self._cursor - old, animate=False)
        self._set_cursor(self._cursor, force=True)

    def _refresh_row(self, row: int) -> None:
        self.refresh_line(row + HEADER_HEIGHT)

    def _scroll_cursor_into_view(self) -> None:
        if not self.is_mounted:
            return
        top, rows = self._top_row(), self._page_rows()
        # The list may have shrunk under the viewport: no blank screen below the last row.
        target = min(top, max(0, len(self._rows.view) - rows))
        if self._cursor < target:
            target = self._cursor
        elif self._cursor >= target + rows:
            target = self._cursor - rows + 1
        if target != top:
            self.scroll_to(y=target, animate=False)

    def _schedule_highlight(self) -> None:
        if not self.is_mounted:
            return
        if self._highlight_timer is None:
            # The cursor was at rest: say where it went at once, so the preview is painted in
            # the same frame as the cursor (one frame per key, over SSH too). Moves that follow
            # within HIGHLIGHT_DELAY are a burst (key repeat): only where it rests is said.
            self._post_highlight(moving=True)
            self._highlight_timer = self.set_timer(self.HIGHLIGHT_DELAY, self._burst_over)
        else:
            self._highlight_timer.reset()

    def _burst_over(self) -> None:
        self._highlight_timer = None
        self._post_highlight(moving=False)

    def _post_highlight(self, *, moving: bool) -> None:
        ticket = self.cursor_ticket
        posted = (ticket.id if ticket else None, moving)
        if posted != self._highlighted:
            self._highlighted = posted
            if moving and self._on_move is not None:
                self._on_move(ticket)
            else:
                self.post_message(self.Highlighted(self, ticket, moving=moving))
