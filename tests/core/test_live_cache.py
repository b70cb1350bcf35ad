"""A live section keeps the disk cache current: after a tick, the next start paints the rows as
the agent last saw them (the changed ticket's new priority, the closed one gone), written in the
cache's own thread. Through the app's backend (cache and deferred start in front), against the
local SuperOffice server."""

from __future__ import annotations

from typing import Any

from tests.conftest import backend_factory_for
from tests.core.two_agents import OTHER_PASSWORD, OTHER_USER, backend_as
from tests.waiting import eventually
from tickettui.core.backend import HeadStart
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import QuickAction
from tickettui.core.live_refresh import LiveSection, change_poller
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

SECTION = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")


async def test_a_tick_is_written_to_the_disk_cache(fresh_so_server: Any) -> None:
    app_backend = backend_factory_for(fresh_so_server)()
    them = backend_as(fresh_so_server, OTHER_USER, OTHER_PASSWORD)
    try:
        assert isinstance(app_backend, HeadStart)
        poller = change_poller(app_backend, app_backend.capabilities)
        live = LiveSection(SECTION.key, await app_backend.list_tickets(SECTION, DEFAULT_COLUMNS))
        live.merge(await poller.changes_since(SECTION, DEFAULT_COLUMNS, None, live.by_id()))
        changed, closed = live.tickets[2], live.tickets[4]
        other = next(c for c in await them.choices("priority") if c.label != changed.priority)
        await them.quick_action(changed.id, QuickAction.SET_PRIORITY, other.value)
        await them.quick_action(closed.id, QuickAction.CLOSE)

        batch = await poller.changes_since(SECTION, DEFAULT_COLUMNS, live.cursor, live.by_id())
        live.merge(batch)

        def on_disk() -> dict[int, Any]:
            rows = app_backend.cached_list(SECTION, DEFAULT_COLUMNS) or []
            return {t.id: t for t in rows}

        await eventually(
            lambda: (
                closed.id not in on_disk()
                and on_disk().get(changed.id, changed).priority == other.label
            ),
            "the tick in the disk cache",
        )
        assert sorted(on_disk()) == sorted(live.held())
    finally:
        await app_backend.aclose()
        await them.aclose()
