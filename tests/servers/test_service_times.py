"""The local server's time counters, checked against times worked out by hand.

NetServer counts TimeToReply/TimeToClose (minutes) and TimeSpent* (seconds) within the
priority's office hours, and the Real* twins 24x7 (NOTES section 6). Our tenant's priorities
have hours of their own: Low and Medium weekdays 08-16, High weekdays 07-19, Critical every day
06-22. Friday 13 November 2026 is a Friday; Oslo's clocks go forward on Sunday 29 March 2026
and back on Sunday 25 October 2026.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tickettui.servers.threaded import LocalServer, serve_in_thread
from tickettui.systems.superoffice.server.app import API_PREFIX, create_app
from tickettui.systems.superoffice.server.office_hours import (
    STANDARD_HOURS,
    hours_of,
    office_minutes,
    office_seconds,
    wall_minutes,
)
from tickettui.systems.superoffice.server.seed import seed_database
from tickettui.systems.superoffice.server.store import TICKET_COLUMNS

from .conftest import MIN_VALUE, basic

HOST = "127.0.0.1"
LOW, HIGH, CRITICAL = 1, 3, 4
OPEN, WAITING_FOR_CUSTOMER, CLOSED = 1, 6, 2  # TimeCounter Internally, Externally, None
FRIDAY_15 = datetime(2026, 11, 13, 15, 0)
MONDAY_0930 = datetime(2026, 11, 16, 9, 30)
TUESDAY_10 = datetime(2026, 11, 17, 10, 0)


# --- counting, on its own ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("priority", "start", "end", "business", "real"),
    [
        # Fri 15-16 (60) + Mon 08-09:30 (90); 24x7 2d 18h 30m.
        (LOW, FRIDAY_15, MONDAY_0930, 150, 3990),
        # Fri 15-19 (240) + Mon 07-09:30 (150).
        (HIGH, FRIDAY_15, MONDAY_0930, 390, 3990),
        # Fri 15-22 (420) + Sat and Sun 16h each (1920) + Mon 06-09:30 (210).
        (CRITICAL, FRIDAY_15, MONDAY_0930, 2550, 3990),
        # Tue 17:00 to Wed 07:30: the office was closed the whole time.
        (LOW, datetime(2026, 11, 17, 17, 0), datetime(2026, 11, 18, 7, 30), 0, 870),
        # Within one day.
        (LOW, datetime(2026, 11, 17, 9, 15), datetime(2026, 11, 17, 11, 45), 150, 150),
        # Four whole weeks, Monday 08:00 to Monday 08:00: 4 x 5 x 8h.
        (LOW, datetime(2026, 11, 2, 8, 0), datetime(2026, 11, 30, 8, 0), 9600, 40320),
        # Saturday noon to Sunday noon, the night the clocks go forward: 23 hours;
        # Critical: Sat 12-22 (600) + Sun 06-12 (360).
        (CRITICAL, datetime(2026, 3, 28, 12, 0), datetime(2026, 3, 29, 12, 0), 960, 1380),
        # ... and the night they go back: 25 hours.
        (CRITICAL, datetime(2026, 10, 24, 12, 0), datetime(2026, 10, 25, 12, 0), 960, 1500),
        # Not after: nothing.
        (LOW, MONDAY_0930, FRIDAY_15, 0, 0),
    ],
)
def test_minutes_within_the_priority_office_hours_and_24x7(
    priority: int, start: datetime, end: datetime, business: int, real: int
) -> None:
    assert office_minutes(start, end, hours_of(priority)) == business
    assert wall_minutes(start, end) == real


def test_whole_weeks_count_as_the_days_one_by_one() -> None:
    start = datetime(2026, 1, 7, 13, 17, 5)
    for days in range(0, 40):
        end = start + timedelta(days=days, hours=days % 9, minutes=7 * days)
        by_day = 0
        day = start.date()
        while day <= end.date():
            window = STANDARD_HOURS.window(day)
            if window is not None:
                by_day += max(0, int((min(end, window[1]) - max(start, window[0])).total_seconds()))
            day += timedelta(days=1)
        assert office_seconds(start, end, STANDARD_HOURS) == by_day, days


# --- the server, through its API ----------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = FRIDAY_15

    def __call__(self) -> datetime:
        return self.now


@contextmanager
def serving(path: Path, clock: Clock) -> Iterator[httpx.Client]:
    """The server over ``path`` whose "now" is ``clock``, and a client signed in to it."""
    server, thread, port = serve_in_thread(create_app(path, clock=clock), HOST, 0, "SuperOffice")
    base = f"http://{HOST}:{port}{API_PREFIX}"
    with (
        LocalServer(server, thread, HOST, port, path, None, owns_db=False),
        httpx.Client(base_url=base, headers=basic(), timeout=10) as http,
    ):
        yield http


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[httpx.Client, Clock]]:
    path = tmp_path / "so.sqlite"
    seed_database(path, tickets=20, seed=7)
    clock = Clock()
    with serving(path, clock) as http:
        yield http, clock


def _new_ticket(http: httpx.Client, priority: int) -> int:
    saved = http.post(
        "/v1/Ticket",
        json={
            "TicketId": 0,
            "Title": "Printer offline",
            "Priority": {"TicketPriorityId": priority},
        },
    )
    assert saved.status_code == 200, saved.text
    ticket_id = int(saved.json()["TicketId"])
    _message(http, ticket_id, "Internal")  # the opening message is not a reply
    return ticket_id


def _message(http: httpx.Client, ticket_id: int, slevel: str) -> None:
    body = {"Ticket": {"TicketId": ticket_id}, "Body": "On it.", "Slevel": slevel}
    response = http.post("/v1/TicketMessage", json=body)
    assert response.status_code == 200, response.text


def _status(http: httpx.Client, ticket_id: int, status_id: int) -> dict[str, Any]:
    body = {"TicketId": ticket_id, "Status": {"TicketStatusId": status_id}}
    response = http.post("/v1/Ticket", json=body)
    assert response.status_code == 200, response.text
    return dict(response.json())


def _ticket(http: httpx.Client, ticket_id: int) -> dict[str, Any]:
    return dict(http.get(f"/v1/Ticket/{ticket_id}").json())


def test_a_ticket_replied_after_a_weekend_waited_150_office_minutes(
    server: tuple[httpx.Client, Clock],
) -> None:
    http, clock = server
    ticket_id = _new_ticket(http, LOW)
    fresh = _ticket(http, ticket_id)
    assert (fresh["TimeToReply"], fresh["RealTimeToReply"]) == (0, 0)  # not replied yet
    assert fresh["RepliedAt"] == MIN_VALUE

    clock.now = MONDAY_0930
    _message(http, ticket_id, "External")
    replied = _ticket(http, ticket_id)
    assert replied["RepliedAt"] == "2026-11-16T09:30:00"
    assert replied["TimeToReply"] == 150  # minutes: Fri 15-16 and Mon 08-09:30
    assert replied["RealTimeToReply"] == 3990  # 2d 18h 30m

    clock.now = TUESDAY_10
    _message(http, ticket_id, "External")  # a second reply changes nothing
    assert _ticket(http, ticket_id)["TimeToReply"] == 150


def test_a_critical_ticket_counts_its_weekend(server: tuple[httpx.Client, Clock]) -> None:
    http, clock = server
    ticket_id = _new_ticket(http, CRITICAL)
    clock.now = MONDAY_0930
    _message(http, ticket_id, "External")
    replied = _ticket(http, ticket_id)
    assert (replied["TimeToReply"], replied["RealTimeToReply"]) == (2550, 3990)
    priority = replied["Priority"]
    assert (priority["SatStart"], priority["SatStop"]) == (
        "0001-01-01T06:00:00",
        "0001-01-01T22:00:00",
    )


def test_the_priority_shows_its_office_hours(server: tuple[httpx.Client, Clock]) -> None:
    http, _ = server
    low = _ticket(http, _new_ticket(http, LOW))["Priority"]
    assert (low["MonStart"], low["MonStop"]) == ("0001-01-01T08:00:00", "0001-01-01T16:00:00")
    assert (low["SunStart"], low["SunStop"]) == (MIN_VALUE, MIN_VALUE)
    high = _ticket(http, _new_ticket(http, HIGH))["Priority"]
    assert (high["FriStart"], high["FriStop"]) == ("0001-01-01T07:00:00", "0001-01-01T19:00:00")


def test_time_in_each_status_is_counted_when_the_ticket_leaves_it(
    server: tuple[httpx.Client, Clock],
) -> None:
    http, clock = server
    ticket_id = _new_ticket(http, LOW)  # Open (counts as "internally") from Friday 15:00

    clock.now = MONDAY_0930
    _message(http, ticket_id, "External")
    still_open = _ticket(http, ticket_id)
    assert still_open["TimeSpentInternally"] == 0  # the current status is not counted
    waiting = _status(http, ticket_id, WAITING_FOR_CUSTOMER)
    assert waiting["TimeSpentInternally"] == 150 * 60  # seconds, office hours
    assert waiting["RealTimeSpentInternally"] == 3990 * 60
    assert waiting["TimeSpentExternally"] == waiting["RealTimeSpentExternally"] == 0

    clock.now = TUESDAY_10
    closed = _status(http, ticket_id, CLOSED)
    # Mon 09:30-16:00 (390) + Tue 08-10 (120); 24x7 24h 30m.
    assert closed["TimeSpentExternally"] == 510 * 60
    assert closed["RealTimeSpentExternally"] == (24 * 60 + 30) * 60
    assert closed["TimeSpentInternally"] == 150 * 60  # unchanged
    # Fri 15-16 (60) + Mon 8h (480) + Tue 08-10 (120); 24x7 3d 19h.
    assert (closed["TimeToClose"], closed["RealTimeToClose"]) == (660, 91 * 60)
    assert closed["ClosedAt"] == "2026-11-17T10:00:00"
    assert closed["TimeSpentQueue"] == closed["RealTimeSpentQueue"] == 0


def test_a_database_seeded_before_the_status_clock_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    seed_database(path, tickets=5, seed=7)
    with sqlite3.connect(path) as conn:  # as an older version left it: no status_changed_at
        columns = [c for c in TICKET_COLUMNS if c != "status_changed_at"]
        conn.execute(f"CREATE TABLE old AS SELECT {', '.join(columns)} FROM ticket")
        conn.execute("DROP TABLE ticket")
        conn.execute("ALTER TABLE old RENAME TO ticket")
    clock = Clock()
    clock.now = datetime(2026, 11, 20, 12, 0)
    with serving(path, clock) as http:
        before = _ticket(http, 1)
        target = CLOSED if before["BaseStatus"] != "Closed" else OPEN
        after = _status(http, 1, target)
    assert after["Status"]["TicketStatusId"] == target


def test_the_seeded_tickets_count_by_their_priority_hours(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite"
    seed_database(path, tickets=150, seed=7)
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        rows = list(conn.execute("SELECT * FROM ticket"))
    replied = [row for row in rows if row["replied_at"]]
    assert replied and any(row["closed_at"] for row in rows)
    for row in rows:
        created = datetime.fromisoformat(row["created_at"])
        hours = hours_of(row["priority_id"])
        for moment, business, real in (
            (row["replied_at"], row["time_to_reply"], row["real_time_to_reply"]),
            (row["closed_at"], row["time_to_close"], row["real_time_to_close"]),
        ):
            if moment is None:
                assert business == real == 0  # not happened yet
                continue
            end = datetime.fromisoformat(moment)
            assert business == office_minutes(created, end, hours)
            assert real == wall_minutes(created, end)
        changed = datetime.fromisoformat(row["last_changed"])
        spent = ("internally", "externally", "queue")
        assert (
            sum(row[f"real_time_spent_{k}"] for k in spent) <= (changed - created).total_seconds()
        )
        assert sum(row[f"time_spent_{k}"] for k in spent) <= office_seconds(created, changed, hours)
        for k in spent:
            assert 0 <= row[f"time_spent_{k}"] <= row[f"real_time_spent_{k}"]
