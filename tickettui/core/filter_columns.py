"""What the queue filter's index stores, column by column, for 100,000 tickets in a few MB.

A queue repeats its statuses, priorities, categories, owners, customers and many titles. Each
searched field keeps its distinct lowercase values once and a code per row (``Field``); the
four with fewest values are searched as one (``Either``); the ids are one string
(``IdText``). A word is tested once per distinct value; the rows are then picked by their
codes in C loops (``bytes.translate``, ``itemgetter``) or, for a few rows, one by one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from itertools import count
from operator import itemgetter
from typing import Any

CONTAINS, EXACT, STARTS = "contains", "exact", "starts"
BYTE_CODES = 256  # distinct values a column codes in one byte a row
SAMPLE = 4096  # values sampled to tell a column of repeats from one of (nearly) all different
MOSTLY_DIFFERENT = 0.95  # share of different values in the sample that makes it the latter


class Field:
    """One searched field of every row, lowercase: ``values`` and each row's code in
    ``codes`` (a byte while there are at most 256 values, an int beyond); ``codes`` None:
    row ``i``'s value is ``values[i]`` (titles, where nearly every row differs)."""

    __slots__ = ("_code_of", "codes", "values")

    def __init__(
        self, rows: Sequence[Any], value: Callable[[Any], str], lower: Callable[[str], str]
    ) -> None:
        """``value(row)`` of every row, lowered by ``lower``; one pass over the rows, in C."""
        self.codes: bytearray | list[int] | None = None
        self._code_of: dict[str, int] | None = None  # lowercase value -> code, on first set
        sample = list(map(value, rows[:: max(1, len(rows) // SAMPLE)]))
        if len(sample) > 1 and len(set(sample)) >= len(sample) * MOSTLY_DIFFERENT:
            self.values: list[str] = list(map(lower, map(value, rows)))  # a value a row
            return
        # Each new value takes the next code as it is first seen (the dict's order).
        code_of: defaultdict[str, int] = defaultdict(count().__next__)
        codes = list(map(code_of.__getitem__, map(value, rows)))
        self.values = list(map(lower, code_of))
        self.codes = bytearray(codes) if len(code_of) <= BYTE_CODES else codes

    def set(self, index: int, value: str) -> None:
        """Row ``index`` (or a new row at the end) now holds ``value`` (lowercase)."""
        codes = self.codes
        if codes is None:
            put(self.values, index, value)
            return
        if self._code_of is None:
            self._code_of = {v: code for code, v in enumerate(self.values)}
        code = self._code_of.get(value)
        if code is None:
            code = self._code_of[value] = len(self.values)
            self.values.append(value)
        if isinstance(codes, bytearray) and code >= BYTE_CODES:
            self.codes = codes = list(codes)
        put(codes, index, code)

    def hits(self, word: str, how: str) -> bytes | None:
        """One byte per value, 1 where it holds ``word`` (``how``: CONTAINS, EXACT or STARTS);
        None when none does."""
        values = self.values
        if how == CONTAINS:
            found = bytes([word in value for value in values])
        elif how == EXACT:
            found = bytes([value == word for value in values])
        else:
            found = bytes([value.startswith(word) for value in values])
        return found if 1 in found else None

    def row_mask(self, hits: bytes) -> bytes:
        """One byte per row: 1 where the row's value is among ``hits`` (C loops)."""
        codes = self.codes
        if codes is None:
            return hits
        if isinstance(codes, bytearray):
            return bytes(codes.translate(hits.ljust(BYTE_CODES, b"\0")))
        if len(codes) < 2:  # itemgetter of one index gives the item, not a tuple
            return bytes(hits[code] for code in codes)
        return bytes(itemgetter(*codes)(hits))  # ~2 ms for 100k rows

    def mask(self, word: str, how: str) -> int:
        """One byte a row, as a big integer: 1 where the row's value holds ``word``."""
        hits = self.hits(word, how)
        return 0 if hits is None else int.from_bytes(self.row_mask(hits))

    def flags(self, word: str, how: str, rows: Sequence[int]) -> list[Any] | None:
        """For each of ``rows``, whether its value holds ``word`` (truthy); None: no value
        does. Fewer rows than values: each row's value is tested; else each value once."""
        values, codes = self.values, self.codes
        if len(rows) >= len(values):
            return self.flags_of(self.hits(word, how), rows)
        if codes is None:
            if how == CONTAINS:
                return [word in values[i] for i in rows]
            if how == EXACT:
                return [values[i] == word for i in rows]
            return [values[i].startswith(word) for i in rows]
        if how == CONTAINS:
            return [word in values[codes[i]] for i in rows]
        if how == EXACT:
            return [values[codes[i]] == word for i in rows]
        return [values[codes[i]].startswith(word) for i in rows]

    def flags_of(self, hits: bytes | None, rows: Sequence[int]) -> list[int] | None:
        codes = self.codes
        if hits is None:
            return None
        if codes is None:
            return [hits[i] for i in rows]
        return [hits[codes[i]] for i in rows]


class Either:
    """Several fields searched as one (status, priority, category, owner): a row holds a word
    when any of them does. Their few values make each one's row mask a C loop
    (``bytes.translate``), so one look a row answers all of them."""

    __slots__ = ("_members", "_size")

    def __init__(self, members: Sequence[Field], size: int) -> None:
        self._members = members
        self._size = size

    def mask(self, word: str, how: str) -> int:
        """One byte a row, as a big integer: 1 where any member holds ``word``."""
        either = 0
        for member in self._members:
            either |= member.mask(word, how)
        return either

    def flags(self, word: str, how: str, rows: Sequence[int]) -> list[int] | None:
        either = self.mask(word, how)
        if not either:
            return None
        mask = either.to_bytes(self._size)
        return [mask[i] for i in rows]


def put(column: list[Any] | bytearray, index: int, value: Any) -> None:
    if index == len(column):
        column.append(value)
    else:
        column[index] = value


class IdText:
    """Every row's id as text, in one string: each id space-padded to one width and ended by a
    newline, so row ``i`` starts at ``i * width`` and no word (words hold no whitespace)
    spans two ids.

    100k ids are ~0.7 MB this way (a string per id: ~5.6 MB), made in one C call (~8 ms). A
    word is found by the regex engine; only rows holding it cost a step in Python.
    """

    __slots__ = ("_text", "_width")

    def __init__(self, ids: Iterable[int]) -> None:
        numbers = tuple(ids)
        ends = (min(numbers, default=0), max(numbers, default=0))
        digits = max(len(str(end)) for end in ends)
        self._width = digits + 1
        self._text = (f"%-{digits}d\n" * len(numbers)) % numbers

    def row_mask(self, word: str, how: str, size: int) -> bytes:
        """One byte a row: 1 where the id holds ``word`` (STARTS: starts with it)."""
        mask = bytearray(size)
        width = self._width
        for found in re.finditer(re.escape(word), self._text):
            row, at = divmod(found.start(), width)
            if at == 0 or how != STARTS:  # the leftmost match in an id: at its start if any
                mask[row] = 1
        return bytes(mask)
