"""Seeding is deterministic, reuses an existing database and looks like a real helpdesk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tickettui.systems.keliweb.server import accounts
from tickettui.systems.keliweb.server.seed import REFERENCE_DATE, ensure_seeded, seed_database


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_same_seed_same_data_other_seed_other_data(tmp_path: Path) -> None:
    seed_database(tmp_path / "a.sqlite", tickets=80, seed=11)
    seed_database(tmp_path / "b.sqlite", tickets=80, seed=11)
    seed_database(tmp_path / "c.sqlite", tickets=80, seed=12)
    assert _dump(tmp_path / "a.sqlite") == _dump(tmp_path / "b.sqlite")
    assert _dump(tmp_path / "a.sqlite") != _dump(tmp_path / "c.sqlite")


def test_an_existing_database_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "kw.sqlite"
    first = ensure_seeded(path, tickets=30, seed=3)
    again = ensure_seeded(path, tickets=999, seed=4)
    assert not first.reused and again.reused and again.tickets == 30


def test_seeded_data_is_plausible(tmp_path: Path) -> None:
    path = tmp_path / "kw.sqlite"
    seed_database(path, tickets=300, seed=7)
    conn = sqlite3.connect(path)
    try:

        def one(sql: str) -> int:
            return int(conn.execute(sql, ()).fetchone()[0])

        mine = f"userid = {accounts.DEMO_USER_ID}"
        assert one(f"SELECT COUNT(*) FROM ticket WHERE {mine}") == 300
        assert one("SELECT COUNT(DISTINCT status) FROM ticket") == 7
        assert one("SELECT COUNT(*) FROM ticket WHERE lastreply < date") == 0
        assert one(f"SELECT COUNT(*) FROM ticket WHERE lastreply > '{REFERENCE_DATE}'") == 0
        # lastreply is the date of the last reply, or of the ticket when nobody answered.
        assert (
            one(
                "SELECT COUNT(*) FROM ticket t WHERE merged_ticket_id = 0 AND lastreply != "
                "COALESCE((SELECT MAX(date) FROM reply r WHERE r.tid = t.id), t.date)"
            )
            == 0
        )
        assert (
            one(
                "SELECT COUNT(*) FROM ticket WHERE status = 'Open' AND id IN "
                "(SELECT tid FROM reply)"
            )
            == 0
        )
        assert one("SELECT COUNT(*) FROM reply WHERE admin != ''") > 0
        assert one("SELECT COUNT(*) FROM reply WHERE admin = ''") > 0
        assert one("SELECT MAX(n) FROM (SELECT COUNT(*) n FROM note GROUP BY ticketid)") <= 3
        assert one("SELECT COUNT(*) FROM ticket WHERE message LIKE '%' || char(13, 10) || '%'") > 0
        assert one("SELECT COUNT(*) FROM ticket WHERE merged_ticket_id > 0") > 0
        assert one(f"SELECT COUNT(*) FROM ticket WHERE NOT ({mine})") > 0
    finally:
        conn.close()
