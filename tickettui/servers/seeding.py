"""What both local servers' seeds share: reusing a seeded database, and bulk-loading a new one.

Each system brings its own schema and generator; the loading discipline (one transaction,
WAL without fsync, the seed recorded in ``meta``, statistics at the end) is the same.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["bulk_seed", "reused_count"]


def reused_count(
    path: Path, is_seeded: Callable[[sqlite3.Connection], bool], count_sql: str, *args: object
) -> int | None:
    """How many tickets an already seeded database at ``path`` holds; None: seed it."""
    if not path.exists():
        return None
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(count_sql, args).fetchone()[0]) if is_seeded(conn) else None
    finally:
        conn.close()


def bulk_seed(
    path: Path,
    *,
    tickets: int,
    seed: int,
    create_schema: Callable[[sqlite3.Connection], None],
    write: Callable[[sqlite3.Connection], int],
    after_commit: Callable[[sqlite3.Connection], None] | None = None,
) -> tuple[int, float]:
    """Create the schema and ``write`` the data in one transaction; (what write returned,
    seconds taken). ``after_commit`` runs before ANALYZE (indexes build faster on full tables).
    """
    started = time.perf_counter()
    if not path.exists():
        # A WAL left behind by a deleted database must not be replayed into the new one.
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # Bulk-load settings: the file is rebuilt from the seed if a crash interrupts us.
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=OFF")
        create_schema(conn)
        conn.execute("BEGIN")
        written = write(conn)
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('seeded', ?)",
            (json.dumps({"tickets": tickets, "seed": seed}),),
        )
        conn.execute("COMMIT")
        if after_commit is not None:
            after_commit(conn)
        conn.execute("ANALYZE")
    finally:
        conn.close()
    return written, time.perf_counter() - started
