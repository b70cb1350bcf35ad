"""Live queues on Keliweb, against the local server: WHMCS cannot say what changed since a
time, so a tick reads the first page, newest reply first, down to a ticket that has not
changed; a ticket that left the section shows in the total, and only then is the whole section
read again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from tests.keliweb_fixtures import fresh_kw_server, kw_settings
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import QuickAction, Section
from tickettui.core.live_refresh import Flag, LiveSection
from tickettui.systems.keliweb.backend import KeliwebBackend
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.server import LocalKeliweb

__all__ = ["fresh_kw_server"]  # fixture, imported for pytest


@pytest.fixture()
async def kw(fresh_kw_server: LocalKeliweb) -> AsyncIterator[KeliwebBackend]:
    backend = KeliwebBackend(KeliwebClient(kw_settings(fresh_kw_server)))
    yield backend
    await backend.aclose()


async def section(backend: KeliwebBackend, key: str) -> Section:
    return next(s for s in await backend.sections() if s.key == key)


async def tick(backend: KeliwebBackend, chosen: Section, live: LiveSection) -> Any:
    batch = await backend.changes_since(chosen, DEFAULT_COLUMNS, live.cursor, live.by_id())
    return live.merge(batch)


async def test_a_reply_a_new_ticket_and_a_closed_one_show_on_the_next_tick(
    kw: KeliwebBackend,
) -> None:
    awaiting = await section(kw, "awaiting-reply")
    live = LiveSection(awaiting.key, await kw.list_tickets(awaiting, DEFAULT_COLUMNS))
    await tick(kw, awaiting, live)  # the starting point
    assert not (await tick(kw, awaiting, live)).anything

    replied = live.tickets[-1].id  # the longest waiting: its reply brings it to the top
    await kw.add_message(replied, "Any news on this?", internal=False)
    merged = await tick(kw, awaiting, live)
    assert merged.changed == (replied,) and merged.new == () and merged.left == ()
    assert live.flag(replied) is Flag.CHANGED

    form = await kw.edit_form(None)
    form.values.update(subject="Mail bounces (live test)", message="Since this morning.")
    created = (await kw.save(form)).ticket_id
    closing = live.tickets[len(live.tickets) // 2].id
    await kw.quick_action(closing, QuickAction.CLOSE)
    merged = await tick(kw, awaiting, live)
    assert merged.new == (created,)
    assert merged.left == (closing,)
    assert live.flag(created) is Flag.NEW and closing not in live.held()
    fresh = await kw.list_tickets(awaiting, DEFAULT_COLUMNS)
    assert sorted(t.id for t in fresh) == sorted(live.held())
