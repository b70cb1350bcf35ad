"""CachingBackend against the local server: lists and details are kept, prefetch fills them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tickettui.cache import CachingBackend, TicketCache
from tickettui.core.domain import QuickAction
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

COLUMNS = ["read", "id", "title", "status", "owner", "last_changed"]
ALL_ACTIVE = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")


def caching(factory: Callable[[], Any], tmp_path: Path) -> CachingBackend:
    return CachingBackend(factory(), TicketCache(tmp_path / "tickets.sqlite"))


async def test_a_loaded_section_is_there_for_the_next_start(
    so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    backend = caching(so_backend_factory, tmp_path)
    assert backend.cached_list(ALL_ACTIVE, COLUMNS) is None
    tickets = await backend.list_tickets(ALL_ACTIVE, COLUMNS)
    await backend.aclose()

    later = caching(so_backend_factory, tmp_path)
    try:
        assert later.cached_list(ALL_ACTIVE, COLUMNS) == tickets
    finally:
        await later.aclose()


async def test_prefetch_fills_the_detail_cache_and_the_next_start_still_has_it(
    so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    backend = caching(so_backend_factory, tmp_path)
    try:
        ids = [t.id for t in (await backend.list_tickets(ALL_ACTIVE, COLUMNS))[:5]]
        assert all(backend.cached_ticket(i) is None for i in ids)
        assert await backend.prefetch(ids) == 5
        for ticket_id in ids:
            detail = backend.fresh_ticket(ticket_id)
            assert detail is not None and detail.summary.id == ticket_id
            assert backend.cached_messages(ticket_id) is not None
        assert await backend.prefetch(ids) == 0  # fetched a moment ago: not asked again
        fresh = await backend.inner.ticket(ids[0])
    finally:
        await backend.aclose()

    later = caching(so_backend_factory, tmp_path)
    try:
        assert later.fresh_ticket(ids[0]) is None  # from disk: shown, but not fresh
        assert later.cached_ticket(ids[0]) == fresh
    finally:
        await later.aclose()


async def test_a_change_made_through_the_backend_forgets_the_cached_detail(
    fresh_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    backend = caching(fresh_backend_factory, tmp_path)
    try:
        ticket_id = (await backend.list_tickets(ALL_ACTIVE, COLUMNS))[0].id
        await backend.prefetch([ticket_id])
        assert backend.cached_ticket(ticket_id) is not None
        await backend.quick_action(ticket_id, QuickAction.MARK_READ)
        assert backend.cached_ticket(ticket_id) is None
        assert backend.cached_messages(ticket_id) is None
    finally:
        await backend.aclose()


async def test_a_prefetch_that_fails_is_only_a_miss(
    so_backend_factory: Callable[[], Any], tmp_path: Path
) -> None:
    backend = caching(so_backend_factory, tmp_path)
    try:
        assert await backend.prefetch([987_654_321]) == 0
        assert backend.cached_ticket(987_654_321) is None
    finally:
        await backend.aclose()
