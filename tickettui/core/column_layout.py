"""How the queue's columns share a terminal's width (UI-free, so it is testable without one).

``width`` of a column is a fixed number of cells (int) or a share of the space left over
(float: the title); ``min_width`` is how far a narrow terminal may squeeze it; ``drop_rank`` > 0
lets a too-narrow terminal drop it (highest rank first). A column with ``fit`` > 0 is as wide
as the longest value it holds in the rows loaded (and its header, or the header's readable
``short_title``), at most ``fit`` cells: ``content_widths`` measures that, ``layout_widths``
shares out the width.

The rules, widest terminal first:

1. Every column at the width it wants, the title at least ``TITLE_COMFORT`` cells: the title
   takes whatever is left, because the title is what an agent reads.
2. Short of that: an optional column (``OPTIONAL_RANK`` and up: category, deadline, created;
   the preview shows them anyway) gives way when keeping it would squeeze the others by at
   least its own width; then every column, the title included, gives up cells in proportion
   to how much it can (its want down to its ``min_width``), so none is cut to a stub while
   another is whole.
3. When even the ``min_width``s do not fit, droppable columns go, highest ``drop_rank`` first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tickettui.core.columns import Column
    from tickettui.core.domain import TicketSummary

__all__ = [
    "GAP",
    "OPTIONAL_RANK",
    "TITLE_COMFORT",
    "content_widths",
    "header_text",
    "layout_widths",
    "text_cells",
]

GAP = 1  # cells between two columns
TITLE_COMFORT = 40  # cells of title a squeeze leaves alone before it takes from the title
OPTIONAL_RANK = 5  # drop_rank from which a column gives way rather than squeeze the others
# Rows measured at most, spread evenly over a longer list: measuring all of 100k tickets cost
# first paint ~65 ms (0.12 -> 0.19 s); statuses, owners and numbers repeat, so a few thousand
# rows find their longest, and a rarer longer value is cut with "…" as any over the cap.
MEASURED_ROWS = 4000


def text_cells(text: str) -> int:
    """Terminal cells ``text`` takes: wide (East Asian) characters two, combining marks none."""
    if text.isascii():
        return len(text)
    cells = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        cells += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return cells


def _longest(values: Iterable[str], cap: int) -> int:
    """Cells of the longest of ``values``, or ``cap`` as soon as one reaches it."""
    longest = 0
    # Distinct values only: a status or an owner repeats on thousands of rows.
    for value in set(values):
        cells = text_cells(value)
        if cells > longest:
            longest = cells
            if longest >= cap:
                return cap
    return longest


def _header_want(column: Column, longest: int) -> int:
    """What a fitted column needs for its header above values ``longest`` cells wide."""
    title = text_cells(column.title)
    if longest >= title:
        return longest
    if column.short_title:  # "Prio" over "Medium", rather than two cells of nothing
        return max(longest, text_cells(column.short_title))
    return title


def content_widths(columns: Sequence[Column], tickets: Sequence[TicketSummary]) -> list[int | None]:
    """The width each fitted column wants for ``tickets`` (capped at its ``fit``), the longest
    title (up to ``TITLE_COMFORT``) for the share columns; None for the other columns.
    A long list is measured on ``MEASURED_ROWS`` of its rows."""
    sample = tickets
    if len(tickets) > MEASURED_ROWS:
        sample = tickets[:: len(tickets) // MEASURED_ROWS + 1]
    wants: list[int | None] = []
    for column in columns:
        if column.fit:
            if column.longest is not None:
                longest = column.longest(tickets)
            else:
                longest = _longest(map(column.text, sample), column.fit)
            wants.append(min(column.fit, _header_want(column, longest)))
        elif isinstance(column.width, float):
            wants.append(_longest(map(column.text, sample), TITLE_COMFORT))
        else:
            wants.append(None)
    return wants


def widen(old: Sequence[int | None], new: Sequence[int | None]) -> list[int | None]:
    """Per column the larger of two measurements (rows patched in widen a column, never
    narrow it: the columns do not jitter under the agent's eyes on every refresh)."""
    return [
        a if b is None else b if a is None else max(a, b) for a, b in zip(old, new, strict=True)
    ]


def header_text(column: Column, width: int) -> str:
    """The header for a column ``width`` cells wide: its title, or its short title when only
    that fits (a cut title would read "Prior…")."""
    short = column.short_title
    if short and text_cells(column.title) > width and text_cells(short) <= width:
        return short
    return column.title


def layout_widths(
    columns: Sequence[Column], total: int, wants: Sequence[int | None] | None = None
) -> list[int]:
    """Cell widths that fit ``total`` (0: the column is dropped), by the rules above.

    ``wants``: from ``content_widths``; without it every column wants its ``width``.
    """
    want, floor = _wants(columns, wants)
    shown = list(range(len(columns)))
    while shown:
        available = total - GAP * (len(shown) - 1)
        if sum(floor[i] for i in shown) > available:
            droppable = [i for i in shown if columns[i].drop_rank > 0]
            if not droppable:
                break  # nothing may go: squeeze to the floors and overflow
            shown.remove(max(droppable, key=lambda i: columns[i].drop_rank))
            continue
        shortage = sum(want[i] for i in shown) - available
        optional = [i for i in shown if columns[i].drop_rank >= OPTIONAL_RANK]
        if optional and shortage > 0:
            first = max(optional, key=lambda i: columns[i].drop_rank)
            if shortage >= want[first] + GAP:
                shown.remove(first)
                continue
        break
    result = [0] * len(columns)
    if not shown:
        return result
    available = total - GAP * (len(shown) - 1)
    widths = _squeeze([want[i] for i in shown], [floor[i] for i in shown], available)
    for index, width in zip(shown, widths, strict=True):
        result[index] = width
    # The share columns (the title) take what the others leave, in proportion to their shares.
    flex = [i for i in shown if isinstance(columns[i].width, float)]
    if flex:
        left = max(0, available - sum(result[i] for i in shown if i not in flex))
        share_total = sum(float(columns[i].width) for i in flex) or 1.0
        given = 0
        for n, i in enumerate(flex):
            share = float(columns[i].width)
            width = left - given if n == len(flex) - 1 else int(left * share / share_total)
            result[i] = max(0, width)
            given += result[i]
    return result


def _wants(
    columns: Sequence[Column], wants: Sequence[int | None] | None
) -> tuple[list[int], list[int]]:
    want: list[int] = []
    floor: list[int] = []
    for n, column in enumerate(columns):
        measured = wants[n] if wants is not None else None
        if isinstance(column.width, float):
            comfort = TITLE_COMFORT if measured is None else min(measured, TITLE_COMFORT)
            want.append(max(column.min_width, comfort))
            floor.append(column.min_width)
        else:
            cells = column.width if measured is None else measured
            want.append(cells)
            floor.append(min(column.min_width, cells))
    return want, floor


def _squeeze(want: list[int], floor: list[int], available: int) -> list[int]:
    """``want`` cut to fit ``available``: each column gives in proportion to what it can give
    (down to its floor); the rounding remainder comes one cell at a time from the roomiest."""
    excess = sum(want) - available
    if excess <= 0:
        return list(want)
    slack = [w - f for w, f in zip(want, floor, strict=True)]
    total_slack = sum(slack)
    if total_slack <= excess:
        return list(floor)
    cuts = [excess * give // total_slack for give in slack]
    while sum(cuts) < excess:
        i = max(range(len(want)), key=lambda j: slack[j] - cuts[j])
        cuts[i] += 1
    return [w - c for w, c in zip(want, cuts, strict=True)]
