"""Next in queue on Keliweb (WHMCS): there is no "get next" action (TRIAGE-CALLS §2).

The queue of a section is its own filter with the status ``Awaiting Reply`` (WHMCS's
pseudo-status for every status waiting for an answer) unless the section names a status of its
own; "next" is the ticket in it that has waited longest and is flagged to nobody. WHMCS lists
tickets newest reply first and has no sort parameter, so the total comes first
(``limitnum=1``), then the last one (``limitstart=totalresults-1&limitnum=1``), and, if that
one is flagged to someone, the pages before it, oldest first.

Keliweb's API signs in as the customer: a ticket cannot be flagged to an agent through it. The
ticket is opened, not taken, and the answer says so.
"""

from __future__ import annotations

from tickettui.core.domain import Section
from tickettui.core.next_ticket import TakenTicket, queue_name
from tickettui.systems.keliweb.client import KeliwebClient
from tickettui.systems.keliweb.mapping import detail_from_ticket
from tickettui.systems.keliweb.models import ListedTicket
from tickettui.systems.keliweb.pick_lists import PickLists
from tickettui.systems.keliweb.sections import ALL_ACTIVE, AWAITING_REPLY, parse_query

__all__ = ["CANNOT_ASSIGN", "next_in_queue"]

PAGE = 25
CANNOT_ASSIGN = "Keliweb signs in as the customer and cannot assign it to you"


async def next_in_queue(
    client: KeliwebClient, lists: PickLists, section: Section | None
) -> TakenTicket:
    wanted = parse_query(section.query if section is not None else "")
    status = wanted.status if wanted.status and wanted.status != ALL_ACTIVE else AWAITING_REPLY
    name = queue_name(section)

    async def page(start: int, count: int) -> tuple[int, list[ListedTicket]]:
        answer = await client.get_tickets(status, wanted.deptid, wanted.subject, start, count)
        return answer.totalresults, answer.tickets

    total, _ = await page(0, 1)
    found: ListedTicket | None = None
    if total:
        _, last = await page(total - 1, 1)
        found = next((t for t in last if not t.flag), None)
        end = total - 1
        while found is None and end > 0:
            start = max(0, end - PAGE)
            _, rows = await page(start, end - start)
            found = next((t for t in reversed(rows) if not t.flag), None)
            end = start
    if found is None:
        return TakenTicket(None, queue=name)
    detail = detail_from_ticket(await client.get_ticket(found.id), lists)
    return TakenTicket(detail, assigned=False, note=CANNOT_ASSIGN, queue=name)
