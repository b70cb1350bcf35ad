"""How the queue table's lines look: its component classes and CSS, and the painter that shares
the width among the columns and turns a ticket (or the header) into one ``Strip`` of cells.

Only what is on screen is ever painted, and the list caches the strips; the painter caches the
styles it looks up (cleared when the theme or focus changes). Every cell's text is made inert
here (``inert_line``): server text never reaches the terminal raw and is never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from rich.cells import cell_len, set_cell_size
from rich.color import Color, ColorParseError
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from tickettui.core.column_keys import priority_emphasis
from tickettui.core.column_layout import content_widths, header_text, widen
from tickettui.core.columns import GAP, Column, is_overdue, layout_widths
from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary
from tickettui.core.safe_text import inert_line

_READ_CLASS = {
    ReadStatus.UNREAD: "ticket-list--unread",
    ReadStatus.NEW_INFO: "ticket-list--new-info",
    ReadStatus.READ: "ticket-list--read",
}


# The list's component classes and default CSS (``TicketList`` takes both): the styles the
# painter looks up.
TICKET_LIST_CLASSES: frozenset[str] = frozenset(
    {
        "ticket-list--header",
        "ticket-list--cursor",
        "ticket-list--unread",
        "ticket-list--unread-row",
        "ticket-list--new-info",
        "ticket-list--read",
        "ticket-list--closed",
        "ticket-list--overdue",
        "ticket-list--priority-high",
        "ticket-list--priority-critical",
    }
)

TICKET_LIST_CSS = """
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
    & > .ticket-list--priority-high { color: $warning; }
    & > .ticket-list--priority-critical { color: $error; text-style: bold; }
}
"""


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


class RowPainter:
    """Lays out ``columns`` across the width of ``widget`` and paints its header and ticket
    rows with the widget's component styles."""

    def __init__(
        self, widget: Widget, columns: Sequence[Column], now: Callable[[], datetime]
    ) -> None:
        self._widget = widget
        self._now = now
        self.columns: list[Column] = list(columns)
        self.widths: list[int] = []  # cells per column (0: dropped), for ``width``
        self.width = -1  # the width laid out for; -1: not yet
        # What each column wants for the rows loaded (``content_widths``); None: not measured.
        self._wants: list[int | None] | None = None
        self._style_cache: dict[str, Style] = {}
        self._base: Style | None = None
        self._colour_cache: dict[str, Style] = {}

    def set_columns(self, columns: Sequence[Column]) -> None:
        self.columns = list(columns)
        self._wants = None
        self.width = -1

    def remeasure(self) -> None:
        """The rows are all new: fit the columns to them at the next layout."""
        self._wants = None
        self.width = -1

    def widen_for(self, tickets: Sequence[TicketSummary]) -> None:
        """Rows were patched in: widen a column that now holds a longer value."""
        if self._wants is None or not tickets:
            return
        wants = widen(self._wants, content_widths(self.columns, tickets))
        if wants != self._wants:
            self._wants = wants
            self.width = -1

    def relayout(self, width: int, tickets: Sequence[TicketSummary] = ()) -> None:
        """Share ``width`` among the columns; ``tickets``: the rows, measured if not yet."""
        if self._wants is None and tickets:
            self._wants = content_widths(self.columns, tickets)
        self.widths = layout_widths(self.columns, width, self._wants)
        self.width = width

    def column_at(self, x: int) -> str | None:
        """The key of the column at cell ``x`` (a click on the header)."""
        left = 0
        for column, cell in zip(self.columns, self.widths, strict=False):
            if not cell:
                continue
            if left <= x < left + cell + GAP:
                return column.key
            left += cell + GAP
        return None

    def forget_styles(self) -> None:
        """The theme or a pseudo-class (focus) changed: look the styles up again."""
        self._style_cache.clear()
        self._base = None

    @property
    def base(self) -> Style:
        """The list's own style (Textual works it out from every ancestor on each ask: once a
        style change, not once a row)."""
        if self._base is None:
            self._base = self._widget.rich_style
        return self._base

    def header(self, sort_key: str | None, reverse: bool) -> Strip:
        style = self.base + self._style("ticket-list--header")
        segments: list[Segment] = []
        arrow = "▼" if reverse else "▲"
        for column, cell in zip(self.columns, self.widths, strict=True):
            if not cell:
                continue
            title = inert_line(header_text(column, cell))
            if column.key == sort_key:
                title = f"{title.strip()}{arrow}"
                if cell_len(title) > cell:
                    title = set_cell_size(title[:-1], cell - 1) + arrow
            if segments:
                segments.append(Segment(" " * GAP, style))
            segments.append(Segment(fit_cell(title, cell, column.align), style))
        return Strip(segments).adjust_cell_length(self.width, style)

    def row(self, ticket: TicketSummary, cursor: bool) -> Strip:
        row_style = self.base
        if ticket.status_kind is StatusKind.CLOSED:
            row_style += self._style("ticket-list--closed")
        if ticket.read_status is ReadStatus.UNREAD:
            row_style += self._style("ticket-list--unread-row")
        cursor_style = self._style("ticket-list--cursor") if cursor else None
        plain = row_style + cursor_style if cursor_style else row_style
        segments: list[Segment] = []
        for column, cell in zip(self.columns, self.widths, strict=True):
            if not cell:
                continue
            if segments:
                segments.append(Segment(" " * GAP, plain))
            text = fit_cell(inert_line(column.text(ticket)), cell, column.align)
            extra = self.cell_style(column.key, ticket)
            if extra is None:
                style = plain
            else:
                style = row_style + extra
                if cursor_style:
                    style += cursor_style
            segments.append(Segment(text, style))
        return Strip(segments).adjust_cell_length(self.width, plain)

    def _style(self, name: str) -> Style:
        style = self._style_cache.get(name)
        if style is None:
            style = self._widget.get_component_rich_style(name, partial=True)
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

    def cell_style(self, key: str, ticket: TicketSummary) -> Style | None:
        """The style ``ticket``'s cell in column ``key`` adds to its row's; None: none."""
        if key == "read":
            name = _READ_CLASS.get(ticket.read_status)
            return self._style(name) if name else None
        if key == "status":
            return self._status_style(ticket.status_colour)
        if key == "deadline" and is_overdue(ticket, self._now()):
            return self._style("ticket-list--overdue")
        if key == "priority" and (level := priority_emphasis(ticket)):
            return self._style(f"ticket-list--priority-{level}")
        return None
