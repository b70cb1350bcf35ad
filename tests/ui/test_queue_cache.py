"""Cold start from the cache: the last list paints before the server answers, then is patched."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.conftest import demo_settings
from tests.pilot import settle
from tests.ui.queue_helpers import queue
from tickettui.cache import CachingBackend, TicketCache
from tickettui.cache.store import section_key
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import Section, TicketSummary
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.ui.app import TicketApp
from tickettui.ui.screens.detail import DetailScreen

SIZE = (120, 36)


class HeldBackend(SuperOfficeBackend):
    """The real backend, except that lists wait until the test lets them through."""

    def __init__(self, client: SuperOfficeClient, gate: asyncio.Event) -> None:
        super().__init__(client)
        self.gate = gate

    async def list_tickets(self, section: Section, columns: Sequence[str]) -> list[TicketSummary]:
        await self.gate.wait()
        return await super().list_tickets(section, columns)


class Unanswered:
    """A backend whose every call waits forever."""

    def __getattr__(self, name: str) -> Any:
        async def wait(*args: Any, **kwargs: Any) -> Any:
            await asyncio.Event().wait()

        return wait


def cache_at(tmp_path: Path) -> TicketCache:
    return TicketCache(tmp_path / "tickets.sqlite")


async def section_from_server(server: Any, index: int = 0) -> tuple[Section, list[TicketSummary]]:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(server)))
    try:
        section = (await backend.sections())[index]
        return section, await backend.list_tickets(section, DEFAULT_COLUMNS)
    finally:
        await backend.aclose()


def stale_copy(tickets: list[TicketSummary]) -> list[TicketSummary]:
    """What the last run saw: the same tickets under older titles."""
    return [replace(t, title=f"(old) {t.title}") for t in tickets]


async def test_a_cold_start_paints_the_cached_rows_before_the_server_answers(
    so_server: Any, tmp_path: Path
) -> None:
    section, fresh = await section_from_server(so_server)
    cache_at(tmp_path).save_section(
        section_key(section.key, section.query, section.order_by),
        DEFAULT_COLUMNS,
        stale_copy(fresh),
    )
    gate = asyncio.Event()  # never set: the server does not answer the list

    def factory() -> CachingBackend:
        client = SuperOfficeClient(demo_settings(so_server))
        return CachingBackend(HeldBackend(client, gate), cache_at(tmp_path))

    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        listing = queue(app).ticket_list
        assert listing.total_count == len(fresh) > 0
        assert not listing.loading
        assert listing.ticket_at(0).title == f"(old) {fresh[0].title}"
        shown = app.export_screenshot()
        assert "(old)" in shown
        assert "refreshing" in str(queue(app).query_one("#queue-status").render())


async def test_the_refresh_patches_rows_by_id_and_the_cursor_and_scroll_stay_put(
    so_server: Any, tmp_path: Path
) -> None:
    section, fresh = await section_from_server(so_server, 2)  # all active: the biggest
    assert len(fresh) > 40  # more than a screen, so scrolling means something
    cache_at(tmp_path).save_section(
        section_key(section.key, section.query, section.order_by),
        DEFAULT_COLUMNS,
        stale_copy(fresh),
    )
    gate = asyncio.Event()

    def factory() -> CachingBackend:
        client = SuperOfficeClient(demo_settings(so_server))
        return CachingBackend(HeldBackend(client, gate), cache_at(tmp_path))

    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")  # not loaded in this run yet: comes from the disk cache
        listing = queue(app).ticket_list
        assert listing.ticket_at(0).title.startswith("(old) ")
        await pilot.press(*["j"] * 37)
        await pilot.pause()
        ticket = listing.cursor_ticket
        assert ticket is not None
        row, scroll = listing.cursor_row, listing.scroll_offset.y
        assert scroll > 0

        gate.set()  # the server answers
        await settle(pilot)
        assert listing.total_count == len(fresh)
        assert [listing.ticket_at(r).title for r in range(listing.visible_count)] == [
            t.title for t in fresh
        ]
        assert listing.cursor_ticket is not None
        assert listing.cursor_ticket.id == ticket.id
        assert (listing.cursor_row, listing.scroll_offset.y) == (row, scroll)


async def test_the_highlighted_tickets_neighbours_are_prefetched_and_open_at_once(
    so_server: Any, tmp_path: Path
) -> None:
    def factory() -> CachingBackend:
        client = SuperOfficeClient(demo_settings(so_server))
        return CachingBackend(SuperOfficeBackend(client), cache_at(tmp_path))

    app = TicketApp(factory)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        listing = queue(app).ticket_list
        await pilot.press("j", "j", "j")
        await settle(pilot)
        backend = app.backend
        assert isinstance(backend, CachingBackend)
        around = [listing.ticket_at(r).id for r in range(1, 6)]  # cursor on row 3, two each side
        assert all(backend.fresh_ticket(i) is not None for i in around)
        assert all(backend.cached_messages(i) is not None for i in around)

        below = listing.ticket_at(4)
        real = backend.inner
        backend.inner = Unanswered()  # from here the server never answers
        try:
            app.open_ticket(below.id)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, DetailScreen)
            # Shown from the prefetch, though no answer came.
            assert screen.detail is not None and screen.detail.summary.id == below.id
            assert screen.messages
        finally:
            backend.inner = real
