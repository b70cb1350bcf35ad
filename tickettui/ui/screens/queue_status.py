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
from tickettui.ui.bulk_actions import tickets

# Column titles that are a glyph or blank in the table need a word in the sort picker.
SORT_NAMES = {"read": "Read state", "id": "Number"}
HINT = " ? keys "


def column_name(column: Column) -> str:
    """A column's name in words (the sort picker, the palette, the status line)."""
    return SORT_NAMES.get(column.key) or inert_line(column.title).strip() or column.key


def status_line(
    title: str,
    model: QueueModel,
    columns: Sequence[Column],
    width: int,
    matched: str = "",
    extra: str = "",
) -> Text:
    """The line above the tabs, ``width`` cells wide (the key hint right-aligned if it fits);
    a narrow one leaves out the app's and the agent's names before the sort.

    ``columns``: the list's, to name the sort column; ``matched``: where the ticket under the
    cursor matched the filter, when no column on show says (inert already); ``extra``: after
    the count, kept at every width ("3 marked", "Closing 12/40…").
    """
    for shown in _DROPPED_IN_TURN:  # what a narrow line leaves out first: never the sort
        text = _status_text(title, model, columns, matched, shown, extra)
        room = width - text.cell_len
        if room >= (len(HINT) + 1 if "hint" in shown else 0):
            break
    if "hint" in shown:
        text.append(" " * (room - len(HINT)))
        text.append(HINT, style="dim")
    return text


# The parts of the status line kept at each width, widest first: the key hint goes first
# (the footer always shows `?`), then the app's name, then the agent's. The section, the
# count, the filter and the sort stay.
_DROPPED_IN_TURN: tuple[frozenset[str], ...] = (
    frozenset({"hint", "app", "user"}),
    frozenset({"app", "user"}),
    frozenset({"user"}),
    frozenset(),
)


def _status_text(
    title: str,
    model: QueueModel,
    columns: Sequence[Column],
    matched: str,
    shown: frozenset[str],
    extra: str,
) -> Text:
    rows = model.rows
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    separator = ""
    if "app" in shown:
        text.append(f" {title} ", style="bold")
        separator = "│ "
    if model.user and "user" in shown:
        text.append(separator or " ", style="dim")
        text.append(inert_line(model.user) + " ")
        separator = "│ "
    section = model.active_section
    if section is not None:
        text.append(separator or " ", style="dim")
        text.append(inert_line(section.title) + " ", style="bold")
        separator = "│ "
    text.append(separator or " ", style="dim")
    state = model.list_state(section.key) if section is not None else ListState.LOADING
    if state is ListState.LOADING:
        text.append("loading…")
    elif state is ListState.NOT_LOADED:
        text.append("not loaded")
    else:
        on_show, total = len(rows.view), len(rows.tickets)
        text.append(f"{on_show} of {total}" if on_show != total else tickets(total))
        if state is ListState.REFRESHING:
            text.append("  refreshing…", style="dim")
        elif state is ListState.REFRESH_FAILED:
            text.append("  refresh failed", style="dim")
    if extra:
        text.append("  │ ", style="dim")
        text.append(inert_line(extra), style="bold")
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
    return text
