"""`tickettui list` as a table: a header row, then one inert line per ticket, fitted to the
terminal by the queue's rules (``core/column_layout``): short columns as wide as their longest
value, the title takes what they leave.

The columns are the queue's own (``tickettui.core.columns``): the same titles (Keliweb's
"Flagged"), the same compact dates, the same glyphs for a high or critical priority, which plain
text has no colour for. Piped into another program (no terminal, no ``COLUMNS``), titles are
printed whole.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence

import click
from rich.cells import cell_len, set_cell_size

from tickettui.core.column_layout import content_widths, header_text, text_cells
from tickettui.core.columns import GAP, Column, layout_widths, resolve_columns
from tickettui.core.domain import Capabilities, TicketSummary
from tickettui.core.safe_text import inert_line

__all__ = ["TABLE_COLUMNS", "csv_table", "print_ticket_table", "table_lines", "terminal_width"]

TABLE_COLUMNS = ("id", "status", "priority", "owner", "last_changed", "title")


def terminal_width() -> int | None:
    """The terminal's width, or ``COLUMNS``; None when printing to no terminal at all."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def _cell(text: str, width: int, align: str) -> str:
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…" if width > 1 else "…"[:width]
    pad = " " * (width - length)
    return pad + text if align == "right" else text + pad


def _line(cells: Sequence[str], columns: Sequence[Column], widths: Sequence[int]) -> str:
    parts: list[str] = []
    last = len(columns) - 1
    for n, (text, column, width) in enumerate(zip(cells, columns, widths, strict=True)):
        if width == 0 and n != last:
            continue  # dropped on a narrow terminal
        if n == last and width < 0:
            parts.append(text)  # no terminal: the title whole
        else:
            parts.append(_cell(text, width, column.align))
    return (" " * GAP).join(parts).rstrip()


def table_lines(
    tickets: Sequence[TicketSummary],
    capabilities: Capabilities | None = None,
    width: int | None = None,
) -> list[str]:
    """The header and one line per ticket, each at most ``width`` cells (None: titles whole)."""
    columns = resolve_columns(TABLE_COLUMNS, capabilities, no_color=True)
    # As in the app: short columns as wide as their longest value, the title the rest.
    wants = content_widths(columns, tickets)
    if width is None:  # piped: every header whole (a script may read them), the title last
        widths = [
            -1 if isinstance(c.width, float) else max(want or c.width, text_cells(c.title))
            for c, want in zip(columns, wants, strict=True)
        ]
        titles = [inert_line(c.title) for c in columns]
    else:
        widths = layout_widths(columns, width, wants)
        titles = [inert_line(header_text(c, w)) for c, w in zip(columns, widths, strict=True)]
    lines = [_line(titles, columns, widths)]
    for ticket in tickets:
        lines.append(_line([inert_line(c.text(ticket)) for c in columns], columns, widths))
    return lines


def print_ticket_table(
    tickets: Sequence[TicketSummary], capabilities: Capabilities | None = None
) -> None:
    for line in table_lines(tickets, capabilities, terminal_width()):
        click.echo(line)
    click.echo(f"{len(tickets)} tickets", err=True)


def csv_table(tickets: Sequence[TicketSummary], capabilities: Capabilities | None = None) -> str:
    """`list --csv`: the table's columns and titles, every cell whole (``core.export``)."""
    from tickettui.core.export import table_csv

    columns = resolve_columns(TABLE_COLUMNS, capabilities, no_color=True)
    return table_csv(columns, [c.title for c in columns], tickets)
