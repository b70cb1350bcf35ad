"""The list's columns with a live section's flags: the title led by ★ (new) or ◆ (changed).

Apart from the live refresh (``ui/live_queue.py``) because the queue's first frame builds its
columns with it, and the live refresh's modules are not needed for that frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from tickettui.core.columns import Column
from tickettui.core.domain import TicketSummary

__all__ = ["flagged_columns"]


def flagged_columns(columns: Sequence[Column], glyph: Callable[[int], str]) -> list[Column]:
    """``columns`` with the title (else the first column) led by a flagged row's glyph: the
    sort and the filter's words stay the column's own."""
    keys = [c.key for c in columns]
    target = "title" if "title" in keys else (keys[0] if keys else None)

    def led(column: Column) -> Column:
        text = column.text

        def with_glyph(ticket: TicketSummary) -> str:
            mark = glyph(ticket.id)
            return f"{mark} {text(ticket)}" if mark else text(ticket)

        return replace(column, text=with_glyph)

    return [led(c) if c.key == target else c for c in columns]
