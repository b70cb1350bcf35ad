"""The queue table: a virtualised list that renders only the lines on screen.

Textual's DataTable builds per-row state for every row, which takes seconds for 100,000 tickets.
Here a row is just an index into the ticket list until it scrolls into view; ``render_line``
builds a ``Strip`` for it then, and caches it until the data, size or theme changes.
"""

from __future__ import annotations

import gc
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.color import Color, ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from tickettui.core.columns import (
    COLUMNS,
    DEFAULT_COLUMNS,
    GAP,
    Column,
    FilterIndex,
    filter_words,
    insert_sorted,
    is_overdue,
    layout_widths,
    narrows,
    resolve_columns,
    sort_indices,
    sort_keys,
)
from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary
from tickettui.core.safe_text import inert_line

HEADER_HEIGHT = 1
FILTER_VIEWS = 12  # filtered views remembered, so backspace and retyping cost no scan
# From this many tickets, the built search index is frozen out of the GC's way: a collection
# that walks it and the views (a few 100k-element lists) costs 30-60 ms mid-keystroke.
FREEZE_INDEX_FROM = 20_000
_READ_CLASS = {
    ReadStatus.UNREAD: "ticket-list--unread",
    ReadStatus.NEW_INFO: "ticket-list--new-info",
    ReadStatus.READ: "ticket-list--read",
}


def fit_cell(text: str, width: int, align: str = "left") -> str:
    """``text`` padded or cut (with "…") to exactly ``width`` terminal cells."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else "…"[:width]
    pad = width - length
    if not pad:
        return text
    if align == "right":
        return " " * pad + text
    if align == "center":
        return " " * (pad // 2) + text + " " * (pad - pad // 2)
    return text + " " * pad


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

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "ticket-list--header",
        "ticket-list--cursor",
        "ticket-list--unread",
        "ticket-list--unread-row",
        "ticket-list--new-info",
        "ticket-list--read",
        "ticket-list--closed",
        "ticket-list--overdue",
    }

    DEFAULT_CSS = """
    TicketList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;

        & > .ticket-list--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .ticket-list--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .ticket-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        & > .ticket-list--unread { color: $error; text-style: bold; }
        & > .ticket-list--unread-row { text-style: bold; }
        & > .ticket-list--new-info { color: $warning; text-style: bold; }
        & > .ticket-list--read { color: $success; }
        & > .ticket-list--closed { color: $text-muted; }
        & > .ticket-list--overdue { color: $error; text-style: bold; }
    }
    """

    HIGHLIGHT_DELAY: ClassVar[float] = 0.08
    """Seconds the cursor must rest before ``Highlighted`` is posted (key repeat stays cheap)."""

    class Highlighted(Message):
        """The cursor rests on a ticket (None when the list is empty)."""

        def __init__(self, ticket_list: TicketList, ticket: TicketSummary | None) -> None:
            super().__init__()
            self.ticket_list = ticket_list
            self.ticket = ticket

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
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes, disabled=disabled)
        self._now = now
        self._columns: list[Column] = (
            list(columns) if columns is not None else resolve_columns(DEFAULT_COLUMNS, now=now)
        )
        self._tickets: list[TicketSummary] = []
        self._view: Sequence[int] = range(0)  # ticket indices on show, top to bottom
        self._order: list[int] | None = None  # sorted ticket indices; None = as given
        self._sort_column: Column | None = None
        self._sort_reverse = False
        self._sort_values: list[Any] | None = None
        self._filter_text = ""
        self._filter_index: FilterIndex | None = None
        # Normalised filter words -> the view they gave (valid until rows or order change).
        self._filter_views: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()
        self._by_id: dict[int, int] | None = None
        self._cursor = 0
        self._widths: list[int] = []
        self._layout_width = -1
        # A few screens of rendered rows; more would only be more for the GC to walk.
        self._line_cache: LRUCache[tuple[int, bool, bool], Strip] = LRUCache(256)
        self._header_cache: Strip | None = None
        self._style_cache: dict[str, Style] = {}
        self._colour_cache: dict[str, Style] = {}
        self._highlight_timer: Timer | None = None
        self._highlighted_id: int | None = -1  # -1: nothing posted yet
        if tickets:
            self.set_tickets(list(tickets))

    # --- public API ----------------------------------------------------------------------

    @property
    def cursor_ticket(self) -> TicketSummary | None:
        if not self._view:
            return None
        return self._tickets[self._view[self._cursor]]

    @property
    def cursor_row(self) -> int:
        """The cursor's position among the visible rows."""
        return self._cursor

    @property
    def visible_count(self) -> int:
        return len(self._view)

    @property
    def total_count(self) -> int:
        return len(self._tickets)

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def sort_key(self) -> str | None:
        return self._sort_column.key if self._sort_column else None

    @property
    def sort_reverse(self) -> bool:
        return self._sort_reverse

    @property
    def filter_text(self) -> str:
        return self._filter_text

    def ticket_at(self, row: int) -> TicketSummary:
        """The ticket shown at visible ``row``."""
        return self._tickets[self._view[row]]

    def set_tickets(self, tickets: list[TicketSummary]) -> None:
        """Replace every row; the cursor stays on its ticket if it is still there."""
        old_index = self._cursor
        old = self.cursor_ticket
        self._tickets = list(tickets)
        self._by_id = None
        self._filter_index = None
        self._filter_views.clear()
        self._sort_values = None
        self._order = None
        if self._sort_column is not None:
            self._apply_sort()
        self._view = self._filtered(self._base_order())
        self._invalidate()
        row = self._row_of_id(old.id, near=old_index) if old else None
        self._set_cursor(old_index if row is None else row)
        self._index_after_paint()

    def patch(self, tickets: Iterable[TicketSummary]) -> None:
        """Update rows in place and add new ones, by ticket id; cursor and scroll stay put.

        Updated rows keep their place even if their sort value changed: rows jumping under
        the agent's eyes is worse than a slightly stale order (sorting again fixes it).
        """
        by_id = self._ensure_by_id()
        added: list[int] = []
        self._filter_views.clear()
        for ticket in tickets:
            index = by_id.get(ticket.id)
            if index is None:
                index = len(self._tickets)
                by_id[ticket.id] = index
                self._tickets.append(ticket)
                added.append(index)
                if self._sort_values is not None and self._sort_column is not None:
                    self._sort_values.append(self._sort_column.sort_key(ticket))
            else:
                self._tickets[index] = ticket
            if self._filter_index is not None:
                self._filter_index.update(index, ticket)
        if added:
            top = self._top_row()
            anchor = self._view[top] if top < len(self._view) else None
            cursor = self._view[self._cursor] if self._view else None
            if self._order is not None and self._sort_values is not None:
                for index in added:
                    insert_sorted(self._order, self._sort_values, index, self._sort_reverse)
                self._view = self._filtered(self._order)
            elif self._filter_text.strip() and isinstance(self._view, list):
                index_ = self._ensure_filter_index()
                self._view.extend(i for i in added if index_.matches(i, self._filter_text))
            else:
                self._view = self._filtered(self._base_order())
            self._update_virtual_size()
            if anchor is not None:
                new_top = self._position(anchor)
                if new_top is not None and new_top != top:
                    self.scroll_to(y=new_top, animate=False)
            if cursor is not None:
                self._cursor = self._position(cursor) or 0
        self._invalidate(size=False)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._columns = list(columns)
        self._layout_width = -1
        self._invalidate(size=False)

    def sort_by(self, key: str | None, reverse: bool | None = None) -> None:
        """Sort by column ``key`` (the same key again flips direction); None: as given."""
        self._filter_views.clear()
        if key is None:
            self._sort_column = None
            self._order = None
            self._sort_values = None
        else:
            column = next((c for c in self._columns if c.key == key), None) or COLUMNS.get(key)
            if column is None:
                raise ValueError(f"Unknown column {key!r}")
            if reverse is None:
                same = self._sort_column is not None and self._sort_column.key == key
                reverse = not self._sort_reverse if same else False
            if column is not self._sort_column:
                self._sort_values = None
            self._sort_column = column
            self._sort_reverse = reverse
            self._apply_sort()
        self._reshape(self._filtered(self._base_order()))

    def set_filter(self, text: str) -> None:
        """Show only tickets matching every word; the cursor keeps its ticket if it's shown."""
        old = self._filter_text
        self._filter_text = text
        view: Sequence[int]
        words = tuple(sorted(set(filter_words(text))))
        remembered = self._filter_views.get(words) if words else None
        if remembered is not None:
            # Backspace, or words typed again: the view this filter gave before.
            self._filter_views.move_to_end(words)
            view = remembered
        elif words and narrows(old, text):
            # Typing on only narrows: search the rows on show instead of all of them.
            view = self._ensure_filter_index().search(text, within=self._view)
        else:
            view = self._filtered(self._base_order())
        if words and remembered is None and isinstance(view, list):
            self._filter_views[words] = view
            while len(self._filter_views) > FILTER_VIEWS:
                self._filter_views.popitem(last=False)
        self._reshape(view, fallback=0)

    def move_cursor_to_id(self, ticket_id: int) -> bool:
        """Put the cursor on ``ticket_id`` if it is shown."""
        row = self._row_of_id(ticket_id)
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
        self._set_cursor(len(self._view) - 1)

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
        if (mounting or self.is_mounted) and self._tickets:
            self.call_after_refresh(self._ensure_filter_index)

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
        self._style_cache.clear()
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
            key = self._column_at(offset.x)
            if key is not None:
                self.sort_by(key)
            return
        row = self._top_row() + offset.y - HEADER_HEIGHT
        if 0 <= row < len(self._view):
            self._set_cursor(row)
            if event.chain >= 2:
                self.action_select_cursor()

    # --- rendering -----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._layout_width:
            self._relayout(width)
        if y < HEADER_HEIGHT:
            if self._header_cache is None:
                self._header_cache = self._render_header(width)
            return self._header_cache
        row = y - HEADER_HEIGHT + self._top_row()
        if row >= len(self._view):
            return Strip.blank(width, self.rich_style)
        index = self._view[row]
        key = (index, row == self._cursor, self.has_focus)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(self._tickets[index], row == self._cursor, width)
            self._line_cache[key] = strip
        return strip

    def _style(self, name: str) -> Style:
        style = self._style_cache.get(name)
        if style is None:
            style = self.get_component_rich_style(name, partial=True)
            self._style_cache[name] = style
        return style

    def _status_style(self, colour: str | None) -> Style | None:
        if not colour:
            return None
        style = self._colour_cache.get(colour)
        if style is None:
            try:
                style = Style(color=Color.parse(colour))
            except ColorParseError:
                style = Style()  # a server sending nonsense keeps the default colour
            self._colour_cache[colour] = style
        return style

    def _render_header(self, width: int) -> Strip:
        style = self.rich_style + self._style("ticket-list--header")
        segments: list[Segment] = []
        arrow = "▼" if self._sort_reverse else "▲"
        sort_key = self.sort_key
        for column, cell in zip(self._columns, self._widths, strict=True):
            if not cell:
                continue
            title = inert_line(column.title)
            if column.key == sort_key:
                title = f"{title.strip()}{arrow}"
                if cell_len(title) > cell:
                    title = set_cell_size(title[:-1], cell - 1) + arrow
            if segments:
                segments.append(Segment(" " * GAP, style))
            segments.append(Segment(fit_cell(title, cell, column.align), style))
        return Strip(segments).adjust_cell_length(width, style)

    def _render_row(self, ticket: TicketSummary, cursor: bool, width: int) -> Strip:
        row_style = self.rich_style
        if ticket.status_kind is StatusKind.CLOSED:
            row_style += self._style("ticket-list--closed")
        if ticket.read_status is ReadStatus.UNREAD:
            row_style += self._style("ticket-list--unread-row")
        cursor_style = self._style("ticket-list--cursor") if cursor else None
        plain = row_style + cursor_style if cursor_style else row_style
        segments: list[Segment] = []
        for column, cell in zip(self._columns, self._widths, strict=True):
            if not cell:
                continue
            if segments:
                segments.append(Segment(" " * GAP, plain))
            text = fit_cell(inert_line(column.text(ticket)), cell, column.align)
            extra = self._cell_style(column.key, ticket)
            if extra is None:
                style = plain
            else:
                style = row_style + extra
                if cursor_style:
                    style += cursor_style
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(width, plain)

    def _cell_style(self, key: str, ticket: TicketSummary) -> Style | None:
        if key == "read":
            name = _READ_CLASS.get(ticket.read_status)
            return self._style(name) if name else None
        if key == "status":
            return self._status_style(ticket.status_colour)
        if key == "deadline" and is_overdue(ticket, self._now()):
            return self._style("ticket-list--overdue")
        return None

    # --- internals -----------------------------------------------------------------------

    def _relayout(self, width: int) -> None:
        self._widths = layout_widths(self._columns, width)
        self._layout_width = width
        self._line_cache.clear()
        self._header_cache = None

    def _column_at(self, x: int) -> str | None:
        left = 0
        for column, cell in zip(self._columns, self._widths, strict=False):
            if not cell:
                continue
            if left <= x < left + cell + GAP:
                return column.key
            left += cell + GAP
        return None

    def _invalidate(self, size: bool = True) -> None:
        self._line_cache.clear()
        self._header_cache = None
        if size:
            self._update_virtual_size()
        self.refresh()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(0, len(self._view) + HEADER_HEIGHT)

    def _top_row(self) -> int:
        return round(self.scroll_offset.y)

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER_HEIGHT)

    def _base_order(self) -> Sequence[int]:
        return self._order if self._order is not None else range(len(self._tickets))

    def _apply_sort(self) -> None:
        assert self._sort_column is not None
        if self._sort_values is None:
            self._sort_values = sort_keys(self._tickets, self._sort_column)
        self._order = sort_indices(self._sort_values, reverse=self._sort_reverse)

    def _ensure_filter_index(self) -> FilterIndex:
        if self._filter_index is None:
            self._filter_index = FilterIndex(self._tickets)
            if len(self._tickets) >= FREEZE_INDEX_FROM:
                gc.freeze()  # long-lived like the rows: out of the collector's way
        return self._filter_index

    def _ensure_by_id(self) -> dict[int, int]:
        if self._by_id is None:
            self._by_id = {ticket.id: i for i, ticket in enumerate(self._tickets)}
        return self._by_id

    def _filtered(self, order: Sequence[int]) -> Sequence[int]:
        if not self._filter_text.strip():
            return order
        return self._ensure_filter_index().search(self._filter_text, within=order)

    def _position(self, index: int) -> int | None:
        """Where ticket ``index`` is among the visible rows."""
        try:
            return self._view.index(index)
        except ValueError:
            return None

    def _row_of_id(self, ticket_id: int, near: int | None = None) -> int | None:
        # After a refresh the ticket is usually where it was: check there before searching.
        view = self._view
        if near is not None and 0 <= near < len(view) and self._tickets[view[near]].id == ticket_id:
            return near
        if self._by_id is not None:
            index = self._by_id.get(ticket_id)
        else:
            index = next((i for i, t in enumerate(self._tickets) if t.id == ticket_id), None)
        return None if index is None else self._position(index)

    def _reshape(self, view: Sequence[int], fallback: int | None = None) -> None:
        """Show ``view``; the cursor keeps its ticket, else goes to ``fallback`` (or clamps)."""
        old_row = self._cursor
        old = self._view[old_row] if self._view else None
        self._view = view
        row = self._position(old) if old is not None else None
        self._invalidate()
        if row is None:
            row = old_row if fallback is None else fallback
        self._set_cursor(row, force=True)

    def _set_cursor(self, row: int, force: bool = False) -> None:
        row = max(0, min(row, len(self._view) - 1))
        old = self._cursor
        self._cursor = row
        if row != old or force:
            self._refresh_row(old)
            self._refresh_row(row)
            self._scroll_cursor_into_view()
        self._schedule_highlight()

    def _page(self, delta: int) -> None:
        if not self._view:
            return
        top, old = self._top_row(), self._cursor
        self._cursor = max(0, min(old + delta, len(self._view) - 1))
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
        target = min(top, max(0, len(self._view) - rows))
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
            self._highlight_timer = self.set_timer(self.HIGHLIGHT_DELAY, self._post_highlight)
        else:
            self._highlight_timer.reset()

    def _post_highlight(self) -> None:
        self._highlight_timer = None
        ticket = self.cursor_ticket
        ticket_id = ticket.id if ticket else None
        if ticket_id != self._highlighted_id:
            self._highlighted_id = ticket_id
            self.post_message(self.Highlighted(self, ticket))
