"""Times have a zone (issue 19): the domain's are aware, screens show them in the display zone
(the agent's local one unless the profile names another), typed times are read in it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from tickettui.core import zones
from tickettui.core.columns import format_when
from tickettui.core.date_input import format_user_datetime, parse_user_datetime

OSLO = ZoneInfo("Europe/Oslo")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's zone is UTC, and the display zone is set back to local after each test."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    zones.set_display_zone(zones.LOCAL)
    monkeypatch.undo()
    time.tzset()


def test_local_by_default_and_any_named_zone() -> None:
    moment = datetime(2026, 12, 4, 1, 34, 45, tzinfo=UTC)
    assert zones.display_zone() is None
    assert zones.shown(moment).hour == 1 and zones.zone_label() == "local (UTC)"
    zones.set_display_zone("Europe/Oslo")
    assert zones.shown(moment) == moment and zones.shown(moment).hour == 2
    assert zones.zone_label(moment) == "Europe/Oslo (CET)"
    assert zones.zone_label(datetime(2026, 7, 1, tzinfo=UTC)) == "Europe/Oslo (CEST)"
    zones.set_display_zone("utc")
    assert zones.zone_label() == "UTC"
    zones.set_display_zone("local")
    assert zones.display_zone() is None


@pytest.mark.parametrize("name", ["Mars/Olympus", "CET+1", "../etc/passwd"])
def test_an_unknown_zone_is_refused_by_name(name: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        zones.check_zone(name)


def test_naive_times_from_a_system_are_made_aware_in_its_zone() -> None:
    naive = datetime(2026, 12, 4, 10, 0)
    assert zones.aware(naive, OSLO) == datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    tagged = datetime(2026, 12, 4, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert zones.aware(tagged, OSLO) is tagged
    assert zones.as_aware(naive).tzinfo is not None  # a cached one was local time


def test_typed_times_are_read_and_shown_in_the_display_zone() -> None:
    zones.set_display_zone("America/New_York")
    now = zones.now()
    assert now.tzinfo is not None
    typed = parse_user_datetime("2026-12-01 14:00", now)
    assert typed == datetime(2026, 12, 1, 19, 0, tzinfo=UTC)
    assert parse_user_datetime("tomorrow 9:00", now).tzinfo is now.tzinfo  # type: ignore[union-attr]
    assert format_user_datetime(datetime(2026, 12, 1, 19, 0, tzinfo=UTC)) == "2026-12-01 14:00"
    # An untouched value shows as it was typed, so it reads back as the same moment.
    assert parse_user_datetime(format_user_datetime(typed), now) == typed


def test_queue_dates_are_shown_in_the_display_zone() -> None:
    late = datetime(2026, 12, 4, 23, 30, tzinfo=UTC)  # already the 5th in Oslo
    now = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
    assert format_when(late, now) == "Dec  4"
    zones.set_display_zone("Europe/Oslo")
    assert format_when(late, now) == "00:30"
