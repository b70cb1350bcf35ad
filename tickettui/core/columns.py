"""The queue's columns: what each shows, how it sorts, how wide it is; plus as-you-type filtering.

UI-free on purpose: the list widget asks this module for cell text, sort orders and widths, so all
of it is testable without a terminal. Cell text here is raw; the widget makes it inert.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from operator import attrgetter
from typing import Any, Literal

from tickettui.core.column_keys import (
    PRIORITY_GLYPHS,
    date_key,
    number_key,
    priority_emphasis,
    priority_key,
    read_key,
    status_key,
    text_key,
)
from tickettui.core.column_layout import GAP, layout_widths
from tickettui.core.domain import Capabilities, ReadStatus, StatusKind, TicketSummary
from tickettui.core.zones import as_aware, shown

__all__ = [  # GAP and layout_widths live in column_layout; the list widget imports them here
    "COLUMNS",
    "DEFAULT_COLUMNS",
    "GAP",
    "READ_GLYPHS",
    "Column",
    "FilterIndex",
    "build_registry",
    "filter_tickets",
    "filter_words",
    "format_when",
    "haystack",
    "insert_sorted",
    "is_overdue",
    "layout_widths",
    "narrows",
    "resolve_columns",
    "sort_indices",
    "sort_keys",
    "sort_tickets",
]

Align = Literal["left", "right", "center"]
Clock = Callable[[], datetime]


READ_GLYPHS: Mapping[ReadStatus, str] = {
    # Distinct shapes, so the state survives NO_COLOR and colour blindness.
    ReadStatus.UNREAD: "●",
    ReadStatus.NEW_INFO: "◐",
    ReadStatus.READ: "○",
    ReadStatus.UNKNOWN: " ",
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Column:
    """One queue column.

    ``width`` is a fixed number of cells (int) or a share of the space left over (float).
    ``min_width`` is how far a narrow terminal may squeeze it; ``drop_rank`` > 0 lets a
    too-narrow terminal drop it (highest rank first). ``fit`` > 0: as wide as its longest
    value in the rows loaded, at most ``fit`` cells (``width`` until measured);
    ``short_title``: the header where the title is wider than the values ("Prio").
    ``sort_key`` returning None sorts last in either direction. (``core/column_layout``.)
    """

    key: str
    title: str
    width: int | float
    align: Align
    text: Callable[[TicketSummary], str]
    sort_key: Callable[[TicketSummary], Any]
    min_width: int = 1
    drop_rank: int = 0
    fit: int = 0
    short_title: str = ""
    # The cells of its longest value over all rows, where that is cheaper than a sample.
    longest: Callable[[Sequence[TicketSummary]], int] | None = None


def format_when(moment: datetime | None, now: datetime) -> str:
    """Compact date: "14:05" today, "Nov 20" this year, "2025-03-02" otherwise."""
    if moment is None:
        return ""
    # In the display zone (the agent's, by default); a naive time is taken as already in it.
    local, today = shown(moment), shown(as_aware(now))
    if local.date() == today.date():
        return f"{local.hour:02d}:{local.minute:02d}"
    if local.year == today.year:
        return f"{_MONTHS[local.month - 1]} {local.day:2d}"
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d}"


def is_overdue(ticket: TicketSummary, now: datetime) -> bool:
    """A deadline in the past on a ticket that is not closed."""
    deadline = ticket.deadline
    if deadline is None or ticket.status_kind is StatusKind.CLOSED:
        return False
    return deadline.timestamp() < now.timestamp()


def _date_column(
    key: str,
    title: str,
    get: Callable[[TicketSummary], datetime | None],
    now: Clock,
    drop_rank: int,
) -> Column:
    return Column(
        key,
        title,
        10,
        "left",
        text=lambda t: format_when(get(t), now()),
        sort_key=lambda t: date_key(get(t)),
        min_width=10,
        drop_rank=drop_rank,
    )


def _text_column(
    key: str,
    title: str,
    width: int | float,
    min_width: int,
    drop_rank: int = 0,
    *,
    fit: int = 0,
    short_title: str = "",
    sort_key: Callable[[TicketSummary], Any] | None = None,
    text: Callable[[TicketSummary], str] | None = None,
) -> Column:
    """A column of text; it sorts as text unless ``sort_key`` says what its values mean."""
    get = attrgetter(key)
    return Column(
        key,
        title,
        width,
        "left",
        text=text or get,
        sort_key=sort_key or (lambda t: text_key(get(t))),
        min_width=min_width,
        drop_rank=drop_rank,
        fit=fit,
        short_title=short_title,
    )


def _priority_text(ticket: TicketSummary) -> str:
    """The priority with its glyph when it stands out: the mark that replaces colour."""
    level = priority_emphasis(ticket)
    return f"{PRIORITY_GLYPHS[level]} {ticket.priority}" if level else ticket.priority


def _longest_number(tickets: Sequence[TicketSummary]) -> int:
    """Digits of the highest id over every row (max is C-fast; the one six-digit id among 100k
    is the last row a sample would pick), or the longest number quoted, from a sample (they
    vary little in length; reading them all cost first paint 4 ms at 100k)."""
    if not tickets:
        return 0
    ids = len(str(max(map(attrgetter("id"), tickets))))
    sample = tickets[:: len(tickets) // 2000 + 1]
    return max(ids, max(map(len, map(attrgetter("number"), sample))))


def build_registry(now: Clock = datetime.now, *, no_color: bool = False) -> dict[str, Column]:
    """Every known column by key. ``now`` decides what "today" is for the date columns;
    ``no_color`` (the terminal shows none) marks a high or critical priority with a glyph."""
    read = Column(
        "read",
        " ",
        1,
        "center",
        text=lambda t: READ_GLYPHS[t.read_status],
        sort_key=read_key,
    )
    number = Column(
        "id",
        "#",
        7,
        "right",
        lambda t: t.display_number,
        number_key,
        min_width=6,
        fit=10,
        longest=_longest_number,
    )
    priority_text = _priority_text if no_color else None
    # drop_rank: which columns give way first on a narrow terminal (highest goes first).
    # fit: the most a column grows to show its longest value ("Waiting for customer" is 20);
    # longer values are cut with "…", the title takes what is left.
    columns = [
        read,
        number,
        _text_column("title", "Title", 1.0, min_width=28),
        _text_column("status", "Status", 10, min_width=6, fit=20, sort_key=status_key),
        _text_column(
            "priority",
            "Priority",
            8,
            min_width=4,
            drop_rank=3,
            fit=12,
            short_title="Prio",
            sort_key=priority_key,
            text=priority_text,
        ),
        _text_column("category", "Category", 10, 6, 5, fit=16, short_title="Cat."),
        _text_column("owner", "Owner", 10, min_width=6, drop_rank=2, fit=16),
        _text_column("customer", "Customer", 12, 8, 4, fit=20, short_title="Cust."),
        _date_column("last_changed", "Changed", attrgetter("last_changed"), now, drop_rank=1),
        _date_column("deadline", "Deadline", attrgetter("deadline"), now, drop_rank=6),
        _date_column("created", "Created", attrgetter("created"), now, drop_rank=7),
    ]
    return {column.key: column for column in columns}


COLUMNS: Mapping[str, Column] = build_registry()

DEFAULT_COLUMNS: tuple[str, ...] = (
    "read",
    "id",
    "title",
    "status",
    "priority",
    "category",
    "owner",
    "customer",
    "last_changed",
    "deadline",
)


def resolve_columns(
    keys: Iterable[str],
    capabilities: Capabilities | None = None,
    *,
    now: Clock | None = None,
    no_color: bool = False,
) -> list[Column]:
    """Columns for ``keys``, minus those the system hides, with the system's own titles."""
    if now is None and not no_color:
        registry = COLUMNS
    else:
        registry = build_registry(now or datetime.now, no_color=no_color)
    keys = list(keys)
    unknown = [key for key in keys if key not in registry]
    if unknown:
        raise ValueError(
            f"Unknown column {', '.join(map(repr, unknown))}; valid columns: {', '.join(registry)}"
        )
    hidden = capabilities.hidden_columns if capabilities else frozenset()
    titles = capabilities.column_titles if capabilities else {}
    return [
        # A system's own title has no abbreviation of ours ("Department" is not "Cat.").
        replace(registry[key], title=titles[key], short_title="")
        if key in titles
        else registry[key]
        for key in keys
        if key not in hidden
    ]


# --- sorting and filtering -----------------------------------------------------------------


def sort_keys(tickets: Sequence[TicketSummary], column: Column) -> list[Any]:
    key = column.sort_key
    return [key(ticket) for ticket in tickets]


def sort_indices(
    keys: Sequence[Any], order: Iterable[int] | None = None, *, reverse: bool = False
) -> list[int]:
    """Stable sort of ticket indices by precomputed ``keys``; None keys last either way."""
    indices = range(len(keys)) if order is None else order
    present = [i for i in indices if keys[i] is not None]
    missing = [i for i in indices if keys[i] is None]
    present.sort(key=keys.__getitem__, reverse=reverse)
    return present + missing


def insert_sorted(order: list[int], keys: Sequence[Any], index: int, reverse: bool) -> int:
    """Put ticket ``index`` into ``order`` (sorted by ``keys``), after its equals; its position."""
    key = keys[index]
    lo, hi = 0, len(order)
    if key is None:
        order.append(index)  # None keys sort last either way
        return hi
    # The None keys sit at the end: find where they start.
    while lo < hi:
        mid = (lo + hi) // 2
        if keys[order[mid]] is None:
            hi = mid
        else:
            lo = mid + 1
    lo = 0
    while lo < hi:
        mid = (lo + hi) // 2
        other = keys[order[mid]]
        if (key < other) if not reverse else (key > other):
            hi = mid
        else:
            lo = mid + 1
    order.insert(lo, index)
    return lo


def sort_tickets(
    tickets: Sequence[TicketSummary], column: Column, *, reverse: bool = False
) -> list[int]:
    """Ticket indices in ``column`` order (stable; None/empty values last)."""
    return sort_indices(sort_keys(tickets, column), reverse=reverse)


def haystack(ticket: TicketSummary) -> str:
    """The lowercase text a filter word is looked for in; fields split so words can't span."""
    number = ticket.display_number
    return "\n".join(
        (
            f"#{number}",
            str(ticket.id) if ticket.number else "",
            ticket.title,
            ticket.status,
            ticket.priority,
            ticket.category,
            ticket.owner,
            ticket.customer,
        )
    ).lower()


def filter_words(text: str) -> list[str]:
    return text.lower().split()


SEARCH_SAMPLE = 512  # haystacks sampled to order a filter's words by how much they narrow


class FilterIndex:
    """Per-ticket haystacks built once, so each keystroke is one substring scan per ticket."""

    __slots__ = ("_haystacks",)

    def __init__(self, tickets: Sequence[TicketSummary]) -> None:
        self._haystacks = [haystack(ticket) for ticket in tickets]

    def __len__(self) -> int:
        return len(self._haystacks)

    def update(self, index: int, ticket: TicketSummary) -> None:
        if index == len(self._haystacks):
            self._haystacks.append(haystack(ticket))
        else:
            self._haystacks[index] = haystack(ticket)

    def matches(self, index: int, text: str) -> bool:
        hay = self._haystacks[index]
        return all(word in hay for word in filter_words(text))

    def search(self, text: str, within: Iterable[int] | None = None) -> list[int]:
        """Indices (in ``within`` order, default all) whose haystack holds every word."""
        hay = self._haystacks
        rows: Iterable[int] = range(len(hay)) if within is None else within
        words = self._rarest_first(filter_words(text))
        if not words:
            return list(rows)
        # The rarest word first, and the first two in one pass: most rows fail the first test,
        # so a second word costs little and no intermediate 100k-row list is built.
        first = words[0]
        if len(words) == 1:
            return [i for i in rows if first in hay[i]]
        second = words[1]
        result = [i for i in rows if first in hay[i] and second in hay[i]]
        for word in words[2:]:
            result = [i for i in result if word in hay[i]]
        return result

    def _rarest_first(self, words: list[str]) -> list[str]:
        """Distinct words, none implied by a longer one, ordered by hits in a small sample.

        Longest-first guessed wrong on words every ticket holds ("customer 12"): a sample of
        ~500 haystacks tells which word narrows most for the price of a few hundred tests.
        """
        unique = list(dict.fromkeys(words))
        unique = [w for w in unique if not any(w != o and w in o for o in unique)]
        if len(unique) < 2:
            return unique
        hay = self._haystacks
        sample = hay[:: max(1, len(hay) // SEARCH_SAMPLE)]
        return sorted(unique, key=lambda w: (sum(w in h for h in sample), -len(w)))


def narrows(old_text: str, new_text: str) -> bool:
    """True when every match of ``new_text`` is a match of ``old_text`` (typing on)."""
    old, new = filter_words(old_text), filter_words(new_text)
    return bool(old) and all(any(o in n for n in new) for o in old)


_index_cache: tuple[Sequence[TicketSummary], int, int, FilterIndex] | None = None


def filter_tickets(tickets: Sequence[TicketSummary], text: str, *, version: int = 0) -> list[int]:
    """Indices of tickets matching every word of ``text`` (case-insensitive substrings).

    The haystacks are cached for the last list seen (by identity, length and ``version``):
    bump ``version`` after changing tickets in place.
    """
    global _index_cache
    if not text.strip():
        return list(range(len(tickets)))
    cached = _index_cache
    if cached is not None and cached[0] is tickets and cached[1:3] == (len(tickets), version):
        index = cached[3]
    else:
        index = FilterIndex(tickets)
        _index_cache = (tickets, len(tickets), version, index)
    return index.search(text)
