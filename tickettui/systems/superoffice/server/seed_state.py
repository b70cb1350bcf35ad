"""What one seeding run carries from writer to writer: its random stream, the records the
reference data drew (which tickets then refer to), and the bulk insert they all use.

The writers must draw from ``rng`` in a fixed order: the same seed gives the same database.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

# A customer as tickets use them: (person id, first name, full name, email, contact id).
CustomerPerson = tuple[int, str, str, str, int]


@dataclass
class SeedState:
    rng: random.Random
    seed: int  # also written into every seeded Message-ID
    customer_persons: list[CustomerPerson] = field(default_factory=list)
    contact_names: dict[int, str] = field(default_factory=dict)
    contact_persons: dict[int, list[int]] = field(default_factory=dict)  # contact -> person ids
    sale_ids: list[int] = field(default_factory=list)
    project_ids: list[int] = field(default_factory=list)


def insert_rows(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    if rows:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"  # noqa: S608
        conn.executemany(sql, rows)
