"""The queue: section tabs, the ticket list, as-you-type filter, sorting and a preview pane.

Every backend call runs in a worker, so the screen never freezes: the active section first,
then (one at a time) the other sections' counts. Each section's list is cached, so switching
back is instant and refreshes in the background. A failed call becomes a notification; the
last list loaded stays on screen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Container, Horizontal
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, Static

from tickettui.core.backend import HeadStart
from tickettui.core.columns import Column, resolve_columns
from tickettui.core.domain import Choice, Section, TicketDetail, TicketSummary
from tickettui.core.safe_text import inert_line
from tickettui.ui.commands import PaletteCommand, QueueCommands
from tickettui.ui.triage import TRIAGE_BINDINGS, TriageMixin
from tickettui.ui.widgets.preview import TicketPreview
from tickettui.ui.widgets.section_tabs import SectionTabs
from tickettui.ui.widgets.ticket_list import TicketList

Clock = Callable[[], datetime]

WIDE_SCREEN = 140  # from this width the preview sits beside the list, else below it
TALL_ENOUGH = 32  # below this height (and not wide) the preview starts hidden
PREVIEW_DEBOUNCE = 0.15  # seconds the cursor rests before the preview asks the server
PREFETCH_DEBOUNCE = 0.3  # seconds the cursor rests before its neighbours are fetched
PREFETCH_AROUND = 2  # rows above and below the cursor whose detail is fetched ahead
COUNTS_MAX_AGE = 60.0  # seconds a background section count stays good enough
# Column titles that are a glyph or blank in the table need a word in the sort picker.
SORT_NAMES = {"read": "Read state", "id": "Number"}


class FilterInput(Input):
    """The `/` line: esc clears the filter, enter keeps it; both go back to the list."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Clear filter", id="queue.filter_cancel"),
    ]

    class Cancelled(Message):
        pass

    def action_cancel(self) -> None:
        self.value = ""
        self.post_message(self.Cancelled())


class QueueScreen(TriageMixin, Screen[None]):  # type: ignore[misc]  # app: TicketApp
    """The first screen: one saved query (section) at a time, as a keyboard-driven list."""

    COMMANDS = {QueueCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", id="queue.filter"),
        Binding("s", "sort", "Sort", id="queue.sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False, id="queue.reverse_sort"),
        Binding("r", "refresh", "Refresh", id="queue.refresh"),
        *TRIAGE_BINDINGS,
        Binding("e", "edit", "Edit", show=False, id="queue.edit"),
        Binding("n", "new_ticket", "New", id="queue.new"),
        Binding("D", "drafts", "Drafts", show=False, id="queue.drafts"),
        Binding("v", "toggle_preview", "Preview", show=False, id="queue.preview"),
        Binding(
            "right_square_bracket,tab",
            "next_section",
            "Next section",
            show=False,
            id="queue.next_section",
        ),
        Binding(
            "left_square_bracket,shift+tab",
            "previous_section",
            "Previous section",
            show=False,
            id="queue.previous_section",
        ),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="queue.clear_filter"),
        # As in k9s, aerc and less; ctrl+q quits from any screen. Drafts are kept either way.
        Binding("q", "app.quit", "Quit", id="queue.quit"),
        *[
            Binding(
                str(n), f"section({n - 1})", f"Section {n}", show=False, id=f"queue.section_{n}"
            )
            for n in range(1, 10)
        ],
    ]

    def __init__(self, *, now: Clock | None = None) -> None:
        super().__init__()
        self._now: Clock = now or datetime.now
        self._sections: list[Section] = []
        self._active = 0
        self._user = ""
        self._cache: dict[str, list[TicketSummary]] = {}
        self._loaded_at: dict[str, float] = {}
        self._cursor_ids: dict[str, int] = {}  # where the cursor was in each section
        self._shown_key: str | None = None  # whose tickets the list holds
        self._shown_ids: set[int] = set()
        self._loading: str | None = None
        self._failed: set[str] = set()  # sections whose last load failed
        self._details: LRUCache[int, TicketDetail] = LRUCache(256)
        self._preview_choice: bool | None = None  # None: decided by the terminal's size
        self._started = False
        self._suspended_by_modal = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="queue-status")
        yield SectionTabs(id="queue-tabs")
        with Container(id="queue-body"):
            yield TicketList(columns=self._columns(), now=self._now, id="queue-list")
            yield TicketPreview(now=self._now, id="queue-preview")
        with Horizontal(id="queue-filter-bar"):
            yield Label("/", id="queue-filter-prompt")
            yield FilterInput(
                placeholder="words of title, customer, owner… (enter keeps, esc clears)",
                compact=True,
                id="queue-filter",
            )
        yield Footer(compact=True)

    def _columns(self) -> list[Column]:
        return resolve_columns(self.app.columns, self.app.capabilities, now=self._now)

    @property
    def ticket_list(self) -> TicketList:
        return self.query_one("#queue-list", TicketList)

    @property
    def preview(self) -> TicketPreview:
        return self.query_one("#queue-preview", TicketPreview)

    @property
    def tabs(self) -> SectionTabs:
        return self.query_one("#queue-tabs", SectionTabs)

    @property
    def filter_input(self) -> FilterInput:
        return self.query_one("#queue-filter", FilterInput)

    @property
    def sections(self) -> list[Section]:
        return list(self._sections)

    @property
    def active_section(self) -> Section | None:
        return self._sections[self._active] if self._sections else None

    @property
    def filter_shown(self) -> bool:
        return self.query_one("#queue-filter-bar").has_class("-shown")

    @property
    def preview_shown(self) -> bool:
        return self.has_class("-preview")

    def on_mount(self) -> None:
        self.ticket_list.focus()
        self._layout_for(self.app.size.width, self.app.size.height)
        self._update_status()
        self._load_user()
        self._start()
        from tickettui.ui.screens.drafts_review import announce_drafts

        announce_drafts(self.app)  # edits, replies and notes a crash or a kill left behind

    def on_resize(self, event: events.Resize) -> None:
        self._layout_for(event.size.width, event.size.height)
        self._update_status()

    def _layout_for(self, width: int, height: int) -> None:
        wide = width >= WIDE_SCREEN
        self.set_class(wide, "-wide")
        shown = self._preview_choice
        if shown is None:
            shown = wide or height >= TALL_ENOUGH
        was = self.preview_shown
        self.set_class(shown, "-preview")
        if shown and not was:
            self._show_preview(self.ticket_list.cursor_ticket)

    # --- loading --------------------------------------------------------------------------

    @work(group="user", exit_on_error=False)
    async def _load_user(self) -> None:
        try:
            self._user = await self.app.backend.current_user()
        except Exception as error:
            # Not notified: the section load needs the same server and reports the trouble.
            self.log.warning(f"current user: {error!r}")
        self._update_status()

    @work(group="start", exit_on_error=False)
    async def _start(self) -> None:
        try:
            sections = await self.app.backend.sections()
        except Exception as error:
            self.app.report_error(error, "Loading sections")
            self.app.queue_shown()
            return
        self._sections = list(sections)
        self.tabs.set_sections([s.title for s in self._sections])
        self._started = True
        if self._sections:
            self.show_section(0)
        else:
            self.app.queue_shown()

    def show_section(self, index: int) -> None:
        """Show section ``index``: at once from the cache if it was loaded, then fresh."""
        if not 0 <= index < len(self._sections):
            return
        current = self.active_section
        ticket = self.ticket_list.cursor_ticket
        if current is not None and ticket is not None and self._shown_key == current.key:
            self._cursor_ids[current.key] = ticket.id
        self._active = index
        section = self._sections[index]
        self.tabs.set_active(index)
        cached = self._cache.get(section.key)
        if cached is None:
            cached = self._disk_cached(section)
        if self._shown_key != section.key:
            self._put(section.key, cached or [])
            remembered = self._cursor_ids.get(section.key)
            if remembered is None or not self.ticket_list.move_cursor_to_id(remembered):
                self.ticket_list.move_cursor(0)
        self.ticket_list.loading = cached is None
        self._load_section(section.key)
        self._update_status()
        self.app.queue_shown()  # the first time: the backend is built after this paint

    def _disk_cached(self, section: Section) -> list[TicketSummary] | None:
        """The section's list from the last run (a backend with a cache): painted at once."""
        backend = self.app.backend
        tickets = (
            backend.cached_list(section, self.app.columns)
            if isinstance(backend, HeadStart)
            else None
        )
        if tickets is not None:
            self._cache[section.key] = tickets  # not _store: it is not fresh, counts still load
            self.tabs.set_count(self._active, len(tickets))
        return tickets

    def refresh_section(self, *, in_place: bool = True) -> None:
        """Reload the active section and the other counts (the list stays until it lands).

        ``in_place``: rows update where they are, as long as no ticket left the section; else
        the server's order is shown again (the cursor still keeps its ticket).
        """
        section = self.active_section
        if section is not None:
            self._load_section(section.key, all_counts=True, in_place=in_place)

    @work(exclusive=True, group="load", exit_on_error=False)
    async def _load_section(
        self, key: str, all_counts: bool = False, in_place: bool = True
    ) -> None:
        section = self._section(key)
        if section is None:
            return
        self._loading = key
        self._update_status()
        try:
            tickets = await self.app.backend.list_tickets(section, self.app.columns)
        except Exception as error:
            if self._loading == key:
                self._loading = None
            self._failed.add(key)
            self.ticket_list.loading = False
            self._update_status()
            self.app.report_error(error, f"Loading {section.title}")
            return
        if self._loading == key:
            self._loading = None
        self._failed.discard(key)
        self._store(key, tickets)
        if self.active_section is not None and self.active_section.key == key:
            self._put(key, tickets, in_place=in_place)
            self.ticket_list.loading = False
        self._update_status()
        self._load_counts(force=all_counts)

    @work(exclusive=True, group="counts", exit_on_error=False)
    async def _load_counts(self, force: bool = False) -> None:
        """The other sections, one at a time, so the tabs show counts and switching is instant."""
        for section in list(self._sections):
            active = self.active_section
            if active is not None and section.key == active.key:
                continue
            loaded = self._loaded_at.get(section.key)
            if not force and loaded is not None and time.monotonic() - loaded < COUNTS_MAX_AGE:
                continue
            try:
                tickets = await self.app.backend.list_tickets(section, self.app.columns)
            except Exception as error:
                # The active section's load reports the trouble; counts just stop trying.
                self.log.warning(f"count of {section.title!r} failed: {error!r}")
                return
            self._store(section.key, tickets)
            active = self.active_section
            if active is not None and active.key == section.key and self._shown_key == active.key:
                self._put(section.key, tickets)  # the agent switched here meanwhile
                self.ticket_list.loading = False

    def _section(self, key: str) -> Section | None:
        return next((s for s in self._sections if s.key == key), None)

    def _store(self, key: str, tickets: list[TicketSummary]) -> None:
        self._cache[key] = tickets
        self._loaded_at[key] = time.monotonic()
        for index, section in enumerate(self._sections):
            if section.key == key:
                self.tabs.set_count(index, len(tickets))

    def _put(self, key: str, tickets: list[TicketSummary], in_place: bool = True) -> None:
        """Show ``tickets`` in the list; the cursor keeps its ticket either way."""
        ids = {t.id for t in tickets}
        listing = self.ticket_list
        same = key == self._shown_key and bool(self._shown_ids)
        if in_place and same and ids >= self._shown_ids:
            # Nothing left the section: rows update where they are, the scroll stays put.
            listing.patch(tickets)
        else:
            listing.set_tickets(tickets)
        self._shown_key = key
        self._shown_ids = ids
        self._show_preview(listing.cursor_ticket, reload=False)
        self._update_status()

    # --- status line ----------------------------------------------------------------------

    def _update_status(self) -> None:
        if not self.is_mounted:
            return
        listing = self.ticket_list
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        text.append(f" {self.app.title} ", style="bold")
        if self._user:
            text.append("│ ", style="dim")
            text.append(inert_line(self._user) + " ")
        section = self.active_section
        if section is not None:
            text.append("│ ", style="dim")
            text.append(inert_line(section.title) + " ", style="bold")
        text.append("│ ", style="dim")
        if section is None or section.key not in self._cache:
            text.append("not loaded" if section and section.key in self._failed else "loading…")
        else:
            shown, total = listing.visible_count, listing.total_count
            text.append(f"{shown} of {total}" if shown != total else f"{total} tickets")
            if self._loading == section.key:
                text.append("  refreshing…", style="dim")
            elif section.key in self._failed:
                text.append("  refresh failed", style="dim")
        if listing.filter_text.strip():
            text.append("  │ ", style="dim")
            text.append("filter ")
            text.append(inert_line(listing.filter_text.strip()), style="bold")
        key = listing.sort_key
        if key is not None:
            column = next((c for c in listing.columns if c.key == key), None)
            name = self._column_name(column) if column else key
            text.append("  │ ", style="dim")
            text.append(f"sort {name} {'▼' if listing.sort_reverse else '▲'}")
        hint = " ? keys "
        room = self.size.width - text.cell_len
        if room > len(hint):
            text.append(" " * (room - len(hint)))
            text.append(hint, style="dim")
        self.query_one("#queue-status", Static).update(text)

    # --- the list -------------------------------------------------------------------------

    @on(TicketList.Highlighted)
    def _highlighted(self, event: TicketList.Highlighted) -> None:
        self._show_preview(event.ticket)
        if event.ticket is not None and isinstance(self.app.backend, HeadStart):
            self._prefetch_neighbours()

    @work(exclusive=True, group="prefetch", exit_on_error=False)
    async def _prefetch_neighbours(self) -> None:
        """Fetch the tickets around the cursor ahead, so opening one is instant."""
        await asyncio.sleep(PREFETCH_DEBOUNCE)  # cancelled by the next highlight
        listing = self.ticket_list
        row = listing.cursor_row
        rows = range(
            max(0, row - PREFETCH_AROUND), min(listing.visible_count, row + 1 + PREFETCH_AROUND)
        )
        # The cursor's own ticket first: it is the likeliest to be opened.
        ids = [listing.ticket_at(r).id for r in sorted(rows, key=lambda r: abs(r - row))]
        backend = self.app.backend
        try:
            if isinstance(backend, HeadStart):
                await backend.prefetch(ids)
        except Exception as error:  # a guess that failed: the real open reports trouble
            self.log.warning(f"prefetch: {error!r}")

    @on(TicketList.Selected)
    def _selected(self, event: TicketList.Selected) -> None:
        self.app.open_ticket(event.ticket.id)

    @on(SectionTabs.Clicked)
    def _tab_clicked(self, event: SectionTabs.Clicked) -> None:
        self.show_section(event.index)

    # --- preview --------------------------------------------------------------------------

    def _show_preview(self, ticket: TicketSummary | None, reload: bool = True) -> None:
        if not self.preview_shown:
            return
        preview = self.preview
        if ticket is None:
            preview.show(None)
            return
        detail = self._details.get(ticket.id)
        backend = self.app.backend
        if detail is None and isinstance(backend, HeadStart):
            detail = backend.fresh_ticket(ticket.id)  # prefetched a moment ago
        if detail is None and isinstance(backend, HeadStart):
            earlier = backend.cached_ticket(ticket.id)
            if earlier is not None:  # from an earlier run: shown at once, then asked again
                stale = reload or preview.ticket_id != ticket.id
                preview.show(ticket, earlier)
                if stale:
                    self._load_preview(ticket.id)
                return
        if detail is not None:
            preview.show(ticket, detail)
        elif reload or preview.ticket_id != ticket.id:
            preview.show(ticket, note="loading…")
            self._load_preview(ticket.id)
        else:
            preview.show(ticket, note="loading…")

    @work(exclusive=True, group="preview", exit_on_error=False)
    async def _load_preview(self, ticket_id: int) -> None:
        await asyncio.sleep(PREVIEW_DEBOUNCE)  # cancelled by the next highlight: key repeat is free
        try:
            detail = await self.app.backend.ticket(ticket_id)
        except Exception as error:
            current = self.ticket_list.cursor_ticket
            if current is not None and current.id == ticket_id:
                self.preview.show(current, note=f"Could not load the detail: {error}")
            return
        self._details[ticket_id] = detail
        current = self.ticket_list.cursor_ticket
        if current is not None and current.id == ticket_id and self.preview_shown:
            self.preview.show(current, detail)

    # --- filter ---------------------------------------------------------------------------

    @on(Input.Changed, "#queue-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.ticket_list.set_filter(event.value)
        self._update_status()

    @on(Input.Submitted, "#queue-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        self._leave_filter()

    @on(FilterInput.Cancelled)
    def _filter_cancelled(self) -> None:
        self.ticket_list.set_filter("")
        self._leave_filter()

    @on(events.DescendantBlur, "#queue-filter")
    def _filter_blurred(self) -> None:
        if not self.filter_input.value:
            self.query_one("#queue-filter-bar").remove_class("-shown")

    def _leave_filter(self) -> None:
        self.query_one("#queue-filter-bar").set_class(bool(self.filter_input.value), "-shown")
        self.ticket_list.focus()
        self._update_status()

    # --- actions --------------------------------------------------------------------------

    def action_filter(self) -> None:
        self.query_one("#queue-filter-bar").add_class("-shown")
        self.filter_input.focus()

    def action_clear_filter(self) -> None:
        if self.filter_input.value or self.ticket_list.filter_text:
            self.filter_input.value = ""
            self.ticket_list.set_filter("")
            self._leave_filter()

    def action_sort(self) -> None:
        from tickettui.ui.screens.pickers import ChoicePicker

        listing = self.ticket_list
        choices = [Choice(c.key, self._column_name(c)) for c in listing.columns]
        self.app.push_screen(
            ChoicePicker("Sort by", choices, current=listing.sort_key), self._sort_chosen
        )

    def _sort_chosen(self, key: str | None) -> None:
        if key:
            self.sort_by(key)

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        self.ticket_list.sort_by(key, reverse)
        self._update_status()

    def action_reverse_sort(self) -> None:
        listing = self.ticket_list
        if listing.sort_key is None:
            self.app.notify("Not sorted yet: s chooses a column", markup=False)
            return
        self.sort_by(listing.sort_key, not listing.sort_reverse)

    def action_refresh(self) -> None:
        self._details.clear()
        self.refresh_section(in_place=False)
        self._show_preview(self.ticket_list.cursor_ticket)

    def action_section(self, index: int) -> None:
        self.show_section(index)

    def action_next_section(self) -> None:
        if self._sections:
            self.show_section((self._active + 1) % len(self._sections))

    def action_previous_section(self) -> None:
        if self._sections:
            self.show_section((self._active - 1) % len(self._sections))

    def action_edit(self) -> None:
        ticket = self.ticket_list.cursor_ticket
        if ticket is not None:
            self.app.edit_ticket(ticket.id)

    def action_new_ticket(self) -> None:
        self.app.edit_ticket(None)

    def action_drafts(self) -> None:
        from tickettui.ui.screens.drafts_review import DraftsScreen

        self.app.push_screen(DraftsScreen())

    def action_toggle_preview(self) -> None:
        self._preview_choice = not self.preview_shown
        self._layout_for(self.size.width, self.size.height)

    def go_to_ticket(self, number: int) -> None:
        """Open the ticket users call ``number`` (its quoted number, else its id)."""
        for tickets in self._cache.values():
            for ticket in tickets:
                if ticket.number == str(number):
                    self.app.open_ticket(ticket.id)
                    return
        self.app.open_ticket(number)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "section" and parameters:
            index = parameters[0]
            return isinstance(index, int) and index < len(self._sections)
        return super().check_action(action, parameters)

    # --- triage ---------------------------------------------------------------------------

    def triage_ticket_id(self) -> int | None:
        ticket = self.ticket_list.cursor_ticket
        return ticket.id if ticket else None

    def triage_ticket_number(self, ticket_id: int) -> str:
        ticket = self.ticket_list.cursor_ticket
        if ticket is not None and ticket.id == ticket_id:
            return ticket.display_number
        return super().triage_ticket_number(ticket_id)

    def after_triage(self, ticket_id: int) -> None:
        self._details.discard(ticket_id)
        self.refresh_section()
        current = self.ticket_list.cursor_ticket
        if current is not None and current.id == ticket_id:
            self._show_preview(current)

    # --- coming back from another screen --------------------------------------------------

    def on_screen_suspend(self) -> None:
        self._suspended_by_modal = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if self._started and not self._suspended_by_modal:
            # Back from the detail or edit screen: what was changed there should show.
            self._details.clear()
            self.refresh_section()
            self._show_preview(self.ticket_list.cursor_ticket)
        self._suspended_by_modal = False

    # --- command palette ------------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(
                f"Section: {section.title}",
                f"Show this section (key {n})" if n <= 9 else "Show this section",
                partial(self.show_section, n - 1),
            )
            for n, section in enumerate(self._sections, start=1)
        ]
        commands += [
            PaletteCommand(
                f"Sort by {self._column_name(column)}",
                "Same column again reverses",
                partial(self.sort_by, column.key),
            )
            for column in self.ticket_list.columns
        ]
        commands += [
            PaletteCommand("Reverse sort", "Flip the current sort order", self.action_reverse_sort),
            PaletteCommand("Refresh", "Reload this section from the server", self.action_refresh),
            PaletteCommand("Filter", "Narrow the list as you type", self.action_filter),
            PaletteCommand(
                "Toggle preview", "Show or hide the preview", self.action_toggle_preview
            ),
        ]
        return commands

    @staticmethod
    def _column_name(column: Column) -> str:
        return SORT_NAMES.get(column.key) or inert_line(column.title).strip() or column.key
