"""The marks' column of the queue table: a ``✓`` before each marked ticket (a glyph, so it
reads without colour too, under NO_COLOR), shown only while some ticket is marked."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

__all__ = ["MARK_CLASS", "MARK_CSS", "MARK_GLYPH", "MARK_GUTTER", "with_gutter"]

MARK_CLASS = "ticket-list--marked"
MARK_GLYPH = "✓"
MARK_GUTTER = 2  # the glyph and a space
MARK_CSS = """
TicketList > .ticket-list--marked { color: $accent; text-style: bold; }
"""


def with_gutter(strip: Strip, marked: bool, style: Style) -> Strip:
    """``strip`` after the marks' column: the glyph if ``marked``, else blank."""
    cell = f"{MARK_GLYPH} " if marked else " " * MARK_GUTTER
    return Strip([Segment(cell, style), *strip], strip.cell_length + MARK_GUTTER)
