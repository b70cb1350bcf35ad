"""SuperOffice's time counters reach the screen in the right units: TimeToReply/TimeToClose
are minutes, TimeSpent* seconds (NOTES section 6), each within the priority's office hours, the
Real* twins 24x7; 0 with no RepliedAt/ClosedAt means "not yet"."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tickettui.core.service_times import REAL, counters
from tickettui.systems.superoffice.mapping import detail_from_entity
from tickettui.systems.superoffice.models import TicketEntity

NOW = datetime(2026, 11, 20, 11, 0)
NEVER = "0001-01-01T00:00:00"


def entity(**fields: Any) -> TicketEntity:
    wire = {
        "TicketId": 616,
        "Title": "Printer offline",
        "BaseStatus": "Active",
        "CreatedAt": "2026-10-07T09:00:00",
        "Deadline": "2026-10-08T09:00:00",
        "RepliedAt": NEVER,
        "ClosedAt": NEVER,
        "TimeToReply": 0,
        "RealTimeToReply": 0,
        "TimeToClose": 0,
        "RealTimeToClose": 0,
        "TimeSpentInternally": 0,
        "TimeSpentExternally": 0,
        "TimeSpentQueue": 0,
        "RealTimeSpentInternally": 0,
        "RealTimeSpentExternally": 0,
        "RealTimeSpentQueue": 0,
        "TimeSpent": 35,  # minutes typed on messages: not a service time
    }
    return TicketEntity.model_validate(wire | fields)


def said(e: TicketEntity) -> dict[str, str]:
    return {c.label: c.text for c in counters(detail_from_entity(e), NOW)}


def test_a_ticket_nobody_answered_is_not_replied_yet() -> None:
    texts = said(entity())
    assert texts["To reply"] == "not replied yet · overdue 43d 2h"
    assert texts["To close"] == "not closed yet · open 44d 2h"


def test_minutes_to_reply_and_seconds_spent_read_in_their_units() -> None:
    texts = said(
        entity(
            RepliedAt="2026-11-20T11:00:00",
            TimeToReply=16320,  # minutes within office hours: 272h
            RealTimeToReply=62040,  # minutes 24x7: 43d 2h
            TimeSpentInternally=9000,  # seconds within office hours: 2h 30m
            RealTimeSpentInternally=239400,  # seconds 24x7: 2d 18h 30m
            TimeSpentQueue=45,
            RealTimeSpentQueue=45,
        )
    )
    assert texts["To reply"] == f"272h business · 43d 2h {REAL}"
    assert texts["Internal"] == f"2h 30m business · 2d 18h {REAL}"
    assert texts["In queue"] == f"45s business · 45s {REAL}"
    assert texts["External"] == "none so far"


def test_a_closed_ticket_shows_its_time_to_close() -> None:
    texts = said(
        entity(
            BaseStatus="Closed",
            ClosedAt="2026-11-17T10:00:00",
            TimeToClose=660,
            RealTimeToClose=5460,
        )
    )
    assert texts["To close"] == f"11h business · 3d 19h {REAL}"
    assert texts["To reply"] == "closed without a reply"
