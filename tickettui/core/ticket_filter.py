"""The queue's filter: what the agent typed, read as words and field prefixes, matched against
every ticket fast, and where a ticket matched (so the list can show why it is there).

``status:open prio:high owner:me cust:acme`` narrows by those fields; ``#123`` (or ``id:123``)
by the number; a word without a prefix is looked for in every field the filter searches
(number, title, status, priority, category, owner, customer; on Keliweb the internal id too),
case-insensitively, as part of a word. A prefix nobody knows (``http:``) is part of the word.

Built for 100,000 tickets: one haystack per ticket (every searched field, lowercase) answers
plain words; a field's own lowercase values are listed on first use of its prefix (repeated
values stored once), so a prefix costs one substring test per ticket as a word does.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter, itemgetter
from typing import Any

from tickettui.core.domain import TicketSummary
from tickettui.core.safe_text import inert_line

__all__ = [
    "FIELD_PREFIXES",
    "ID",
    "NUMBER",
    "SEARCHED_COLUMNS",
    "FilterIndex",
    "Term",
    "column_words",
    "matched_elsewhere",
    "matched_fields",
    "narrows",
    "parse_filter",
]

NUMBER = "number"  # ``#123``: the number users quote, from its start
ID = "id"  # ``id:123``: the number, or the internal id, from its start
NOTHING = "nothing"  # ``owner:me`` before the agent's name is known: matches no ticket
TEXT_FIELDS = ("title", "status", "priority", "category", "owner", "customer")

# What the agent types before the colon -> the field it narrows.
FIELD_PREFIXES: Mapping[str, str] = {
    "status": "status",
    "prio": "priority",
    "priority": "priority",
    "owner": "owner",
    "cust": "customer",
    "customer": "customer",
    "cat": "category",
    "category": "category",
    "dept": "category",  # Keliweb calls the category column Department
    "department": "category",
    "title": "title",
    "id": ID,
}
# The list's column that shows a field (the internal id has none: the "#" column shows the
# number users quote).
COLUMN_OF: Mapping[str, str] = {NUMBER: "id", **{f: f for f in TEXT_FIELDS}}
SEARCHED_COLUMNS: tuple[str, ...] = ("id", *TEXT_FIELDS)
SEARCH_SAMPLE = 512  # haystacks sampled to order the terms by how much they narrow


@dataclass(frozen=True, slots=True)
class Term:
    """One thing every shown ticket must match: ``word`` (lowercase) in ``field`` (None: any
    searched field); ``exact``: the field is ``word`` itself (``owner:me``)."""

    word: str
    field: str | None = None
    exact: bool = False


def parse_filter(text: str, me: str = "") -> tuple[Term, ...]:
    """The terms of ``text``; ``me``: the signed-in agent's name, for ``owner:me``.

    A prefix with nothing after it yet (``status:``) narrows nothing: the agent is typing.
    """
    terms: list[Term] = []
    for token in text.lower().split():
        if token.startswith("#"):
            if len(token) > 1:
                terms.append(Term(token[1:], NUMBER))
            continue
        name, colon, value = token.partition(":")
        field = FIELD_PREFIXES.get(name) if colon else None
        if field is None:
            terms.append(Term(token))
        elif field == "owner" and value == "me":
            name_of_me = me.strip().lower()
            terms.append(Term(name_of_me, "owner", exact=True) if name_of_me else Term("", NOTHING))
        elif value:
            terms.append(Term(value, field))
    return tuple(dict.fromkeys(terms))


def _implies(new: Term, old: Term) -> bool:
    """Every ticket ``new`` matches, ``old`` matches too."""
    if new.field == NOTHING:
        return True
    if old.field is None:
        # Whatever a term matches holds its word somewhere in the haystack.
        return old.word in new.word
    if old.field != new.field:
        return False
    if new.exact:
        return old.word == new.word if old.exact else old.word in new.word
    if old.exact:
        return False
    if old.field in (NUMBER, ID):
        return new.word.startswith(old.word)
    return old.word in new.word


def narrows(old: Sequence[Term], new: Sequence[Term]) -> bool:
    """True when every ticket ``new`` matches is one ``old`` matched (typing on)."""
    return bool(old) and all(any(_implies(n, o) for n in new) for o in old)


def field_text(ticket: TicketSummary, field: str) -> str:
    if field == NUMBER:
        return ticket.display_number
    if field == ID:
        return str(ticket.id)
    text: str = getattr(ticket, field)
    return text


def matched_fields(ticket: TicketSummary, term: Term) -> list[str]:
    """The fields of ``ticket`` in which ``term`` matched (none: it did not)."""
    word = term.word
    if term.field == NOTHING:
        return []
    if term.field in (NUMBER, ID):
        found = [NUMBER] if ticket.display_number.lower().startswith(word) else []
        if term.field == ID and ticket.number and str(ticket.id).startswith(word):
            found.append(ID)
        return found
    if term.field is not None:
        value = field_text(ticket, term.field).lower()
        return [term.field] if (value == word if term.exact else word in value) else []
    fields = [NUMBER, *TEXT_FIELDS]
    if ticket.number:  # the internal id is searched where it is not the number (Keliweb)
        fields.insert(1, ID)
    return [f for f in fields if word in field_text(ticket, f).lower()]


def matched_elsewhere(
    ticket: TicketSummary, terms: Iterable[Term], shown: Collection[str]
) -> list[tuple[str, str]]:
    """``(field, its text)`` for what made ``ticket`` match but no column on show holds: the
    fields of each term that matched there only (``shown``: the column keys on screen)."""
    found: dict[str, str] = {}
    for term in terms:
        fields = matched_fields(ticket, term)
        if fields and not any(COLUMN_OF.get(field) in shown for field in fields):
            for field in fields:
                found.setdefault(field, field_text(ticket, field))
    return list(found.items())


def column_words(terms: Iterable[Term]) -> dict[str, tuple[str, ...]]:
    """The words to highlight in each column's cells (lowercase, longest first)."""
    words: dict[str, list[str]] = {}
    for term in terms:
        if not term.word or term.field == NOTHING:
            continue
        columns = SEARCHED_COLUMNS if term.field is None else (COLUMN_OF.get(term.field, "id"),)
        for column in columns:
            words.setdefault(column, []).append(term.word)
    return {
        column: tuple(sorted(set(found), key=lambda w: (-len(w), w)))
        for column, found in words.items()
    }


class _Field:
    """One searched field of every row, lowercase: its distinct values, and each row's code.

    A queue repeats its statuses, owners, customers and many titles: each distinct value is
    lowered and kept once, a row holds a small code (a byte while there are at most 256
    values). Where every row differs (``codes`` None), row ``i``'s value is ``values[i]``.
    A word is looked for once per distinct value, then the rows are picked by their codes.
    """

    __slots__ = ("_code_of", "codes", "values")

    def __init__(self, raw: Sequence[str], lower: Callable[[str], str] = str.lower) -> None:
        code_of: dict[str, int] = {}
        codes = [code_of.setdefault(value, len(code_of)) for value in raw]
        self.values: list[str] = list(map(lower, code_of))
        self.codes: bytearray | list[int] | None
        if len(code_of) == len(codes):
            self.codes = None
        elif len(code_of) <= BYTE_CODES:
            self.codes = bytearray(codes)
        else:
            self.codes = codes  # ints the table made once: 8 bytes a row
        self._code_of: dict[str, int] | None = None  # lowercase value -> code, on first update

    def set(self, index: int, value: str) -> None:
        """Row ``index`` (or a new row at the end) now holds ``value`` (lowercase)."""
        codes = self.codes
        if codes is None:
            _put(self.values, index, value)
            return
        if self._code_of is None:
            self._code_of = {v: code for code, v in enumerate(self.values)}
        code = self._code_of.get(value)
        if code is None:
            code = self._code_of[value] = len(self.values)
            self.values.append(value)
        if isinstance(codes, bytearray) and code >= BYTE_CODES:
            self.codes = codes = list(codes)
        _put(codes, index, code)

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

    def test_rows(self, word: str, how: str, rows: Iterable[int]) -> list[int]:
        """The ``rows`` whose value holds ``word``, each tested (for fewer rows than values)."""
        values, codes = self.values, self.codes
        if codes is None:
            if how == CONTAINS:
                return [i for i in rows if word in values[i]]
            if how == EXACT:
                return [i for i in rows if values[i] == word]
            return [i for i in rows if values[i].startswith(word)]
        if how == CONTAINS:
            return [i for i in rows if word in values[codes[i]]]
        if how == EXACT:
            return [i for i in rows if values[codes[i]] == word]
        return [i for i in rows if values[codes[i]].startswith(word)]

    def pick(self, hits: bytes, rows: Iterable[int]) -> list[int]:
        """The ``rows`` whose value is among ``hits``, one by one (for a few rows)."""
        codes = self.codes
        if codes is None:
            return [i for i in rows if hits[i]]
        return [i for i in rows if hits[codes[i]]]


def _put(column: list[Any] | bytearray, index: int, value: Any) -> None:
    if index == len(column):
        column.append(value)
    else:
        column[index] = value


CONTAINS, EXACT, STARTS = "contains", "exact", "starts"
BYTE_CODES = 256  # distinct values a field codes in one byte a row
_ID_CHARS = frozenset("0123456789-")  # all ``str(id)`` can hold
# Where a term can match: a field (None: the id), the word, how it is matched there, and
# whether only rows whose number is their id count (``#`` against the id).
_Place = tuple["_Field | None", str, str, bool]


class FilterIndex:
    """The searched fields of every row, each value lowered and stored once (``_Field``): a
    keystroke tests a word once per distinct value, then picks the rows in C loops.

    A plain word is looked for where the list shows it: the number users quote
    (``display_number``), the internal id where that is not the number (Keliweb), title,
    status, priority, category, owner, customer; in each field on its own, so a word never
    spans two. The ids as text are made on the first word that could be in one (digits).
    At 100k tickets: ~3 MB, where one lowercase haystack a row took 16 MB.
    """

    __slots__ = ("_fields", "_ids", "_number", "_size", "_tickets")

    def __init__(self, tickets: Sequence[TicketSummary]) -> None:
        self._tickets = tickets  # the rows' own list: patched in place, with update() told
        self._size = len(tickets)
        self._fields = {f: _Field(list(map(attrgetter(f), tickets))) for f in TEXT_FIELDS}
        # The number users quote where the system has one ("" where that is the id).
        self._number = _Field(list(map(attrgetter("number"), tickets)), _number_text)
        self._ids: _IdText | None = None  # made on the first word that could be in an id

    def __len__(self) -> int:
        return self._size

    def update(self, index: int, ticket: TicketSummary) -> None:
        for name, field in self._fields.items():
            field.set(index, getattr(ticket, name).lower())
        self._number.set(index, _number_text(ticket.number))
        self._ids = None  # made again when next needed (a live tick patches a few rows)
        self._size = max(self._size, index + 1)

    def matches(self, index: int, terms: Sequence[Term]) -> bool:
        return all(self._apply(term, (index,)) for term in terms)

    def search(self, terms: Sequence[Term], within: Iterable[int] | None = None) -> list[int]:
        """Indices (in ``within`` order, default all) that match every term."""
        rows = range(self._size) if within is None else within
        return list(self.matching(terms, rows if isinstance(rows, Sequence) else list(rows)))

    def matching(self, terms: Sequence[Term], rows: Sequence[int]) -> array[int]:
        """The ``rows`` (in their order) that match every term, as an array: 4 bytes a row and
        no int objects, for a view kept while the filter is on show."""
        natural = rows == range(self._size)  # every row in order: a mask picks them in C
        for term in self._rarest_first(terms):
            rows = self._apply(term, rows, natural=natural and len(rows) == self._size)
        return rows if isinstance(rows, array) else array("i", rows)

    # --- internals -----------------------------------------------------------------------

    def _id_text(self) -> _IdText:
        if self._ids is None:
            self._ids = _IdText(map(attrgetter("id"), self._tickets))
        return self._ids

    def _places(self, term: Term) -> list[_Place]:
        """Where ``term`` can match; a row matches when it matches in any of these."""
        word, field = term.word, term.field
        if field == NOTHING:
            return []
        if field is not None and field not in (NUMBER, ID):
            return [(self._fields[field], word, EXACT if term.exact else CONTAINS, False)]
        idlike = _ID_CHARS.issuperset(word)
        if field is None:
            places: list[_Place] = [(f, word, CONTAINS, False) for f in self._fields.values()]
            places.append((self._number, word, CONTAINS, False))
            if idlike:  # the id: the number where there is none, else searched beside it
                places.append((None, word, CONTAINS, False))
            return places
        places = [(self._number, word, STARTS, False)]
        if idlike:
            # ``#``: the id where it is the number; ``id:``: the id of every row as well.
            places.append((None, word, STARTS, field == NUMBER))
        return places

    def _apply(self, term: Term, rows: Sequence[int], *, natural: bool = False) -> Sequence[int]:
        """The ``rows`` (in their order) that match ``term`` in any of its places: each place
        tests only the rows no place before it matched (most words match in the title)."""
        places = self._places(term)
        if len(rows) * 2 >= self._size and places:
            return self._masked(places, rows, natural)
        if len(places) == 1:
            return self._pick(places[0], rows)
        left: Sequence[int] = rows
        for place in places:
            got = self._pick(place, left)
            if len(got) == len(left):
                return rows  # every row left matched here
            if got:
                found = set(got)
                left = [i for i in left if i not in found]
        if len(left) == len(rows):
            return []
        rest = set(left)
        return [i for i in rows if i not in rest]

    def _masked(
        self, places: Sequence[_Place], rows: Sequence[int], natural: bool
    ) -> Sequence[int]:
        """Most rows: one byte a row for each place (C loops), OR-ed, then one pick."""
        combined = 0
        for place in places:
            combined |= self._mask(place)
        if not combined:
            return []
        mask = combined.to_bytes(self._size)
        if natural:
            return array("i", compress(rows, mask))
        return [i for i in rows if mask[i]]

    def _mask(self, place: _Place) -> int:
        """One byte a row, as a big integer: 1 where the row matches in ``place``."""
        field, word, how, numberless = place
        if field is None:
            mask = int.from_bytes(self._id_text().row_mask(word, how, self._size))
        else:
            hits = field.hits(word, how)
            if hits is None:
                return 0
            mask = int.from_bytes(field.row_mask(hits))
        if numberless and mask:
            empty = self._number.hits("", EXACT)
            mask &= 0 if empty is None else int.from_bytes(self._number.row_mask(empty))
        return mask

    def _pick(self, place: _Place, rows: Sequence[int]) -> list[int]:
        """The ``rows`` that match in one place: each row's value tested, or (fewer values
        than rows) each value once and the rows picked by their codes."""
        field, word, how, numberless = place
        if not rows:
            return []
        if field is None:
            picked = self._id_rows(word, how, rows)
        elif len(rows) < len(field.values):
            picked = field.test_rows(word, how, rows)
        else:
            hits = field.hits(word, how)
            picked = [] if hits is None else field.pick(hits, rows)
        if numberless and picked:
            picked = self._number.test_rows("", EXACT, picked)
        return picked

    def _id_rows(self, word: str, how: str, rows: Sequence[int]) -> list[int]:
        """The ``rows`` whose id holds (or, STARTS, starts with) ``word``."""
        if len(rows) * 8 < self._size:  # a few rows: their ids as text, one by one
            tickets = self._tickets
            if how == STARTS:
                return [i for i in rows if str(tickets[i].id).startswith(word)]
            return [i for i in rows if word in str(tickets[i].id)]
        mask = self._id_text().row_mask(word, how, self._size)
        return [i for i in rows if mask[i]]

    def _rarest_first(self, terms: Sequence[Term]) -> list[Term]:
        """Distinct terms, none implied by another, ordered by hits in a small sample.

        Longest-first guessed wrong on words every ticket holds ("customer 12"): a sample of
        ~500 tickets tells which term narrows most for the price of a few hundred tests.
        """
        unique = list(dict.fromkeys(terms))
        unique = [t for t in unique if not any(o != t and _implies(o, t) for o in unique)]
        if len(unique) < 2:
            return unique
        count = self._size
        sample = range(0, count, max(1, count // SEARCH_SAMPLE))
        return sorted(unique, key=lambda t: (len(self._apply(t, sample)), -len(t.word)))


def _number_text(number: str) -> str:
    return inert_line(number).lower() if number else ""


class _IdText:
    """Every row's id as text, in one string: each id ``"\n"``-padded to one width, so row
    ``i`` starts at ``i * width`` and no word (words hold no newline) spans two ids.

    100k ids are ~0.8 MB this way, a string per id ~5.6 MB. A word is found by the regex
    engine; only rows holding it cost a step in Python.
    """

    __slots__ = ("_text", "_width")

    def __init__(self, ids: Iterable[int]) -> None:
        texts = list(map(str, ids))
        self._width = width = max(map(len, texts), default=0) + 1
        self._text = "".join(text.ljust(width, "\n") for text in texts)

    def row_mask(self, word: str, how: str, size: int) -> bytes:
        """One byte a row: 1 where the id holds ``word`` (STARTS: starts with it)."""
        mask = bytearray(size)
        pattern = ("(?m)^" if how == STARTS else "") + re.escape(word)
        width = self._width
        for found in re.finditer(pattern, self._text):
            mask[found.start() // width] = 1
        return bytes(mask)
