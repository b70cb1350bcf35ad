"""The queue's state, without a terminal: what the queue screen knows and decides.

The sections and the active one; each section's last list, when it was loaded and where the
cursor was; which sections are loading or failed; what the list shows and whether a new list
patches it or replaces it; when the other sections' counts are due again; the rows on show
(``TicketRows``: the filter and sort the agent chose); marks, kept by ticket id, so they
survive sorting, filtering, switching sections and refreshes; and a temporary section after the
others (a server search's results): one at a time, the next replacing it, closed at will,
never loaded as a section nor counted in the background.

Pure: nothing here does I/O or reads a clock. Callers pass ``now`` (``time.monotonic()``) where
time matters. The screen's workers fetch; the screen feeds what they fetched in here and
renders what this says.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Sequence
from enum import StrEnum

from tickettui.core.domain import Section, TicketSummary
from tickettui.core.ticket_rows import TicketRows

COUNTS_MAX_AGE = 60.0  # seconds a background section count stays good enough


class ListState(StrEnum):
    """What the status line says about a section's list."""

    LOADING = "loading"  # no list yet, one on its way
    NOT_LOADED = "not_loaded"  # no list, and the last load failed
    REFRESHING = "refreshing"  # a list on show, a fresh one on its way
    REFRESH_FAILED = "refresh_failed"  # a list on show, the last load failed
    CURRENT = "current"  # a list on show, nothing under way


class Takes(StrEnum):
    """How the list takes a new list of a section."""

    PATCH = "patch"  # rows update where they are; cursor and scroll stay put
    RESET = "reset"  # every row new, in the given order (the cursor still keeps its ticket)


class SectionState:
    """One section's list and load. (A plain class, not a dataclass: ~0.3 ms less to define
    before the first frame; nothing compares or prints one.)"""

    __slots__ = ("cursor_id", "failed", "loaded_at", "tickets")

    def __init__(self) -> None:
        self.tickets: list[TicketSummary] | None = None  # the last list: fresh, or last run's
        self.loaded_at: float | None = None  # when the last fresh list landed; None: not yet
        self.cursor_id: int | None = None  # the ticket the cursor was on when the agent left
        self.failed = False  # the last load of the list failed


class QueueModel:
    """Sections, their lists and loads, what the list shows, counts policy and marks."""

    def __init__(self, rows: TicketRows | None = None) -> None:
        self.rows = rows if rows is not None else TicketRows()
        self.user = ""  # the signed-in agent's name, once known
        self._sections: list[Section] = []
        self._states: dict[str, SectionState] = {}
        self._active = 0
        self._started = False
        self._loading: set[str] = set()
        self._shown_key: str | None = None  # whose tickets the list holds
        # The ids the list holds, 8 bytes each (a set of 100k ids took 4 MB, all the time).
        self._shown_ids: array[int] = array("q")
        self._marks: set[int] = set()
        self._temporary: str | None = None  # the key of the temporary section, last

    # --- sections ------------------------------------------------------------------------

    @property
    def started(self) -> bool:
        """The sections are known (possibly none)."""
        return self._started

    @property
    def sections(self) -> list[Section]:
        return list(self._sections)

    @property
    def active(self) -> int:
        return self._active

    @property
    def active_section(self) -> Section | None:
        return self._sections[self._active] if self._sections else None

    def is_active(self, key: str) -> bool:
        section = self.active_section
        return section is not None and section.key == key

    def set_sections(self, sections: Iterable[Section]) -> None:
        temporary = self.temporary
        self._sections = [s for s in sections if s.key != self._temporary]
        if temporary is not None:
            self._sections.append(temporary)  # still last
        keys = {s.key for s in self._sections}
        self._states = {k: v for k, v in self._states.items() if k in keys}
        self._loading &= keys
        self._active = min(self._active, max(0, len(self._sections) - 1))
        self._started = True

    def section(self, key: str) -> Section | None:
        return next((s for s in self._sections if s.key == key), None)

    def index_of(self, key: str) -> int | None:
        return next((i for i, s in enumerate(self._sections) if s.key == key), None)

    def step(self, delta: int) -> int | None:
        """The index ``delta`` sections on from the active one, round the end; None: none."""
        if not self._sections:
            return None
        return (self._active + delta) % len(self._sections)

    def switch_to(self, index: int, cursor_id: int | None = None) -> Section | None:
        """Make section ``index`` the active one (None: there is no such section).

        ``cursor_id`` is the ticket under the cursor now: remembered for the section being
        left, if the list shows it, so coming back puts the cursor there again.
        """
        if not 0 <= index < len(self._sections):
            return None
        current = self.active_section
        if current is not None and cursor_id is not None and self._shown_key == current.key:
            self._state(current.key).cursor_id = cursor_id
        self._active = index
        return self._sections[index]

    # --- the temporary section (search results) ------------------------------------------

    @property
    def temporary(self) -> Section | None:
        return self.section(self._temporary) if self._temporary is not None else None

    def is_temporary(self, key: str) -> bool:
        return key == self._temporary

    def open_temporary(self, section: Section) -> int:
        """``section`` as the temporary one, after the others, replacing the one before (its
        list and state go with it); its index. Not made active: ``switch_to`` does that."""
        self._drop_temporary()
        self._sections.append(section)
        self._temporary = section.key
        self._states.pop(section.key, None)
        return len(self._sections) - 1

    def close_temporary(self) -> int | None:
        """Remove the temporary section; the index to show now (None: it was not open, or the
        active section stays). Leaving the temporary section shows the one before it."""
        if self._temporary is None:
            return None
        was_active = self.is_active(self._temporary)
        self._drop_temporary()
        self._active = min(self._active, max(0, len(self._sections) - 1))
        return self._active if was_active else None

    def _drop_temporary(self) -> None:
        key, self._temporary = self._temporary, None
        if key is None:
            return
        self._sections = [s for s in self._sections if s.key != key]
        self._states.pop(key, None)
        self._loading.discard(key)
        if self._shown_key == key:
            self._shown_key, self._shown_ids = None, array("q")

    def remembered_cursor(self, key: str) -> int | None:
        state = self._states.get(key)
        return state.cursor_id if state else None

    # --- lists and loads -----------------------------------------------------------------

    def tickets(self, key: str) -> list[TicketSummary] | None:
        """The section's last list (fresh or the last run's); None: none yet."""
        state = self._states.get(key)
        return state.tickets if state else None

    def count(self, index: int) -> int | None:
        """How many tickets section ``index`` had in its last list; None: not known."""
        if not 0 <= index < len(self._sections):
            return None
        tickets = self.tickets(self._sections[index].key)
        return None if tickets is None else len(tickets)

    def head_start(self, key: str, tickets: list[TicketSummary]) -> None:
        """The section's list from the last run (a cache): shown at once, yet not fresh (its
        count is still due)."""
        self._state(key).tickets = tickets

    def begin_load(self, key: str) -> None:
        """A load of the section's list starts. Section loads run one at a time: a new one
        replaces (cancels) the one before, so that one no longer counts as loading."""
        self._loading = {key}

    def load_landed(self, key: str, tickets: list[TicketSummary], now: float) -> None:
        self._loading.discard(key)
        self._store(key, tickets, now).failed = False

    def load_failed(self, key: str) -> None:
        self._loading.discard(key)
        self._state(key).failed = True

    def count_landed(self, key: str, tickets: list[TicketSummary], now: float) -> None:
        """A background load (for the tab's count) landed: as fresh as any."""
        self._store(key, tickets, now)

    def is_loading(self, key: str) -> bool:
        return key in self._loading

    def has_failed(self, key: str) -> bool:
        state = self._states.get(key)
        return state is not None and state.failed

    def list_state(self, key: str) -> ListState:
        state = self._states.get(key)
        failed = state is not None and state.failed
        if state is None or state.tickets is None:
            return ListState.NOT_LOADED if failed else ListState.LOADING
        if key in self._loading:
            return ListState.REFRESHING
        return ListState.REFRESH_FAILED if failed else ListState.CURRENT

    def count_due(self, key: str, now: float, *, force: bool = False) -> bool:
        """Whether a background load of section ``key`` is due, for its tab's count (and so
        switching to it is instant): never for the active section (its own load keeps it
        fresh), else when ``force``d or its list is older than ``COUNTS_MAX_AGE``."""
        if self.is_active(key) or self.is_temporary(key):
            return False
        state = self._states.get(key)
        loaded = state.loaded_at if state else None
        return force or loaded is None or now - loaded >= COUNTS_MAX_AGE

    def counts_due(self, now: float, *, force: bool = False) -> list[Section]:
        return [s for s in self._sections if self.count_due(s.key, now, force=force)]

    def find_number(self, number: str) -> int | None:
        """The id of the ticket users call ``number``, in any list loaded; None: not seen."""
        for state in self._states.values():
            for ticket in state.tickets or ():
                if ticket.number == number:
                    return ticket.id
        return None

    # --- what the list shows -------------------------------------------------------------

    @property
    def shown_key(self) -> str | None:
        """The section whose tickets the list holds."""
        return self._shown_key

    def show(self, key: str, tickets: Sequence[TicketSummary], *, in_place: bool = True) -> Takes:
        """The list is to show ``tickets`` of section ``key``: how it takes them.

        In place (``PATCH``) when asked for and the list holds the same section and no ticket
        left it; else the given order again (``RESET``).
        """
        same = key == self._shown_key and bool(self._shown_ids)
        # Only a patch asks whether every ticket shown is still there (a set for the call).
        kept = in_place and same and {t.id for t in tickets}.issuperset(self._shown_ids)
        self._shown_key = key
        self._shown_ids = array("q", [t.id for t in tickets])
        return Takes.PATCH if kept else Takes.RESET

    def takes_background_list(self, key: str) -> bool:
        """Whether a background list of ``key`` goes on screen: the agent switched to that
        section meanwhile and it shows (what it had, or nothing yet)."""
        return self.is_active(key) and self._shown_key == key

    # --- marks ---------------------------------------------------------------------------

    @property
    def marks(self) -> frozenset[int]:
        """Marked ticket ids, whichever section, sort or filter is on show."""
        return frozenset(self._marks)

    def is_marked(self, ticket_id: int) -> bool:
        return ticket_id in self._marks

    def toggle_mark(self, ticket_id: int) -> bool:
        """Mark the ticket, or unmark it if it was; whether it is marked now."""
        if ticket_id in self._marks:
            self._marks.discard(ticket_id)
            return False
        self._marks.add(ticket_id)
        return True

    def clear_marks(self) -> None:
        self._marks.clear()

    # --- internals -----------------------------------------------------------------------

    def _state(self, key: str) -> SectionState:
        state = self._states.get(key)
        if state is None:
            state = self._states[key] = SectionState()
        return state

    def _store(self, key: str, tickets: list[TicketSummary], now: float) -> SectionState:
        state = self._state(key)
        state.tickets = tickets
        state.loaded_at = now
        return state
