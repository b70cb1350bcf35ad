"""The queue's live refresh: a timer per second asks the core's ``LiveQueue`` which sections are
due, a worker per due section asks the backend what changed, and what lands is merged into
the section's rows and put on screen by the queue (``LiveHost``).

Nothing here touches the list's cursor, marks, scroll or filter, or any other screen: a tick
only replaces rows by id (and adds or drops the ones that came or left), which the list takes
in place. A failed tick is said quietly in the status line (never a toast over what the agent
is typing) and tried again later (``core.live_policy.Backoff``). New tickets ring the bell or
send a desktop notification where the profile asks for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol

from textual.app import App
from textual.dom import DOMNode

from tickettui.core.backend import Backend
from tickettui.core.domain import Section, TicketSummary
from tickettui.core.live_policy import LivePolicy, Notify, notification_sequence
from tickettui.core.live_queue import LiveQueue
from tickettui.core.live_refresh import Flag, LiveSection, Merged, change_poller
from tickettui.core.queue_model import QueueModel
from tickettui.ui.textual_compat import write_to_terminal

__all__ = ["FLAG_GLYPHS", "LiveHost", "LiveRefresh"]

TICK = 1.0  # seconds between two looks at what is due
# What a flagged row shows before its title: characters, so they say it under NO_COLOR too.
FLAG_GLYPHS = {Flag.NEW: "★", Flag.CHANGED: "◆"}


class LiveHost(Protocol):
    """What the queue screen gives the live refresh."""

    model: QueueModel

    def live_landed(self, key: str, merged: Merged) -> None:
        """Section ``key``'s rows changed in place (or the unseen count): show it."""
        ...

    def live_failed(self, key: str, error: BaseException, retry_in: float) -> None:
        """A tick of section ``key`` failed: say so quietly."""
        ...


class LiveRefresh:
    """One queue screen's live sections."""

    def __init__(
        self,
        node: DOMNode,
        host: LiveHost,
        policy: LivePolicy,
        *,
        backend: Callable[[], Backend],
        columns: Callable[[], Sequence[str]],
    ) -> None:
        self._node = node
        self._host = host
        self._backend = backend
        self._columns = columns
        self.queue = LiveQueue(policy)

    @property
    def on(self) -> bool:
        """The profile turns refreshing on and the system can say what changed."""
        return self.queue.policy.any_on and self._backend().capabilities.change_polling

    def start(self) -> None:
        if self.on:
            self._node.set_interval(TICK, self.tick, name="live-queues")

    # --- the queue's full loads ----------------------------------------------------------

    def loaded(self, key: str, tickets: list[TicketSummary]) -> None:
        """A full list of section ``key`` landed (the same list the model keeps)."""
        if self.on and self.queue.is_live(key):
            self.queue.loaded(key, tickets, time.monotonic())

    # --- flags ---------------------------------------------------------------------------

    def section(self, key: str) -> LiveSection | None:
        return self.queue.section(key)

    def glyph(self, key: str, ticket_id: int) -> str:
        live = self.queue.section(key)
        flag = live.flag(ticket_id) if live is not None else None
        return FLAG_GLYPHS[flag] if flag is not None else ""

    def seen(self, key: str, ticket_id: int) -> bool:
        """The agent looked at the ticket (cursor rested, opened): its flag goes; whether it had
        one."""
        live = self.queue.section(key)
        if live is None or live.flag(ticket_id) is None:
            return False
        live.seen([ticket_id])
        return True

    # --- ticks ---------------------------------------------------------------------------

    def tick(self) -> None:
        now = time.monotonic()
        for key in self.queue.due(now):
            section = self._host.model.section(key)
            if section is None:
                continue
            self.queue.begin(key)
            self._node.run_worker(
                self._fetch(section),
                group=f"live-{key}",
                exclusive=True,
                exit_on_error=False,
                name=f"live {key}",
            )

    async def _fetch(self, section: Section) -> None:
        key = section.key
        live = self.queue.section(key)
        if live is None:
            return
        backend = self._backend()
        try:
            poller = change_poller(backend, backend.capabilities)
            batch = await poller.changes_since(section, self._columns(), live.cursor, live.by_id())
        except BaseException as error:
            if not isinstance(error, Exception):  # cancelled (the screen went): try next time
                self.queue.cancelled(key)
                raise
            # Any failure: said quietly, tried again later.
            retry_in = self.queue.failed(key, time.monotonic())
            self._host.live_failed(key, error, retry_in)
            return
        tick = self.queue.landed(key, batch, time.monotonic())
        self._host.live_landed(key, tick.merged)
        if tick.notify is not Notify.NONE and tick.merged.new:
            self._tell(tick.notify, section, live, tick.merged)

    def _tell(self, kind: Notify, section: Section, live: LiveSection, merged: Merged) -> None:
        by_id = live.by_id()
        first = by_id.get(merged.new[0])
        count = len(merged.new)
        title = f"{count} new in {section.title}" if count > 1 else f"New in {section.title}"
        body = first.title if first is not None else ""
        app = self._node.app
        if isinstance(app, App):
            write_to_terminal(app, notification_sequence(kind, title, body))
