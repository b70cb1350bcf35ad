"""The disk cache: what goes in comes out, only its owner can read it, damage is shrugged off."""

from __future__ import annotations

import logging
import sqlite3
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tickettui.cache import TicketCache, cache_dir, server_identity
from tickettui.cache.store import section_key
from tickettui.core.domain import (
    ReadStatus,
    StatusKind,
    TicketDetail,
    TicketSummary,
    TimeMetrics,
)

COLUMNS = ["read", "id", "title", "status", "owner", "last_changed"]
KEY = section_key("my-open", "status equals 1", "")


def summaries(count: int) -> list[TicketSummary]:
    base = datetime(2025, 11, 20, 9, 30, tzinfo=UTC)
    return [
        TicketSummary(
            id=i,
            title=f"Printer {i} ✓ «quoted»",
            status="Open" if i % 3 else "Closed",
            status_kind=StatusKind.ACTIVE if i % 3 else StatusKind.CLOSED,
            status_colour="#ff0000" if i % 2 else None,
            priority=("Low", "High", "")[i % 3],
            category="Support/Printers",
            owner=("Anna Berg", "")[i % 2],
            customer=f"Person {i} (Acme)",
            created=base - timedelta(days=i),
            last_changed=(base + timedelta(minutes=i)).replace(tzinfo=UTC) if i % 2 else None,
            deadline=None if i % 4 else base.replace(tzinfo=timezone(timedelta(hours=2))),
            read_status=list(ReadStatus)[i % 4],
            number="" if i % 5 else f"T-{i}",
        )
        for i in range(1, count + 1)
    ]


def detail() -> TicketDetail:
    return TicketDetail(
        summary=summaries(1)[0],
        person="Ola Nordmann",
        contact="Acme AS",
        email="ola@example.com",
        origin="Email",
        tags=("vip", "printer"),
        sale="",
        project="Roll-out",
        security_level="External",
        closed_at=None,
        postponed_until=datetime(2025, 12, 1, 8, 0, tzinfo=UTC),
        replied_at=datetime(2025, 11, 21, 10, 0, tzinfo=UTC),
        message_count=4,
        metrics=TimeMetrics(
            time_to_reply=600, alert_level=2, alert_timeout=datetime(2025, 11, 22, tzinfo=UTC)
        ),
        extra={"Flag": "red"},
    )


@pytest.fixture()
def cache(tmp_path: Path) -> TicketCache:
    return TicketCache.for_server("https://example.com/Cust1/api", "agent", directory=tmp_path)


def test_a_section_comes_back_exactly_as_stored(cache: TicketCache) -> None:
    tickets = summaries(500)
    cache.save_section(KEY, COLUMNS, tickets)
    assert cache.load_section(KEY, COLUMNS) == tickets


def test_an_empty_section_is_a_hit_not_a_miss(cache: TicketCache) -> None:
    cache.save_section(KEY, COLUMNS, [])
    assert cache.load_section(KEY, COLUMNS) == []


def test_a_section_stored_with_fewer_columns_is_a_miss(cache: TicketCache) -> None:
    cache.save_section(KEY, ["id", "title"], summaries(3))
    assert cache.load_section(KEY, ["id", "title", "owner"]) is None
    assert cache.load_section(KEY, ["title"]) == summaries(3)


def test_a_detail_comes_back_exactly_as_stored_and_can_be_forgotten(cache: TicketCache) -> None:
    cache.save_details([detail()])
    assert cache.load_detail(1) == detail()
    cache.forget_detail(1)
    assert cache.load_detail(1) is None


def test_the_cache_survives_a_restart(tmp_path: Path) -> None:
    first = TicketCache.for_server("https://example.com/api", "agent", directory=tmp_path)
    first.save_section(KEY, COLUMNS, summaries(10))
    first.close()
    again = TicketCache.for_server("https://example.com/api", "agent", directory=tmp_path)
    assert again.load_section(KEY, COLUMNS) == summaries(10)


def test_only_the_owner_can_read_the_file(cache: TicketCache) -> None:
    cache.save_section(KEY, COLUMNS, summaries(10))
    for path in [cache.path, *cache.path.parent.glob(cache.path.name + "-*")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_each_server_and_user_has_its_own_file_named_by_a_hash(tmp_path: Path) -> None:
    a = TicketCache.for_server("https://a.example/api", "anna", directory=tmp_path)
    b = TicketCache.for_server("https://a.example/api", "bo", directory=tmp_path)
    a.save_section(KEY, COLUMNS, summaries(2))
    assert b.load_section(KEY, COLUMNS) is None
    assert "anna" not in a.path.name and "example" not in a.path.name
    assert server_identity("https://a.example/api/", "Anna") == server_identity(
        "https://a.example/api", "anna"
    )


def test_the_cache_dir_can_be_moved_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TICKETTUI_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert cache_dir() == tmp_path / "elsewhere"


def test_a_corrupt_file_is_discarded_with_one_debug_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "tickets-x.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.DEBUG, logger="tickettui.cache"):
        cache = TicketCache(path)
    assert cache.enabled
    assert cache.load_section(KEY, COLUMNS) is None
    cache.save_section(KEY, COLUMNS, summaries(3))
    assert cache.load_section(KEY, COLUMNS) == summaries(3)
    assert len([r for r in caplog.records if r.name == "tickettui.cache"]) == 1


def test_a_cache_from_another_version_is_discarded(tmp_path: Path) -> None:
    path = tmp_path / "tickets-x.sqlite"
    old = TicketCache(path)
    old.save_section(KEY, COLUMNS, summaries(3))
    old.close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'schema'")
    conn.close()
    assert TicketCache(path).load_section(KEY, COLUMNS) is None


def test_a_damaged_entry_is_a_miss_and_is_dropped(cache: TicketCache) -> None:
    cache.save_section(KEY, COLUMNS, summaries(3))
    cache.save_details([detail()])
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE sections SET blob = ?", (b'{"format": 1, "count": 3}',))
        conn.execute("UPDATE details SET blob = ?", (b'{"format": 999}',))
    conn.close()
    assert cache.load_section(KEY, COLUMNS) is None
    assert cache.load_detail(1) is None
    assert cache.load_section(KEY, COLUMNS) is None  # gone, not failing again


def test_a_file_that_cannot_be_created_disables_the_cache_without_crashing(
    tmp_path: Path,
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    cache = TicketCache(blocker / "tickets.sqlite")
    assert not cache.enabled
    cache.save_section(KEY, COLUMNS, summaries(1))
    assert cache.load_section(KEY, COLUMNS) is None
    assert cache.load_detail(1) is None
