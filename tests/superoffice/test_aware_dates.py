"""SuperOffice times are aware from the system boundary on (issue 19): the client asks for
offsets (SO-TimeZone: UTC, includeTZOffset, or the profile's zone with includeTZOffset), so a
ticket's times are the same moments the tenant stored in its own zone (the local server's is
Europe/Oslo); a date a server sends without an offset anyway is in the zone asked for."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.conftest import demo_settings
from tickettui.core.columns import DEFAULT_COLUMNS
from tickettui.core.edit_session import EditSession
from tickettui.systems.superoffice.backend import SuperOfficeBackend
from tickettui.systems.superoffice.client import SuperOfficeClient
from tickettui.systems.superoffice.dates import timezone_header, wire_zone
from tickettui.systems.superoffice.mapping import summary_from_columns
from tickettui.systems.superoffice.sections import DEFAULT_SECTIONS
from tickettui.systems.superoffice.server import accounts

TENANT = ZoneInfo("Europe/Oslo")  # the local server's tenant zone
ALL_ACTIVE = next(s for s in DEFAULT_SECTIONS if s.key == "all-active")


def stored(server: Any, ticket_id: int) -> dict[str, Any]:
    """The entity as a client that asks for no zone gets it: the tenant's own wall clock."""
    auth = (accounts.DEMO_USER, accounts.DEMO_PASSWORD)
    data: dict[str, Any] = httpx.get(f"{server.base_url}/v1/Ticket/{ticket_id}", auth=auth).json()
    return data


def tenant_time(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TENANT)


async def test_list_and_detail_times_are_the_tenants_moments(so_server: Any) -> None:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(so_server)))
    try:
        tickets = await backend.list_tickets(ALL_ACTIVE, (*DEFAULT_COLUMNS, "created"))
        detail = await backend.ticket(tickets[0].id)
        thread = await backend.messages(tickets[0].id)
    finally:
        await backend.aclose()
    dates = [d for t in tickets for d in (t.created, t.last_changed, t.deadline) if d]
    assert dates and all(d.tzinfo is not None for d in dates)
    raw = stored(so_server, tickets[0].id)
    assert tickets[0].created == tenant_time(raw["CreatedAt"])
    assert detail.summary.last_changed == tenant_time(raw["LastChanged"])
    assert detail.summary.deadline == tenant_time(raw["Deadline"])
    assert all(m.created is not None and m.created.tzinfo is not None for m in thread)


async def test_a_profiles_own_zone_gives_the_same_moments(so_server: Any) -> None:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(so_server, timezone="US-NY")))
    try:
        detail = await backend.ticket(7)
    finally:
        await backend.aclose()
    assert detail.summary.created == tenant_time(stored(so_server, 7)["CreatedAt"])
    assert detail.summary.created.utcoffset() is not None  # type: ignore[union-attr]


async def test_a_deadline_typed_in_another_zone_lands_as_that_moment(
    fresh_so_server: Any,
) -> None:
    backend = SuperOfficeBackend(SuperOfficeClient(demo_settings(fresh_so_server)))
    new_york = ZoneInfo("America/New_York")
    try:
        form = await backend.edit_form(7)
        session = EditSession(form, drafts=None, now=lambda: datetime.now(new_york))  # type: ignore[arg-type]
        deadline = session.value(form.spec("deadline"), "2027-01-15 09:00")
        assert deadline == datetime(2027, 1, 15, 14, 0, tzinfo=UTC)
        form.values["deadline"] = deadline
        result = await backend.save(form)
        again = await backend.edit_form(7)
    finally:
        await backend.aclose()
    assert result.saved
    assert again.base["deadline"] == deadline
    assert stored(fresh_so_server, 7)["Deadline"] == "2027-01-15T15:00:00"  # Oslo's wall clock


def test_the_header_always_asks_for_offsets() -> None:
    assert timezone_header(None) == "UTC, includeTZOffset"
    assert timezone_header("NO") == "NO, includeTZOffset"
    assert timezone_header("Europe/Oslo, includeTZOffset") == "Europe/Oslo, includeTZOffset"
    assert wire_zone(None) is UTC and wire_zone("NO") == TENANT
    assert wire_zone("261") is UTC  # a numeric zone id we cannot name: taken as UTC


def test_a_date_sent_without_an_offset_is_in_the_zone_asked_for() -> None:
    row = {"title": "t", "createdAt": "2026-12-04T01:34:45", "lastChanged": "2026-12-04T01:34:45Z"}
    oslo = summary_from_columns(1, row, TENANT)
    assert oslo.created == datetime(2026, 12, 4, 0, 34, 45, tzinfo=UTC)
    assert oslo.last_changed == datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC)
    assert summary_from_columns(1, row).created == datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC)
