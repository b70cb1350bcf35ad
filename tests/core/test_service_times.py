"""What a ticket's service times say to an agent, checked against times worked out by hand.

The story of issue 19: a ticket 43 days past its deadline that nobody has answered showed
"To reply 0m · 24x7 0m"; once answered, 272 office hours showed as "11d 8h". Now the first says
"not replied yet · overdue 43d 2h", the second "272h business · 43d 2h 24x7".
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tickettui.core.domain import StatusKind, TicketDetail, TicketSummary, TimeMetrics
from tickettui.core.service_times import (
    REAL,
    Counter,
    business_duration,
    counters,
    pending_reply,
    seconds_between,
)

CREATED = datetime(2026, 10, 7, 9, 0)
DEADLINE = datetime(2026, 10, 8, 9, 0)
NOW = datetime(2026, 11, 20, 11, 0)  # 43d 2h after the deadline, 44d 2h after creation
MINUTE, HOUR, DAY = 60, 3600, 86400
NOTHING_YET = TimeMetrics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)  # what SuperOffice sends at first


def ticket(
    metrics: TimeMetrics,
    *,
    status: StatusKind = StatusKind.ACTIVE,
    replied_at: datetime | None = None,
    closed_at: datetime | None = None,
    created: datetime | None = CREATED,
    deadline: datetime | None = DEADLINE,
) -> TicketDetail:
    summary = TicketSummary(
        616, "Printer offline", "Open", status_kind=status, created=created, deadline=deadline
    )
    return TicketDetail(summary, replied_at=replied_at, closed_at=closed_at, metrics=metrics)


def said(detail: TicketDetail, now: datetime = NOW) -> dict[str, str]:
    return {counter.label: counter.text for counter in counters(detail, now)}


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0m"),
        (40, "40s"),
        (60, "1m"),
        (45 * MINUTE, "45m"),
        (HOUR, "1h"),
        (HOUR + 30 * MINUTE, "1h 30m"),
        (62 * HOUR, "62h"),  # never "2d 14h": a day of office hours is not 24 hours
        (62 * HOUR + 30 * MINUTE, "62h 30m"),
        (16320 * MINUTE, "272h"),  # the "11d 8h" of the issue
        (-90 * MINUTE, "-1h 30m"),
    ],
)
def test_business_hours_are_hours_and_minutes_never_days(seconds: int, text: str) -> None:
    assert business_duration(seconds) == text


def test_an_overdue_ticket_nobody_answered_says_so_instead_of_0m() -> None:
    detail = ticket(NOTHING_YET)
    assert said(detail) == {
        "To reply": "not replied yet · overdue 43d 2h",
        "To close": "not closed yet · open 44d 2h",
        "Internal": "none so far",
        "External": "none so far",
        "In queue": "none so far",
    }
    reply = counters(detail, NOW)[0]
    assert reply == Counter("To reply", "not replied yet · overdue 43d 2h", True, True)
    assert pending_reply(detail)


def test_before_its_deadline_it_says_how_long_the_customer_has_waited() -> None:
    before = datetime(2026, 10, 7, 14, 30)
    assert said(ticket(NOTHING_YET), before)["To reply"] == "not replied yet · waiting 5h 30m"
    assert said(ticket(NOTHING_YET, deadline=None))["To reply"] == (
        "not replied yet · waiting 44d 2h"
    )
    unknown = ticket(NOTHING_YET, created=None, deadline=None)
    assert said(unknown)["To reply"] == "not replied yet"
    assert said(unknown)["To close"] == "not closed yet"


def test_after_the_reply_business_hours_read_as_hours_and_24x7_as_days() -> None:
    metrics = TimeMetrics(
        time_to_reply=16320 * MINUTE,  # 272 office hours
        real_time_to_reply=62040 * MINUTE,  # 43d 2h
        time_to_close=0,
        real_time_to_close=0,
        spent_internally=2 * HOUR + 30 * MINUTE,
        real_spent_internally=2 * DAY + 18 * HOUR + 30 * MINUTE,
        spent_externally=45,
        real_spent_externally=45,
        spent_queue=0,
        real_spent_queue=0,
    )
    replied = ticket(metrics, replied_at=DEADLINE + timedelta(days=43, hours=2))
    assert said(replied) == {
        "To reply": f"272h business · 43d 2h {REAL}",
        "To close": "not closed yet · open 44d 2h",
        "Internal": f"2h 30m business · 2d 18h {REAL}",
        "External": f"45s business · 45s {REAL}",
        "In queue": "none so far",
    }
    assert not pending_reply(replied)


def test_a_reply_outside_office_hours_took_no_business_time_and_that_is_shown() -> None:
    # Replied on Saturday, a minute after the customer wrote: 0 is a real 0 here.
    metrics = TimeMetrics(time_to_reply=0, real_time_to_reply=0)
    detail = ticket(metrics, replied_at=CREATED + timedelta(seconds=30))
    assert said(detail) == {"To reply": f"0m business · 0m {REAL}"}


def test_a_closed_ticket_nobody_answered_and_its_time_to_close() -> None:
    metrics = TimeMetrics(
        time_to_reply=0,
        real_time_to_reply=0,
        time_to_close=660 * MINUTE,
        real_time_to_close=91 * HOUR,
    )
    closed = ticket(metrics, status=StatusKind.CLOSED, closed_at=NOW)
    texts = said(closed)
    assert texts["To reply"] == "closed without a reply"
    assert texts["To close"] == f"11h business · 3d 19h {REAL}"
    # A closed ticket is not overdue, however late it was.
    assert not any(counter.overdue for counter in counters(closed, NOW))


def test_a_counter_the_system_does_not_keep_is_left_out() -> None:
    assert counters(ticket(TimeMetrics(spent_queue=HOUR)), NOW) == [
        Counter("In queue", "1h business")
    ]
    assert counters(TicketDetail(TicketSummary(1, "No times")), NOW) == []


def test_aware_and_naive_times_compare() -> None:
    oslo = timezone(timedelta(hours=1))
    deadline = datetime(2026, 10, 8, 7, 0, tzinfo=UTC)
    now = datetime(2026, 11, 20, 10, 0, tzinfo=oslo)  # 09:00 UTC
    assert seconds_between(deadline, now) == 43 * DAY + 2 * HOUR
    detail = ticket(NOTHING_YET, created=None, deadline=deadline)
    assert said(detail, now)["To reply"] == "not replied yet · overdue 43d 2h"
    local = datetime(2026, 11, 20, 9, 0)
    assert seconds_between(local, local.astimezone()) == 0
