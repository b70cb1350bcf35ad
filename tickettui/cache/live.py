"""The disk cache kept up with live queues: a tick's changes merged into the section's stored
list, in the cache's writer thread (never on the event loop), so the next cold start paints the
list as the agent last saw it."""

from __future__ import annotations

from collections.abc import Sequence

from tickettui.cache.store import TicketCache
from tickettui.core.live_refresh import ChangeBatch, LiveSection

__all__ = ["merge_into_disk"]


def merge_into_disk(
    cache: TicketCache, key: str, columns: Sequence[str], batch: ChangeBatch
) -> None:
    """Merge ``batch`` into the stored list of section ``key`` (nothing stored: nothing to do,
    the next full load writes it)."""
    if batch.complete is not None:
        cache.save_section(key, columns, batch.complete)
        return
    if not (batch.changed or batch.left):
        return
    stored = cache.load_section(key, columns)
    if stored is None:
        return
    live = LiveSection(key, stored)
    live.merge(batch)
    cache.save_section(key, columns, live.tickets)
