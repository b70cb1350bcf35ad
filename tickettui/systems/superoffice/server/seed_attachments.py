"""The demo's extra attachments on the local SuperOffice server: pictures, PDFs, logs, one
20 MB file and the hostile names a customer can send (``../../.bashrc``, control characters,
two files of one name, an empty name, ``..``, a zero-byte file, a wrong content type).

Drawn after everything else from a random stream of their own, onto three fixed tickets, so
every other seeded ticket, message and screen stays exactly as it was. Only names, sizes and
types are stored: ``servers.attachment_bytes`` makes the bytes when a client downloads them.
"""

from __future__ import annotations

import json
import random
import sqlite3

from tickettui.servers.attachment_bytes import actual_size
from tickettui.systems.superoffice.server.attachment_routes import FIRST_ID, create_table

__all__ = ["BIG_FILE_SIZE", "DEMO_TICKETS", "write_demo_attachments"]

BIG_FILE_SIZE = 20 * 1024 * 1024
PICTURES_TICKET, BIG_TICKET, HOSTILE_TICKET = 20, 37, 55
DEMO_TICKETS = (PICTURES_TICKET, BIG_TICKET, HOSTILE_TICKET)

# (name, content type, size or None to draw one)
FILES: dict[int, list[tuple[str, str, int | None]]] = {
    PICTURES_TICKET: [
        ("login-error.png", "image/png", None),
        ("quote-2026-118.pdf", "application/pdf", None),
        ("server.log", "text/plain", None),
    ],
    BIG_TICKET: [("database-dump.tar.gz", "application/gzip", BIG_FILE_SIZE)],
    HOSTILE_TICKET: [
        ("../../.bashrc", "text/plain", 220),
        ("/etc/passwd", "text/plain", 310),
        ("invoice\x1b[31mRED\x1b[0m\u202egpj.exe", "application/octet-stream", 4_000),
        ("report.txt", "text/plain", 1_200),
        ("report.txt", "text/plain", 1_300),
        ("", "application/pdf", 2_048),
        ("..", "text/plain", 64),
        ("empty.txt", "text/plain", 0),
        ("photo.jpg", "text/html", 5_000),
    ],
}


def write_demo_attachments(conn: sqlite3.Connection, seed: int) -> int:
    """Add the demo files to the first message of each demo ticket that exists; how many."""
    create_table(conn)
    rng = random.Random(f"attachments-{seed}")  # a stream of their own
    next_id = FIRST_ID
    added = 0
    for ticket_id, files in FILES.items():
        found = conn.execute(
            "SELECT message_id, attachments_json FROM message WHERE ticket_id = ? "
            "ORDER BY created_at, message_id LIMIT 1",
            (ticket_id,),
        ).fetchone()
        if found is None:
            continue  # a small seed without this ticket
        message_id, existing = found
        items = json.loads(existing or "[]")
        for name, content_type, size in files:
            next_id += 1
            key = f"so-{next_id}"
            wanted = size if size is not None else rng.randrange(3_000, 250_000)
            wanted = actual_size(name, wanted, key)
            entity = {
                "AttachmentId": next_id,
                "Name": name,
                "ContentType": content_type,
                "AttSize": wanted,
                "InlineImage": False,
                "ContentId": "",
                "AuthKey": f"k{next_id:08x}",
            }
            conn.execute(
                "INSERT INTO attachment VALUES (?, ?, ?, ?, 0, '', ?, NULL)",
                (next_id, name, content_type, wanted, entity["AuthKey"]),
            )
            items.append({**entity, "IsSafeFileExtension": True})
            added += 1
        conn.execute(
            "UPDATE message SET attachments_json = ? WHERE message_id = ?",
            (json.dumps(items), message_id),
        )
        conn.execute("UPDATE ticket SET has_attachment = 1 WHERE ticket_id = ?", (ticket_id,))
    return added
