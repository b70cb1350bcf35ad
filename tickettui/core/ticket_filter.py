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

from array import array
from collections.abc import Collection, Iterable, Mapping, Sequence
from itertools import compress
from operator import and_, attrgetter, not_
from typing import Any, NamedTuple

from tickettui.core.domain import TicketSummary
from tickettui.core.filter_columns import CONTAINS, EXACT, STARTS, Either, Field, IdText
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


class Term(NamedTuple):
    """One thing every shown ticket must match: ``word`` (lowercase) in ``field`` (None: any
    searched field); ``exact``: the field is ``word`` itself (``owner:me``). (Immutable and
    compared by value; a NamedTuple, not a dataclass: ~0.1 ms to define against ~0.5 ms, and
    this module loads before the first frame.)"""

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


# Where a term can match: a field (None: the id), the word, how it is matched there, and
# whether only rows whose number is their id count (``#`` against the id).
_Place = tuple[Field | Either | None, str, str, bool]
_ID_CHARS = frozenset("0123456789-")  # all ``str(id)`` can hold
GROUPED = ("status", "priority", "category", "owner")  # few values each: searched as one


class FilterIndex:
    """The searched fields of every row, each value lowered and stored once (``Field``): a
    keystroke tests a word once per distinct value, then picks the rows in C loops.

    A plain word is looked for where the list shows it: the number users quote
    (``display_number``), the internal id where that is not the number (Keliweb), title,
    status, priority, category, owner, customer; in each field on its own, so a word never
    spans two. The ids as text are one string (``IdText``), made again after a patch when
    next needed. At 100k tickets: ~4 MB, where one lowercase haystack a row took 16 MB.
    """

    __slots__ = ("_fields", "_ids", "_number", "_size", "_tickets")

    def __init__(self, tickets: Sequence[TicketSummary]) -> None:
        self._tickets = tickets  # the rows' own list: patched in place, with update() told
        self._size = len(tickets)
        self._fields = {f: Field(tickets, attrgetter(f), str.lower) for f in TEXT_FIELDS}
        # The number users quote where the system has one ("" where that is the id).
        self._number = Field(tickets, attrgetter("number"), _number_text)
        # Made apart (~8 ms at 100k, a fifth of the index): the list asks for it when the app
        # is idle after its first paint (prepare_ids), else the first digit typed makes it.
        self._ids: IdText | None = None

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

    def prepare_ids(self) -> None:
        """Make the ids' text now, at an idle moment, so the first digit typed need not."""
        self._id_text()

    def _id_text(self) -> IdText:
        if self._ids is None:  # patched since: made again
            self._ids = IdText(map(attrgetter("id"), self._tickets))
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
            # The fields of few values as one: one look a row for all four.
            fields = self._fields
            either = Either([fields[name] for name in GROUPED], self._size)
            searched = (fields["title"], either, fields["customer"], self._number)
            places: list[_Place] = [(f, word, CONTAINS, False) for f in searched]
            if idlike:  # the id: the number where there is none, else searched beside it
                places.append((None, word, CONTAINS, False))
            return places
        places = [(self._number, word, STARTS, False)]
        if idlike:
            # ``#``: the id where it is the number; ``id:``: the id of every row as well.
            places.append((None, word, STARTS, field == NUMBER))
        return places

    def _apply(self, term: Term, rows: Sequence[int], *, natural: bool = False) -> Sequence[int]:
        """The ``rows`` (in their order) that match ``term`` in any of its places.

        Few rows (typing on): each place tests only the rows no place before it matched
        (most words match in the title, so the others see few). Most rows: each place is a
        whole mask made in C loops, OR-ed, and the rows picked once (``natural``: ``rows`` is
        every row in order, so in a C loop too).
        """
        places = self._places(term)
        if len(rows) * 2 < self._size:
            return self._one_by_one(places, rows)
        combined = 0
        for place in places:
            combined |= self._mask(place)
        if not combined:
            return []
        mask = combined.to_bytes(self._size)
        if natural:
            return array("i", compress(rows, mask))
        return [i for i in rows if mask[i]]

    def _one_by_one(self, places: Sequence[_Place], rows: Sequence[int]) -> Sequence[int]:
        left: Sequence[int] = rows
        for place in places:
            flags = self._flags(place, left)
            if flags is None or not any(flags):
                continue
            left = list(compress(left, map(not_, flags)))
            if not left:
                return rows  # every row matched somewhere
        if len(left) == len(rows):
            return []
        rest = set(left)
        return [i for i in rows if i not in rest]

    def _mask(self, place: _Place) -> int:
        """One byte a row, as a big integer: 1 where the row matches in ``place``."""
        field, word, how, numberless = place
        if field is None:
            mask = int.from_bytes(self._id_text().row_mask(word, how, self._size))
        else:
            mask = field.mask(word, how)
        if numberless and mask:
            empty = self._number.hits("", EXACT)
            mask &= 0 if empty is None else int.from_bytes(self._number.row_mask(empty))
        return mask

    def _flags(self, place: _Place, rows: Sequence[int]) -> list[Any] | None:
        """For each of ``rows``, whether it matches in ``place``; None: no row can."""
        field, word, how, numberless = place
        flags: list[Any] | None = (
            self._id_flags(word, how, rows) if field is None else field.flags(word, how, rows)
        )
        if numberless and flags is not None:
            empty = self._number.flags("", EXACT, rows)
            flags = None if empty is None else list(map(and_, flags, empty))
        return flags

    def _id_flags(self, word: str, how: str, rows: Sequence[int]) -> list[Any]:
        """For each of ``rows``, whether its id holds (STARTS: starts with) ``word``."""
        if len(rows) * 8 < self._size:  # a few rows: their ids as text, one by one
            tickets = self._tickets
            if how == STARTS:
                return [str(tickets[i].id).startswith(word) for i in rows]
            return [word in str(tickets[i].id) for i in rows]
        mask = self._id_text().row_mask(word, how, self._size)
        return [mask[i] for i in rows]

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
