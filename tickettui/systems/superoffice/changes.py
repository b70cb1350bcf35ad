"""What changed in a section since the last tick, from the Ticket archive (TRIAGE-CALLS §6).

``lastChanged`` is the Ticket provider's change time; ``afterTime`` takes a quoted
``'YYYY-MM-DDTHH:MM:SS'`` literal. Each tick asks from the high-water mark less ``OVERLAP``
(a change stamped in the same second as the mark, or committed a moment late, is not lost) and
drops the (ticket id, lastChanged) pairs already reported. Two reads, both oldest change first
and paged with ``$skip``:

1. every ticket changed since then, ``ticketId`` and ``lastChanged`` only (tens of bytes a row):
   nothing in it, nothing more to ask; a held ticket in it that the second read lacks no longer
   matches the section's filter, and has left it;
2. the section's filter ``and`` the same ``afterTime``, with the list's columns: the rows that
   are new or changed in the section.

The literal is written in the zone asked for in ``SO-TimeZone`` (UTC unless the profile names
another): the zone every date in the answers is in. Which zone a real tenant compares it in is
UNCONFIRMED (TRIAGE-CALLS §6); where it is the tenant's own zone east of UTC, the overlap only
grows and nothing is lost; a zone west of UTC would need the profile's SO-TimeZone set to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Any

from tickettui.core.domain import Section, TicketSummary
from tickettui.core.live_refresh import ChangeBatch, ChangeCursor
from tickettui.core.zones import aware
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.dates import parse_so_datetime
from tickettui.systems.superoffice.mapping import SummaryMapper
from tickettui.systems.superoffice.sections import archive_select

__all__ = ["OVERLAP", "PAGE", "SuperOfficeChanges"]

OVERLAP = timedelta(seconds=60)
PAGE = 200  # changed rows a page: a tick usually needs one
EARLIEST = "1900-01-01T00:00:00"


class SuperOfficeChanges:
    """``changes_since`` for the SuperOffice backend (which owns the client and the ranks)."""

    def __init__(
        self,
        client: SuperOfficeClient,
        zone: tzinfo,
        ranks: Callable[[], Awaitable[Mapping[str, int]]],
    ) -> None:
        self._client = client
        self._zone = zone
        self._ranks = ranks

    async def changes_since(
        self,
        section: Section,
        columns: Sequence[str],
        cursor: ChangeCursor | None,
        held: Mapping[int, TicketSummary],
    ) -> ChangeBatch:
        if cursor is None:
            return ChangeBatch(cursor=ChangeCursor(await self._newest_change()))
        # No mark: the tenant had no ticket at the start, so every ticket is a change.
        since = _literal(cursor.mark - OVERLAP, self._zone) if cursor.mark else EARLIEST
        after = f"lastChanged afterTime '{since}'"
        stamps = await self._client.archive_mapped(
            "Ticket",
            ["ticketId", "lastChanged"],
            lambda key, row: (key, self._date(row.get("lastChanged"))),
            filter=after,
            order_by="lastChanged asc",
            page_size=PAGE,
        )
        fresh = {(i, at) for i, at in stamps if at is not None and (i, at) not in cursor.seen}
        if not fresh:
            return ChangeBatch(cursor=_advanced(cursor, stamps))
        select = archive_select(columns)
        if "lastChanged" not in select:
            select.append("lastChanged")
        query = f"({section.query}) and {after}" if section.query.strip() else after
        rows, ranks = await self._rows(query, select), await self._ranks()
        fresh_ids = {i for i, _ in fresh}
        changed = [t for t in rows if (t.id, t.last_changed) not in cursor.seen]
        for ticket in changed:
            ticket.priority_rank = ranks.get(ticket.priority)
        in_section = {t.id for t in rows}
        left = frozenset(i for i in fresh_ids if i in held and i not in in_section)
        also = [(t.id, t.last_changed) for t in rows]
        return ChangeBatch(changed=changed, left=left, cursor=_advanced(cursor, stamps + also))

    async def _rows(self, query: str, select: list[str]) -> list[TicketSummary]:
        return await self._client.archive_mapped(
            "Ticket",
            select,
            SummaryMapper(self._zone),
            filter=query,
            order_by="lastChanged asc",
            page_size=PAGE,
        )

    async def _newest_change(self) -> datetime | None:
        page = await self._client.archive_page(
            "Ticket", ["ticketId", "lastChanged"], order_by="lastChanged desc", top=1
        )
        return max(
            (at for row in page.value if (at := self._date(row.columns.get("lastChanged")))),
            default=None,
        )

    def _date(self, value: Any) -> datetime | None:
        if not isinstance(value, str):
            return None
        try:
            moment = parse_so_datetime(value)
        except ValueError:
            return None
        return None if moment is None else aware(moment, self._zone)


def _literal(moment: datetime, zone: tzinfo) -> str:
    """``'YYYY-MM-DDTHH:MM:SS'`` in ``zone``, as afterTime takes it (no fraction, no offset)."""
    return moment.astimezone(zone).replace(tzinfo=None, microsecond=0).isoformat()


def _advanced(cursor: ChangeCursor, stamps: Sequence[tuple[int, datetime | None]]) -> ChangeCursor:
    """The new high-water mark, and the pairs reported near it (older ones are never asked
    again)."""
    times = [at for _, at in stamps if at is not None]
    mark = max([*times, *([cursor.mark] if cursor.mark else [])], default=None)
    if mark is None:
        return cursor
    floor = mark - OVERLAP
    seen = {pair for pair in cursor.seen if pair[1] >= floor}
    seen.update((i, at) for i, at in stamps if at is not None and at >= floor)
    return ChangeCursor(mark, frozenset(seen))
