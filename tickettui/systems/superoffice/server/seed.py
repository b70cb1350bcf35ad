"""Deterministic demo data: same (tickets, seed) -> byte-identical rows.

Every date is derived from the fixed REFERENCE_DATE rather than the wall clock, so
tests can assert on seeded values. Rows are built as tuples and bulk-inserted in a
single transaction; indexes are created afterwards (100k tickets in a few seconds).

This module is the entry point; the parts are seed_catalogue (the fixed tenant),
seed_reference (companies, people, lists, sales, projects), seed_tickets and
seed_messages, sharing one SeedState (the random stream and what was drawn).
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from tickettui.servers.seeding import bulk_seed, reused_count
from tickettui.systems.superoffice.server.seed_attachments import write_demo_attachments
from tickettui.systems.superoffice.server.seed_catalogue import REFERENCE_DATE
from tickettui.systems.superoffice.server.seed_reference import write_reference_data
from tickettui.systems.superoffice.server.seed_state import SeedState
from tickettui.systems.superoffice.server.seed_tickets import write_tickets
from tickettui.systems.superoffice.server.store import create_indexes, create_schema, is_seeded

__all__ = ["REFERENCE_DATE", "SeedResult", "ensure_seeded", "seed_database"]


@dataclass(frozen=True)
class SeedResult:
    tickets: int
    messages: int
    seconds: float
    reused: bool = False


def ensure_seeded(path: Path, *, tickets: int = 200, seed: int = 7) -> SeedResult:
    """Seed ``path`` unless it already holds a seeded database (then reuse it)."""
    count = reused_count(path, is_seeded, "SELECT COUNT(*) FROM ticket")
    if count is not None:
        return SeedResult(tickets=count, messages=0, seconds=0.0, reused=True)
    return seed_database(path, tickets=tickets, seed=seed)


def seed_database(path: Path, *, tickets: int = 200, seed: int = 7) -> SeedResult:
    def write(conn: sqlite3.Connection) -> int:
        # Reference data first: the tickets draw from it, and from the same stream after it.
        state = SeedState(random.Random(seed), seed)
        write_reference_data(conn, state)
        written = write_tickets(conn, state, tickets)
        write_demo_attachments(conn, seed)  # a stream of their own: the rest stays as it was
        return written

    messages, seconds = bulk_seed(
        path,
        tickets=tickets,
        seed=seed,
        create_schema=create_schema,
        write=write,
        after_commit=create_indexes,
    )
    return SeedResult(tickets=tickets, messages=messages, seconds=seconds)


def main() -> None:
    """``python -m tickettui.systems.superoffice.server.seed DB [TICKETS] [SEED]`` prints timing."""
    import sys

    path = Path(sys.argv[1])
    tickets = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    if path.exists():
        path.unlink()
    result = seed_database(path, tickets=tickets, seed=seed)
    print(f"seeded {result.tickets} tickets, {result.messages} messages in {result.seconds:.1f}s")


if __name__ == "__main__":
    main()
