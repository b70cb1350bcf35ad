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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from tickettui.core.columns import haystack
from tickettui.core.domain import TicketSummary

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


class FilterIndex:
    """Per-ticket haystacks built once, and each prefixed field's values listed on first use,
    so each keystroke is one substring test per ticket and term."""

    __slots__ = ("_fields", "_haystacks", "_tickets")

    def __init__(self, tickets: Sequence[TicketSummary]) -> None:
        self._tickets = tickets  # the rows' own list: patched in place, with update() told
        self._haystacks = [haystack(ticket) for ticket in tickets]
        self._fields: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self._haystacks)

    def update(self, index: int, ticket: TicketSummary) -> None:
        values = [(self._haystacks, haystack(ticket))]
        values += [(column, self._value(ticket, f)) for f, column in self._fields.items()]
        for column, value in values:
            if index == len(column):
                column.append(value)
            else:
                column[index] = value

    def matches(self, index: int, terms: Sequence[Term]) -> bool:
        return all(self._test(term, index) for term in terms)

    def search(self, terms: Sequence[Term], within: Iterable[int] | None = None) -> list[int]:
        """Indices (in ``within`` order, default all) that match every term."""
        rows: Iterable[int] = range(len(self._haystacks)) if within is None else within
        ordered = self._rarest_first(terms)
        if not ordered:
            return list(rows)
        first = ordered[0]
        if len(ordered) > 1 and first.field is None and ordered[1].field is None:
            # Two words in one pass: most rows fail the first test, so the second costs
            # little and no intermediate 100k-row list is built.
            hay, one, two = self._haystacks, first.word, ordered[1].word
            result = [i for i in rows if one in hay[i] and two in hay[i]]
            ordered = ordered[1:]
        else:
            result = self._apply(first, rows)
        for term in ordered[1:]:
            result = self._apply(term, result)
        return result

    # --- internals -----------------------------------------------------------------------

    def _value(self, ticket: TicketSummary, field: str) -> str:
        return field_text(ticket, field).lower()

    def _field(self, field: str) -> list[str]:
        """``field``'s lowercase value of every ticket, listed on first use of its prefix (in
        C loops: ~10 ms for 100k titles); repeated values (statuses...) are stored once."""
        values = self._fields.get(field)
        if values is None:
            if field == ID:
                values = list(map(str, map(attrgetter("id"), self._tickets)))
            else:
                raw: list[str] = list(map(attrgetter(field), self._tickets))
                if field == "title":  # nearly all different: lowering each is cheapest
                    values = list(map(str.lower, raw))
                else:
                    lowered = {value: value.lower() for value in set(raw)}
                    values = list(map(lowered.__getitem__, raw))
            self._fields[field] = values
        return values

    def _apply(self, term: Term, rows: Iterable[int]) -> list[int]:
        word, field, hay = term.word, term.field, self._haystacks
        if field is None:
            return [i for i in rows if word in hay[i]]
        if field == NOTHING:
            return []
        if field in (NUMBER, ID):
            start = "#" + word
            if field == NUMBER:
                return [i for i in rows if hay[i].startswith(start)]
            ids = self._field(ID)
            return [i for i in rows if hay[i].startswith(start) or ids[i].startswith(word)]
        values = self._field(field)
        if term.exact:
            return [i for i in rows if values[i] == word]
        return [i for i in rows if word in values[i]]

    def _test(self, term: Term, index: int) -> bool:
        return bool(self._apply(term, (index,)))

    def _rarest_first(self, terms: Sequence[Term]) -> list[Term]:
        """Distinct terms, none implied by another, ordered by hits in a small sample.

        Longest-first guessed wrong on words every ticket holds ("customer 12"): a sample of
        ~500 tickets tells which term narrows most for the price of a few hundred tests.
        """
        unique = list(dict.fromkeys(terms))
        unique = [t for t in unique if not any(o != t and _implies(o, t) for o in unique)]
        if len(unique) < 2:
            return unique
        count = len(self._haystacks)
        sample = range(0, count, max(1, count // SEARCH_SAMPLE))
        return sorted(unique, key=lambda t: (len(self._apply(t, sample)), -len(t.word)))
