"""Seeding is deterministic and reuses an existing database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tickettui.systems.superoffice.server.seed import ensure_seeded, seed_database


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    seed_database(tmp_path / "a.sqlite", tickets=60, seed=11)
    seed_database(tmp_path / "b.sqlite", tickets=60, seed=11)
    seed_database(tmp_path / "c.sqlite", tickets=60, seed=12)
    assert _dump(tmp_path / "a.sqlite") == _dump(tmp_path / "b.sqlite")
    assert _dump(tmp_path / "a.sqlite") != _dump(tmp_path / "c.sqlite")


def test_an_existing_database_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite"
    first = ensure_seeded(path, tickets=30, seed=3)
    again = ensure_seeded(path, tickets=999, seed=4)
    assert not first.reused and again.reused and again.tickets == 30


def test_seeded_data_is_plausible(tmp_path: Path) -> None:
    path = tmp_path / "so.sqlite"
    seed_database(path, tickets=300, seed=7)
    conn = sqlite3.connect(path)
    try:

        def one(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        assert one("SELECT COUNT(*) FROM ticket") == 300
        assert one("SELECT MIN(num_messages) FROM ticket") >= 1
        assert one("SELECT COUNT(*) FROM ticket WHERE owned_by = 0") > 0
        assert one("SELECT COUNT(*) FROM ticket WHERE base_status = 3 AND activate IS NULL") == 0
        assert one("SELECT COUNT(*) FROM ticket WHERE base_status = 2 AND closed_at IS NULL") == 0
        assert one("SELECT COUNT(*) FROM ticket WHERE created_at > '2026-11-20T09:00:00'") == 0
        assert one("SELECT COUNT(*) FROM message WHERE slevel = 1") > 0
        assert one("SELECT COUNT(*) FROM message WHERE html_body LIKE '%<script>%'") > 0
        assert one("SELECT SUM(num_messages) FROM ticket") == one("SELECT COUNT(*) FROM message")
    finally:
        conn.close()
