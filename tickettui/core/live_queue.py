"""Every section's live refresh at once, without a terminal or a clock: which sections are due,
their rows (``LiveSection``), their backoff, their unseen counts and how each notifies.

The screen ticks a timer, asks ``due(now)``, runs ``changes_since`` for each key it gets (after
``begin``), and feeds the answer back with ``landed`` or ``failed``. A full load of a section
(the agent's refresh, a switch) goes through ``loaded``: the rows are replaced, the flags of
tickets still there kept. Callers pass ``now`` (``time.monotonic()``).
"""

from __future__ import annotations

from dataclasses import dataclass

from tickettui.core.domain import TicketSummary
from tickettui.core.live_policy import Backoff, LivePolicy, Notify
from tickettui.core.live_refresh import ChangeBatch, LiveSection, Merged

__all__ = ["LiveQueue", "Tick"]


@dataclass(slots=True)
class _Slot:
    live: LiveSection
    backoff: Backoff | None
    due_at: float
    running: bool = False
    failed: bool = False  # the last tick failed (the status line says so, quietly)


@dataclass(frozen=True, slots=True)
class Tick:
    """What a landed tick did, and whether the agent is to be told about new tickets."""

    merged: Merged
    notify: Notify


class LiveQueue:
    def __init__(self, policy: LivePolicy) -> None:
        self.policy = policy
        self._slots: dict[str, _Slot] = {}

    # --- rows ----------------------------------------------------------------------------

    def loaded(self, key: str, tickets: list[TicketSummary], now: float) -> LiveSection:
        """A full list of section ``key`` landed: the live rows are these now."""
        slot = self._slots.get(key)
        if slot is None:
            interval = self.policy.of(key).interval
            backoff = Backoff(interval) if interval is not None else None
            # Due at once: the first tick only sets where the changes start (the server's
            # newest change now), so nothing between this load and the next tick is lost.
            slot = _Slot(LiveSection(key, tickets), backoff, now)
            self._slots[key] = slot
        else:
            slot.live.reset(tickets)
        return slot.live

    def section(self, key: str) -> LiveSection | None:
        slot = self._slots.get(key)
        return slot.live if slot else None

    def is_live(self, key: str) -> bool:
        return self.policy.of(key).interval is not None

    # --- ticks ---------------------------------------------------------------------------

    def due(self, now: float) -> list[str]:
        """Sections whose tick is due: live, loaded, none running for them."""
        return [
            key
            for key, slot in self._slots.items()
            if slot.backoff is not None and not slot.running and now >= slot.due_at
        ]

    def begin(self, key: str) -> None:
        self._slots[key].running = True

    def landed(self, key: str, batch: ChangeBatch, now: float) -> Tick:
        slot = self._slots[key]
        slot.running = False
        slot.failed = False
        merged = slot.live.merge(batch)
        if slot.backoff is not None:
            slot.due_at = now + slot.backoff.succeeded()
        notify = self.policy.of(key).notify if merged.new else Notify.NONE
        return Tick(merged, notify)

    def failed(self, key: str, now: float) -> float:
        """A tick failed: seconds until the next try (doubling, up to a cap)."""
        slot = self._slots[key]
        slot.running = False
        slot.failed = True
        delay = slot.backoff.failed() if slot.backoff is not None else 0.0
        slot.due_at = now + delay
        return delay

    def cancelled(self, key: str) -> None:
        """A tick was stopped before it answered (a full load replaced it): try at the next."""
        slot = self._slots.get(key)
        if slot is not None:
            slot.running = False

    def has_failed(self, key: str) -> bool:
        slot = self._slots.get(key)
        return slot is not None and slot.failed

    def delay(self, key: str) -> float | None:
        slot = self._slots.get(key)
        return slot.backoff.delay if slot is not None and slot.backoff is not None else None

    # --- seen ----------------------------------------------------------------------------

    def unseen(self, key: str) -> int:
        slot = self._slots.get(key)
        return slot.live.unseen if slot else 0

    def seen(self, key: str, ticket_ids: list[int]) -> None:
        slot = self._slots.get(key)
        if slot is not None:
            slot.live.seen(ticket_ids)
