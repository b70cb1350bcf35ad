"""Live queues on SuperOffice, against the local server: a section keeps itself current by
asking only what changed since its last tick (``lastChanged afterTime``), and the agent sees
exactly the tickets that changed flagged, new ones first, and the ones that left gone."""

from __future__ import annotations

from typing import Any

from tests.core.two_agents import me, them
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.domain import QuickAction, Section
from tickettui.core.live_refresh import Flag, LiveSection
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS

__all__ = ["me", "them"]  # fixtures, imported for pytest

ALL_ACTIVE = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")


async def started(backend: SuperOfficeBackend, section: Section) -> LiveSection:
    """The section as the queue holds it after its first load, with its starting point."""
    live = LiveSection(section.key, await backend.list_tickets(section, DEFAULT_COLUMNS))
    live.merge(await backend.changes_since(section, DEFAULT_COLUMNS, None, live.by_id()))
    return live


async def tick(backend: SuperOfficeBackend, section: Section, live: LiveSection) -> Any:
    batch = await backend.changes_since(section, DEFAULT_COLUMNS, live.cursor, live.by_id())
    return live.merge(batch)


async def test_ten_tickets_another_agent_changes_are_flagged_and_no_others(
    me: SuperOfficeBackend, them: SuperOfficeBackend
) -> None:
    live = await started(me, ALL_ACTIVE)
    assert live.unseen == 0
    quiet = await tick(me, ALL_ACTIVE, live)
    assert not quiet.anything  # nothing changed: nothing flagged (the overlap is not news)

    chosen = [t.id for t in live.tickets[5:15]]
    priorities = await them.choices("priority")
    for ticket in live.tickets[5:15]:
        other = next(c for c in priorities if c.label != ticket.priority)
        await them.quick_action(ticket.id, QuickAction.SET_PRIORITY, other.value)

    merged = await tick(me, ALL_ACTIVE, live)
    assert sorted(merged.changed) == sorted(chosen)
    assert merged.new == () and merged.left == ()
    assert {i for i, f in live.flags.items() if f is Flag.CHANGED} == set(chosen)
    assert live.unseen == 10
    fresh = {t.id: t for t in await me.list_tickets(ALL_ACTIVE, DEFAULT_COLUMNS)}
    for ticket_id in chosen:  # the rows hold what a full load would show
        assert live.by_id()[ticket_id].priority == fresh[ticket_id].priority

    again = await tick(me, ALL_ACTIVE, live)
    assert not again.anything  # the overlap asked again is not reported twice
    live.seen(chosen[:4])
    assert live.unseen == 6


async def test_a_ticket_closed_leaves_the_section_and_a_new_one_comes_in_flagged_new(
    me: SuperOfficeBackend, them: SuperOfficeBackend
) -> None:
    live = await started(me, ALL_ACTIVE)
    leaving = live.tickets[3].id
    held = len(live.tickets)
    await them.quick_action(leaving, QuickAction.CLOSE)
    form = await them.edit_form(None)
    form.values["title"] = "Printer on fire (live queue test)"
    created = await them.save(form)

    merged = await tick(me, ALL_ACTIVE, live)
    assert merged.left == (leaving,)
    assert merged.new == (created.ticket_id,)
    assert leaving not in live.held()
    assert live.flag(created.ticket_id) is Flag.NEW
    assert live.tickets[0].id == created.ticket_id
    assert len(live.tickets) == held  # one left, one came
    assert live.tickets[0].title == "Printer on fire (live queue test)"


async def test_a_section_of_its_own_filter_sees_only_its_tickets(
    me: SuperOfficeBackend, them: SuperOfficeBackend
) -> None:
    unassigned = next(s for s in DEFAULT_SECTIONS if s.key == "unassigned")
    live = await started(me, unassigned)
    outside = next(
        t for t in await me.list_tickets(ALL_ACTIVE, DEFAULT_COLUMNS) if t.id not in live.held()
    )
    other = next(c for c in await them.choices("priority") if c.label != outside.priority)
    await them.quick_action(outside.id, QuickAction.SET_PRIORITY, other.value)
    taken = live.tickets[0].id
    await them.quick_action(taken, QuickAction.ASSIGN_TO_ME)

    merged = await tick(me, unassigned, live)
    assert merged.new == () and merged.changed == ()
    assert merged.left == (taken,)  # assigned: no longer unassigned
