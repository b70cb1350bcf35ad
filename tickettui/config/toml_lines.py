"""Which line of a TOML text holds a key, so a validation error can point at it.

A light scan, not a parser: it follows ``[table]`` and ``[[array]]`` headers and ``key = value``
lines (dotted keys included), which is all config.toml uses. Unknown shapes fall back to the
nearest enclosing table, or to no line at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)(?:\s*\.\s*(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+))*)\s*="""
)
_PART = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*""")


def _parts(dotted: str) -> list[str]:
    return [m.group(1).strip("\"'") for m in _PART.finditer(dotted) if m.group(1)]


def key_paths(text: str) -> list[tuple[Path, int]]:
    """Every table header and key in ``text`` as (path, 1-based line number), in order."""
    found: list[tuple[Path, int]] = []
    table: Path = ()
    array_counts: dict[Path, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(_parts(header.group(2)))
            if header.group(1) == "[[":
                # The n-th [[a.b]] is element n of the list a.b.
                index = array_counts.get(names, 0)
                array_counts[names] = index + 1
                table = (*names, index)
            else:
                table = names
            found.append((table, number))
            continue
        key = _KEY.match(line)
        if key:
            found.append(((*table, *_parts(key.group(1))), number))
    return found


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The line where ``path`` (or its longest present prefix) is written; None if nowhere."""
    wanted = tuple(path)
    entries = key_paths(text)
    for length in range(len(wanted), 0, -1):
        prefix = wanted[:length]
        for found, number in entries:
            if found == prefix:
                return number
    return None
