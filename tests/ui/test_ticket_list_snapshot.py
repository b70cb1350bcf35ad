"""What the queue looks like at 80x24: header, glyphs, cut-off cells, cursor, overdue dates."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from textual.app import App, ComposeResult

from tickettui.core.domain import ReadStatus, StatusKind, TicketSummary
from tickettui.ui.widgets.ticket_list import TicketList

NOW = datetime(2025, 11, 23, 15, 30)
STATES = (ReadStatus.UNREAD, ReadStatus.NEW_INFO, ReadStatus.READ, ReadStatus.UNKNOWN)
STATUSES = (
    ("Open", StatusKind.ACTIVE),
    ("Waiting", StatusKind.POSTPONED),
    ("Closed", StatusKind.CLOSED),
)


def queue() -> list[TicketSummary]:
    return [
        TicketSummary(
            id=1000 + i,
            title=f"Customer {i} cannot print the monthly invoice report"
            if i % 4
            else "[b]Urgent[/b]",
            status=STATUSES[i % 3][0],
            status_kind=STATUSES[i % 3][1],
            priority=("Low", "Medium", "High")[i % 3],
            category=("Support", "Billing")[i % 2],
            owner=("Anna Berg", "Bo Ek", "")[i % 3],
            customer=f"Acme {i % 7} Ltd",
            last_changed=NOW - timedelta(hours=7 * i),
            deadline=NOW + timedelta(days=i - 5) if i % 2 else None,
            read_status=STATES[i % 4],
        )
        for i in range(30)
    ]


class SnapshotApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TicketList(queue(), now=lambda: NOW)


def test_queue_at_80_columns(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.query_one(TicketList).focus()
        await pilot.press("j", "j")

    assert snap_compare(SnapshotApp(), terminal_size=(80, 24), run_before=run_before)
