"""The queue screen's data side: what its workers report goes into the queue's model and on
to the widgets.

The workers (``queue_loader``) fetch sections, lists, counts, the agent's name and preview
details, and post messages (``queue_messages``); the handlers here feed the model
(``core/queue_model``) and render: tabs and their counts, the list (patched in place or
reset, as the model decides), the status line (``queue_status``) and the preview pane
(``queue_preview``). ``QueueScreen`` (``queue``) adds the layout, keys and actions.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import on
from textual.screen import Screen
from textual.widgets import Static

from tickettui.core.backend import HeadStart
from tickettui.core.domain import Section, TicketSummary
from tickettui.core.queue_model import QueueModel, Takes
from tickettui.ui.screens.queue_loader import QueueLoader
from tickettui.ui.screens.queue_match import match_hint
from tickettui.ui.screens.queue_messages import (
    CountLoaded,
    PreviewFailed,
    PreviewLoaded,
    PreviewMessageFailed,
    PreviewMessageLoaded,
    SectionFailed,
    SectionLoaded,
    SectionsFailed,
    SectionsLoaded,
    UserLoaded,
)
from tickettui.ui.screens.queue_preview import PreviewFeed
from tickettui.ui.screens.queue_status import status_line
from tickettui.ui.widgets.section_tabs import SectionTabs
from tickettui.ui.widgets.ticket_list import TicketList

if TYPE_CHECKING:
    from tickettui.ui.app import TicketApp
    from tickettui.ui.widgets.preview import TicketPreview

PREFETCH_AROUND = 2  # rows above and below the cursor whose detail is fetched ahead


class QueueSections(Screen[None]):
    """Sections, their lists and the preview, fed by the queue's workers."""

    def __init__(self) -> None:
        super().__init__()
        self.model = QueueModel()  # the queue's state; the list shows ``model.rows``
        self._loader = QueueLoader(
            self,
            backend=lambda: self.ticket_app.backend,
            columns=lambda: self.ticket_app.columns,
            model=self.model,
        )
        self._previews = PreviewFeed(
            lambda: self.preview,
            lambda: self.ticket_app.backend,
            self._loader.preview,
            self._loader.preview_message,
        )

    @property
    def ticket_app(self) -> TicketApp:
        return cast("TicketApp", self.app)

    @property
    def ticket_list(self) -> TicketList:
        return self.query_one("#queue-list", TicketList)

    @property
    def preview(self) -> TicketPreview:
        raise NotImplementedError  # the screen's: the pane takes its place after the first frame

    def show_preview_match(self, ticket_id: int | None, hint: str) -> None:
        self.preview.show_match(ticket_id, hint)

    @property
    def tabs(self) -> SectionTabs:
        return self.query_one("#queue-tabs", SectionTabs)

    @property
    def sections(self) -> list[Section]:
        return self.model.sections

    @property
    def active_section(self) -> Section | None:
        return self.model.active_section

    @property
    def preview_shown(self) -> bool:
        return self.has_class("-preview")

    # --- sections -------------------------------------------------------------------------

    @on(SectionsLoaded)
    def _sections_loaded(self, event: SectionsLoaded) -> None:
        self.model.set_sections(event.sections)
        self.tabs.set_sections([s.title for s in self.model.sections])
        if self.model.sections:
            self.show_section(0)
        else:
            self.ticket_app.queue_shown()

    @on(SectionsFailed)
    def _sections_failed(self, event: SectionsFailed) -> None:
        self.ticket_app.report_error(event.error, "Loading sections")
        self.ticket_app.queue_shown()

    @on(UserLoaded)
    def _user_loaded(self, event: UserLoaded) -> None:
        self.model.user = event.name
        if self.model.rows.set_me(event.name):  # the filter says owner:me: now it knows who
            self.ticket_list.set_filter(self.ticket_list.filter_text)
        self._update_status()

    def show_section(self, index: int) -> None:
        """Show section ``index``: at once from the cache if it was loaded, then fresh."""
        model, listing = self.model, self.ticket_list
        ticket = listing.cursor_ticket
        section = model.switch_to(index, ticket.id if ticket else None)
        if section is None:
            return
        self.tabs.set_active(index)
        cached = model.tickets(section.key)
        if cached is None:
            cached = self._head_start(section)
        if model.shown_key != section.key:
            self._put(section.key, cached or [])
            remembered = model.remembered_cursor(section.key)
            if remembered is None or not listing.move_cursor_to_id(remembered):
                listing.move_cursor(0)
        listing.loading = cached is None
        self._load(section)
        self._update_status()
        self.ticket_app.queue_shown()  # the first time: the backend is built after this paint

    def _head_start(self, section: Section) -> list[TicketSummary] | None:
        """The section's list from the last run (a backend with a cache): painted at once."""
        backend = self.ticket_app.backend
        tickets = (
            backend.cached_list(section, self.ticket_app.columns)
            if isinstance(backend, HeadStart)
            else None
        )
        if tickets is not None:
            self.model.head_start(section.key, tickets)  # not fresh: its count still loads
            self.tabs.set_count(self.model.active, len(tickets))
        return tickets

    def refresh_section(self, *, in_place: bool = True) -> None:
        """Reload the active section and the other counts (the list stays until it lands).

        ``in_place``: rows update where they are, as long as no ticket left the section; else
        the server's order is shown again (the cursor still keeps its ticket).
        """
        section = self.active_section
        if section is not None:
            self._load(section, all_counts=True, in_place=in_place)

    def _load(self, section: Section, *, all_counts: bool = False, in_place: bool = True) -> None:
        self.model.begin_load(section.key)
        self._update_status()
        self._loader.section(section, all_counts=all_counts, in_place=in_place)

    @on(SectionLoaded)
    def _section_loaded(self, event: SectionLoaded) -> None:
        key = event.section.key
        self.model.load_landed(key, event.tickets, time.monotonic())
        self._show_count(key)
        if self.model.is_active(key):
            self._put(key, event.tickets, in_place=event.in_place)
            self.ticket_list.loading = False
        self._update_status()
        self._loader.counts(force=event.all_counts)

    @on(SectionFailed)
    def _section_failed(self, event: SectionFailed) -> None:
        self.model.load_failed(event.section.key)
        self.ticket_list.loading = False
        self._update_status()
        self.ticket_app.report_error(event.error, f"Loading {event.section.title}")

    @on(CountLoaded)
    def _count_loaded(self, event: CountLoaded) -> None:
        key = event.section.key
        self.model.count_landed(key, event.tickets, time.monotonic())
        self._show_count(key)
        if self.model.takes_background_list(key):
            self._put(key, event.tickets)  # the agent switched here meanwhile
            self.ticket_list.loading = False

    def _show_count(self, key: str) -> None:
        index = self.model.index_of(key)
        if index is not None:
            self.tabs.set_count(index, self.model.count(index))

    def _put(self, key: str, tickets: list[TicketSummary], in_place: bool = True) -> None:
        """Show ``tickets`` in the list; the cursor keeps its ticket either way."""
        listing = self.ticket_list
        if self.model.show(key, tickets, in_place=in_place) is Takes.PATCH:
            # Nothing left the section: rows update where they are, the scroll stays put.
            listing.patch(tickets)
        else:
            listing.set_tickets(tickets)
        self._show_preview(listing.cursor_ticket, reload=False)
        self._update_status()

    def status_extra(self) -> str:
        """What the status line says after the count (the marks, a bulk action's progress)."""
        return ""

    def _update_status(self) -> None:
        if not self.is_mounted:
            return
        listing = self.ticket_list
        # Why the ticket under the cursor matched, if no column on show says: in the preview,
        # or in the status line while the preview is hidden.
        ticket = listing.cursor_ticket
        hint = match_hint(ticket, listing, self.ticket_app.capabilities)
        if self.preview_shown:
            self.show_preview_match(ticket.id if ticket else None, hint)
            hint = ""
        line = status_line(
            self.ticket_app.title,
            self.model,
            listing.columns,
            self.size.width,
            matched=hint,
            extra=self.status_extra(),
        )
        self.query_one("#queue-status", Static).update(line)

    # --- the list and the preview ---------------------------------------------------------

    def cursor_moving(self, ticket: TicketSummary | None) -> None:
        """The cursor came to ``ticket`` from rest and may move on (the list calls this in
        the same call as the move): what is at hand only, painted in the cursor's frame. The
        server is asked once it rests (``Highlighted``)."""
        self._show_preview(ticket, fetch=False)
        if self.model.rows.filter_terms:
            self._update_status()  # where this ticket matched the filter

    @on(TicketList.Highlighted)
    def _highlighted(self, event: TicketList.Highlighted) -> None:
        if event.moving:
            self.cursor_moving(event.ticket)
            return
        self._show_preview(event.ticket)
        if self.model.rows.filter_terms:
            self._update_status()
        if event.ticket is not None and isinstance(self.ticket_app.backend, HeadStart):
            self._loader.prefetch(self._neighbour_ids)

    def _neighbour_ids(self) -> list[int]:
        """The tickets around the cursor, the cursor's own first (the likeliest opened)."""
        listing = self.ticket_list
        row = listing.cursor_row
        rows = range(
            max(0, row - PREFETCH_AROUND), min(listing.visible_count, row + 1 + PREFETCH_AROUND)
        )
        return [listing.ticket_at(r).id for r in sorted(rows, key=lambda r: abs(r - row))]

    def _show_preview(
        self, ticket: TicketSummary | None, reload: bool = True, *, fetch: bool = True
    ) -> None:
        if self.preview_shown:
            self._previews.show(ticket, reload=reload, fetch=fetch)

    @on(PreviewLoaded)
    def _preview_loaded(self, event: PreviewLoaded) -> None:
        current = self.ticket_list.cursor_ticket
        self._previews.landed(event.ticket_id, event.detail, current, self.preview_shown)

    @on(PreviewFailed)
    def _preview_failed(self, event: PreviewFailed) -> None:
        self._previews.failed(event.ticket_id, event.error, self.ticket_list.cursor_ticket)

    @on(PreviewMessageLoaded)
    def _preview_message_loaded(self, event: PreviewMessageLoaded) -> None:
        self._previews.message_landed(event.ticket_id, event.message)

    @on(PreviewMessageFailed)
    def _preview_message_failed(self, event: PreviewMessageFailed) -> None:
        self._previews.message_failed(event.ticket_id, event.error)
