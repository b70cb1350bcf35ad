"""Why a row is in the filtered list: the text the filter matched, marked in the row's cells.

The painter (``ticket_list_paint``) draws a row; ``mark_matches`` then restyles the matched
stretches of each cell with the list's ``ticket-list--match`` component style (bold and
underlined: it survives NO_COLOR, which drops colours only). Only rows on screen are painted,
and the list caches the result, so this costs nothing per keystroke beyond the visible rows.
Words are looked for in the cell as shown (cut to its width, made inert), case-insensitively.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tickettui.core.columns import GAP, Column
from tickettui.ui.widgets.ticket_list_paint import TICKET_LIST_CLASSES, TICKET_LIST_CSS

__all__ = ["LIST_CLASSES", "LIST_CSS", "MATCH_CLASS", "mark_matches", "match_spans"]

MATCH_CLASS = "ticket-list--match"
# The list's component classes and CSS: the painter's, and the style of matched text.
LIST_CLASSES: frozenset[str] = TICKET_LIST_CLASSES | {MATCH_CLASS}
LIST_CSS = (
    TICKET_LIST_CSS
    + """
TicketList > .ticket-list--match { text-style: bold underline; }
"""
)


def _find(lowered: str, words: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for word in words:
        if not word:
            continue
        at = lowered.find(word, start, end)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = lowered.find(word, at + len(word), end)
    return spans


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where ``words`` (lowercase) occur in ``text``, as merged ``(start, end)`` character
    spans; none when lowercasing changes the text's length (offsets would not line up)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return []
    return _merged(_find(lowered, words, 0, len(text)))


def _restyled(strip: Strip, spans: Sequence[tuple[int, int]], style: Style) -> Strip:
    """``strip`` with the character ``spans`` (one character per cell) in ``style`` too."""
    segments: list[Segment] = []
    add = segments.append
    marks = iter(spans)
    mark = next(marks, None)
    at = 0
    for text, old, control in strip:
        end = at + len(text)
        cut = 0  # into text
        while mark is not None and mark[0] < end:
            start, stop = max(mark[0], at), min(mark[1], end)
            if start - at > cut:
                add(Segment(text[cut : start - at], old, control))
            add(Segment(text[start - at : stop - at], (old + style) if old else style, control))
            cut = stop - at
            if mark[1] > end:
                break  # the mark goes on in the next segment
            mark = next(marks, None)
        if cut < len(text):
            add(Segment(text[cut:], old, control))
        at = end
    return Strip(segments, strip.cell_length)


def mark_matches(
    strip: Strip,
    columns: Sequence[Column],
    widths: Sequence[int],
    words: Mapping[str, Sequence[str]],
    style: Style,
) -> Strip:
    """``strip`` (a painted row, cells laid out by ``widths``) with the ``words`` of each column
    (by column key) marked in ``style``."""
    if not words:
        return strip
    text = strip.text
    lowered = text.lower()
    if len(lowered) != len(text) or cell_len(text) != len(text):
        return _mark_cells(strip, columns, widths, words, style)  # wide or odd characters
    spans: list[tuple[int, int]] = []
    left = 0
    for column, width in zip(columns, widths, strict=False):
        if width:
            found = words.get(column.key)
            if found:
                spans += _find(lowered, found, left, left + width)
            left += width + GAP
    return _restyled(strip, _merged(spans), style) if spans else strip


def _styled(strip: Strip, style: Style) -> Strip:
    return Strip(
        [Segment(text, (old + style) if old else style, control) for text, old, control in strip]
    )


def _mark_cells(
    strip: Strip,
    columns: Sequence[Column],
    widths: Sequence[int],
    words: Mapping[str, Sequence[str]],
    style: Style,
) -> Strip:
    """``mark_matches`` for a row whose characters are not one cell each: cell by cell."""
    cuts: list[tuple[int, int]] = []  # cell positions in the row
    left = 0
    for column, width in zip(columns, widths, strict=False):
        if not width:
            continue
        found = words.get(column.key)
        if found:
            cell = strip.crop(left, left + width).text
            for start, end in match_spans(cell, found):
                cuts.append((left + cell_len(cell[:start]), left + cell_len(cell[:end])))
        left += width + GAP
    if not cuts:
        return strip
    pieces: list[Strip] = []
    at = 0
    for start, end in cuts:
        pieces.append(strip.crop(at, start))
        pieces.append(_styled(strip.crop(start, end), style))
        at = end
    pieces.append(strip.crop(at))
    return Strip.join(pieces)
