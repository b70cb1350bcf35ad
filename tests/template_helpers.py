"""What the reply-template tests share: a seeded SuperOffice ticket whose customer is (or is not)
in Norway, and a folder of the agent's own template files."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

__all__ = ["NORWAY", "ticket_with_customer_in", "write_local"]

NORWAY = 578  # the seed's country id for Norway: its customers get Norwegian templates


def ticket_with_customer_in(server: Any, *, norway: bool) -> tuple[int, str]:
    """A seeded ticket whose customer's company is (or is not) in Norway, and the first name."""
    with sqlite3.connect(server.db_path) as conn:
        row = conn.execute(
            "SELECT t.ticket_id, p.firstname FROM ticket t"
            " JOIN person p ON p.person_id = t.person_id"
            " JOIN contact c ON c.contact_id = p.contact_id"
            f" WHERE c.country_id {'=' if norway else '!='} ? ORDER BY t.ticket_id LIMIT 1",
            (NORWAY,),
        ).fetchone()
    return int(row[0]), str(row[1])


def write_local(folder: Path, files: dict[str, str] | None = None) -> Path:
    """``folder`` with the agent's template files (by default one: "Thanks")."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        files or {"thanks.txt": "Title: Thanks\n\nThanks {customer}, ticket {number}.\n"}
    ).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
