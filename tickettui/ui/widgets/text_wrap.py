"""Word wrapping by terminal cells, fast enough for a 1 MB message body.

Rich's own wrapping builds a ``Text`` per line; for the thread we only need the line breaks,
so plain strings go in and plain strings come out. Wide (CJK, emoji) characters count as two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.cells import cell_len, get_character_cell_size

_WORDS = re.compile(r"\S+\s*|\s+")


def _fold(word: str, width: int) -> list[str]:
    """Cut one over-long word into pieces of at most ``width`` cells."""
    if word.isascii():
        return [word[i : i + width] for i in range(0, len(word), width)]
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    for char in word:
        size = get_character_cell_size(char)
        if used + size > width and current:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += size
    if current:
        pieces.append("".join(current))
    return pieces


def wrap_line(line: str, width: int) -> list[str]:
    """One logical line (no newlines) as display lines of at most ``width`` cells."""
    width = max(width, 1)
    if len(line) <= width and (line.isascii() or cell_len(line) <= width):
        return [line]
    out: list[str] = []
    current = ""
    used = 0
    for word in _WORDS.findall(line):
        size = len(word) if word.isascii() else cell_len(word)
        if used + size <= width:
            current += word
            used += size
            continue
        bare = word.rstrip()
        bare_size = len(bare) if bare.isascii() else cell_len(bare)
        if used + bare_size <= width:
            # The word fits once its trailing spaces go: they would only pad the line end.
            out.append(current + bare)
            current, used = "", 0
            continue
        if current:
            out.append(current.rstrip())
            current, used = "", 0
        if bare_size <= width:
            current, used = word, size
            if size > width:
                current, used = bare, bare_size
            continue
        *full, rest = _fold(bare, width)
        out.extend(full)
        spaces = word[len(bare) :]
        current, used = rest + spaces, cell_len(rest) + len(spaces)
    if current or not out:
        out.append(current.rstrip() if out else current)
    return out


def wrap_text(text: str, width: int, tab_size: int = 4) -> list[str]:
    """Every line of ``text`` wrapped; tabs become spaces so cell widths stay exact."""
    if "\t" in text:
        text = text.expandtabs(tab_size)
    lines: list[str] = []
    for line in text.split("\n"):
        lines.extend(wrap_line(line, width))
    return lines


def pack(sizes: Sequence[int], width: int, gap: int = 2) -> list[list[int]]:
    """Greedy filling of lines with items of the given cell sizes, ``gap`` cells apart.

    Returns the item indexes of each line; an item wider than the line gets a line of its own.
    """
    lines: list[list[int]] = []
    current: list[int] = []
    used = 0
    for index, size in enumerate(sizes):
        needed = size if not current else used + gap + size
        if current and needed > width:
            lines.append(current)
            current, used = [index], size
        else:
            current.append(index)
            used = needed
    if current:
        lines.append(current)
    return lines
