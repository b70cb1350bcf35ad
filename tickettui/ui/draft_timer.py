"""When a form's draft goes to disk: shortly after the last change, or at once when asked.

The edit form and the reply window both keep what is typed in ``drafts.json``; this is the one
timer they share (restarted on every change, so typing is not slowed by a write per key).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

__all__ = ["DRAFT_DELAY", "DraftTimer"]

DRAFT_DELAY = 0.3  # seconds after the last change before the draft is written to disk


class DraftTimer:
    def __init__(self, owner: MessagePump, write: Callable[[], None]) -> None:
        self._owner = owner
        self._write = write
        self._timer: Timer | None = None

    def restart(self) -> None:
        """A change: write the draft ``DRAFT_DELAY`` from now, unless another change comes."""
        self.stop()
        self._timer = self._owner.set_timer(DRAFT_DELAY, self._fire)

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def now(self) -> None:
        """Write without waiting (before a send, or when the app is quitting)."""
        self.stop()
        self._write()

    def _fire(self) -> None:
        self._timer = None
        self._write()
