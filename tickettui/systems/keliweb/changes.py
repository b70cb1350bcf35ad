"""What changed in a Keliweb section since the last tick (TRIAGE-CALLS §6).

WHMCS has no changed-since filter, only its one order, newest reply first. A tick reads the
section's first page (25 tickets), and the next while every ticket on a page is new or changed,
comparing each with the row held; the first held ticket that has not changed ends it. New
replies (the customer's, staff's) and new tickets rise to the top, so they are seen at the cost
of one page. ``totalresults`` then tells whether the held rows and the new ones add up: if not,
a ticket left the section (closed, moved) or came into it without a reply, and only then is the
whole section read and compared.

Not seen by a tick: a change that neither moves a ticket's last reply nor its count (a staff
member changing the priority or the flag of a ticket further down); the next full load shows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from tickettui.core.domain import Section, TicketSummary
from tickettui.core.live_refresh import ChangeBatch, ChangeCursor
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.mapping import summary_from_listed
from tickettui.systems.keliweb.pick_lists import PickLists
from tickettui.systems.keliweb.sections import parse_query

__all__ = ["PAGE", "keliweb_changes"]

PAGE = 25
MAX_PAGES = 8  # past this many changed pages, the whole section is cheaper to read


async def keliweb_changes(
    client: KeliwebClient,
    lists: PickLists,
    section: Section,
    cursor: ChangeCursor | None,
    held: Mapping[int, TicketSummary],
) -> ChangeBatch:
    if cursor is None:
        return ChangeBatch(cursor=ChangeCursor())  # the held rows are where it starts
    wanted = parse_query(section.query)
    changed: list[TicketSummary] = []
    new = 0
    total = 0
    for number in range(MAX_PAGES):
        page = await client.get_tickets(
            wanted.status, wanted.deptid, wanted.subject, number * PAGE, PAGE
        )
        total = page.totalresults
        unchanged = False
        for row in page.tickets:
            ticket = summary_from_listed(row, lists)
            before = held.get(ticket.id)
            if before is None:
                new += 1
                changed.append(ticket)
            elif before != ticket:
                changed.append(ticket)
            else:
                unchanged = True
        if unchanged or len(page.tickets) < PAGE:
            break
    else:
        return await _complete(client, lists, section)
    if total != len(held) + new:
        return await _complete(client, lists, section)
    return ChangeBatch(changed=changed, cursor=ChangeCursor())


async def _complete(client: KeliwebClient, lists: PickLists, section: Section) -> ChangeBatch:
    wanted = parse_query(section.query)
    rows = await client.get_all_tickets(wanted.status, wanted.deptid, wanted.subject)
    return ChangeBatch(
        cursor=ChangeCursor(), complete=[summary_from_listed(r, lists) for r in rows]
    )
