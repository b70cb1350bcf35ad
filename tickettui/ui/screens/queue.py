"""The queue: section tabs, the ticket list, as-you-type filter, sorting and a preview pane.

Every backend call runs in a worker (``queue_loader``), so the screen never freezes: the
active section first, then (one at a time) the other sections' counts. Workers answer with
messages (``queue_messages``), which ``QueueSections`` (``queue_sections``) puts into the
queue's model (``core/queue_model``) and renders. Each section's list is kept, so switching
back is instant and refreshes in the background. A failed call becomes a notification; the
last list loaded stays on screen.

This module is the screen the agent drives: layout, keys and actions, triage, coming back
from other screens and the command palette; the `/` line is ``queue_filter``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tickettui.core.columns import Column, resolve_columns
from tickettui.core.domain import ReadStatus, TicketSummary
from tickettui.ui.bulk_actions import BULK_BINDINGS
from tickettui.ui.clipboard import LINK_BINDINGS, LinksMixin
from tickettui.ui.marks import MARK_BINDINGS
from tickettui.ui.screens.queue_export import EXPORT_BINDING, QueueExportMixin
from tickettui.ui.screens.queue_filter import QueueFilterMixin
from tickettui.ui.screens.queue_live import QueueLiveMixin
from tickettui.ui.screens.queue_marks import QueueMarksMixin
from tickettui.ui.screens.queue_preview import preview_layout
from tickettui.ui.screens.queue_search import FIND_BINDINGS, STOP_SEARCH_BINDING, QueueSearchMixin
from tickettui.ui.screens.queue_sections import QueueSections
from tickettui.ui.screens.queue_status import column_name
from tickettui.ui.triage import TRIAGE_BINDINGS, TriageMixin
from tickettui.ui.widgets.key_bar import KeyBar
from tickettui.ui.widgets.section_tabs import SectionTabs
from tickettui.ui.widgets.ticket_list import TicketList

if TYPE_CHECKING:
    from textual.command import Provider

    from tickettui.ui.commands import PaletteCommand
    from tickettui.ui.widgets.preview import TicketPreview

Clock = Callable[[], datetime]


def _queue_commands() -> type[Provider]:
    from tickettui.ui.commands import QueueCommands

    return QueueCommands


# The footer's keys, most used first: at 80 columns the first ones fit, `?` lists them all.
QUEUE_FOOTER = (
    "list.select",
    "queue.filter",
    "queue.sort",
    "triage.undo",
    "triage.status",
    "triage.priority",
    "triage.close",
    "triage.assign_to_me",
    "queue.new",
    "queue.quit",
    "triage.postpone",
    "triage.mark_read",
    "queue.refresh",
)


class QueueScreen(  # type: ignore[misc]  # app: TicketApp
    QueueFilterMixin,
    QueueSearchMixin,
    QueueLiveMixin,
    QueueMarksMixin,
    QueueExportMixin,
    LinksMixin,
    TriageMixin,
    QueueSections,
):
    """The first screen: one saved query (section) at a time, as a keyboard-driven list."""

    COMMANDS = {_queue_commands}  # the palette's provider, imported when it first opens
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority key, so a burst typed after it lands in the `/` line (queue_filter).
        Binding("slash", "filter", "Filter", id="queue.filter", priority=True),
        Binding("s", "sort", "Sort", id="queue.sort"),
        Binding("S", "reverse_sort", "Reverse sort", show=False, id="queue.reverse_sort"),
        Binding("r", "refresh", "Refresh", id="queue.refresh"),
        *TRIAGE_BINDINGS,
        # Before the queue's own esc: a running search or bulk action stops first.
        STOP_SEARCH_BINDING,
        *BULK_BINDINGS,
        *FIND_BINDINGS,
        Binding("e", "edit", "Edit", show=False, id="queue.edit"),
        Binding("n", "new_ticket", "New", id="queue.new"),
        Binding("N", "next", "Next", id="queue.next"),  # next in queue: take it, open it
        Binding("D", "drafts", "Drafts", show=False, id="queue.drafts"),
        Binding("v", "toggle_preview", "Preview", show=False, id="queue.preview"),
        *LINK_BINDINGS,
        EXPORT_BINDING,
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
        # After it: esc clears the filter, then (pressed again) the marks, the more work to lose.
        *MARK_BINDINGS,
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
        self._preview_choice: bool | None = None  # None: decided by the terminal's size
        self._suspended_by_modal = False
        # The preview waits for the first rows' frame: (reload, fetch) once one is asked for.
        self._first_preview_due: tuple[bool, bool] | None = None
        self._preview_pane: TicketPreview | None = None  # in the space's place once asked for
        self._preview_match: tuple[int | None, str] = (None, "")  # for it, until then

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The layout's classes before anything is styled: set once mounted, they would have
        # every widget of the screen styled twice before the first frame.
        wide, shown = preview_layout(self.app.size.width, self.app.size.height, None)
        self.set_class(wide, "-wide")
        self.set_class(shown, "-preview")
        yield Static(id="queue-status")
        yield SectionTabs(id="queue-tabs")
        with Container(id="queue-body"):
            yield TicketList(
                columns=self._columns(),
                now=self._now,
                rows=self.model.rows,
                on_move=self.cursor_moving,
                id="queue-list",
            )
            # The preview pane's place: its size, border and background, blank as the pane is
            # until the first frame is out; the pane (its modules, stylesheet and component
            # styles) takes its place then, or when first asked for (``preview``).
            yield Widget(id="queue-preview-space")
        # The `/` line (queue_filter) is mounted above the keys right after the first frame.
        yield KeyBar(lambda: self.footer_order(QUEUE_FOOTER))

    def _columns(self) -> list[Column]:
        # Without colour (NO_COLOR), a high or critical priority is marked by a glyph instead.
        return self.live_columns(
            resolve_columns(
                self.app.columns, self.app.capabilities, now=self._now, no_color=self.app.no_color
            )
        )

    @property
    def preview(self) -> TicketPreview:
        """The preview pane, put in its space the first time it is asked for."""
        pane = self._preview_pane
        if pane is None:
            from tickettui.ui.widgets.preview import TicketPreview

            pane = self._preview_pane = TicketPreview(now=self._now, id="queue-preview")
            space = self.query_one("#queue-preview-space")
            self.query_one("#queue-body").mount(pane, after=space)
            space.remove()
            pane.show_match(*self._preview_match)
        return pane

    def show_preview_match(self, ticket_id: int | None, hint: str) -> None:
        if self._preview_pane is None:  # not before the first frame: kept for the pane
            self._preview_match = (ticket_id, hint)
        else:
            self._preview_pane.show_match(ticket_id, hint)

    def on_mount(self) -> None:
        self.ticket_list.focus()
        composed_with_preview = self.preview_shown
        self._layout_for(self.app.size.width, self.app.size.height)  # a no-op unless resized
        if composed_with_preview and self.preview_shown:  # blank until told: "no ticket" yet
            self._show_preview(self.ticket_list.cursor_ticket)
        self._update_status()
        self._loader.user()
        self._loader.sections()
        self.ticket_app.after_queue_painted(lambda: self.preview)  # the pane in its place
        # The `/` line too, ready before `/` is pressed: keys typed right after it must land
        # in the line, never on the list (`c`, `a`... are one-key changes there).
        self.ticket_app.after_queue_painted(lambda: self.filter_bar)
        # Edits, replies and notes a crash or a kill left behind: once the first rows are out
        # (drafts.json read, maybe a toast), or at once when the queue painted before.
        self.ticket_app.after_queue_painted(self._announce_drafts)

    def _announce_drafts(self) -> None:
        from tickettui.ui.screens.drafts_review import announce_drafts

        announce_drafts(self.ticket_app)

    def on_resize(self, event: events.Resize) -> None:
        self._layout_for(event.size.width, event.size.height)
        self._update_status()

    def _layout_for(self, width: int, height: int) -> None:
        wide, shown = preview_layout(width, height, self._preview_choice)
        self.set_class(wide, "-wide")
        was = self.preview_shown
        self.set_class(shown, "-preview")
        if shown and not was:
            self._show_preview(self.ticket_list.cursor_ticket)

    def _show_preview(
        self, ticket: TicketSummary | None, reload: bool = True, *, fetch: bool = True
    ) -> None:
        """As ``QueueSections._show_preview``, but the first rows reach the screen alone: the
        preview of the ticket under the cursor (its detail and latest message read from the
        disk cache, then drawn) follows the first frame rather than holding it back
        (issue 16: the cold start is timed to the first ticket row). Whatever asked for it
        before then (the first rows put in, the cursor moving) is asked once, as strongly as
        the strongest ask, for the ticket under the cursor by then."""
        if self.ticket_app.queue_painted:
            super()._show_preview(ticket, reload, fetch=fetch)
            return
        due = self._first_preview_due
        if due is None:  # not call_after_refresh: the screen may run that before any frame
            self.ticket_app.after_queue_painted(self._first_preview)
            due = (False, False)
        self._first_preview_due = (due[0] or reload, due[1] or fetch)

    def _first_preview(self) -> None:
        due, self._first_preview_due = self._first_preview_due, None
        if due is not None:
            reload, fetch = due
            super()._show_preview(self.ticket_list.cursor_ticket, reload, fetch=fetch)

    @on(TicketList.Selected)
    def _selected(self, event: TicketList.Selected) -> None:
        self.app.open_ticket(event.ticket.id)

    @on(SectionTabs.Clicked)
    def _tab_clicked(self, event: SectionTabs.Clicked) -> None:
        self.show_section(event.index)

    # --- actions --------------------------------------------------------------------------

    def action_sort(self) -> None:
        from tickettui.core.domain import Choice  # core.domain_detail: not at start
        from tickettui.ui.screens.pickers import SortPicker

        listing = self.ticket_list
        choices = [Choice(c.key, column_name(c)) for c in listing.columns]
        picker = SortPicker(choices, listing.sort_key, listing.sort_reverse)
        self.app.push_screen(picker, self._sort_chosen)

    def _sort_chosen(self, chosen: tuple[str, bool] | None) -> None:
        if chosen is not None:
            key, reverse = chosen
            self.sort_by(key or None, reverse)

    def sort_by(self, key: str | None, reverse: bool | None = None) -> None:
        self.ticket_list.sort_by(key, reverse)
        self._update_status()

    def action_reverse_sort(self) -> None:
        listing = self.ticket_list
        if listing.sort_key is None:
            self.app.notify("Not sorted yet: s chooses a column", markup=False)
            return
        self.sort_by(listing.sort_key, not listing.sort_reverse)

    def action_refresh(self) -> None:
        self._previews.forget()
        self.refresh_section(in_place=False)
        self._show_preview(self.ticket_list.cursor_ticket)

    def action_section(self, index: int) -> None:
        self.show_section(index)

    def action_next_section(self) -> None:
        index = self.model.step(1)
        if index is not None:
            self.show_section(index)

    def action_previous_section(self) -> None:
        index = self.model.step(-1)
        if index is not None:
            self.show_section(index)

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

    def go_to_ticket(self, number: str) -> None:
        """Open the ticket users call ``number`` (the palette's "go to ticket"): one of the
        lists loaded has it, or the backend finds it (Keliweb: by its number, else its id)."""
        ticket_id = self.model.find_number(number.removeprefix("#").strip())
        if ticket_id is not None:
            self.app.open_ticket(ticket_id)
        else:
            self._find_and_open(number)

    @work(exclusive=True, group="go-to-ticket", exit_on_error=False)
    async def _find_and_open(self, number: str) -> None:
        try:
            ticket_id = await self.app.backend.resolve(number)
        except Exception as error:
            self.app.report_error(error, f"Go to ticket {number}")
            return
        self.app.open_ticket(ticket_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            return bool(self.typed_filter() or self.ticket_list.filter_text)
        if action == "section" and parameters:
            index = parameters[0]
            return isinstance(index, int) and index < len(self.model.sections)
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

    def link_ticket(self) -> tuple[int, str] | None:
        ticket = self.ticket_list.cursor_ticket
        return (ticket.id, ticket.display_number) if ticket is not None else None

    def export_section_key(self) -> str:
        section = self.model.active_section
        if section is not None and self.model.is_temporary(section.key):
            return "search"
        return section.key if section is not None else "tickets"

    def triage_read_status(self, ticket_id: int) -> ReadStatus | None:
        ticket = self.ticket_list.cursor_ticket
        return ticket.read_status if ticket is not None and ticket.id == ticket_id else None

    def after_triage(self, ticket_id: int) -> None:
        self._previews.forget(ticket_id)
        self.refresh_section()
        current = self.ticket_list.cursor_ticket
        if current is not None and current.id == ticket_id:
            self._show_preview(current)

    def ticket_marked_read(self, ticket_id: int) -> None:
        """Opened and marked read (``ui/read_on_open``): its row shows it at once, and the
        section is asked again if on show (a refresh under way may have read it before)."""
        listing = self.ticket_list
        row = listing.rows.row_of_id(ticket_id)
        if row is not None:
            listing.patch([replace(listing.ticket_at(row), read_status=ReadStatus.READ)])
        self._previews.forget(ticket_id)
        if self.app.screen is self:
            self.refresh_section()

    # --- coming back from another screen --------------------------------------------------

    def on_screen_suspend(self) -> None:
        self._suspended_by_modal = isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        if self.model.started and not self._suspended_by_modal:
            # Back from the detail or edit screen: what was changed there should show.
            self._previews.forget()
            self.refresh_section()
            self._show_preview(self.ticket_list.cursor_ticket)
        self._suspended_by_modal = False

    # --- command palette ------------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        from tickettui.ui.commands import PaletteCommand  # the palette's: not at start

        commands = [
            PaletteCommand(
                f"Section: {section.title}",
                f"Show this section (key {n})" if n <= 9 else "Show this section",
                partial(self.show_section, n - 1),
            )
            for n, section in enumerate(self.model.sections, start=1)
        ]
        commands += [
            PaletteCommand(
                f"Sort by {column_name(column)}",
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
            PaletteCommand(
                "Export the section", "To a CSV or JSON file, as shown (key E)", self.action_export
            ),
        ]
        commands += self.search_commands()
        return commands + self.link_commands() + self.mark_commands() + self.live_commands()
