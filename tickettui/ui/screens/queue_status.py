"""The queue's status line, and the words it and the sort picker use for columns.

``status_line`` renders what the queue's model says: app, agent, section, how many tickets (of
how many), whether the list is loading, refreshing or failed, the filter and the sort. Server
text (the agent's name, section titles, the filter typed, column titles) goes through
``inert_line`` and is appended as plain text, never markup.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from tickettui.core.columns import Column
from tickettui.core.queue_model import ListState, QueueModel
from tickettui.core.safe_text import inert_line

# Column titles that are a glyph or blank in the table need a word in the sort picker.
SORT_NAMES = {"read": "Read state", "id": "Number"}
HINT = " ? keys "


def column_name(column: Column) -> str:
    """A column's name in words (the sort picker, the palette, the status line)."""
    return SORT_NAMES.get(column.key) or inert_line(column.title).strip() or column.key


def status_line(
    title: str, model: QueueModel, columns: Sequence[Column], width: int, matched: str = ""
) -> Text:
    """The line above the tabs, ``width`` cells wide (the key hint right-aligned if it fits).

    ``columns``: the list's, to name the sort column; ``matched``: where the ticket under the
    cursor matched the filter, when no column on show says (inert already).
    """
    rows = model.rows
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    text.append(f" {title} ", style="bold")
    if model.user:
        text.append("│ ", style="dim")
        text.append(inert_line(model.user) + " ")
    section = model.active_section
    if section is not None:
        text.append("│ ", style="dim")
        text.append(inert_line(section.title) + " ", style="bold")
    text.append("│ ", style="dim")
    state = model.list_state(section.key) if section is not None else ListState.LOADING
    if state is ListState.LOADING:
        text.append("loading…")
    elif state is ListState.NOT_LOADED:
        text.append("not loaded")
    else:
        shown, total = len(rows.view), len(rows.tickets)
        text.append(f"{shown} of {total}" if shown != total else f"{total} tickets")
        if state is ListState.REFRESHING:
            text.append("  refreshing…", style="dim")
        elif state is ListState.REFRESH_FAILED:
            text.append("  refresh failed", style="dim")
    filter_text = rows.filter_text.strip()
    if filter_text:
        text.append("  │ ", style="dim")
        text.append("filter ")
        text.append(inert_line(filter_text), style="bold")
        if matched:
            text.append(f" ({matched})", style="dim")
    key = rows.sort_key
    if key is not None:
        column = next((c for c in columns if c.key == key), None)
        name = column_name(column) if column else key
        text.append("  │ ", style="dim")
        text.append(f"sort {name} {'▼' if rows.sort_reverse else '▲'}")
    room = width - text.cell_len
    if room > len(HINT):
        text.append(" " * (room - len(HINT)))
        text.append(HINT, style="dim")
    return text
