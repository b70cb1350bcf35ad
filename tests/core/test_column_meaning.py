"""Columns sort by what their values mean (issue 19): priorities in the system's own order,
statuses by base status then name, dates as dates, numbers as numbers; and a high or critical
priority stands out, by colour or, without colour, by a glyph."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tickettui.core.column_keys import PriorityLevel, priority_emphasis, priority_level
from tickettui.core.columns import COLUMNS, build_registry, resolve_columns, sort_tickets
from tickettui.core.domain import StatusKind, TicketSummary

RANKS = {"Low": 1, "Medium": 2, "High": 3, "Critical": 4}


def ticket(id: int, **fields: object) -> TicketSummary:
    return TicketSummary(id=id, title=f"Ticket {id}", **fields)  # type: ignore[arg-type]


def ranked(id: int, priority: str) -> TicketSummary:
    return ticket(id, priority=priority, priority_rank=RANKS.get(priority))


def shown(tickets: list[TicketSummary], key: str, reverse: bool = False) -> list[str]:
    order = sort_tickets(tickets, COLUMNS[key], reverse=reverse)
    return [getattr(tickets[i], key) for i in order]


def test_priorities_sort_in_the_systems_order_not_alphabetically() -> None:
    tickets = [ranked(i, p) for i, p in enumerate(["Critical", "High", "Low", "Medium", ""])]
    assert shown(tickets, "priority") == ["Low", "Medium", "High", "Critical", ""]
    assert shown(tickets, "priority", reverse=True) == ["Critical", "High", "Medium", "Low", ""]


def test_a_priority_without_rank_goes_after_the_ranked_ones_by_name() -> None:
    tickets = [ranked(1, "High"), ticket(2, priority="Zeta"), ticket(3, priority="Alpha")]
    tickets.append(ranked(4, "Low"))
    assert shown(tickets, "priority") == ["Low", "High", "Alpha", "Zeta"]


def test_statuses_sort_by_base_status_then_name() -> None:
    tickets = [
        ticket(1, status="Closed", status_kind=StatusKind.CLOSED),
        ticket(2, status="Waiting for customer", status_kind=StatusKind.POSTPONED),
        ticket(3, status="Open", status_kind=StatusKind.ACTIVE),
        ticket(4, status="In progress", status_kind=StatusKind.ACTIVE),
        ticket(5, status="Archived", status_kind=StatusKind.OTHER),
        ticket(6, status=""),
    ]
    assert shown(tickets, "status") == [
        "In progress",
        "Open",
        "Waiting for customer",
        "Closed",
        "Archived",
        "",
    ]


def test_dates_sort_as_moments_whatever_their_zone() -> None:
    oslo = timezone(timedelta(hours=1))
    early = ticket(1, created=datetime(2026, 12, 4, 9, 30, tzinfo=oslo))  # 08:30 UTC
    late = ticket(2, created=datetime(2026, 12, 4, 9, 0, tzinfo=UTC))
    none = ticket(3)
    order = sort_tickets([late, none, early], COLUMNS["created"])
    assert [[late, none, early][i].id for i in order] == [1, 2, 3]


def test_numbers_sort_as_numbers() -> None:
    tickets = [ticket(10), ticket(9), ticket(100), ticket(5, number="T-5")]
    order = sort_tickets(tickets, COLUMNS["id"])
    assert [tickets[i].display_number for i in order] == ["T-5", "9", "10", "100"]


@pytest.mark.parametrize(
    ("name", "level"),
    [
        ("Critical", PriorityLevel.CRITICAL),
        ("URGENT", PriorityLevel.CRITICAL),
        ("1 - Critical", PriorityLevel.CRITICAL),
        ("High", PriorityLevel.HIGH),
        ("Very high", PriorityLevel.HIGH),
        ("Høy", PriorityLevel.HIGH),
        ("Medium", None),
        ("Low", None),
        ("Highlands", None),
        ("", None),
    ],
)
def test_which_priorities_stand_out(name: str, level: PriorityLevel | None) -> None:
    assert priority_level(ticket(1, priority=name)) is level


def test_a_closed_tickets_priority_does_not_stand_out() -> None:
    assert priority_emphasis(ticket(1, priority="Critical")) is PriorityLevel.CRITICAL
    closed = ticket(1, priority="Critical", status_kind=StatusKind.CLOSED)
    assert priority_emphasis(closed) is None


def test_without_colour_a_glyph_marks_high_and_critical() -> None:
    plain = build_registry(no_color=True)["priority"]
    assert plain.text(ticket(1, priority="Critical")) == "‼ Critical"
    assert plain.text(ticket(1, priority="High")) == "! High"
    assert plain.text(ticket(1, priority="Low")) == "Low"
    # With colour, the cell is the name alone (the colour marks it).
    assert COLUMNS["priority"].text(ticket(1, priority="Critical")) == "Critical"
    (column,) = resolve_columns(["priority"], no_color=True)
    assert column.text(ticket(1, priority="High")) == "! High"
