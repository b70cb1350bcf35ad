"""The demo's extra attachments on the local Keliweb server: a picture, a PDF and a log, a
20 MB file, and the awkward names WHMCS can still store (``..``, two files of one name, a
zero-byte file, a name with a wrong type).

They go onto the opening messages of the demo customer's first three seeded tickets
that already carry a file (never the one the screenshots show), drawn from a random stream
of their own after everything else: every other ticket, reply and note stays exactly as
seeded. Only names and sizes are stored; the bytes are made on demand
(``servers.attachment_bytes``).
"""

from __future__ import annotations

import random
import sqlite3
import string

from tickettui.systems.keliweb.server import accounts
from tickettui.systems.keliweb.server.attachments import create_table

__all__ = ["BIG_FILE_SIZE", "write_demo_attachments"]

BIG_FILE_SIZE = 20 * 1024 * 1024
KEPT_AS_SEEDED = frozenset({40287})  # the screenshots' ticket (tests/ui/test_snapshots_*)
FILES: list[list[tuple[str, int | None]]] = [
    [("login-error.png", None), ("quote-2026-118.pdf", None), ("server.log", None)],
    [("database-dump.tar.gz", BIG_FILE_SIZE)],
    [
        ("..", 64),
        ("report.txt", 1_200),
        ("report.txt", 1_300),
        ("empty.txt", 0),
        ("photo.jpg", 5_000),
    ],
]


def write_demo_attachments(conn: sqlite3.Connection, seed: int) -> int:
    create_table(conn)
    rng = random.Random(f"attachments-{seed}")  # a stream of their own
    rows = conn.execute(
        "SELECT id, attachment FROM ticket WHERE attachment != '' AND userid = ? "
        "AND merged_ticket_id = 0 ORDER BY id",
        (accounts.DEMO_USER_ID,),
    ).fetchall()
    targets = [row for row in rows if row[0] not in KEPT_AS_SEEDED][: len(FILES)]
    added = 0
    for (ticket_id, existing), files in zip(targets, FILES, strict=False):
        names = [part for part in existing.split("|") if part]
        for name, size in files:
            prefix = "".join(rng.choices(string.ascii_letters + string.digits, k=6))
            wanted = size if size is not None else rng.randrange(3_000, 250_000)
            conn.execute(
                "INSERT INTO attachment_file VALUES ('ticket', ?, ?, ?, NULL)",
                (ticket_id, len(names), wanted),
            )
            names.append(f"{prefix}_{name}")
            added += 1
        conn.execute("UPDATE ticket SET attachment = ? WHERE id = ?", ("|".join(names), ticket_id))
    return added
