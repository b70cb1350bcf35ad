"""Which tickets a list shows, in which order: the rows, the sort and the filter (UI-free).

The queue's list widget draws what this holds and owns only the cursor and the scroll; keeping
the data side here makes it testable without a terminal, and lets the queue's model read the
order on show (the filter and sort an agent chose) without asking a widget.

Built for 100,000 tickets: nothing here walks the rows per keystroke more than once. The view is
a sequence of ticket indices (a ``range`` while nothing is sorted or filtered), the sort keys of
a column are computed once, the search index is built once (then frozen out of the garbage
collector's way) and the views of recent filters are remembered, so backspace costs no scan.
"""

from __future__ import annotations

import gc
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from tickettui.core.columns import Column, insert_sorted, sort_indices, sort_keys
from tickettui.core.domain import TicketSummary
from tickettui.core.ticket_filter import FilterIndex, Term, column_words, narrows, parse_filter

FILTER_VIEWS = 12  # filtered views remembered, so backspace and retyping cost no scan
# From this many tickets, the built search index is frozen out of the GC's way: a collection
# that walks it and the views (a few 100k-element lists) costs 30-60 ms mid-keystroke.
FREEZE_INDEX_FROM = 20_000


class TicketRows:
    """The tickets of a list, and the ``view``: their indices on show, top to bottom.

    ``tickets`` and ``view`` are read directly (the widget reads them for every line it
    draws); change them only through the methods.
    """

    def __init__(self, tickets: Iterable[TicketSummary] = ()) -> None:
        self.tickets: list[TicketSummary] = []
        self.view: Sequence[int] = range(0)
        self._order: list[int] | None = None  # sorted ticket indices; None = as given
        self._sort_column: Column | None = None
        self._sort_reverse = False
        self._sort_values: list[Any] | None = None
        self._filter_text = ""
        self._terms: tuple[Term, ...] = ()  # the filter as read (``core/ticket_filter``)
        self._me = ""  # the signed-in agent's name, for ``owner:me``
        self._filter_index: FilterIndex | None = None
        # A filter's terms -> the view they gave (valid until rows or order change).
        self._filter_views: OrderedDict[frozenset[Term], array[int]] = OrderedDict()
        # Column key -> the words to highlight in its cells (what made the rows match).
        self.highlights: dict[str, tuple[str, ...]] = {}
        self._by_id: dict[int, int] | None = None
        # 0..n-1 as int objects made once, for the sorted order and the id map: they hold
        # these, so a 100k-row order costs 8 bytes a row, not 36 (an int above 256 is a new
        # object each time ``range`` yields it). A filter's view is an array (4 bytes a row,
        # no int objects), so a list that is never sorted makes none of these.
        self._indices: list[int] | None = None
        if tickets:
            self.replace(list(tickets))

    # --- what is on show -----------------------------------------------------------------

    @property
    def sort_column(self) -> Column | None:
        return self._sort_column

    @property
    def sort_key(self) -> str | None:
        return self._sort_column.key if self._sort_column else None

    @property
    def sort_reverse(self) -> bool:
        return self._sort_reverse

    @property
    def filter_text(self) -> str:
        return self._filter_text

    @property
    def filter_terms(self) -> tuple[Term, ...]:
        """The filter as read: words and field prefixes, ``owner:me`` as the agent's name."""
        return self._terms

    def ticket_at(self, row: int) -> TicketSummary:
        """The ticket shown at ``row``."""
        return self.tickets[self.view[row]]

    def position(self, index: int) -> int | None:
        """Where ticket ``index`` is among the rows on show."""
        try:
            return self.view.index(index)
        except ValueError:
            return None

    def row_of_id(self, ticket_id: int, near: int | None = None) -> int | None:
        """The row showing ``ticket_id``; ``near``: the row to look at first."""
        # After a refresh the ticket is usually where it was: check there before searching.
        view = self.view
        if near is not None and 0 <= near < len(view) and self.tickets[view[near]].id == ticket_id:
            return near
        if self._by_id is not None:
            index = self._by_id.get(ticket_id)
        else:
            index = next((i for i, t in enumerate(self.tickets) if t.id == ticket_id), None)
        return None if index is None else self.position(index)

    # --- changing the rows ---------------------------------------------------------------

    def replace(self, tickets: list[TicketSummary]) -> None:
        """Every row new; the sort and the filter apply to them."""
        self.tickets = list(tickets)
        self._by_id = None
        self._indices = None
        self._filter_index = None
        self._filter_views.clear()
        self._sort_values = None
        self._order = None
        if self._sort_column is not None:
            self._apply_sort()
        self.view = self._filtered(self._base_order())

    def patch(self, tickets: Iterable[TicketSummary]) -> bool:
        """Update rows in place and add new ones, by ticket id; True when some were added
        (the view changed: added rows take their sorted place, or go last).

        Updated rows keep their place even if their sort value changed: rows jumping under
        the agent's eyes is worse than a slightly stale order (sorting again fixes it).
        """
        by_id = self._ensure_by_id()
        added: list[int] = []
        self._filter_views.clear()
        for ticket in tickets:
            index = by_id.get(ticket.id)
            if index is None:
                index = len(self.tickets)
                by_id[ticket.id] = index
                self.tickets.append(ticket)
                if self._indices is not None:
                    self._indices.append(index)
                added.append(index)
                if self._sort_values is not None and self._sort_column is not None:
                    self._sort_values.append(self._sort_column.sort_key(ticket))
            else:
                self.tickets[index] = ticket
            if self._filter_index is not None:
                self._filter_index.update(index, ticket)
        if not added:
            return False
        if self._order is not None and self._sort_values is not None:
            for index in added:
                insert_sorted(self._order, self._sort_values, index, self._sort_reverse)
            self.view = self._filtered(self._order)
        elif self._terms and isinstance(self.view, array):
            search = self.ensure_filter_index()
            self.view.extend(i for i in added if search.matches(i, self._terms))
        else:
            self.view = self._filtered(self._base_order())
        return True

    def sort_by(self, column: Column | None, reverse: bool | None = None) -> None:
        """Sort by ``column`` (the same column again flips direction); None: as given."""
        self._filter_views.clear()
        if column is None:
            self._sort_column = None
            self._order = None
            self._sort_values = None
        else:
            if reverse is None:
                same = self._sort_column is not None and self._sort_column.key == column.key
                reverse = not self._sort_reverse if same else False
            if column is not self._sort_column:
                self._sort_values = None
            self._sort_column = column
            self._sort_reverse = reverse
            self._apply_sort()
        self.view = self._filtered(self._base_order())

    def set_filter(self, text: str) -> None:
        """Show only tickets matching every word and field prefix of ``text``
        (``core/ticket_filter``)."""
        old = self._terms
        self._filter_text = text
        self._terms = terms = parse_filter(text, self._me)
        self.highlights = column_words(terms)
        view: Sequence[int]
        key = frozenset(terms)
        remembered = self._filter_views.get(key) if terms else None
        if remembered is not None:
            # Backspace, or words typed again: the view this filter gave before.
            self._filter_views.move_to_end(key)
            view = remembered
        elif terms and narrows(old, terms):
            # Typing on only narrows: search the rows on show instead of all of them, for the
            # terms they do not all match already ("printer a" after "printer": "a" only).
            new = [term for term in terms if term not in old]
            view = self.ensure_filter_index().matching(new, self.view) if new else self.view
        else:
            view = self._filtered(self._base_order())
        if terms and remembered is None and isinstance(view, array):
            self._filter_views[key] = view
            while len(self._filter_views) > FILTER_VIEWS:
                self._filter_views.popitem(last=False)
        self.view = view

    def set_me(self, name: str) -> bool:
        """The signed-in agent's name, for ``owner:me``; True when the filter on show uses it
        (then set the filter again to apply it)."""
        changed = name != self._me
        self._me = name
        return changed and parse_filter(self._filter_text, name) != self._terms

    def ensure_filter_index(self) -> FilterIndex:
        """The search index, built on first use (the widget asks right after a paint)."""
        if self._filter_index is None:
            self._filter_index = FilterIndex(self.tickets)
            if len(self.tickets) >= FREEZE_INDEX_FROM:
                gc.freeze()  # long-lived like the rows: out of the collector's way
        return self._filter_index

    def prepare_filter_ids(self) -> None:
        """The rest of the search index (the ids as text), once the app is idle."""
        if self._filter_index is not None:
            self._filter_index.prepare_ids()

    # --- internals -----------------------------------------------------------------------

    def _base_order(self) -> Sequence[int]:
        return self._order if self._order is not None else range(len(self.tickets))

    def _apply_sort(self) -> None:
        assert self._sort_column is not None
        if self._sort_values is None:
            self._sort_values = sort_keys(self.tickets, self._sort_column)
        self._order = sort_indices(
            self._sort_values, self._shared_indices(), reverse=self._sort_reverse
        )

    def _shared_indices(self) -> list[int]:
        if self._indices is None or len(self._indices) != len(self.tickets):
            self._indices = list(range(len(self.tickets)))
        return self._indices

    def _ensure_by_id(self) -> dict[int, int]:
        if self._by_id is None:
            ids = (ticket.id for ticket in self.tickets)
            self._by_id = dict(zip(ids, self._shared_indices(), strict=True))
        return self._by_id

    def _filtered(self, order: Sequence[int]) -> Sequence[int]:
        if not self._terms:
            return order
        # Every row as given (a range): the index picks them in one C loop.
        return self.ensure_filter_index().matching(self._terms, order)
