"""Marks on the queue: which tickets a bulk action acts on (issue 14, item 1).

Marks are ticket ids, kept by the queue screen, so they survive sorting, filtering, switching
sections and refreshes: a marked ticket that left the section (closed by someone else) stays
marked, and counts, until acted on or unmarked. ``space`` toggles the cursor's ticket and moves
down, ``V`` marks from the last ticket marked to the cursor, ``*`` marks every ticket shown
(after a filter: every match), ``esc`` unmarks all (with a filter set, the first esc clears
the filter and keeps the marks: they are more work to lose).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.binding import Binding

__all__ = ["MARK_BINDINGS", "MARK_FOOTER", "Marks"]

MARK_BINDINGS = [
    Binding("space", "toggle_mark", "Mark", id="marks.toggle"),
    Binding("V", "mark_range", "Mark range", show=False, id="marks.range"),
    Binding("asterisk", "mark_all", "Mark all", show=False, id="marks.all"),
    Binding("escape", "clear_marks", "Unmark", id="marks.clear"),
]

# The footer's first keys while tickets are marked: how to add to, and drop, the marks.
MARK_FOOTER = ("marks.clear", "marks.toggle", "marks.range", "marks.all")


class Marks:
    """An ordered set of marked ticket ids, each with the number users quote for it (what the
    confirm and the summary name it by, whichever section it came from), and the last one
    marked (where ``V`` starts)."""

    def __init__(self) -> None:
        self._ids: dict[int, str] = {}
        self.anchor: int | None = None

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __contains__(self, ticket_id: object) -> bool:
        return ticket_id in self._ids

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    def number(self, ticket_id: int) -> str:
        """The number it was marked with ("" if none was known)."""
        return self._ids.get(ticket_id, "")

    def toggle(self, ticket_id: int, number: str = "") -> bool:
        """Mark or unmark; True if it is marked now."""
        if ticket_id in self._ids:
            del self._ids[ticket_id]
            return False
        self._ids[ticket_id] = number
        self.anchor = ticket_id
        return True

    def add(self, tickets: Iterable[tuple[int, str]]) -> int:
        """Mark these ``(id, number)``; how many were not marked before."""
        before = len(self._ids)
        for ticket_id, number in tickets:
            self._ids.setdefault(ticket_id, number)
        return len(self._ids) - before

    def span(self, order: Sequence[int], cursor: int) -> list[int]:
        """The ids from the last one marked to ``cursor``, both included, in ``order`` (the
        rows shown); only ``cursor`` when the last one marked is not shown."""
        if cursor not in order:
            return []
        end = order.index(cursor)
        start = order.index(self.anchor) if self.anchor in order else end
        low, high = sorted((start, end))
        return list(order[low : high + 1])

    def drop(self, ticket_ids: Iterable[int]) -> None:
        for ticket_id in ticket_ids:
            self._ids.pop(ticket_id, None)

    def clear(self) -> None:
        self._ids.clear()
        self.anchor = None
