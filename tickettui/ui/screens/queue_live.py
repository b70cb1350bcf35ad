"""The queue's live sections and `N` (next in queue), mixed into ``QueueScreen``.

Live sections (``ui/live_queue.py``): every full load of a section hands its list to the live
refresh; each tick's changes are patched into the list by id (a ticket that left: the list
takes the section's rows again, the cursor keeping its ticket), flagged rows lead their title
with ★ (new) or ◆ (changed) until the cursor rests on them, the section's tab counts them
(``(18 ★3)``), and a failed tick says so in the status line only. `N` takes the next waiting
ticket of the section on show (``ui/next_in_queue.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tickettui.core.columns import Column
from tickettui.core.safe_text import inert_line
from tickettui.ui.flagged_columns import flagged_columns
from tickettui.ui.screens.queue_messages import CountLoaded, SectionLoaded

if TYPE_CHECKING:
    from tickettui.core.domain import TicketSummary
    from tickettui.core.live_refresh import Merged
    from tickettui.core.queue_model import QueueModel
    from tickettui.ui.app import TicketApp
    from tickettui.ui.commands import PaletteCommand
    from tickettui.ui.live_queue import LiveRefresh
    from tickettui.ui.widgets.section_tabs import SectionTabs
    from tickettui.ui.widgets.ticket_list import TicketList

__all__ = ["QueueLiveMixin"]


def _later(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 90 else f"{seconds:.0f} s"


class QueueLiveMixin:
    """Needs the queue's ``model``, ``ticket_list``, ``tabs``, ``ticket_app``, ``_put``,
    ``_show_count`` and ``_update_status``."""

    model: QueueModel
    ticket_list: TicketList
    tabs: SectionTabs
    ticket_app: TicketApp

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.live: LiveRefresh | None = None
        self._live_failure = ""

    # --- hooks the queue calls -----------------------------------------------------------

    def live_columns(self, columns: Sequence[Column]) -> list[Column]:
        """The list's columns, the title led by a flagged row's glyph."""
        return flagged_columns(columns, self._glyph)

    def _glyph(self, ticket_id: int) -> str:
        key = self.model.shown_key
        return self.live.glyph(key, ticket_id) if self.live is not None and key else ""

    def live_commands(self) -> list[PaletteCommand]:
        from tickettui.ui.commands import PaletteCommand  # the palette's: not at start

        if not self.ticket_app.capabilities.next_in_queue:
            return []
        return [
            PaletteCommand(
                "Next ticket", "Take the next waiting ticket of this section (N)", self.action_next
            )
        ]

    # --- Textual's handlers (by name: every class's own is called) -------------------------

    def on_mount(self) -> None:
        # After the first frame (its modules and the backend's capabilities are not needed
        # for it), or with the first list loaded, whichever comes first.
        self.ticket_app.after_queue_painted(self._live_refresh)

    def _live_refresh(self) -> LiveRefresh:
        """The screen's live refresh, made and started the first time it is asked for."""
        if self.live is None:
            from tickettui.ui.live_queue import LiveRefresh

            app = self.ticket_app
            self.live = LiveRefresh(
                self,  # type: ignore[arg-type]  # mixed into a Screen
                self,
                app.live_policy,
                backend=lambda: app.backend,
                columns=lambda: app.columns,
            )
            self.live.start()
        return self.live

    def on_section_loaded(self, event: SectionLoaded) -> None:
        self._live_refresh().loaded(event.section.key, event.tickets)

    def on_count_loaded(self, event: CountLoaded) -> None:
        self._live_refresh().loaded(event.section.key, event.tickets)

    def on_ticket_list_highlighted(self, event: Any) -> None:
        ticket: TicketSummary | None = event.ticket
        key = self.model.shown_key
        if ticket is None or key is None or self.live is None:
            return
        if self.live.seen(key, ticket.id):
            self.ticket_list.patch([ticket])  # its glyph goes
            self._show_unseen(key)

    # --- what a tick brings (LiveHost) ---------------------------------------------------

    def live_landed(self, key: str, merged: Merged) -> None:
        self._live_failure = ""
        live = self.live.section(key) if self.live is not None else None
        if live is not None and merged.anything and self.model.shown_key == key:
            if merged.left or merged.new:
                # In the section's order again (new ones on top, the ones gone gone); the
                # cursor keeps its ticket, the filter and the sort stay.
                self._put(key, live.tickets, in_place=False)  # type: ignore[attr-defined]
            else:
                by_id = live.by_id()
                self.ticket_list.patch([by_id[i] for i in merged.changed if i in by_id])
        self._show_count(key)  # type: ignore[attr-defined]
        self._show_unseen(key)
        self._update_status()  # type: ignore[attr-defined]

    def live_failed(self, key: str, error: BaseException, retry_in: float) -> None:
        section = self.model.section(key)
        name = inert_line(section.title) if section is not None else key
        self._live_failure = f"{name}: live refresh failed, again in {_later(retry_in)}"
        self._update_status()  # type: ignore[attr-defined]

    def _show_unseen(self, key: str) -> None:
        index = self.model.index_of(key)
        if index is not None and self.live is not None:
            self.tabs.set_unseen(index, self.live.queue.unseen(key))

    def status_extra(self) -> str:
        usual: str = super().status_extra()  # type: ignore[misc]
        return " · ".join(part for part in (usual, self._live_failure) if part)

    # --- N -------------------------------------------------------------------------------

    def action_next(self) -> None:
        from tickettui.ui.next_in_queue import take_next_ticket

        app = self.ticket_app
        section = self.model.active_section
        self.run_worker(  # type: ignore[attr-defined]
            take_next_ticket(app, section),
            group="next-ticket",
            exclusive=True,
            exit_on_error=False,
            name="next ticket",
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return self.ticket_app.capabilities.next_in_queue
        result: bool | None = super().check_action(action, parameters)  # type: ignore[misc]
        return result
